"""CSV import and export helpers shared by the content apps (django-import-export): related records by
slug, many-to-many columns checked with the rest of their row, errors in the file's own words, and a
preview that shows every column, with marks the CSP accepts."""

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets


class SlugWidget(widgets.ForeignKeyWidget):
    """A related record by its slug; an unknown slug is an error of its row, not a silent blank."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            # Translators: "No agency has the slug “unhcr”."; %(field)s is the column's field name (slug, acronym).
            raise ValueError(
                _("No %(kind)s has the %(field)s “%(value)s”.")
                % {"kind": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None


class SlugsWidget(widgets.ManyToManyWidget):
    """Related records by their slugs, separated by |; any unknown slug is an error of its row."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        asked = {slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()}
        unknown = sorted(asked - set(found.values_list(self.field, flat=True)))
        if unknown:
            raise ValueError(
                _("No %(kind)s has the slug “%(slugs)s”.")
                % {"kind": self.model._meta.verbose_name, "slugs": "”, “".join(unknown)}
            )
        return found


class YesNoWidget(widgets.BooleanWidget):
    """A yes/no column in the spellings the README lists; django-import-export's own widget reads any
    other value (“yes”, “Y”, a typo) as no, so a cancelled event would be imported as going ahead."""

    YES, NO = ("1", "true", "yes"), ("0", "false", "no")

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if not text:
            return None  # the column's default: no
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(
            _("“%(value)s” is not one of %(yes)s or %(no)s (an empty cell is %(empty)s).")
            % {"value": value, "yes": ", ".join(self.YES), "no": ", ".join(self.NO), "empty": self.NO[0]}
        )


class PlainDiff(resources.Diff):
    """The import preview's marks of what a row changes, without the style attributes that the portal's
    Content Security Policy refuses; django-import-export's own stylesheet colours ins and del.

    Each column is read as the export writes it (the resource's dehydrate_ methods included): the package
    reads the model attribute alone, so columns without one, such as an event's dates and times at its
    venue, showed blank in the preview.
    """

    STYLED_MARK = re.compile(r'<(ins|del) style="background:#[0-9a-f]{6};">')

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.columns(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.columns(resource, instance)

    @staticmethod
    def columns(resource, instance):
        if instance is None:  # a deleted row
            return [""] * len(resource.get_import_fields())
        return [resource.export_field(field, instance) for field in resource.get_import_fields()]

    def as_html(self):
        return [mark_safe(self.STYLED_MARK.sub(r"<\1>", html)) for html in super().as_html()]


def in_the_files_words(error):
    """A model's message reworded for a CSV row, where the column is named beside it: a value too long says
    the limit and its length, as Django's form message does in other words."""
    if error.code == "max_length":
        return ngettext(
            "at most %(limit_value)d character (it has %(show_value)d).",
            "at most %(limit_value)d characters (it has %(show_value)d).",
            error.params["limit_value"],
        ) % {"limit_value": error.params["limit_value"], "show_value": error.params["show_value"]}
    return " ".join(error.messages)


class CheckedResource(resources.ModelResource):
    """A resource whose many-to-many columns are checked with the rest of the row, before anything is saved;
    yes/no columns take only the listed spellings; and each row of a file is a different record."""

    WIDGETS_MAP = {**resources.ModelResource.WIDGETS_MAP, "BooleanField": YesNoWidget}
    # Model fields that no column holds, with the columns their errors belong to: the first of them, or the
    # last the row fills (an event's end is its end_time when the row gives one).
    ERROR_COLUMNS = {}
    unchecked = frozenset()

    def get_diff_class(self):
        return PlainDiff

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # Rows are matched to records by their key (the slug): a key given twice would have its second row
        # silently overwrite the first, so it is an error of the later row, naming both.
        self.rows_of_key = defaultdict(list)
        for number, line in enumerate(dataset.dict, 1):
            self.rows_of_key[self.key_of(line)].append(number)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        result.file_columns = list(dataset.headers or [])  # the preview of invalid rows shows these alone

    def key_of(self, row):
        columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        return tuple(str(row.get(column) or "").strip() for column in columns)

    def before_import_row(self, row, row_number=None, **kwargs):
        super().before_import_row(row, row_number=row_number, **kwargs)
        self.current_row, self.unchecked = row, set()
        key = self.key_of(row)
        first = getattr(self, "rows_of_key", {}).get(key, [row_number])[0]
        if any(key) and row_number is not None and first != row_number:
            column = self.fields[self.get_import_id_fields()[0]].column_name
            raise ValidationError(
                {
                    column: _(
                        "Rows %(first)s and %(row)s have the same %(column)s “%(key)s”: each row must be a "
                        "different %(kind)s."
                    )
                    % {
                        "first": first,
                        "row": row_number,
                        "column": column,
                        "key": "”, “".join(key),
                        "kind": self._meta.model._meta.verbose_name,
                    }
                }
            )

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

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """django-import-export's check of a row, with the model's errors of fields that `unchecked` names
        left out (their columns' own errors say what is wrong), and every error under the file's column."""
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            try:
                instance.full_clean(exclude=[*errors, *self.unchecked], validate_unique=validate_unique)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(self.errors_by_column(ValidationError(errors)))

    def errors_by_column(self, error):
        """The row's errors under the file's column names, every one of them, in the file's words."""
        row = getattr(self, "current_row", {})
        columns = {field.attribute: field.column_name for field in self.get_import_fields() if field.attribute}
        by_column = defaultdict(list)
        for name, errors in error.error_dict.items():
            if name in self.ERROR_COLUMNS:
                filled = [column for column in self.ERROR_COLUMNS[name] if str(row.get(column) or "").strip()]
                name = (filled or self.ERROR_COLUMNS[name])[-1 if filled else 0]
            else:
                name = columns.get(name, name)
            for message in (in_the_files_words(each) for each in errors):
                if message not in by_column[name]:
                    by_column[name].append(message)
        return dict(by_column)


def by_slug(model, column, many=False):
    """A column holding the slug of a related record, or slugs separated by | for several."""
    widget = SlugsWidget(model, field="slug", separator="|") if many else SlugWidget(model, field="slug")
    return fields.Field(attribute=column, column_name=column, widget=widget)
