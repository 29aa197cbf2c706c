"""CSV import and export helpers shared by the content apps (django-import-export): related records by
slug, many-to-many columns checked with the rest of their row, and preview marks the CSP accepts."""

import re

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from import_export import fields, resources, widgets


class SlugWidget(widgets.ForeignKeyWidget):
    """A related record by its slug; an unknown slug is an error of its row, not a silent blank."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"No {self.model._meta.verbose_name} has the slug “{value}”.") from None


class SlugsWidget(widgets.ManyToManyWidget):
    """Related records by their slugs, separated by |; any unknown slug is an error of its row."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        asked = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        unknown = sorted(asked - set(found.values_list(self.field, flat=True)))
        if unknown:
            raise ValueError(f"No {self.model._meta.verbose_name} has the slug “{'”, “'.join(unknown)}”.")
        return found


class PlainDiff(resources.Diff):
    """The import preview's marks of what a row changes, without the style attributes that the portal's
    Content Security Policy refuses; django-import-export's own stylesheet colours ins and del."""

    STYLED_MARK = re.compile(r'<(ins|del) style="background:#[0-9a-f]{6};">')

    def as_html(self):
        return [mark_safe(self.STYLED_MARK.sub(r"<\1>", html)) for html in super().as_html()]


class CheckedResource(resources.ModelResource):
    """A resource whose many-to-many columns are checked with the rest of the row, before anything is saved."""

    def get_diff_class(self):
        return PlainDiff

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.widget.clean(row[field.column_name], row=row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def by_slug(model, column, many=False):
    """A column holding the slug of a related record, or slugs separated by | for several."""
    widget = SlugsWidget(model, field="slug", separator="|") if many else SlugWidget(model, field="slug")
    return fields.Field(attribute=column, column_name=column, widget=widget)
