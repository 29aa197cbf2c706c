import json

from django.db.models import Prefetch
from django.views.generic import DetailView
from django_filters.views import FilterView

from agencies.models import Agency
from agencies.pages import PageMixin
from themes.models import Topic

from .filters import EventFilter
from .models import Event

JSON_IN_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


class EventListView(PageMixin, FilterView):
    """Upcoming events, soonest first; an event still under way is upcoming."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    section = "events"
    page_title = "Upcoming events"
    page_description = "Upcoming meetings, symposia, workshops and debates of the Global Migration Group."
    archive = False

    def get_queryset(self):
        return Event.objects.published().upcoming().for_listing()

    def get_context_data(self, **kwargs):
        filtered = any(value for name, value in self.request.GET.items() if name in self.filterset_class.base_filters)
        return super().get_context_data(archive=self.archive, filtered=filtered, **kwargs)


class EventArchiveView(EventListView):
    """Recent and older events, newest first."""

    page_title = "Past events"
    page_description = "The archive of the Global Migration Group's events, newest first."
    archive = True

    def get_queryset(self):
        return Event.objects.published().past().for_listing()


class EventDetailView(PageMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    section = "events"

    def get_queryset(self):
        return Event.objects.published().select_related("organiser", "chairmanship__agency").prefetch_related(
            Prefetch("topics", queryset=Topic.objects.published()),
            Prefetch("participants", queryset=Agency.objects.published()),
        )

    def get_page_description(self):
        return self.object.description

    def get_context_data(self, **kwargs):
        return super().get_context_data(structured_data=self.structured_data(), **kwargs)

    def structured_data(self):
        """schema.org Event data for search engines, as JSON safe to place inside a <script> element."""
        event = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": self.request.build_absolute_uri(event.get_absolute_url()),
            "startDate": event.start_date.isoformat() if event.all_day else event.local_start.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": event.venue or event.city,
                "address": {"@type": "PostalAddress", "addressLocality": event.city, "addressCountry": event.country},
            },
        }
        if event.ends_at:
            data["endDate"] = event.end_date.isoformat() if event.all_day else event.local_end.isoformat()
        organiser = event.public_organiser
        if organiser:
            data["organizer"] = {"@type": "Organization", "name": organiser}
        return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)
