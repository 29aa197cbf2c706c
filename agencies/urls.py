from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("", views.AgencyListView.as_view(), name="list"),
    path("<slug:slug>/", views.AgencyDetailView.as_view(), name="detail"),
]
