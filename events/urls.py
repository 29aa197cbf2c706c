from django.urls import path

from . import feeds, views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="upcoming"),
    path("past/", views.EventArchiveView.as_view(), name="archive"),
    path("calendar.ics", views.CalendarView.as_view(), name="calendar"),
    path("feeds/upcoming.rss", feeds.UpcomingEventsFeed(), name="feed-upcoming-rss"),
    path("feeds/upcoming.atom", feeds.UpcomingEventsAtomFeed(), name="feed-upcoming-atom"),
    path("feeds/changes.rss", feeds.ChangedEventsFeed(), name="feed-changes-rss"),
    path("feeds/changes.atom", feeds.ChangedEventsAtomFeed(), name="feed-changes-atom"),
    path("series/<slug:slug>/", views.EventSeriesDetailView.as_view(), name="series"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
]
