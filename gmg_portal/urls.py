from django.contrib import admin
from django.urls import include, path

from .views import HomeView

admin.site.site_header = "GMG Portal administration"
admin.site.site_title = "GMG Portal"
admin.site.index_title = "Content of the Global Migration Group"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("members/", include("agencies.urls")),
    path("", include("themes.urls")),
    path("events/", include("events.urls")),
    path("admin/", admin.site.urls),
]
