from django.urls import path

from . import views

app_name = "publications"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/<slug:language>.pdf", views.download, name="download"),
]
