"""The calendars as other clients read them: ical.js (Mozilla's parser, Thunderbird's) and vobject, neither of
which writes them. Each event's start and end, as each parser reads them, must be the instant the time zone
database gives for the venue's clock, in summer and in winter, north and south, and after 2038."""

import json
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.conf import settings

from events.tests.factories import EventFactory
from events.vtimezone import vtimezone
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db
ICAL_JS = Path(__file__).with_name("ical_instants.mjs")

# (zone, venue's date and clock at the start): summers and winters of both hemispheres, zones without
# daylight-saving time, and dates past 2038, where 32-bit clocks and the old VTIMEZONE blocks ended.
TIMED = [
    ("Europe/Zurich", datetime(2027, 6, 10, 9, 30)),
    ("Europe/Zurich", datetime(2027, 1, 20, 9, 30)),
    ("Europe/Zurich", datetime(2099, 7, 1, 10, 0)),
    ("America/New_York", datetime(2027, 7, 15, 14, 0)),
    ("America/New_York", datetime(2027, 1, 14, 14, 0)),
    ("America/New_York", datetime(2045, 8, 1, 9, 0)),
    ("Asia/Bangkok", datetime(2027, 3, 3, 9, 0)),
    ("Africa/Nairobi", datetime(2027, 5, 5, 15, 0)),
    ("America/Santiago", datetime(2027, 1, 12, 10, 0)),
    ("America/Santiago", datetime(2027, 7, 12, 10, 0)),
    ("America/Santiago", datetime(2050, 12, 1, 10, 0)),
    ("Australia/Sydney", datetime(2027, 1, 12, 10, 0)),
    ("Australia/Sydney", datetime(2027, 7, 12, 10, 0)),
    ("Australia/Sydney", datetime(2039, 1, 12, 10, 0)),
]


@pytest.fixture
def events():
    topic = TopicFactory(slug="calendar-clients")
    made = {}
    for number, (zone, clock) in enumerate(TIMED):
        starts_at = clock.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
        event = EventFactory(
            slug=f"timed-{number}",
            timezone=zone,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2, minutes=30),
            cancelled=zone == "Africa/Nairobi",
        )
        event.topics.add(topic)
        made[str(event.uid)] = event
    bangkok = ZoneInfo("Asia/Bangkok")
    all_day = EventFactory(
        slug="all-day-in-bangkok",
        timezone="Asia/Bangkok",
        all_day=True,
        starts_at=datetime(2027, 2, 1, tzinfo=bangkok).astimezone(UTC),
        ends_at=datetime(2027, 2, 3, tzinfo=bangkok).astimezone(UTC),
    )
    made[str(all_day.uid)] = all_day
    return made


def read_with_ical_js(content):
    result = subprocess.run(
        ["node", str(ICAL_JS)], input=content, capture_output=True, check=True, cwd=settings.BASE_DIR, timeout=60
    )
    moment = {int: lambda value: datetime.fromtimestamp(value, UTC), str: date.fromisoformat, type(None): lambda v: v}
    return {
        event["uid"]: (moment[type(event["start"])](event["start"]), moment[type(event["end"])](event["end"]))
        for event in json.loads(result.stdout)
    }


def read_with_vobject(content):
    calendar = vobject.readOne(content.decode())
    moment = {datetime: lambda value: value.astimezone(UTC), date: lambda value: value}
    return {
        str(event.uid.value): (
            moment[type(event.dtstart.value)](event.dtstart.value),
            moment[type(event.dtend.value)](event.dtend.value) if hasattr(event, "dtend") else None,
        )
        for event in getattr(calendar, "vevent_list", [])
    }


def expected(event):
    if event.all_day:
        return event.start_date, event.end_date + timedelta(days=1)
    return event.starts_at, event.ends_at


@pytest.mark.parametrize("reader", [read_with_ical_js, read_with_vobject], ids=["ical.js", "vobject"])
def test_every_calendar_file_gives_each_parser_the_instants_of_the_time_zone_database(client, events, reader):
    """The whole calendar, a topic's, and each event's own file."""
    addresses = ["/en/events/calendar.ics", "/en/events/calendar.ics?topic=calendar-clients"]
    addresses += [f"/en/events/{event.slug}/calendar.ics" for event in events.values()]
    seen = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        for uid, instants in reader(response.content).items():
            event = events[uid.removesuffix("@gmg-portal")]
            assert instants == expected(event), (address, event.timezone, event.local_start)
            seen[uid] = instants
    assert len(seen) == len(events)
    # Two summer meetings spelled out: 09:30 in Zurich is 07:30 UTC, 14:00 in New York 18:00 UTC.
    start = {events[uid.removesuffix("@gmg-portal")].slug: instants[0] for uid, instants in seen.items()}
    assert start["timed-0"] == datetime(2027, 6, 10, 7, 30, tzinfo=UTC)
    assert start["timed-3"] == datetime(2027, 7, 15, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize("reader", [read_with_ical_js, read_with_vobject], ids=["ical.js", "vobject"])
def test_a_calendar_without_events_still_parses_and_holds_a_component(client, events, reader):
    TopicFactory(slug="nothing-planned")
    response = client.get("/en/events/calendar.ics?topic=nothing-planned")
    assert response.status_code == 200
    assert reader(response.content) == {}
    assert b"BEGIN:VTIMEZONE" in response.content  # RFC 5545: a calendar holds at least one component


# Zones whose rules a VTIMEZONE must get right: both hemispheres, half-hour and 45-minute offsets, half-hour
# daylight saving (Lord Howe), changes at midnight (Santiago, Havana, Beirut, Asunción), Morocco's changes around
# Ramadan, Dublin's "negative" summer time, zones that gave up daylight saving (Istanbul, Moscow, Tehran, Amman).
ZONES = [
    "Europe/Zurich", "Europe/Dublin", "Europe/London", "Europe/Moscow", "Europe/Istanbul", "America/New_York",
    "America/Santiago", "America/Asuncion", "America/Havana", "America/Sao_Paulo", "America/Nuuk",
    "America/St_Johns", "Africa/Casablanca", "Africa/Cairo", "Asia/Beirut", "Asia/Jerusalem", "Asia/Tehran",
    "Asia/Amman", "Asia/Kathmandu", "Asia/Kolkata", "Australia/Sydney", "Australia/Lord_Howe", "Australia/Adelaide",
    "Pacific/Auckland", "Pacific/Chatham", "Pacific/Apia",
]  # fmt: skip
YEARS = [1975, 1995, 2005, 2024, 2039, 2099]


@pytest.mark.parametrize("reader", [read_with_ical_js, read_with_vobject], ids=["ical.js", "vobject"])
def test_the_zones_rules_read_the_same_in_every_month_to_2099(reader):
    """events/vtimezone.py on its own: a file with a meeting at 10:00 on the 15th of every month of six years
    in each of these zones, read by each parser, gives the time zone database's instant for every one (with
    icalendar's own VTIMEZONE blocks, both parsers got Zurich's summers wrong)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//GMG Portal tests//EN")
    calendar.add("version", "2.0")
    expected = {}
    for zone in ZONES:
        calendar.add_component(vtimezone(zone))
        for year in YEARS:
            for month in range(1, 13):
                local = datetime(year, month, 15, 10)
                component = icalendar.Event()
                uid = f"{zone}-{year}-{month}"
                component.add("uid", uid)
                component.add("dtstamp", datetime(2026, 1, 1, tzinfo=UTC))
                component.add("dtstart", local, parameters={"TZID": zone})
                calendar.add_component(component)
                expected[uid] = local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    read = {uid: instants[0] for uid, instants in reader(calendar.to_ical()).items()}
    assert {uid: instant for uid, instant in read.items() if instant != expected[uid]} == {}
    assert read.keys() == expected.keys()
