"""One search over members, chairmanships, topics and events.

On PostgreSQL, full-text search ranks the results (names and titles weigh most); on SQLite every
word must appear somewhere in the record, and results come in their usual order.
"""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q

from agencies.models import Agency
from core.search import SEARCH_CONFIG, weighted_vector
from events.models import Event
from themes.models import Chairmanship, Topic

RESULTS_PER_KIND = 20
MAX_WORDS = 10


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=100)

    def clean_q(self):
        words = self.cleaned_data["q"]
        if not any(character.isalnum() for character in words):
            raise ValidationError("Type a word to search for, such as “health” or “UNHCR”.")
        return words


# (heading, queryset, fields by weight: the first most important)
def searchable():
    return [
        (heading, queryset, queryset.model.search_fields)
        for heading, queryset in [
            ("Members", Agency.objects.published()),
            ("Chairmanships", Chairmanship.objects.published().select_related("agency")),
            ("Topics", Topic.objects.published()),
            ("Events", Event.objects.published().for_listing()),
        ]
    ]


def ranked(queryset, fields_by_weight, words):
    query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
    vector = weighted_vector(fields_by_weight)
    return (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank")
    )


def containing(queryset, fields_by_weight, words):
    fields = [field for group in fields_by_weight for field in group]
    for word in words.split()[:MAX_WORDS]:
        queryset = queryset.filter(Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR))
    return queryset.distinct()


def search_everything(words):
    """[(heading, results)] for every kind of record, at most RESULTS_PER_KIND each."""
    match = ranked if connection.vendor == "postgresql" else containing
    return [
        (heading, list(match(queryset, fields, words)[:RESULTS_PER_KIND])) for heading, queryset, fields in searchable()
    ]
