"""The API's filters are the HTML lists' own FilterSets (events.filters, publications.filters), bounded and validated
the same way, so that a list and its API answer count the same records.

A parameter the endpoint does not know is a 400 naming it, as is a bad value: an address the API does not answer
to cannot fill the page cache.
"""

import django_filters
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from events.filters import EventFilter

PAGE_PARAMETERS = ("page", "page_size")


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, which also refuses parameters that are neither a filter nor the pagination's."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(PAGE_PARAMETERS) | set(filterset_class.base_filters if filterset_class else ())
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError({name: [gettext("This parameter is not known here.")] for name in unknown})
        # One question, one address: an empty value (which would mean "any", as in the lists' forms) is left out
        # instead, and a parameter is given once (the filters would read only its last value).
        errors = {}
        for name, values in request.query_params.lists():
            if len(values) > 1:
                errors[name] = [gettext("Give this parameter once.")]
            elif values == [""]:
                errors[name] = [gettext("Give a value, or leave the parameter out.")]
        if errors:
            raise ValidationError(dict(sorted(errors.items())))
        return super().filter_queryset(request, queryset, view)


class EventAPIFilter(EventFilter):
    """The event lists' filters, and which of the two lists: upcoming (not yet ended, soonest first, as the list of
    upcoming events) or past (latest first, as the archive). Without it, every event, earliest first."""

    when = django_filters.ChoiceFilter(
        label=_("Upcoming or past"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
    )

    class Meta(EventFilter.Meta):
        fields = [*EventFilter.Meta.fields, "when"]

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming().order_by("starts_at", "pk")
        return queryset.past().order_by("-starts_at", "-pk")
