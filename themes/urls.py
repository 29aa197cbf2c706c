from django.urls import path

from . import views

app_name = "themes"
urlpatterns = [
    path("chairmanships/", views.ChairmanshipListView.as_view(), name="chairmanships"),
    path("chairmanships/<slug:slug>/", views.ChairmanshipDetailView.as_view(), name="chairmanship"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
]
