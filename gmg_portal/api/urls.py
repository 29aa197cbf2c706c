"""/<language>/api/v1/…: the API's addresses, under the language as every public address is (gmg_portal/urls.py)."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("members", views.AgencyViewSet, basename="member")
router.register("chairmanships", views.ChairmanshipViewSet, basename="chairmanship")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("events", views.EventViewSet, basename="event")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("sources", views.SourceViewSet, basename="source")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
