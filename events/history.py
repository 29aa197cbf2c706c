"""An event's start and end in its history as its venue's clock showed them, with the venue's zone, or as days
for an event that lasts whole days: never as the UTC instants stored."""

import zoneinfo

from django.utils.dateformat import format as format_date

from core.history import EMPTY, when

from .venue_time import venue_clock


def at_venue(end):
    def shown(record):
        if (record.ends_at if end else record.starts_at) is None:
            return EMPTY
        try:
            clock = venue_clock(record.starts_at, record.ends_at, record.all_day, record.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):  # a zone the time zone database no longer has
            return when(record.ends_at if end else record.starts_at)
        day, time = (clock.end_date, clock.end_time) if end else (clock.start_date, clock.start_time)
        if record.all_day:
            return f"{format_date(day, 'j M Y')} (whole day at the venue)"
        return f"{format_date(day, 'j M Y')} {time:%H:%M} ({record.timezone})"

    return shown


VENUE_TIMES = {"starts_at": at_venue(end=False), "ends_at": at_venue(end=True)}
