import django_filters
from django import forms

from agencies.models import Agency
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
            self.add_error("before", "This date is earlier than the “on or after” date.")
        return cleaned


class EventFilter(django_filters.FilterSet):
    """The filters of both event lists. Every value is bounded: anything else is a form error, never a crash."""

    q = django_filters.CharFilter(label="Words", method="filter_words", max_length=100)
    year = WholeNumberFilter(label="Year", method="filter_year", min_value=FIRST_YEAR, max_value=LAST_YEAR)
    kind = django_filters.ChoiceFilter(label="Kind", choices=EventKind.choices, empty_label="Any kind")
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        method="filter_topic",
        to_field_name="slug",
        empty_label="Any topic",
        queryset=Topic.objects.published(),
    )
    organiser = django_filters.ModelChoiceFilter(
        label="Organised by",
        to_field_name="slug",
        empty_label="Any organiser",
        queryset=Agency.objects.published(),
    )
    participant = django_filters.ModelChoiceFilter(
        label="With the participation of",
        method="filter_participant",
        to_field_name="slug",
        empty_label="Any member",
        queryset=Agency.objects.published(),
    )
    chairmanship = django_filters.ModelChoiceFilter(
        label="Chairmanship",
        to_field_name="slug",
        empty_label="Any chairmanship",
        queryset=Chairmanship.objects.published().for_listing(),
    )
    after = django_filters.DateFilter(
        label="On or after", method="filter_after", widget=DateInput, validators=DATE_BOUNDS
    )
    before = django_filters.DateFilter(
        label="On or before", method="filter_before", widget=DateInput, validators=DATE_BOUNDS
    )

    class Meta:
        model = Event
        form = EventFilterForm
        fields = ["q", "year", "kind", "topic", "organiser", "participant", "chairmanship", "after", "before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["chairmanship"].label_from_instance = lambda term: (
            f"{term.agency.short_name}, {term.starts_on:%B %Y}: {term.theme_title}"
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
