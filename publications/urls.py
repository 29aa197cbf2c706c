from django.urls import path

from . import feeds, views

app_name = "publications"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("feeds/new.rss", feeds.NewDocumentsFeed(), name="feed-rss"),
    path("feeds/new.atom", feeds.NewDocumentsAtomFeed(), name="feed-atom"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/<slug:language>.pdf", views.download, name="download"),
    path("<slug:slug>/<slug:language>.png", views.cover, name="cover"),
]
