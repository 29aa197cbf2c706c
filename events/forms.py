from django import forms
from django.contrib.admin.widgets import AdminDateWidget, AdminTimeWidget
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.zones import ZoneField, country_code, country_names, zone_is_of_country, zones_of_country

from .models import DATE_BOUNDS, Event
from .venue_time import venue_instants

VENUE_CLOCK = _("Local time at the venue, in the venue's time zone below.")


class VenueClockMixin:
    """A date or time box whose note says it is the venue's clock.

    The admin's DateTimeShortcuts.js notes under every date and time box how far the browser's clock is
    from the server's ("Note: You are 1 hour ahead of server time"): true of "publish from", wrong here,
    where the time is the venue's. The script adds its note only where the box's paragraph holds none yet
    (an element of class "timezonewarning"), so this widget brings its own, which says whose clock it is;
    the calendar and clock shortcuts stay."""

    template_name = "events/widgets/venue_clock.html"
    wrapper_class = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(wrapper_class=self.wrapper_class, note=gettext("At the venue"))
        return context


class VenueDateWidget(VenueClockMixin, AdminDateWidget):
    wrapper_class = "date"


class VenueTimeWidget(VenueClockMixin, AdminTimeWidget):
    wrapper_class = "time"


class EventAdminForm(forms.ModelForm):
    """Staff give dates and times as the venue's clock shows them; the event stores instants in UTC.

    No start time makes an all-day event, running from the start date to the end date (or the start
    date alone), both included.
    """

    start_date = forms.DateField(
        label=_("Start date"), widget=VenueDateWidget, help_text=VENUE_CLOCK, validators=DATE_BOUNDS
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=VenueTimeWidget,
        help_text=_("Leave empty for an all-day event."),
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=VenueDateWidget,
        help_text=_("The last day; leave empty for a one-day event."),
        validators=DATE_BOUNDS,
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=VenueTimeWidget)
    timezone = ZoneField(
        label=_("Time zone of the venue"),
        country_field="country_en",  # the English name, which the zone database knows
        help_text=_(
            "Type a city, a country or a zone (Geneva, Kenya, Europe/Zurich) and choose from the list; "
            "the event's country narrows it."
        ),
    )
    # Shown, as a box to tick, only when the zone is not one of the event's country's (see clean()).
    zone_confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput, label=_("Save with this zone anyway"))

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
        self.check_zone_of_country(cleaned)
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

    def check_zone_of_country(self, cleaned):
        """A zone that is not one of the event's country's is kept only once the editor confirms it (Europe/
        Zurich is Büsingen's, in Germany: the database knows such places better than a rule would).

        An event saved so before is not asked again while its zone and country stay as they are."""
        zone, country = cleaned.get("timezone"), cleaned.get("country_en", "")
        code = country_code(country)
        if not zone or not code or zone_is_of_country(zone, code) or cleaned.get("zone_confirmed"):
            return
        event = self.instance
        if event.pk and (event.timezone, event.country_en) == (zone, country):
            return
        own = ", ".join(place.name for place in zones_of_country(code)[:3])
        self.add_error(
            "timezone",
            ValidationError(
                gettext(
                    "%(zone)s is not a time zone of %(country)s (its zones: %(own)s). Choose one of those, or tick "
                    "“Save with this zone anyway” below to keep %(zone)s."
                ),
                code="zone_not_of_country",
                params={"zone": zone, "country": country_names()[code], "own": own},
            ),
        )
        self.fields["zone_confirmed"].widget = forms.CheckboxInput()
