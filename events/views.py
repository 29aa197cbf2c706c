from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, View
from django_filters.views import FilterView

from core.pages import PageMixin, PreviewMixin, json_ld, noted, noting
from core.templatetags.rich_text import plain_text
from core.translation import plain

from .calendars import calendar
from .filters import EventFilter
from .models import Event, EventSeries


class EventListView(PageMixin, FilterView):
    """Upcoming events, soonest first; an event still under way is upcoming."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    section = "events"
    page_title = _("Upcoming events")
    page_description = _("Upcoming meetings, symposia, workshops and debates of the Global Migration Group.")
    archive = False

    def get_queryset(self):
        return Event.objects.published().upcoming().soonest_first().for_listing()

    def get_context_data(self, **kwargs):
        filters = self.request.GET.copy()
        filters.pop("page", None)
        filtered = any(value for name, value in filters.items() if name in self.filterset_class.base_filters)
        feed = self.request.build_absolute_uri(reverse("events:calendar"))
        if filtered:
            feed += "?" + filters.urlencode()
        return super().get_context_data(
            archive=self.archive,
            filtered=filtered,
            calendar_https=feed,
            calendar_webcal="webcal://" + feed.split("://", 1)[1],
            **kwargs,
        )


class EventArchiveView(EventListView):
    """Recent and older events, newest first."""

    page_title = _("Past events")
    page_description = _("The archive of the Global Migration Group's events, newest first.")
    archive = True

    def get_queryset(self):
        return Event.objects.published().past().newest_first().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The series with no published event have no place in an order by date: the unfiltered archive's first page
        # lists them after its events, so that a list of recent events that names one without dates is complete here.
        first_page = context["page_obj"].number == 1
        context["undated_series"] = (
            EventSeries.objects.published().undated() if first_page and not context["filtered"] else []
        )
        return context


class EventDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"
    section = "events"

    def get_queryset(self):
        return noting(Event.objects.published().for_page(), "documents", "citations")

    def get_page_description(self):
        return self.object.description

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            structured_data=self.structured_data(),
            documents=noted(event, "documents", lambda: event.documents.published().newest_first()),
            citations=noted(event, "citations", lambda: event.citations.select_related("source__document")),
            **kwargs,
        )

    def structured_data(self):
        """schema.org Event data for search engines, as JSON safe to place inside a <script> element."""
        event = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": plain(event.title),
            "description": plain_text(event.description),
            "url": self.request.build_absolute_uri(event.get_absolute_url()),
            "startDate": event.start_date.isoformat() if event.all_day else event.local_start.isoformat(),
            "eventStatus": f"https://schema.org/{'EventCancelled' if event.cancelled else 'EventScheduled'}",
        }
        if event.place:  # the portal records meetings in person; one with no place recorded says nothing of it
            data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
            address = {"addressLocality": plain(event.city), "addressCountry": plain(event.country)}
            data["location"] = {
                "@type": "Place",
                "name": plain(event.venue or event.city or event.country),
                "address": {"@type": "PostalAddress", **{key: value for key, value in address.items() if value}},
            }
        if event.ends_at:
            data["endDate"] = event.end_date.isoformat() if event.all_day else event.local_end.isoformat()
        organiser = event.public_organiser
        if organiser:
            data["organizer"] = {"@type": "Organization", "name": plain(organiser)}
            if event.organiser_id:  # a member, published: its page here, and its own site
                data["organizer"]["url"] = self.request.build_absolute_uri(event.organiser.get_absolute_url())
                if event.organiser.website:
                    data["organizer"]["sameAs"] = event.organiser.website
        return json_ld(data)


class EventSeriesDetailView(PreviewMixin, PageMixin, DetailView):
    """A series and its published events, newest first; a series with none says that no dates are recorded."""

    template_name = "events/eventseries_detail.html"
    context_object_name = "series"
    section = "events"
    paginate_by = 20

    def get_queryset(self):
        return EventSeries.objects.published().prefetch_published("topics")

    def get_page_description(self):
        return self.object.summary or gettext("The events of the series %(series)s, with the dates recorded.") % {
            "series": plain(self.object.name)
        }

    def get_context_data(self, **kwargs):
        events = self.object.events.published().newest_first().for_listing()
        page = Paginator(events, self.paginate_by).get_page(self.request.GET.get("page"))
        return super().get_context_data(events=page.object_list, page_obj=page, **kwargs)


CALENDAR_SIZE = 500


def calendar_response(body, filename):
    return HttpResponse(
        body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


class CalendarView(View):
    """Published events as a calendar to subscribe to: every upcoming one, then the latest past ones, up to
    CALENDAR_SIZE events (at 20,000 events the whole archive took 16.8 s to build, at 1.2 KB an event).
    The event lists' filters narrow it."""

    def get(self, request):
        events = Event.objects.published().for_listing()
        filterset = EventFilter(request.GET or None, queryset=events, request=request)
        if filterset.is_bound and not filterset.is_valid():
            problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.form.errors.items())
            return HttpResponseBadRequest(
                gettext("These calendar filters cannot be used: %(problems)s") % {"problems": problems},
                content_type="text/plain",
            )
        chosen = [str(value) for value in filterset.form.cleaned_data.values() if value] if filterset.is_bound else []
        if chosen:
            # Translators: the name of a calendar of events, then the filters that narrow it.
            name = gettext("Global Migration Group events (%(filters)s)") % {"filters": ", ".join(chosen)}
        else:
            name = gettext("Global Migration Group events")
        events = filterset.qs.nearest(CALENDAR_SIZE)
        return calendar_response(calendar(events, name, request.build_absolute_uri), "gmg-events.ics")


class EventCalendarView(DetailView):
    """One event as an .ics file, to add it to a calendar."""

    def get_queryset(self):
        return Event.objects.published().for_listing()

    def get(self, request, *args, **kwargs):
        event = self.get_object()
        return calendar_response(calendar([event], plain(event.title), request.build_absolute_uri), f"{event.slug}.ics")
