import django_filters
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.references import KeptModelChoiceFilter
from core.widgets import QuickSelect
from themes.models import Chairmanship, Topic

from .models import DATE_BOUNDS, FIRST_YEAR, LAST_YEAR, Event, EventKind


class DateInput(forms.DateInput):
    input_type = "date"


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("after"), cleaned.get("before")
        if after and before and after > before:
            self.add_error("before", gettext("This date is earlier than the “on or after” date."))
        return cleaned


class EventFilter(django_filters.FilterSet):
    """The filters of both event lists. Every value is bounded: anything else is a form error, never a crash."""

    # dir="auto": words typed in Arabic run right to left, in a Latin script left to right, on any page
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=100, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    year = WholeNumberFilter(label=_("Year"), method="filter_year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(
        widget=QuickSelect(remember="events.kind"),
        label=_("Kind"),
        choices=EventKind.choices,
        empty_label=_("Any kind"),
    )
    topic = KeptModelChoiceFilter(
        widget=QuickSelect(remember="events.topic"),
        label=_("Topic"),
        method="filter_topic",
        to_field_name="slug",
        empty_label=_("Any topic"),
        queryset=lambda request: Topic.objects.published(),
    )
    organiser = KeptModelChoiceFilter(
        widget=QuickSelect(remember="events.organiser"),
        label=_("Organised by"),
        to_field_name="slug",
        empty_label=_("Any organiser"),
        queryset=lambda request: Agency.objects.published(),
    )
    participant = KeptModelChoiceFilter(
        widget=QuickSelect(remember="events.participant"),
        label=_("With the participation of"),
        method="filter_participant",
        to_field_name="slug",
        empty_label=_("Any member"),
        queryset=lambda request: Agency.objects.published(),
    )
    chairmanship = KeptModelChoiceFilter(
        widget=QuickSelect(remember="events.chairmanship"),
        label=_("Chairmanship"),
        to_field_name="slug",
        empty_label=_("Any chairmanship"),
        queryset=lambda request: Chairmanship.objects.published().for_listing(),
    )
    after = django_filters.DateFilter(
        label=_("On or after"), method="filter_after", widget=DateInput, validators=DATE_BOUNDS
    )
    before = django_filters.DateFilter(
        label=_("On or before"), method="filter_before", widget=DateInput, validators=DATE_BOUNDS
    )

    class Meta:
        model = Event
        form = EventFilterForm
        fields = ["q", "year", "kind", "topic", "organiser", "participant", "chairmanship", "after", "before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["chairmanship"].label_from_instance = lambda term: (
            # Translators: a chairmanship in a list to choose from: the chair, the month it began, its theme.
            gettext("%(agency)s, %(month)s: %(theme)s")
            % {
                "agency": term.agency.short_name,
                "month": date_format(term.starts_on, "YEAR_MONTH_FORMAT"),
                "theme": term.theme_title,
            }
        )

    def filter_words(self, queryset, name, value):
        return queryset.matching(value)

    def filter_topic(self, queryset, name, value):
        return queryset.with_topic(value)

    def filter_participant(self, queryset, name, value):
        return queryset.with_participant(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_after(self, queryset, name, value):
        return queryset.on_or_after(value)

    def filter_before(self, queryset, name, value):
        return queryset.on_or_before(value)
