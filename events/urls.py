from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="upcoming"),
    path("past/", views.EventArchiveView.as_view(), name="archive"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
