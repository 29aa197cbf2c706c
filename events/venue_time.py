"""A venue's dates and clock, and the instants the portal stores: the one place that converts between them.

An event is entered as the venue's clock shows it (dates, and times unless it lasts whole days) and stored as
instants in UTC, with its first and last day at the venue kept beside them for SQL to filter and group by.
The model, the admin's form and the CSV import all convert through these functions, so that a day computed
by one is the day the others show.
"""

import zoneinfo
from collections import namedtuple
from datetime import UTC, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import time_format
from django.utils.translation import gettext as _

ONE_DAY = timedelta(days=1)

# What an editor reads and types: the first and last day at the venue, and the venue's clock at the start
# and end (None for an all-day event, and for the end of an event with no end).
VenueClock = namedtuple("VenueClock", ["start_date", "start_time", "end_date", "end_time"])


def venue_days(starts_at, ends_at, all_day, zone_name):
    """(first day, last day) of an event at its venue. An all-day event's end is the midnight after its last
    day (exclusive, as in iCalendar); an event with no end lasts its first day."""
    zone = zoneinfo.ZoneInfo(zone_name)
    first = starts_at.astimezone(zone).date()
    if ends_at is None:
        return first, first
    last = ends_at.astimezone(zone).date()
    return first, last - ONE_DAY if all_day else last


def venue_clock(starts_at, ends_at, all_day, zone_name):
    """The event as the venue's clock shows it: a VenueClock."""
    zone = zoneinfo.ZoneInfo(zone_name)
    first, last = venue_days(starts_at, ends_at, all_day, zone_name)
    if all_day:
        return VenueClock(first, None, last, None)
    return VenueClock(
        first,
        starts_at.astimezone(zone).time(),
        last,
        ends_at.astimezone(zone).time() if ends_at is not None else None,
    )


def all_day_bounds(first_day, last_day, zone):
    """The instants that bound whole days at a venue: its first midnight, and the midnight after its last day."""
    return (
        datetime.combine(first_day, time.min, tzinfo=zone),
        datetime.combine(last_day + ONE_DAY, time.min, tzinfo=zone),
    )


def venue_datetime(day, clock, zone, field):
    """The instant a venue's clock shows `clock` on `day`; an error on `field` for a time the clocks skip."""
    moment = datetime.combine(day, clock, tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise ValidationError(
            {
                field: _("%(time)s on %(date)s does not exist in %(zone)s: the clocks skip it that night.")
                % {"time": time_format(clock, "TIME_FORMAT"), "date": day.isoformat(), "zone": zone.key}
            }
        )
    return moment


def venue_instants(start_date, start_time, end_date, end_time, zone_name):
    """(starts_at, ends_at, all_day) from the dates and times as the venue's clock shows them.

    No start time makes an all-day event, from the start date to the end date (or the start date
    alone), both included. Errors name the field they concern, as in the admin's event form.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": _("The event cannot end before it starts.")})
    if start_time is None:
        if end_time is not None:
            raise ValidationError(
                {"start_time": _("Give the start time too, or leave both times empty for an all-day event.")}
            )
        return (*all_day_bounds(start_date, end_date or start_date, zone), True)
    if end_date and end_time is None:
        raise ValidationError({"end_time": _("Give the time it ends, or leave the end date empty.")})
    starts_at = venue_datetime(start_date, start_time, zone, "start_time")
    ends_at = venue_datetime(end_date or start_date, end_time, zone, "end_time") if end_time else None
    if ends_at and ends_at <= starts_at:
        raise ValidationError({"end_time": _("The event must end after it starts.")})
    return starts_at, ends_at, False
