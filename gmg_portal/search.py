"""One search over members, chairmanships, topics and events.

On PostgreSQL, full-text search ranks the results (names and titles weigh most); on SQLite every
word must appear somewhere in the record, and results come in their usual order.
"""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q

from agencies.models import Agency
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
        ("Members", Agency.objects.published(), [["name", "acronym"], ["summary"], ["account"]]),
        ("Chairmanships", Chairmanship.objects.published().select_related("agency"),
         [["theme_title", "agency__name", "agency__acronym"], ["theme_summary"], ["theme_description"]]),
        ("Topics", Topic.objects.published(), [["name"], ["description"]]),
        ("Events", Event.objects.published().for_listing(),
         [["title"], ["description"], ["venue", "city", "country", "organiser_name"]]),
    ]


def ranked(queryset, fields_by_weight, words):
    query = SearchQuery(words, search_type="websearch", config="english")
    vector = None
    for weight, fields in zip("ABC", fields_by_weight, strict=False):  # at most three weights
        part = SearchVector(*fields, weight=weight, config="english")
        vector = part if vector is None else vector + part
    return queryset.annotate(document=vector).filter(document=query).annotate(
        rank=SearchRank(vector, query)
    ).order_by("-rank")


def containing(queryset, fields_by_weight, words):
    fields = [field for group in fields_by_weight for field in group]
    for word in words.split()[:MAX_WORDS]:
        queryset = queryset.filter(Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR))
    return queryset.distinct()


def search_everything(words):
    """[(heading, results)] for every kind of record, at most RESULTS_PER_KIND each."""
    match = ranked if connection.vendor == "postgresql" else containing
    return [
        (heading, list(match(queryset, fields, words)[:RESULTS_PER_KIND]))
        for heading, queryset, fields in searchable()
    ]
