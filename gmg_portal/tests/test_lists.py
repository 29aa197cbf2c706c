"""Each list of the portal comes from one source (EventQuerySet, ChairmanshipQuerySet, Event.place): every page,
feed and calendar that shows it is checked here, so that one going back to its own version fails."""

from datetime import UTC, datetime, timedelta

import feedparser
import icalendar
import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


def page(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def calendar_events(client, url, params=None):
    return icalendar.Calendar.from_ical(client.get(url, params or {}).content).walk("VEVENT")


def feed_entries(client, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, url
    return feed.entries


@pytest.fixture
def upcoming_event():
    """An upcoming event with a published topic, a draft one and one scheduled for later, by a member, in a term,
    with that member and a draft one taking part."""
    organiser = AgencyFactory(slug="unhcr", acronym="UNHCR", name="UN Refugee Agency")
    term = ChairmanshipFactory(slug="the-term", agency=organiser)
    event = EventFactory(
        slug="coming", title="Coming soon", starts_at=NOW + timedelta(days=3), organiser=organiser, chairmanship=term
    )
    event.participants.add(organiser, AgencyFactory(acronym="SECRETARIAT", status=Status.DRAFT))
    event.topics.add(
        TopicFactory(slug="open", name="Open topic"),
        TopicFactory(name="Hidden topic", status=Status.DRAFT),
        TopicFactory(name="Later topic", publish_from=NOW + timedelta(days=30)),
    )
    return event


# Every page, feed and calendar that lists or shows the upcoming event with its topics.
EVENT_PAGES = [
    "/en/",
    "/en/events/",
    "/en/events/coming/",
    "/en/members/unhcr/",
    "/en/chairmanships/the-term/",
    "/en/topics/open/",
    "/en/events/?q=coming",
]
FEEDS = ["/en/events/feeds/upcoming.rss", "/en/events/feeds/upcoming.atom", "/en/events/feeds/changes.rss"]
CALENDARS = ["/en/events/calendar.ics", "/en/events/calendar.ics?topic=open", "/en/events/coming/calendar.ics"]


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", EVENT_PAGES)
def test_a_page_shows_an_events_published_topics_and_members_only(client, upcoming_event, url):
    body = page(client, url)
    assert "Coming soon" in body and 'href="/en/topics/open/"' in body
    assert "Hidden topic" not in body and "Later topic" not in body
    assert "SECRETARIAT" not in body


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_tags_an_event_with_its_published_topics_only(client, upcoming_event, url):
    (entry,) = feed_entries(client, url)
    assert [tag.term for tag in entry.tags] == ["Open topic"]


@time_machine.travel(NOW)
@pytest.mark.parametrize("url", CALENDARS)
def test_a_calendar_files_an_event_under_its_published_topics_only(client, upcoming_event, url):
    (vevent,) = calendar_events(client, url)
    assert vevent["CATEGORIES"].cats == ["Open topic"]


@time_machine.travel(NOW)
def test_search_shows_an_event_and_no_draft_topic(client, upcoming_event):
    body = page(client, "/en/search/", {"q": "coming"})
    assert 'href="/en/events/coming/"' in body and "Hidden topic" not in body


@time_machine.travel(NOW)
def test_a_topic_shows_once_its_publication_time_comes(client, upcoming_event):
    with time_machine.travel(NOW + timedelta(days=31)):
        (vevent,) = calendar_events(client, "/en/events/coming/calendar.ics")
    assert sorted(vevent["CATEGORIES"].cats) == ["Later topic", "Open topic"]


@pytest.mark.parametrize(
    ("venue", "city", "country", "place"),
    [
        ("Palais des Nations", "Geneva", "Switzerland", "Palais des Nations, Geneva, Switzerland"),
        ("", "Paris", "France", "Paris, France"),
        ("", "", "France", "France"),
        ("UNESCO Headquarters", "", "France", "UNESCO Headquarters, France"),
        ("Online", "", "", "Online"),
        ("", "", "", ""),
    ],
)
def test_an_events_place_is_one_line_with_no_empty_part(venue, city, country, place):
    assert Event(venue_en=venue, city_en=city, country_en=country).place == place


@time_machine.travel(NOW)
def test_every_page_feed_and_calendar_writes_a_country_alone_as_itself(client, upcoming_event):
    Event.objects.filter(pk=upcoming_event.pk).update(venue_en="", city_en="", country_en="France")
    for url in EVENT_PAGES:
        body = page(client, url)
        assert "France" in body and ", France" not in body, url
    assert '<dd class="col-sm-9">France</dd>' in page(client, "/en/events/coming/")
    for url in FEEDS:
        (entry,) = feed_entries(client, url)
        assert entry.summary.startswith("<p>30 November 2026, 13:00–15:00 (local time, Europe/Zurich), France.</p>"), (
            url
        )
    for url in CALENDARS:
        (vevent,) = calendar_events(client, url)
        assert str(vevent["LOCATION"]) == "France", url


def eleven_events(**links):
    """Eleven past events, one a month, linked as asked, and one the same day as the newest but later in the
    alphabet: "A newest" and "B newest" share their start, so the title breaks the tie."""
    events = [
        EventFactory(title=f"Month {month:02}", starts_at=datetime(2025, month, 1, 9, tzinfo=UTC), **links)
        for month in range(1, 11)
    ]
    events += [
        EventFactory(title=title, starts_at=datetime(2025, 11, 1, 9, tzinfo=UTC), **links)
        for title in ("A newest", "B newest")
    ]
    return events


NEWEST_TEN = ["B newest", "A newest", *(f"Month {month:02}" for month in range(10, 2, -1))]


def test_a_chairmanships_page_lists_its_latest_events_newest_first(client):
    term = ChairmanshipFactory(slug="term")
    eleven_events(chairmanship=term)
    response = client.get("/en/chairmanships/term/")
    assert [event.title for event in response.context["events"]] == NEWEST_TEN
    body = response.content.decode()
    assert "Month 02" not in body and "Month 01" not in body
    assert "The latest 10 are shown" in body and "?chairmanship=term" in body


def test_a_topics_page_lists_its_latest_events_newest_first(client):
    topic = TopicFactory(slug="topic")
    for event in eleven_events():
        event.topics.add(topic)
    assert [event.title for event in client.get("/en/topics/topic/").context["events"]] == NEWEST_TEN


@pytest.mark.parametrize("relation", ["organised_events", "participated_events"])
def test_a_members_page_lists_its_latest_events_newest_first(client, relation):
    agency = AgencyFactory(slug="member")
    for event in eleven_events():
        if relation == "organised_events":
            Event.objects.filter(pk=event.pk).update(organiser=agency)
        else:
            event.participants.add(agency)
    assert [event.title for event in client.get("/en/members/member/").context[relation]] == NEWEST_TEN


@time_machine.travel(NOW)
def test_the_event_lists_home_feeds_and_calendar_agree_on_each_order(client):
    for title in ("B later", "A later"):
        EventFactory(title=title, starts_at=NOW + timedelta(days=2))
    EventFactory(title="C sooner", starts_at=NOW + timedelta(days=1))
    for title in ("B just past", "A just past"):
        EventFactory(title=title, starts_at=NOW - timedelta(days=2))
    EventFactory(title="C long past", starts_at=NOW - timedelta(days=3))
    soonest = ["C sooner", "A later", "B later"]
    newest = ["B just past", "A just past", "C long past"]
    assert [event.title for event in client.get("/en/events/").context["events"]] == soonest
    assert [event.title for event in client.get("/en/events/past/").context["events"]] == newest
    home = client.get("/en/").context
    assert [event.title for event in home["next_events"]] == soonest
    assert [event.title for event in home["latest_events"]] == newest
    assert [entry.title for entry in feed_entries(client, "/en/events/feeds/upcoming.rss")] == soonest


@time_machine.travel(NOW)
def test_a_small_calendar_keeps_the_soonest_then_the_newest(client, monkeypatch):
    for title in ("B later", "A later"):
        EventFactory(title=title, starts_at=NOW + timedelta(days=2))
    for title in ("B just past", "A just past"):
        EventFactory(title=title, starts_at=NOW - timedelta(days=2))
    monkeypatch.setattr("events.views.CALENDAR_SIZE", 3)
    summaries = [str(vevent["SUMMARY"]) for vevent in calendar_events(client, "/en/events/calendar.ics")]
    assert sorted(summaries) == ["A later", "B just past", "B later"]


# A word placed in one field of the one list of fields of the word search.
WORD = "zanzibar"


def event_with_the_word_in(field):
    if field.startswith("organiser__"):
        return EventFactory(
            slug="found", starts_at=NOW + timedelta(days=5), organiser=AgencyFactory(**{field[11:]: f"X {WORD} Y"})
        )
    return EventFactory(slug="found", starts_at=NOW + timedelta(days=5), **{field: f"Before {WORD.upper()} after"})


@time_machine.travel(NOW)
@pytest.mark.parametrize("field", Event.word_search_fields)
def test_every_word_search_of_events_looks_in_every_field_of_the_one_list(client, admin_client, field):
    found = event_with_the_word_in(field)
    EventFactory(slug="other", starts_at=NOW + timedelta(days=6))
    assert [event.slug for event in client.get("/en/events/", {"q": WORD}).context["events"]] == ["found"]
    assert [
        vevent["URL"].rstrip("/").rsplit("/", 1)[1]
        for vevent in calendar_events(client, "/en/events/calendar.ics", {"q": WORD})
    ] == ["found"]
    admin = admin_client.get(reverse("admin:events_event_changelist"), {"q": WORD})
    assert [event.slug for event in admin.context["cl"].result_list] == ["found"]
    document = [name for group in Event.search_fields for name in group]
    if connection.vendor != "postgresql" or field in document:  # PostgreSQL ranks its indexed document only
        assert [event.slug for event in client.get("/en/search/", {"q": WORD}).context["results"][3][1]] == ["found"]
    found.status = Status.DRAFT
    found.save()
    assert not client.get("/en/events/", {"q": WORD}).context["events"]
    assert not client.get("/en/search/", {"q": WORD}).context["results"][3][1]


@time_machine.travel(NOW)
def test_the_word_search_wants_every_word_in_some_field(client):
    EventFactory(title="Youth symposium", city="Geneva", starts_at=NOW + timedelta(days=1))
    EventFactory(title="Youth forum", city="Paris", starts_at=NOW + timedelta(days=2))
    assert [event.title for event in Event.objects.matching("youth GENEVA")] == ["Youth symposium"]
    assert [event.title for event in Event.objects.matching("  ")] == ["Youth symposium", "Youth forum"]
