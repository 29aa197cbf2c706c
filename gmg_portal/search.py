"""One search over members, chairmanships, topics, events, event series and documents (their files' text too).

On PostgreSQL, full-text search ranks the results (names and titles weigh most), in the page's language and in
English (core/search.py); on SQLite every word must appear somewhere in the record, in the page's language or in
English, and results come in their usual order.
"""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from core.search import (
    SEARCH_CONFIG,
    SEARCH_CONFIGS,
    StoredDocument,
    containing,
    document_fields,
    language_fields,
    weighted_vector,
    word_search_fields,
    words_condition,
)
from core.translation import DEFAULT_LANGUAGE
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


def documents(model, code):
    """[(vector, query config)] a search in language `code` reads in the model's records: the English document
    (the model's stored vector where it keeps one, else the expression its GIN index is built on), and the
    document in the language where PostgreSQL has a configuration for it (core/search.py). A model whose
    documents are kept in generated columns (`stored_documents`, core.search.store_documents) is read from them.
    Fields of other tables (`joined_search_fields`, a term's chair's names) make documents of their own, made at
    search time, since no column or index of the model's table can hold them."""
    config = SEARCH_CONFIGS[code]
    if getattr(model, "stored_documents", False):  # every language's, in generated columns
        english, in_language = StoredDocument(DEFAULT_LANGUAGE), StoredDocument(code)
    else:
        stored = getattr(model, "stored_search_vector", None)
        english = F(stored) if stored else weighted_vector(model.search_fields)
        in_language = config and weighted_vector(language_fields(model, model.search_fields, code), config)
    found = [(english, SEARCH_CONFIG)]
    if code != DEFAULT_LANGUAGE and config:
        found.append((in_language, config))
    joined = getattr(model, "joined_search_fields", None)  # other tables' fields, which no column can keep
    if joined:
        found.append((weighted_vector(joined), SEARCH_CONFIG))
        if code != DEFAULT_LANGUAGE and config:
            found.append((weighted_vector(language_fields(model, joined, code)), config))
    return found


def matching(queryset, words, code):
    """(records matching the words in any of their documents, their rank). In Chinese, the words are also
    looked for as substrings of the Chinese columns: such a match ranks after those of a document."""
    model = queryset.model
    condition, rank = Q(), None
    for number, (vector, config) in enumerate(documents(model, code)):
        query = SearchQuery(words, search_type="websearch", config=config)
        queryset = queryset.alias(**{f"document_{number}": vector})
        condition |= Q(**{f"document_{number}": query})
        part = SearchRank(vector, query)
        rank = part if rank is None else rank + part
    if SEARCH_CONFIGS[code] is None:
        fields = [field for group in language_fields(model, document_fields(model), code) for field in group]
        condition |= words_condition(fields, words)
    return queryset.filter(condition), rank


def ranked(queryset, words, code=DEFAULT_LANGUAGE):
    """Full-text results in language `code`, best first.

    A model's `searched_relations` (a member's constituent bodies) are found by their own documents as well; the
    union keeps each side a search of its own table, so that the model's indexes still serve its side. A record
    found only through them ranks after those found by their own words."""
    model = queryset.model
    found, rank = matching(queryset, words, code)
    relations = getattr(model, "searched_relations", [])
    if relations:
        matches = matching(model._base_manager.all(), words, code)[0].values("pk")
        for name in relations:
            relation = model._meta.get_field(name)
            side = matching(relation.related_model._base_manager.all(), words, code)[0]
            matches = matches.union(side.values(relation.field.attname))
        found = queryset.filter(pk__in=matches)
    return found.annotate(rank=rank).order_by("-rank")


def search_everything(words, code=DEFAULT_LANGUAGE):
    """[(heading, results)] for every kind of record, at most RESULTS_PER_KIND each, searched in language `code`
    (and in English, the language of every record)."""
    results = []
    for heading, queryset in searchable():
        if connection.vendor == "postgresql":
            found = ranked(queryset, words, code)
        else:
            found = containing(queryset, word_search_fields(queryset.model, code), words).distinct()
        results.append((heading, list(found[:RESULTS_PER_KIND])))
    return results
