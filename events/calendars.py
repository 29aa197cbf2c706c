"""Events as iCalendar (RFC 5545), built with the icalendar library.

All-day events are DATE values with the exclusive DTEND the standard prescribes; timed events are in
the venue's zone (TZID), with a VTIMEZONE of rules that every common client reads (events/vtimezone.py).
Each event keeps its UID for life; SEQUENCE and LAST-MODIFIED follow staff edits, so subscribed calendars
update an event instead of copying it.
"""

import icalendar
from django.utils.translation import gettext as _

from core.templatetags.rich_text import plain_text
from core.translation import plain

from .venue_time import ONE_DAY
from .vtimezone import SINCE, vtimezone

PRODUCT = "-//Global Migration Group//GMG Portal//EN"
REFRESH = "PT6H"


def event_component(event, url):
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@gmg-portal")
    component.add("dtstamp", event.updated_at)
    component.add("created", event.created_at)
    component.add("last-modified", event.updated_at)
    component.add("sequence", event.sequence)
    component.add("summary", plain(event.title))
    if event.all_day:
        component.add("dtstart", event.start_date)
        component.add("dtend", event.end_date + ONE_DAY)
    else:
        component.add("dtstart", event.local_start)
        if event.ends_at:
            component.add("dtend", event.local_end)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.place:
        component.add("location", plain(event.place))
    organiser = plain(event.public_organiser)
    description = plain_text(event.description, paragraphs=True)
    if organiser:
        description = _("Organiser: %(organiser)s") % {"organiser": organiser} + f"\n\n{description}"
    component.add("description", description)
    component.add("url", url)
    topics = [plain(topic.name) for topic in event.topics.all()]
    if topics:
        component.add("categories", topics)
    return component


def calendar(events, name, absolute_url):
    """A VCALENDAR of the events; absolute_url(path) makes each event's page address absolute."""
    result = icalendar.Calendar()
    result.add("prodid", PRODUCT)
    result.add("version", "2.0")
    result.add("calscale", "GREGORIAN")
    result.add("method", "PUBLISH")
    result.add("name", name)
    result.add("x-wr-calname", name)
    result.add("refresh-interval", icalendar.vDuration.from_ical(REFRESH), parameters={"VALUE": "DURATION"})
    result.add("x-published-ttl", REFRESH)
    components = [event_component(event, absolute_url(event.get_absolute_url())) for event in events]
    since = {}  # each timed event's zone, from 1970 or the first year an event of the file has there
    for event in events:
        if not event.all_day:
            since[event.timezone] = min(since.get(event.timezone, SINCE), event.local_start.year)
    if not components:  # RFC 5545: a calendar holds one component at least
        since = {"Etc/UTC": SINCE}
    for tzid, first_year in sorted(since.items()):
        result.add_component(vtimezone(tzid, first_year))
    for component in components:
        result.add_component(component)
    return result.to_ical()
