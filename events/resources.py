"""CSV export and import of events (django-import-export), in the venue's dates and clock.

An import is previewed before anything is written, lists errors row by row, and cannot be
confirmed while a row has an error: the whole file goes in, or nothing does. Rows are matched by
slug. Someone without the publish permission imports drafts only and cannot change a published event.
"""

from datetime import date, time

from django.core.exceptions import ValidationError
from import_export import fields

from agencies.models import Agency
from core.publishing import Status
from core.resources import CheckedResource, by_slug
from themes.models import Chairmanship, Topic

from .models import DATE_BOUNDS, VENUE_TIMEZONES, Event
from .venue_time import venue_instants

WHEN = ["start_date", "start_time", "end_date", "end_time"]


def parse(value, kind, column):
    """A date (YYYY-MM-DD) or a time (HH:MM) from a cell; None for an empty cell."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        parsed = kind.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            {column: f"“{text}” is not a {'date (YYYY-MM-DD)' if kind is date else 'time (HH:MM)'}."}
        ) from None
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
    participants = by_slug(Agency, "participants", many=True)
    chairmanship = by_slug(Chairmanship, "chairmanship")
    topics = by_slug(Topic, "topics", many=True)

    class Meta:
        model = Event
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "kind",
            "status",
            *WHEN,
            "timezone",
            "venue",
            "city",
            "country",
            "organiser",
            "organiser_name",
            "participants",
            "chairmanship",
            "topics",
            "description",
            "external_url",
            "cancelled",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, can_publish=False, **kwargs):
        super().__init__(**kwargs)
        self.user, self.can_publish = user, can_publish

    def dehydrate_start_date(self, event):
        return event.start_date.isoformat()

    def dehydrate_start_time(self, event):
        start_time = event.venue_clock.start_time
        return "" if start_time is None else start_time.strftime("%H:%M")

    def dehydrate_end_date(self, event):
        return "" if event.end_date == event.start_date else event.end_date.isoformat()

    def dehydrate_end_time(self, event):
        end_time = event.venue_clock.end_time
        return "" if end_time is None else end_time.strftime("%H:%M")

    def import_instance(self, event, row, **kwargs):
        was_published = event.pk is not None and Event.objects.filter(pk=event.pk, status=Status.PUBLISHED).exists()
        super().import_instance(event, row, **kwargs)
        if not self.can_publish:
            if was_published:
                raise ValidationError("This event is published: only a publisher can change it.")
            event.status, event.publish_from = Status.DRAFT, None
        start_date = parse(row.get("start_date"), date, "start_date")
        if start_date is None:
            raise ValidationError({"start_date": "Give the first day (YYYY-MM-DD)."})
        if event.timezone not in VENUE_TIMEZONES:
            return  # the model's own validation names the time zone as the problem
        event.starts_at, event.ends_at, event.all_day = venue_instants(
            start_date,
            parse(row.get("start_time"), time, "start_time"),
            parse(row.get("end_date"), date, "end_date"),
            parse(row.get("end_time"), time, "end_time"),
            event.timezone,
        )
        if event.pk is None:
            event.created_by = self.user
        event.updated_by = self.user

    def skip_row(self, event, original, row, import_validation_errors=None):
        # The date and time columns have no attribute of their own for django-import-export to compare: a row
        # that only moves an event must not be skipped as unchanged.
        moved = (event.starts_at, event.ends_at, event.all_day) != (
            original.starts_at,
            original.ends_at,
            original.all_day,
        )
        return not moved and super().skip_row(event, original, row, import_validation_errors)
