"""Full-text search documents, shared by the site search and the migrations that index them.

A record's document is its fields in up to three weights (A counts most), in PostgreSQL's English
configuration. The GIN index on each searchable table is built from the same expression as the
search, so that PostgreSQL uses it; the search test checks that it does.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import Q

SEARCH_CONFIG = "english"
MAX_WORDS = 10  # a word search reads this many words at most: each one costs the query a clause per field


def containing(queryset, fields, words):
    """The word search, where there is no full-text ranking: records with every word (any case) in at
    least one of the fields. A field across a to-many relation can repeat a record: add distinct()."""
    for word in words.split()[:MAX_WORDS]:
        queryset = queryset.filter(Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR))
    return queryset


def word_search_fields(model):
    """The fields a word search of the model looks in: its `word_search_fields` where words reach further
    than its ranked document (an event's organiser), else every field of the document."""
    return getattr(model, "word_search_fields", None) or [field for group in model.search_fields for field in group]


def weighted_vector(fields_by_weight):
    vector = None
    for weight, fields in zip("ABC", fields_by_weight, strict=False):
        part = SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


def add_stored_vector_index(model_label, name, field):
    """A migration operation: the GIN index of a stored search vector (a SearchVectorField), on PostgreSQL."""
    app_label, model_name = model_label.split(".")

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(app_label, model_name), GinIndex(fields=[field], name=name))

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(app_label, model_name), GinIndex(fields=[field], name=name))

    return migrations.RunPython(forward, backward)


def add_search_index(model_label, name, fields_by_weight):
    """A migration operation: the GIN index of a model's document, on PostgreSQL (SQLite has no such index)."""
    app_label, model_name = model_label.split(".")

    def index():
        return GinIndex(weighted_vector(fields_by_weight), name=name)

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(app_label, model_name), index())

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(app_label, model_name), index())

    return migrations.RunPython(forward, backward)


def remove_search_index(model_label, name, fields_by_weight):
    """A migration operation: add_search_index undone, for a migration that changes a model's document; the index
    of the new document is added after it."""
    added = add_search_index(model_label, name, fields_by_weight)
    return migrations.RunPython(added.reverse_code, added.code)
