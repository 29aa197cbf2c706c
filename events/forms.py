import zoneinfo
from datetime import UTC, datetime

from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.core.exceptions import ValidationError

from .models import DATE_BOUNDS, VENUE_REGIONS, VENUE_TIMEZONES, Event, all_day_bounds


def timezone_choices():
    """Zones grouped by region, each named by its place ("Europe" > "Paris"), so that typing a city's first
    letters finds it."""
    choices = [("", "---------"), ("UTC", "UTC")]
    for region in VENUE_REGIONS:
        places = sorted(name for name in VENUE_TIMEZONES if name.startswith(f"{region}/"))
        choices.append((region, [(name, name.partition("/")[2].replace("_", " ")) for name in places]))
    return choices


def venue_datetime(day, clock, zone, field):
    """The instant a venue's clock shows `clock` on `day`; an error on `field` for a time the clocks skip."""
    moment = datetime.combine(day, clock, tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ValidationError(
            {field: f"{clock:%H:%M} on {day:%Y-%m-%d} does not exist in {zone.key}: the clocks skip it that night."}
        )
    return moment


def venue_instants(start_date, start_time, end_date, end_time, zone_name):
    """(starts_at, ends_at, all_day) from the dates and times as the venue's clock shows them.

    No start time makes an all-day event, from the start date to the end date (or the start date
    alone), both included. Errors name the field they concern, as in the admin's event form.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "The event cannot end before it starts."})
    if start_time is None:
        if end_time is not None:
            raise ValidationError(
                {"start_time": "Give the start time too, or leave both times empty for an all-day event."}
            )
        return (*all_day_bounds(start_date, end_date or start_date, zone), True)
    if end_date and end_time is None:
        raise ValidationError({"end_time": "Give the time it ends, or leave the end date empty."})
    starts_at = venue_datetime(start_date, start_time, zone, "start_time")
    ends_at = venue_datetime(end_date or start_date, end_time, zone, "end_time") if end_time else None
    if ends_at and ends_at <= starts_at:
        raise ValidationError({"end_time": "The event must end after it starts."})
    return starts_at, ends_at, False


class EventAdminForm(forms.ModelForm):
    """Staff give dates and times as the venue's clock shows them; the event stores instants in UTC.

    No start time makes an all-day event, running from the start date to the end date (or the start
    date alone), both included.
    """

    start_date = forms.DateField(widget=AdminDateWidget, help_text="As at the venue.", validators=DATE_BOUNDS)
    start_time = forms.TimeField(required=False, widget=AdminTimeWidget, help_text="Leave empty for an all-day event.")
    end_date = forms.DateField(
        required=False,
        widget=AdminDateWidget,
        help_text="The last day; leave empty for a one-day event.",
        validators=DATE_BOUNDS,
    )
    end_time = forms.TimeField(required=False, widget=AdminTimeWidget)
    timezone = forms.ChoiceField(
        label="Time zone of the venue", choices=timezone_choices, help_text="For example Europe/Paris."
    )

    class Meta:
        model = Event
        # The admin's fieldsets name the fields; these are computed from the dates and times at the venue.
        exclude = ["starts_at", "ends_at", "all_day"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk and event.starts_at:
            self.initial.update(start_date=event.start_date, timezone=event.timezone)
            if event.end_date != event.start_date:
                self.initial["end_date"] = event.end_date
            if not event.all_day:
                self.initial["start_time"] = event.local_start.time()
                if event.ends_at:
                    self.initial["end_time"] = event.local_end.time()
                    self.initial["end_date"] = event.end_date

    def clean(self):
        cleaned = super().clean()
        start_date, zone_name = cleaned.get("start_date"), cleaned.get("timezone")
        if not start_date or not zone_name or self.has_error("start_time") or self.has_error("end_date"):
            return cleaned
        try:
            instants = venue_instants(
                start_date, cleaned.get("start_time"), cleaned.get("end_date"), cleaned.get("end_time"), zone_name
            )
        except ValidationError as error:
            self.add_error(None, error)
            return cleaned
        self.instance.starts_at, self.instance.ends_at, self.instance.all_day = instants
        return cleaned
