"""Helpers that tests of several apps share; their fixtures live in conftest.py beside this file.

Test modules import from here, never from one another.
"""

import csv
import io
import time

# The seed content's fixtures, in the order a deployment loads them (the `seeded` fixture loads them).
SEED = ["agencies", "themes", "events"]


def inline_management(prefix, total=0, initial=0):
    """The hidden fields that an admin page's inline formset posts along with the form."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def event_form(**overrides):
    """The event add form as an editor fills it in for the seed's Principals' Meeting, with some fields changed."""
    data = {
        "title": "GMG Principals' Meeting",
        "slug": "gmg-principals-meeting-2011",
        "kind": "principals-meeting",
        "status": "published",
        "start_date": "2011-11-15",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "timezone": "Europe/Paris",
        "venue": "UNESCO Headquarters",
        "city": "Paris",
        "country": "France",
        "organiser": "",
        "organiser_name": "",
        "description": "Held by UNESCO as GMG Chair.",
        "external_url": "",
    }
    if "timezone" in overrides and "country" not in overrides:
        data["country"] = ""  # another zone than Paris's: France would not be its country (events/forms.py)
    data.update(overrides)
    return data


def form_for(event, **changes):
    """The change form as the admin fills it in for this event, with some fields changed."""
    when = {"start_date": event.start_date.isoformat(), "end_date": event.end_date.isoformat()}
    if not event.all_day:
        when.update(start_time=event.local_start.strftime("%H:%M"), end_time=event.local_end.strftime("%H:%M"))
    fields = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "description": event.description,
        "timezone": event.timezone,
        "country": event.country,
        "status": event.status,
        **when,
    }
    return event_form(**{**fields, **changes})


def poll(read, until, *, seconds, every=0.1):
    """Calls read() until until(result) holds and returns that result. The deadline only bounds how long a
    failure takes to report, on however loaded a machine: a test asserts on the result, never on the time."""
    deadline = time.monotonic() + seconds
    while True:
        result = read()
        if until(result) or time.monotonic() > deadline:
            return result
        time.sleep(every)


def import_row(slug, **values):
    """One row of an events CSV file as staff would write it: a workshop in Geneva, with some columns changed."""
    return {
        "slug": slug,
        "title": f"Event {slug}",
        "kind": "workshop",
        "status": "published",
        "start_date": "2027-03-01",
        "timezone": "Europe/Zurich",
        "city": "Geneva",
        "description": "Imported.",
        "cancelled": "0",
    } | values


def events_csv(*rows):
    """The text of an events CSV file with every column of the import, empty where a row gives none."""
    from events.resources import EventResource

    columns = list(EventResource.Meta.fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(dict.fromkeys(columns, "") | row)
    return buffer.getvalue()


def term_change_form(term):
    """A chairmanship's change form as posted unchanged, before its inlines' fields are added."""
    return {
        "agency": term.agency.pk,
        "starts_on": term.starts_on,
        "ends_on": term.ends_on,
        "status": "published",
        "theme_title": term.theme_title,
        "slug": term.slug,
        "theme_summary": "",
        "theme_description": "About.",
    }
