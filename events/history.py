"""An event's start and end in its history as its venue's clock showed them, with the venue's zone, or as days
for an event that lasts whole days: never as the UTC instants stored."""

import zoneinfo

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from core.history import EMPTY, when

from .venue_time import venue_clock


def at_venue(end):
    def shown(record):
        if (record.ends_at if end else record.starts_at) is None:
            return _(EMPTY)
        try:
            clock = venue_clock(record.starts_at, record.ends_at, record.all_day, record.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # a zone the time zone database no longer has
            return when(record.ends_at if end else record.starts_at)
        day, time = (clock.end_date, clock.end_time) if end else (clock.start_date, clock.start_time)
        if record.all_day:
            return _("%(day)s (whole day at the venue)") % {"day": date_format(day, "SHORT_DATE_FORMAT")}
        return _("%(day)s %(time)s (%(zone)s)") % {
            "day": date_format(day, "SHORT_DATE_FORMAT"),
            "time": time_format(time, "TIME_FORMAT"),
            "zone": record.timezone,
        }

    return shown


VENUE_TIMES = {"starts_at": at_venue(end=False), "ends_at": at_venue(end=True)}
