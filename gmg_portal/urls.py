from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.my_settings import my_settings_view

from .health import healthz
from .sitemaps import SITEMAPS
from .views import HomeView, SearchView, robots_txt

handler500 = "gmg_portal.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("members/", include("agencies.urls")),
    path("", include("themes.urls")),
    path("events/", include("events.urls")),
    path("publications/", include("publications.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path(f"{settings.ADMIN_URL}my-settings/", my_settings_view, name="my_settings"),  # before the admin's catch-all
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:  # in production the web server serves uploaded files (README)
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
