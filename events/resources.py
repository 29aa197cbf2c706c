"""CSV export and import of events (django-import-export), in the venue's dates and clock; export of event series.

An import is previewed before anything is written, lists errors row by row, and cannot be
confirmed while a row has an error: the whole file goes in, or nothing does. Rows are matched by
slug. Someone without the publish permission imports drafts only, and is told so of each row the file
marks otherwise; such a person cannot change a published event, though a row that leaves it as it is
(an unchanged export) is simply skipped.
"""

from datetime import date, time

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from agencies.models import Agency, Constituent
from core.publishing import Status
from core.resources import CheckedResource, SlugWidget, by_slug
from core.translation import columns
from themes.models import Chairmanship, Topic

from .models import DATE_BOUNDS, VENUE_TIMEZONES, Event, EventSeries
from .venue_time import venue_instants

WHEN = ["start_date", "start_time", "end_date", "end_time"]
INSTANTS = {"starts_at", "ends_at", "all_day"}
PUBLISHED_EVENT = gettext_lazy("This event is published: only a publisher can change it.")


def parse(value, kind, column):
    """A date (YYYY-MM-DD) or a time (HH:MM) from a cell; None for an empty cell."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        parsed = kind.fromisoformat(text)
    except ValueError:
        message = (
            _("“%(text)s” is not a date (YYYY-MM-DD).") if kind is date else _("“%(text)s” is not a time (HH:MM).")
        )
        raise ValidationError({column: message % {"text": text}}) from None
    if kind is date:
        for bound in DATE_BOUNDS:
            try:
                bound(parsed)
            except ValidationError as error:
                raise ValidationError({column: error.messages}) from None
    return parsed


class EventResource(CheckedResource):
    start_date = fields.Field(column_name="start_date")
    start_time = fields.Field(column_name="start_time")
    end_date = fields.Field(column_name="end_date")
    end_time = fields.Field(column_name="end_time")
    organiser = by_slug(Agency, "organiser")
    organising_body = fields.Field(
        attribute="organising_body", column_name="organising_body", widget=SlugWidget(Constituent, field="acronym")
    )
    participants = by_slug(Agency, "participants", many=True)
    chairmanship = by_slug(Chairmanship, "chairmanship")
    series = by_slug(EventSeries, "series")
    topics = by_slug(Topic, "topics", many=True)

    class Meta:
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug",
            *columns("title"),
            "kind",
            "status",
            *WHEN,
            "timezone",
            *columns("venue", "city", "country"),
            "organiser",
            "organising_body",
            *columns("organiser_name"),
            "participants",
            "chairmanship",
            "series",
            "topics",
            *columns("description"),
            "external_url",
            "cancelled",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    ERROR_COLUMNS = {"starts_at": ["start_date", "start_time"], "ends_at": ["end_date", "end_time"]}
    ERROR_COLUMNS["all_day"] = ERROR_COLUMNS["starts_at"]

    def __init__(self, user=None, can_publish=False, **kwargs):
        super().__init__(**kwargs)
        self.user, self.can_publish = user, can_publish

    def dehydrate_start_date(self, event):
        return "" if event.start_date is None else event.start_date.isoformat()

    def dehydrate_start_time(self, event):
        start_time = event.venue_clock.start_time if event.starts_at else None
        return "" if start_time is None else start_time.strftime("%H:%M")

    def dehydrate_end_date(self, event):
        return "" if event.end_date in (None, event.start_date) else event.end_date.isoformat()

    def dehydrate_end_time(self, event):
        end_time = event.venue_clock.end_time if event.starts_at else None
        return "" if end_time is None else end_time.strftime("%H:%M")

    def before_import_row(self, row, row_number=None, **kwargs):
        self.locked, self.arrives_as_draft = False, False
        super().before_import_row(row, row_number=row_number, **kwargs)

    def import_instance(self, event, row, **kwargs):
        """Every error of the row at once: the columns django-import-export reads, then each date and time."""
        was_published = event.pk is not None and Event.objects.filter(pk=event.pk, status=Status.PUBLISHED).exists()
        errors = {}
        try:
            super().import_instance(event, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not self.can_publish:
            # Checked in validate_instance, once skip_row has seen whether the row changes anything.
            self.locked = was_published
            if not was_published and event.status != Status.DRAFT:
                self.arrives_as_draft = True
                event.status, event.publish_from = Status.DRAFT, None
        when = {}
        for column, kind in zip(WHEN, [date, time, date, time], strict=True):
            try:
                when[column] = parse(row.get(column), kind, column)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if "start_date" in when and when["start_date"] is None:
            errors["start_date"] = [_("Give the first day (YYYY-MM-DD).")]
        if set(WHEN) & set(errors) or event.timezone not in VENUE_TIMEZONES:
            # The instants cannot be worked out: the model would only call them missing, masking what the
            # columns' own errors (or the model's, for the time zone) say.
            self.unchecked = INSTANTS
        else:
            try:
                event.starts_at, event.ends_at, event.all_day = venue_instants(
                    when["start_date"], when["start_time"], when["end_date"], when["end_time"], event.timezone
                )
            except ValidationError as error:
                errors = error.update_error_dict(errors)
                self.unchecked = INSTANTS
        if event.pk is None:
            event.created_by = self.user
        event.updated_by = self.user
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, event, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if self.locked:  # the row changes a published event (an unchanged one is skipped before this)
            errors[NON_FIELD_ERRORS] = [*errors.get(NON_FIELD_ERRORS, []), PUBLISHED_EVENT]
        super().validate_instance(event, errors, validate_unique)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.arrives_as_draft = self.arrives_as_draft

    def skip_row(self, event, original, row, import_validation_errors=None):
        # The date and time columns have no attribute of their own for django-import-export to compare: a row
        # that only moves an event must not be skipped as unchanged.
        moved = (event.starts_at, event.ends_at, event.all_day) != (
            original.starts_at,
            original.ends_at,
            original.all_day,
        )
        return not moved and super().skip_row(event, original, row, import_validation_errors)


class EventSeriesResource(resources.ModelResource):
    """CSV export of event series."""

    topics = by_slug(Topic, "topics", many=True)

    class Meta:
        model = EventSeries
        fields = ["slug", *columns("name"), "status", *columns("summary"), "topics"]
        export_order = fields
