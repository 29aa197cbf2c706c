from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.core.exceptions import ValidationError

from .models import DATE_BOUNDS, VENUE_REGIONS, VENUE_TIMEZONES, Event
from .venue_time import venue_instants


def timezone_choices():
    """Zones grouped by region, each named by its place ("Europe" > "Paris"), so that typing a city's first
    letters finds it."""
    choices = [("", "---------"), ("UTC", "UTC")]
    for region in VENUE_REGIONS:
        places = sorted(name for name in VENUE_TIMEZONES if name.startswith(f"{region}/"))
        choices.append((region, [(name, name.partition("/")[2].replace("_", " ")) for name in places]))
    return choices


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
        # The admin's fieldsets name the fields. The instants are computed from the dates and times at the
        # venue; the model's own start_date and end_date from the instants, on save.
        exclude = ["starts_at", "ends_at", "all_day", "start_date", "end_date"]  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk and event.starts_at:
            clock = event.venue_clock
            self.initial.update(start_date=clock.start_date, timezone=event.timezone)
            if clock.end_date != clock.start_date or clock.end_time is not None:
                self.initial["end_date"] = clock.end_date
            if not event.all_day:
                self.initial["start_time"] = clock.start_time
                if clock.end_time is not None:
                    self.initial["end_time"] = clock.end_time

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
