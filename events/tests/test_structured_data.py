"""What an event page tells machines (its JSON-LD, meta and Open Graph descriptions) and its calendar file say
what the page says: the event's state, its organiser, and its description as words, never as Markdown."""

import html
import json
from datetime import UTC, datetime

import feedparser
import icalendar
import pytest
from django.utils.html import strip_tags

from agencies.tests.factories import AgencyFactory
from events.tests.factories import EventFactory, EventSeriesFactory
from gmg_portal.tests.pages import PageFacts
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db

MARKDOWN = (
    "The **Group's** meeting on [remittances](https://example.org/remittances), with `code` and _emphasis_.\n\n"
    "### Programme\n\n- opening by the chair\n- a panel\n\n> Migration is a reality."
)
WORDS = (
    "The Group's meeting on remittances, with code and emphasis. Programme opening by the chair a panel "
    "Migration is a reality."
)
MARKUP = ["**", "](", "`", "_emphasis_", "###", "- opening", "> Migration", "<"]


def event_page(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    facts = PageFacts(response.content.decode())
    (data,) = [json.loads(block) for block in facts.json_ld]
    return facts, data


def test_a_cancelled_event_is_cancelled_in_its_structured_data_and_a_scheduled_one_scheduled(client):
    scheduled = EventFactory(starts_at=datetime(2030, 6, 10, 8, tzinfo=UTC))
    cancelled = EventFactory(starts_at=datetime(2030, 6, 11, 8, tzinfo=UTC), cancelled=True)
    assert event_page(client, scheduled)[1]["eventStatus"] == "https://schema.org/EventScheduled"
    assert event_page(client, cancelled)[1]["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_organiser_is_named_with_its_page_here_and_its_own_site(client):
    member = AgencyFactory(slug="unhcr", acronym="UNHCR", website="https://www.unhcr.org/")
    event = EventFactory(organiser=member)
    _, data = event_page(client, event)
    assert data["organizer"] == {
        "@type": "Organization",
        "name": member.name,
        "url": "http://testserver/en/members/unhcr/",
        "sameAs": "https://www.unhcr.org/",
    }
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Geneva",
        "addressCountry": "Switzerland",
    }
    outsider = EventFactory(organiser_name="Global Forum on Migration and Development")
    assert event_page(client, outsider)[1]["organizer"] == {
        "@type": "Organization",
        "name": "Global Forum on Migration and Development",
    }


def test_an_events_markdown_is_words_in_every_plain_text_it_is_given_as(client):
    event = EventFactory(description=MARKDOWN)
    facts, data = event_page(client, event)
    outputs = {
        "meta description": facts.meta["description"],
        "og:description": facts.meta["og:description"],
        "JSON-LD": data["description"],
    }
    (component,) = icalendar.Calendar.from_ical(client.get(f"{event.get_absolute_url()}calendar.ics").content).walk(
        "VEVENT"
    )
    outputs["calendar"] = str(component["DESCRIPTION"])
    for where, text in outputs.items():
        assert " ".join(text.split()) == WORDS, where
        assert not [mark for mark in MARKUP if mark in text], where
    assert "Programme\n\nopening by the chair\n\na panel" in outputs["calendar"]  # paragraphs kept in a calendar
    # A feed's summary is HTML (type="html"), made from the Markdown as the page's is: no Markdown is left in it.
    (entry,) = feedparser.parse(client.get("/en/events/feeds/changes.atom").content).entries
    assert entry.summary_detail.type == "text/html"
    assert "<strong>Group's</strong>" in entry.summary and '<a href="https://example.org/remittances"' in entry.summary
    words = " ".join(strip_tags(entry.summary).split())
    assert words.endswith(WORDS) and not [mark for mark in MARKUP if mark in html.unescape(words)]


@pytest.mark.parametrize(
    "make",
    [
        lambda: AgencyFactory(summary=MARKDOWN),
        lambda: TopicFactory(description=MARKDOWN),
        lambda: ChairmanshipFactory(theme_summary="", theme_description=MARKDOWN),
        lambda: EventSeriesFactory(summary=MARKDOWN),
    ],
    ids=["member", "topic", "chairmanship", "series"],
)
def test_every_record_pages_description_is_words(client, make):
    record = make()
    facts = PageFacts(client.get(record.get_absolute_url()).content.decode())
    for key in ("description", "og:description"):
        assert " ".join(facts.meta[key].split()) == WORDS, key
