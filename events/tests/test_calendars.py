"""Calendars and feeds, parsed back with real parsers (icalendar, feedparser) and checked field by field."""

from datetime import UTC, date, datetime, timedelta

import feedparser
import icalendar
import pytest
import time_machine
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from core.generation import end_generation
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from testing import event_form

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)

# (slug, first day, day after the last, location)
SEED_EVENTS = [
    (
        "gmg-symposium-migration-and-youth-2011",
        date(2011, 5, 17),
        date(2011, 5, 19),
        "United Nations Plaza, New York, United States",
    ),
    (
        "escwa-interregional-workshop-2011",
        date(2011, 9, 22),
        date(2011, 9, 24),
        "Palais des Nations, Geneva, Switzerland",
    ),
    ("gmg-principals-meeting-2011", date(2011, 11, 15), date(2011, 11, 16), "UNESCO Headquarters, Paris, France"),
    ("gfmd-concluding-debate-2011", date(2011, 12, 1), date(2011, 12, 3), "Palais des Nations, Geneva, Switzerland"),
]


def vevents(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    assert (parsed["VERSION"], parsed["PRODID"]) == ("2.0", "-//Global Migration Group//GMG Portal//EN")
    return parsed, {
        str(component["URL"]).rstrip("/").rsplit("/", 1)[1]: component for component in parsed.walk("VEVENT")
    }


def test_the_calendar_holds_every_seed_event_on_its_days(client, seeded):
    parsed, events = vevents(client, "/en/events/calendar.ics")
    assert list(events) == [slug for slug, *_ in SEED_EVENTS]
    for slug, first, after_last, where in SEED_EVENTS:
        component, event = events[slug], Event.objects.get(slug=slug)
        assert component["DTSTART"].params["VALUE"] == "DATE" and component["DTSTART"].dt == first
        assert component["DTEND"].params["VALUE"] == "DATE" and component["DTEND"].dt == after_last  # exclusive
        assert str(component["LOCATION"]) == where
        assert str(component["URL"]) == f"http://testserver/en/events/{slug}/"
        assert str(component["UID"]) == f"{event.uid}@gmg-portal"
        assert str(component["SUMMARY"]) == event.title
        assert (str(component["STATUS"]), int(component["SEQUENCE"])) == ("CONFIRMED", 0)
        assert component["DTSTAMP"].dt == component["LAST-MODIFIED"].dt == event.updated_at
    assert not list(parsed.walk("VTIMEZONE"))  # all-day events need no zone


def test_each_event_page_links_its_own_calendar_file(client, seeded):
    page = client.get("/en/events/gmg-principals-meeting-2011/").content.decode()
    assert 'href="/en/events/gmg-principals-meeting-2011/calendar.ics"' in page
    _, events = vevents(client, "/en/events/gmg-principals-meeting-2011/calendar.ics")
    assert list(events) == ["gmg-principals-meeting-2011"]


def test_a_calendar_narrowed_to_one_topic_or_one_participant(client, seeded):
    _, events = vevents(client, "/en/events/calendar.ics", {"topic": "migration-and-climate-change"})
    assert list(events) == ["gmg-principals-meeting-2011"]
    _, events = vevents(client, "/en/events/calendar.ics", {"participant": "unhcr"})
    assert list(events) == []  # the article names no member as taking part in any event
    parsed, _ = vevents(client, "/en/events/calendar.ics", {"organiser": "unicef"})
    assert str(parsed["X-WR-CALNAME"]) == "Global Migration Group events (UNICEF)"


@pytest.mark.parametrize("params", [{"topic": "nope"}, {"year": "abc"}, {"after": "2011-02-30"}, {"q": "a\x00"}])
def test_a_calendar_with_bad_filters_is_a_400_that_says_why(client, seeded, params):
    response = client.get("/en/events/calendar.ics", params)
    assert response.status_code == 400
    assert response.content.decode().startswith("These calendar filters cannot be used:")


def test_the_list_pages_offer_webcal_and_https_subscriptions_for_their_filters(client, seeded):
    page = client.get("/en/events/past/", {"topic": "forced-migration", "page": "1"}).content.decode()
    assert 'href="webcal://testserver/en/events/calendar.ics?topic=forced-migration"' in page
    assert 'href="http://testserver/en/events/calendar.ics?topic=forced-migration"' in page


def test_uid_stays_while_sequence_and_last_modified_follow_each_edit(staff_client, seeded):
    event = Event.objects.get(slug="gmg-principals-meeting-2011")
    _, before = vevents(staff_client, "/en/events/calendar.ics")
    url = reverse("admin:events_event_change", args=[event.pk])
    fields = event_form(
        title=event.title_en,
        slug=event.slug,
        organiser=event.organiser_id,
        chairmanship=event.chairmanship_id,
        description=event.description_en,
    )
    for sequence, venue in [(1, "UNESCO, Fontenoy"), (2, "UNESCO Headquarters")]:
        with time_machine.travel(datetime(2026, 12, sequence, tzinfo=UTC), tick=False):
            assert staff_client.post(url, {**fields, "venue_en": venue}).status_code == 302
        _, after = vevents(staff_client, "/en/events/calendar.ics")
        changed = after["gmg-principals-meeting-2011"]
        assert changed["UID"] == before["gmg-principals-meeting-2011"]["UID"]
        assert int(changed["SEQUENCE"]) == sequence
        assert changed["LAST-MODIFIED"].dt == changed["DTSTAMP"].dt == datetime(2026, 12, sequence, tzinfo=UTC)
        assert str(changed["LOCATION"]).startswith(venue)
    assert int(after["gfmd-concluding-debate-2011"]["SEQUENCE"]) == 0


def test_a_timed_event_across_a_clock_change_keeps_its_zone_and_length(client, db):
    EventFactory(
        slug="night",
        timezone="Europe/Paris",
        starts_at=datetime(2011, 10, 29, 18, tzinfo=UTC),
        ends_at=datetime(2011, 10, 30, 9, tzinfo=UTC),
    )  # 20:00 CEST to 10:00 CET: 15 hours
    parsed, events = vevents(client, "/en/events/calendar.ics")
    start, end = events["night"]["DTSTART"], events["night"]["DTEND"]
    assert start.params["TZID"] == end.params["TZID"] == "Europe/Paris"
    assert (start.dt.hour, end.dt.hour) == (20, 10)
    assert end.dt.astimezone(UTC) - start.dt.astimezone(UTC) == timedelta(hours=15)
    (zone,) = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris"
    assert {component.name for component in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}


def test_an_event_ending_on_another_day_in_utc_keeps_its_local_day(client, db):
    EventFactory(
        slug="evening",
        timezone="America/New_York",
        starts_at=datetime(2011, 5, 17, 22, tzinfo=UTC),
        ends_at=datetime(2011, 5, 18, 2, tzinfo=UTC),
    )  # 18:00 to 22:00 on 17 May in New York
    _, events = vevents(client, "/en/events/calendar.ics")
    assert events["evening"]["DTSTART"].dt.isoformat() == "2011-05-17T18:00:00-04:00"
    assert events["evening"]["DTEND"].dt.isoformat() == "2011-05-17T22:00:00-04:00"
    assert events["evening"]["DTEND"].params["TZID"] == "America/New_York"


def test_an_event_with_no_end_has_no_dtend(client, db):
    EventFactory(slug="open-ended", ends_at=None)
    _, events = vevents(client, "/en/events/calendar.ics")
    assert "DTEND" not in events["open-ended"] and "DURATION" not in events["open-ended"]


@time_machine.travel(NOW)
def test_a_cancelled_event_stays_in_the_calendar_and_the_feeds_marked_so(client, db):
    EventFactory(slug="called-off", title="Called off", cancelled=True, starts_at=datetime(2030, 1, 1, tzinfo=UTC))
    _, events = vevents(client, "/en/events/calendar.ics")
    assert str(events["called-off"]["STATUS"]) == "CANCELLED"
    feed = feedparser.parse(client.get("/en/events/feeds/upcoming.rss").content)
    assert [entry.title for entry in feed.entries] == ["Cancelled: Called off"]
    assert "This event is cancelled." in client.get("/en/events/called-off/").content.decode()


@time_machine.travel(NOW)
def test_drafts_appear_in_no_calendar_and_no_feed(client, db):
    EventFactory(slug="draft", title="Draft event", status=Status.DRAFT, starts_at=datetime(2030, 1, 1, tzinfo=UTC))
    EventFactory(
        slug="drafts-organiser",
        organiser=AgencyFactory(status=Status.DRAFT, name="Secret agency"),
        starts_at=datetime(2030, 1, 2, tzinfo=UTC),
    )
    assert client.get("/en/events/draft/calendar.ics").status_code == 404
    _, events = vevents(client, "/en/events/calendar.ics")
    assert list(events) == ["drafts-organiser"]
    assert "Secret agency" not in client.get("/en/events/calendar.ics").content.decode()
    for url in [
        "/en/events/feeds/upcoming.rss",
        "/en/events/feeds/upcoming.atom",
        "/en/events/feeds/changes.rss",
        "/en/events/feeds/changes.atom",
    ]:
        body = client.get(url).content.decode()
        assert "Draft event" not in body and "Secret agency" not in body


@time_machine.travel(datetime(2011, 10, 1, tzinfo=UTC))
@pytest.mark.parametrize(
    ("url", "version"), [("/en/events/feeds/upcoming.rss", "rss20"), ("/en/events/feeds/upcoming.atom", "atom10")]
)
def test_the_upcoming_feeds_parse_with_the_coming_events_soonest_first(client, seeded, url, version):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo and feed.version == version
    assert feed.feed.title == "Global Migration Group: upcoming events"
    assert [entry.link for entry in feed.entries] == [
        "http://testserver/en/events/gmg-principals-meeting-2011/",
        "http://testserver/en/events/gfmd-concluding-debate-2011/",
    ]
    first = feed.entries[0]
    assert first.title == "GMG Principals' Meeting"
    assert first.id == f"urn:uuid:{Event.objects.get(slug='gmg-principals-meeting-2011').uid}"
    assert first.summary.startswith("<p>15 November 2011, UNESCO Headquarters, Paris, France.</p><p>Held by UNESCO")
    assert [tag.term for tag in first.tags] == ["Migration and Climate Change"]


@pytest.mark.parametrize(
    ("url", "version"), [("/en/events/feeds/changes.rss", "rss20"), ("/en/events/feeds/changes.atom", "atom10")]
)
def test_the_changes_feeds_put_the_latest_edit_first(client, seeded, url, version):
    Event.objects.get(slug="escwa-interregional-workshop-2011").save()
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo and feed.version == version
    assert len(feed.entries) == 4
    assert feed.entries[0].link == "http://testserver/en/events/escwa-interregional-workshop-2011/"
    if version == "atom10":  # RSS 2.0 has no element for the time of a change
        assert feed.entries[0].updated_parsed > feed.entries[1].updated_parsed


def test_every_page_announces_the_feeds_and_the_calendar(client, seeded):
    head = client.get("/en/members/").content.decode().split("</head>")[0]
    for href in [
        "/en/events/feeds/upcoming.rss",
        "/en/events/feeds/upcoming.atom",
        "/en/events/feeds/changes.rss",
        "/en/events/feeds/changes.atom",
        "/en/events/calendar.ics",
    ]:
        assert 'rel="alternate"' in head and f'href="{href}"' in head


def test_an_event_cannot_take_a_slug_the_portal_uses(staff_client, db):
    response = staff_client.post(reverse("admin:events_event_add"), event_form(slug="past"))
    assert response.context["adminform"].form.errors["slug"] == [
        "“past” is a page of the portal's own; choose another slug."
    ]
    assert not Event.objects.exists()


def test_a_large_calendar_holds_what_is_coming_then_what_just_happened(client, monkeypatch):
    now = datetime.now(UTC)
    for days in (-30, -20, -10, 5, 15, 25):
        EventFactory(slug=f"day-{days}", starts_at=now + timedelta(days=days))
    EventFactory(slug="under-way", starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=1))
    monkeypatch.setattr("events.views.CALENDAR_SIZE", 4)
    assert list(vevents(client, "/en/events/calendar.ics")[1]) == ["under-way", "day-5", "day-15", "day-25"]
    monkeypatch.setattr("events.views.CALENDAR_SIZE", 6)
    end_generation()  # the page cache would otherwise serve the calendar just built
    assert list(vevents(client, "/en/events/calendar.ics")[1]) == [
        "day--20",
        "day--10",
        "under-way",
        "day-5",
        "day-15",
        "day-25",
    ]
