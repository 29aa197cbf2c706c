"""One search over members, chairmanships, topics, events, event series and documents (their files' text too).

On PostgreSQL, full-text search ranks the results (names and titles weigh most); on SQLite every
word must appear somewhere in the record, and results come in their usual order.
"""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.search import SEARCH_CONFIG, containing, weighted_vector, word_search_fields
from events.models import Event, EventSeries
from publications.models import Document
from themes.models import Chairmanship, Topic

RESULTS_PER_KIND = 20


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=100)

    def clean_q(self):
        words = self.cleaned_data["q"]
        if not any(character.isalnum() for character in words):
            raise ValidationError(gettext("Type a word to search for, such as “health” or “UNHCR”."))
        return words


def searchable():
    return [
        (gettext("Members"), Agency.objects.published()),
        (gettext("Chairmanships"), Chairmanship.objects.published().for_listing()),
        (gettext("Topics"), Topic.objects.published()),
        (gettext("Events"), Event.objects.published().for_listing()),
        (gettext("Event series"), EventSeries.objects.published()),
        (gettext("Statements and publications"), Document.objects.published().for_listing()),
    ]


def ranked(queryset, words):
    """Full-text results, best first: over the model's stored vector where it keeps one, else over the expression
    its GIN index is built on.

    A model's `searched_relations` (a member's constituent bodies) are found by their own documents as well; the
    union keeps each side a search of its own table, so that the model's index still serves its side. A record
    found only through them ranks after those found by their own words."""
    model = queryset.model
    query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
    stored = getattr(model, "stored_search_vector", None)
    vector = F(stored) if stored else weighted_vector(model.search_fields)
    found = queryset.annotate(document=vector).filter(document=query)
    relations = getattr(model, "searched_relations", [])
    if relations:
        matches = model._base_manager.annotate(document=vector).filter(document=query).values("pk")
        for name in relations:
            relation = model._meta.get_field(name)
            related = relation.related_model
            matches = matches.union(
                related._base_manager.annotate(document=weighted_vector(related.search_fields))
                .filter(document=query)
                .values(relation.field.attname)
            )
        found = queryset.filter(pk__in=matches)
    return found.annotate(rank=SearchRank(vector, query)).order_by("-rank")


def search_everything(words):
    """[(heading, results)] for every kind of record, at most RESULTS_PER_KIND each."""
    results = []
    for heading, queryset in searchable():
        if connection.vendor == "postgresql":
            found = ranked(queryset, words)
        else:
            found = containing(queryset, word_search_fields(queryset.model), words).distinct()
        results.append((heading, list(found[:RESULTS_PER_KIND])))
    return results
