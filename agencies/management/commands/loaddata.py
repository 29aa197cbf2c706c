from django.core.management.base import CommandError
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    """Django's loaddata, which names a natural key that matches no record instead of failing later on a NULL.

    Django sets such a reference aside as a possible forward reference and saves the record without
    it, so the error that follows names a column, not the missing record. The portal's fixtures never
    refer forward (each file refers only to what earlier files and records define), so an unresolved
    reference is always a mistake in the fixture: this says which record, which field, which key.
    """

    def save_obj(self, obj):
        if obj.deferred_fields:
            record = obj.object
            references = "; ".join(
                f"{field.name} {value!r} matches no {field.related_model._meta.verbose_name}"
                for field, value in obj.deferred_fields.items()
            )
            name = getattr(record, "slug", None) or record.pk
            raise CommandError(f"{record._meta.label} {name!r}: {references}.")
        return super().save_obj(obj)
