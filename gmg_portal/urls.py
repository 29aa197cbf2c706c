from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularSwaggerSplitView

from core.my_settings import my_settings_view

from .api.views import SchemaView
from .health import healthz
from .sitemaps import SITEMAPS
from .views import HomeView, SearchView, robots_txt

handler404 = "gmg_portal.views.not_found"
handler500 = "gmg_portal.views.server_error"

# Machine addresses and the admin stay where they are; the admin follows each staff member's language
# (gmg_portal/languages.py).
urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path(f"{settings.ADMIN_URL}my-settings/", my_settings_view, name="my_settings"),  # before the admin's catch-all
    # The admin scripts' own words in the staff member's language (locale/<lang>/LC_MESSAGES/djangojs.po).
    path(f"{settings.ADMIN_URL}portal-jsi18n/", JavaScriptCatalog.as_view(packages=["core"]), name="portal_jsi18n"),
    path(settings.ADMIN_URL, admin.site.urls),
    # The API's schema and its documentation, one for its six languages (each path has the language in it).
    path("api/v1/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
# Every public page, feed and calendar has its language in the address, English's too (/en/): the page cache
# is keyed by address, so no visitor is ever served another's language. An address without a language
# redirects to the visitor's (gmg_portal.languages.PortalLocaleMiddleware).
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("members/", include("agencies.urls")),
    path("", include("themes.urls")),
    path("events/", include("events.urls")),
    path("publications/", include("publications.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("api/", include("gmg_portal.api.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:  # in production the web server serves uploaded files (README)
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
