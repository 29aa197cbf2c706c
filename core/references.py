"""The small tables every page names records from (members, their bodies, chairmanships, topics, event series),
read once per generation in each process, and querysets that fill their records' relations from them.

An event's page joined five tables with select_related and ran two prefetches: at the bench's size PostgreSQL
spent 1.2 ms planning the join (0.2 ms running it) and Django about as long writing its 250 columns, 6.9 ms for
the event with its relations against 1.1 ms for the event alone. These tables are small and change seldom, so
they are kept whole for the content's generation (core.generation.remembered: never staler than the database)
and `remembering()` looks each relation up in them instead; with no generation, it reads them with the records.
"""

from collections import defaultdict

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.query import ModelIterable

from .generation import generation_token, remembered


class Table(dict):
    """Every record of a model by primary key, in the model's own order (Meta.ordering)."""

    def __init__(self, records):
        super().__init__((record.pk, record) for record in records)
        self.rank = {pk: position for position, pk in enumerate(self)}


def table(model, *related):
    """The whole of `model`'s table, with its foreign keys `related` filled, kept for the generation."""

    def read():
        records = model._default_manager.all()
        # (select_related() with no name would follow every foreign key that cannot be null)
        return Table(records.select_related(*related) if related else records)

    return remembered(("table", model._meta.label, related), read)


def fill(records, names):
    """Fill each record's relations `names` from the kept tables: a foreign key (with "__" naming one of the
    related record's own, as select_related does) or a many-to-many relation, of which only the published records
    are kept, as PublishableQuerySet.prefetch_published keeps them. One query per many-to-many relation, whatever
    the number of records; none for a foreign key."""
    if not records:
        return
    meta = type(records[0])._meta
    for name in names:
        field_name, *related = name.split("__", 1)
        field = meta.get_field(field_name)
        rows = table(field.related_model, *related)
        if field.many_to_many:
            fill_many(records, field, rows)
            continue
        for record in records:
            key = getattr(record, field.attname)
            # A record saved since this process last looked at the generation (within a second) may be missing:
            # the relation is then read as usual.
            if key is None or key in rows:
                field.set_cached_value(record, rows.get(key))


def fill_many(records, field, rows):
    source, target = field.m2m_field_name(), field.m2m_reverse_name()
    pairs = field.remote_field.through._default_manager.filter(**{f"{source}__in": [r.pk for r in records]})
    found = defaultdict(list)
    for record_id, related_id in pairs.values_list(source, target):
        related = rows.get(related_id)
        if related is None:  # saved within the last second: the relation is read as usual, as above
            published = field.related_model._default_manager.published()
            prefetch_related_objects(records, Prefetch(field.name, queryset=published))
            return
        if related.is_published:
            found[record_id].append(related)
    for record in records:
        queryset = getattr(record, field.name).all()
        queryset._result_cache = sorted(found[record.pk], key=lambda related: rows.rank[related.pk])
        queryset._prefetch_done = True
        record.__dict__.setdefault("_prefetched_objects_cache", {})[field.name] = queryset


class RememberingQuerySet(models.QuerySet):
    """A queryset whose records' relations named with remembering() come from the kept tables, when it is read."""

    remembered_relations = ()

    def remembering(self, *names):
        clone = self._chain()
        clone.remembered_relations = (*self.remembered_relations, *names)
        return clone

    def _clone(self):
        clone = super()._clone()
        clone.remembered_relations = self.remembered_relations
        return clone

    def _fetch_all(self):
        names = self.remembered_relations
        fresh = self._result_cache is None and names and self._iterable_class is ModelIterable
        kept = fresh and generation_token() is not None
        if fresh and not kept:
            # No generation (the cache off or out of reach): nothing is kept, and whole tables read for each list
            # would cost more than the joins. The relations are read with the records, as select_related and
            # PublishableQuerySet.prefetch_published read them.
            many = {name for name in names if self.model._meta.get_field(name.split("__")[0]).many_to_many}
            self.query.add_select_related([name for name in names if name not in many])
            self._prefetch_related_lookups += tuple(
                Prefetch(name, queryset=self.model._meta.get_field(name).related_model._default_manager.published())
                for name in many
            )
        super()._fetch_all()
        if kept:
            fill(self._result_cache, names)


class KeptModelChoiceField(django_filters.fields.ModelChoiceField):
    """A filter's record chosen by its key (a slug), found in the kept tables when its widget keeps its options for
    the generation (core.widgets.QuickSelect with `remember`): the keys of the choices (the field's queryset) are read
    once a generation, and the record taken from its model's table, where Django reads the record for each page (a
    query per chosen filter, 1.5 to 3 ms at the bench's size). Without a generation, or for a record saved within the
    last second, as Django reads it."""

    def to_python(self, value):
        remember = getattr(self.widget, "remember", None)
        if value in self.empty_values or remember is None or generation_token() is None:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        keys = remembered(
            ("choice keys", remember), lambda: {str(k): pk for k, pk in self.queryset.values_list(key, "pk")}
        )
        pk = keys.get(str(value))
        if pk is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        record = table(model).get(pk)
        return record if record is not None else super().to_python(value)


class KeptModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = KeptModelChoiceField
