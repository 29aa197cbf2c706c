from django.contrib import admin
from django.db.models import Count
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext_lazy, ngettext

from core.csv_admin import CsvExportMixin, CsvImportExportMixin
from core.publishing_admin import PublishingAdmin, PublishingInlineMixin, can_publish, inline_for
from core.translation import columns
from themes.models import Chairmanship

from .forms import EventAdminForm
from .history import VENUE_TIMES
from .models import Event, EventSeries
from .resources import EventResource, EventSeriesResource
from .views import EventDetailView, EventSeriesDetailView

WHEN_FIELDS = ["start_date", "start_time", "end_date", "end_time"]
# The zone after the country, which narrows its suggestions; the box to confirm a zone of another country
# shows only when the form asks (events/forms.py).
WHERE_FIELDS = ["venue", "city", "country", "timezone", "zone_confirmed"]
ENGLISH_WHERE_FIELDS = ["venue_en", "city_en", "country_en", "timezone", "zone_confirmed"]


class VenueZoneFieldsets:
    """A read-only page (a published event seen by an editor) has no confirmation to give."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "zone_confirmed"]})
            for name, options in fieldsets
        ]


class YearFilter(admin.SimpleListFilter):
    """The year an event starts in at its venue, which near New Year is not always its year in UTC."""

    title = gettext_lazy("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in Event.objects.years()]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        try:
            year = int(value)
        except ValueError:
            return queryset.none()
        return queryset.in_year(year) if 2 <= year <= 9998 else queryset.none()


class ChairmanshipFilter(admin.RelatedFieldListFilter):
    """Terms are named after their agency: fetch both in one query, as every list of terms does."""

    def field_choices(self, field, request, model_admin):
        return [(term.pk, str(term)) for term in Chairmanship.objects.for_listing()]


class VenueClockDisplay:
    """The times at the venue, for a read-only page (a published event seen by an editor).

    They are form fields, not model fields, so the admin looks their values up here; without these it
    found no such attribute on the event and printed "None". An empty value shows as the admin's "-".
    The days are model fields (start_date, end_date), which the read-only page shows as they are stored.
    """

    @admin.display(description=gettext_lazy("start time"))
    def start_time(self, event):
        start_time = event.venue_clock.start_time
        return self.get_empty_value_display() if start_time is None else time_format(start_time, "TIME_FORMAT")

    @admin.display(description=gettext_lazy("end time"))
    def end_time(self, event):
        end_time = event.venue_clock.end_time
        return self.get_empty_value_display() if end_time is None else time_format(end_time, "TIME_FORMAT")


@admin.register(Event)
class EventAdmin(VenueZoneFieldsets, VenueClockDisplay, CsvImportExportMixin, PublishingAdmin):
    form = EventAdminForm
    preview_view = EventDetailView
    resource_classes = [EventResource]
    history_values = VENUE_TIMES

    def get_import_resource_kwargs(self, request, **kwargs):
        return {
            **super().get_import_resource_kwargs(request, **kwargs),
            "user": request.user,
            "can_publish": can_publish(request, Event),
        }

    # What an editor looks for first, within 1280 px beside the menu and the filters; the kind and the city are
    # on the record page (and the kind is a filter).
    list_display = ["title", "start", "organiser_column", "status", "cancelled"]
    list_filter = [
        YearFilter,
        "topics",
        "kind",
        "status",
        "cancelled",
        ("organiser", admin.RelatedOnlyFieldListFilter),
        ("chairmanship", ChairmanshipFilter),
        ("series", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organiser", "organising_body"]
    search_fields = Event.word_search_fields  # shows the search box; get_search_results does the search

    def get_search_results(self, request, queryset, search_term):
        # The public lists' word search, so that staff find an event by the words a visitor would use.
        return queryset.matching(search_term), False

    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["organiser", "organising_body", "participants", "chairmanship", "series", "topics"]
    date_hierarchy = "start_date"  # the venue's days, as the year filter
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "publish_from", "cancelled"]}),
        (
            gettext_lazy("When"),
            {
                "fields": WHEN_FIELDS,
                "description": gettext_lazy("Local time at the venue, in the venue's time zone below."),
            },
        ),
        (gettext_lazy("Where"), {"fields": WHERE_FIELDS}),
        (gettext_lazy("Who"), {"fields": ["organiser", "organising_body", "organiser_name", "participants"]}),
        (gettext_lazy("About"), {"fields": ["chairmanship", "series", "topics", "description", "external_url"]}),
        (gettext_lazy("Calendar"), {"fields": ["uid", "sequence"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["uid", "sequence"]

    actions = [*PublishingAdmin.actions, "duplicate_selected"]

    @admin.action(permissions=["add"], description=gettext_lazy("Duplicate the selected events (as drafts)"))
    def duplicate_selected(self, request, queryset):
        copies = [event.duplicate(user=request.user) for event in queryset]
        made = ngettext("%(count)d draft copy made: %(slugs)s.", "%(count)d draft copies made: %(slugs)s.", len(copies))
        self.message_user(request, made % {"count": len(copies), "slugs": ", ".join(copy.slug for copy in copies)})

    @admin.display(description=gettext_lazy("starts"), ordering="starts_at")
    def start(self, event):
        # Numbers in every language: the list is read down the column, and sorts as it reads.
        return (
            date_format(event.start_date, "Y-m-d") if event.all_day else date_format(event.local_start, "Y-m-d H:i T")
        )

    @admin.display(description=gettext_lazy("organiser"), ordering="organiser__name_en")
    def organiser_column(self, event):
        return event.organiser_display


@admin.register(EventSeries)
class EventSeriesAdmin(CsvExportMixin, PublishingAdmin):
    preview_view = EventSeriesDetailView
    resource_classes = [EventSeriesResource]
    list_display = ["name", "event_count", "status"]
    list_filter = ["status", "topics"]
    search_fields = columns("name", "summary")
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["topics"]
    fieldsets = [(None, {"fields": ["name", "slug", "status", "publish_from", "summary", "topics"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_total=Count("events"))

    @admin.display(description=gettext_lazy("events"), ordering="event_total")
    def event_count(self, series):
        return series.event_total


@inline_for(Chairmanship)  # a term's page lists its events (see inline_for)
class EventInline(VenueZoneFieldsets, VenueClockDisplay, PublishingInlineMixin, admin.StackedInline):
    """Stacked, not tabular: an event's required fields would not fit a table row, even on a desktop."""

    model = Event
    form = EventAdminForm
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ["title_en"]}
    # In English here; the event's own page has its texts in every language.
    fields = ["title_en", "slug", "kind", "status", *WHEN_FIELDS, *ENGLISH_WHERE_FIELDS, "description_en"]
