from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.management.commands import loaddata


class Command(loaddata.Command):
    """Django's loaddata, which also checks each record as the admin would and names the record at fault.

    - A natural key that matches no record is reported by record, field and key. (Django sets such a
      reference aside as a possible forward reference and saves the record without it, so the error
      that follows names a column, not the missing record. The portal's fixtures never refer forward:
      each file refers only to what earlier files and records define.)
    - Each record is validated (field validators, choices, clean()) before it is saved, so that a
      fixture cannot store what the admin would refuse, such as an unknown time zone.

    Either error stops the load, and loaddata's transaction leaves the database as it was.
    """

    def save_obj(self, obj):
        record = obj.object
        name = (
            f"{record._meta.label} {getattr(record, 'slug', None) or getattr(record, 'acronym', None) or record.pk!r}"
        )
        if obj.deferred_fields:
            references = "; ".join(
                f"{field.name} {value!r} matches no {field.related_model._meta.verbose_name}"
                for field, value in obj.deferred_fields.items()
            )
            raise CommandError(f"{name}: {references}.")
        try:
            record.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"{name}: {problems}") from error
        return super().save_obj(obj)
