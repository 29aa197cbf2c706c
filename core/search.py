"""Full-text search documents, shared by the site search and the migrations that index them.

A record's document is its fields in up to three weights (A counts most), in PostgreSQL's English
configuration. A search in another language reads the record's document in that language (the same fields'
columns in the language, in the language's configuration, SEARCH_CONFIGS) and its English document, since a
page shows the English text where one is not yet translated. The GIN index of each document on each
searchable table is built from the same expression as the search, so that PostgreSQL uses it; the search test
checks that it does, language by language.

PostgreSQL has no Chinese parser: a search in Chinese matches its words as substrings of the Chinese columns
("移民" finds "全球移民小组"), besides the English document.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations
from django.db.models import Expression, Q
from django.db.models.sql import Query
from translated_fields import to_attribute

from core.translation import DEFAULT_LANGUAGE, translated_names

SEARCH_CONFIG = "english"
# Each language's text search configuration; core migration 0005 makes the portal's own, which fold accents
# ("refugies" finds "Réfugiés"). None: no configuration, substrings (Chinese).
SEARCH_CONFIGS = {
    "en": SEARCH_CONFIG,
    "fr": "gmg_french",
    "es": "gmg_spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh-hans": None,
}
MAX_WORDS = 10  # a word search reads this many words at most: each one costs the query a clause per field


def in_language(model, path, code):
    """The column that holds `path`'s text in language `code` (title_en, organiser__name_en → organiser__name_fr),
    or None where the field is not translated (an acronym)."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    english = {to_attribute(field, DEFAULT_LANGUAGE): field for field in translated_names(model)}
    if name not in english:
        return None
    return "__".join([*relations, to_attribute(english[name], code)])


def language_fields(model, fields_by_weight, code):
    """The same document's fields in language `code`, by weight; untranslated fields are in English's only."""
    return [[found for field in fields if (found := in_language(model, field, code))] for fields in fields_by_weight]


def words_condition(fields, words):
    """Every word (any case) in at least one of the fields."""
    condition = Q()
    for word in words.split()[:MAX_WORDS]:
        condition &= Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR)
    return condition


def containing(queryset, fields, words):
    """The word search, where there is no full-text ranking: records with every word (any case) in at
    least one of the fields. A field across a to-many relation can repeat a record: add distinct(). Each word is a
    filter of its own, so that two words may be found in two rows of a to-many relation (two files)."""
    for word in words.split()[:MAX_WORDS]:
        queryset = queryset.filter(words_condition(fields, word))
    return queryset


def document_fields(model):
    """The fields of a model's ranked documents by weight: its own (`search_fields`) and, after them, those of other
    tables that are made into documents of their own at search time (`joined_search_fields`: a term's chair's names)."""
    return [*model.search_fields, *getattr(model, "joined_search_fields", [])]


def word_search_fields(model, code=DEFAULT_LANGUAGE):
    """The fields a word search of the model looks in: its `word_search_fields` where words reach further
    than its ranked documents (an event's organiser), else every field of its documents; and, for a language
    other than English, each translated field's column in that language as well."""
    every = [field for group in document_fields(model) for field in group]
    fields = getattr(model, "word_search_fields", None) or every
    if code == DEFAULT_LANGUAGE:
        return fields
    return fields + [found for field in fields if (found := in_language(model, field, code))]


def weighted_vector(fields_by_weight, config=SEARCH_CONFIG):
    """The document of the fields by weight (A, B, C); a weight with no field is left out."""
    vector = None
    for weight, fields in zip("ABC", fields_by_weight, strict=False):
        if fields:
            part = SearchVector(*fields, weight=weight, config=config)
            vector = part if vector is None else vector + part
    return vector


def document_column(code):
    """The generated column that keeps a record's document in language `code` (store_documents)."""
    return to_attribute("search", code)


class StoredDocument(Expression):
    """A record's document in a language, as PostgreSQL keeps it in a generated column of the record's table
    (store_documents). The ORM knows no such field, so that no query but a search reads the column: this reads it
    by its name, in the table of the query that compiles it."""

    output_field = SearchVectorField()

    def __init__(self, code):
        super().__init__()
        self.code = code

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(document_column(self.code))}", []


def store_documents(model_label, name, fields_by_weight, configs):
    """A migration operation: on PostgreSQL, each language's document of a model (`fields_by_weight` names the
    translated fields, whose columns in the language make it, in the language's configuration of `configs`, written
    out in the migration) kept in a generated column, document_column(code), with a GIN index, `name`_idx for English
    and `name`_<code>_idx for the others, in place of the index of the expression (add_search_index) by that name.

    A search then ranks its matches by the stored documents instead of making each one's document anew from its
    text: at 20,000 events, 70 of the 82 ms of a search for two common words went to that (EXPLAIN ANALYZE)."""
    app_label, model_name = model_label.split(".")

    def index_name(code):
        return f"{name}_idx" if code == DEFAULT_LANGUAGE else f"{name}_{code}_idx"

    def document(code):
        columns = [[to_attribute(field, code) for field in fields] for fields in fields_by_weight]
        return weighted_vector(columns, configs[code])

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table, quote = model._meta.db_table, schema_editor.quote_name
        for code in configs:
            definition = expression_sql(model, document(code), schema_editor)
            column = quote(document_column(code))
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(index_name(code))}")
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} ADD COLUMN {column} tsvector GENERATED ALWAYS AS ({definition}) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {quote(index_name(code))} ON {quote(table)} USING gin ({column})")

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        table, quote = model._meta.db_table, schema_editor.quote_name
        for code in configs:
            schema_editor.execute(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(document_column(code))}")
            schema_editor.add_index(model, GinIndex(document(code), name=index_name(code)))

    return migrations.RunPython(forward, backward)


def expression_sql(model, expression, schema_editor):
    """The SQL of an expression of a model's own columns, unqualified, with its values written in: what a generated
    column's definition needs (as Django's GeneratedField makes it)."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=schema_editor.connection)
    sql, params = compiler.compile(expression.resolve_expression(query, allow_joins=False))
    return sql % tuple(schema_editor.quote_value(value) for value in params)


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


def add_search_index(model_label, name, fields_by_weight, config=SEARCH_CONFIG):
    """A migration operation: the GIN index of a model's document, on PostgreSQL (SQLite has no such index)."""
    app_label, model_name = model_label.split(".")

    def index():
        return GinIndex(weighted_vector(fields_by_weight, config), name=name)

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(app_label, model_name), index())

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(app_label, model_name), index())

    return migrations.RunPython(forward, backward)


def add_language_search_indexes(model_label, name, fields_by_weight, configs):
    """Migration operations: the GIN index of a model's document in each language of `configs` ({code: its
    configuration}, written out in the migration), `name`_<code>_idx; `fields_by_weight` names the translated
    fields (title), whose columns in the language (title_fr) make the document, as language_fields() gives them."""
    return [
        add_search_index(
            model_label,
            f"{name}_{code}_idx",
            [[f"{field}_{code}" for field in fields] for fields in fields_by_weight],
            config,
        )
        for code, config in configs.items()
    ]


def remove_search_index(model_label, name, fields_by_weight, config=SEARCH_CONFIG):
    """A migration operation: add_search_index undone, for a migration that changes a model's document; the index
    of the new document is added after it."""
    added = add_search_index(model_label, name, fields_by_weight, config)
    return migrations.RunPython(added.reverse_code, added.code)
