"""An event's organiser, chair, series, topics and participants come from the small tables kept for the content's
generation (core/references.py): no join, the public records only, in the model's order, never staler than the
database."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory, EventSeriesFactory
from themes.models import Topic
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


@pytest.fixture
def event():
    event = EventFactory(
        slug="forum",
        organiser=AgencyFactory(slug="unhcr", acronym="UNHCR"),
        chairmanship=ChairmanshipFactory(slug="unhcr-2019-01"),
        series=EventSeriesFactory(slug="gfmd"),
    )
    event.topics.set(
        [
            TopicFactory(slug="trafficking", position=2),
            TopicFactory(slug="draft-topic", position=0, status=Status.DRAFT),
            TopicFactory(slug="forced-migration", position=1),
        ]
    )
    event.participants.set(
        [
            AgencyFactory(slug="unodc", acronym="UNODC", name="United Nations Office on Drugs and Crime"),
            AgencyFactory(slug="ilo", acronym="ILO", name="International Labour Organization"),
        ]
    )
    return event


def relations(event):
    return (
        event.organiser.acronym,
        event.chairmanship.slug,
        event.chairmanship.agency.slug,
        event.series.slug,
        [topic.slug for topic in event.topics.all()],
        [agency.acronym for agency in event.participants.all()],
    )


@time_machine.travel(NOW)
def test_the_relations_come_from_the_kept_tables_with_the_public_records_only_in_their_order(event):
    Event.objects.for_page().get(slug="forum")  # the first reading of the generation fills the tables
    with CaptureQueriesContext(connection) as queries:
        found = Event.objects.published().for_page().get(slug="forum")
        read = relations(found)
    assert read == (
        "UNHCR",
        "unhcr-2019-01",
        found.chairmanship.agency.slug,
        "gfmd",
        ["forced-migration", "trafficking"],  # Topic's order (position), and not the draft
        ["ILO", "UNODC"],  # Agency's order (name)
    )
    # The event, then its topics' and participants' keys: no join, no other table read.
    assert len(queries) == 3
    assert not [query for query in queries.captured_queries if "JOIN" in query["sql"]]


@time_machine.travel(NOW)
def test_a_change_shows_at_once(event):
    Event.objects.for_page().get(slug="forum")
    topic = Topic.objects.get(slug="draft-topic")
    topic.status = Status.PUBLISHED
    topic.save()  # ends the generation, as any save of content does
    organiser = event.organiser
    organiser.acronym = "UNHCR-NEW"
    organiser.save()
    found = Event.objects.for_page().get(slug="forum")
    assert relations(found)[0] == "UNHCR-NEW"
    assert relations(found)[4] == ["draft-topic", "forced-migration", "trafficking"]


@time_machine.travel(NOW)
def test_a_record_missing_from_the_kept_tables_is_read_as_usual(event):
    """A record another app server saved within the last second (before this process looks at the generation
    again) is not in the tables yet: its relations are then read from the database, not left empty."""
    Event.objects.for_page().get(slug="forum")
    # bulk_create sends no signal, so the generation goes on, as in a process that has not yet seen the change
    newcomer = type(event.organiser).objects.bulk_create([AgencyFactory.build(slug="who", acronym="WHO")])[0]
    newcomer.refresh_from_db()
    new_topic = Topic.objects.bulk_create([TopicFactory.build(slug="health", position=3)])[0]
    Event.objects.filter(pk=event.pk).update(organiser=newcomer)
    Event.topics.through.objects.create(event=event, topic_id=Topic.objects.get(slug=new_topic.slug).pk)
    found = Event.objects.for_page().get(slug="forum")
    assert relations(found)[0] == "WHO"
    assert relations(found)[4] == ["forced-migration", "trafficking", "health"]


def test_with_no_generation_the_tables_are_read_each_time(settings, event):
    """With the cache off (PAGE_CACHE_SECONDS=0, as in development) nothing is kept, and a change is seen at once
    even with no signal."""
    settings.PAGE_CACHE_SECONDS = 0
    assert relations(Event.objects.for_page().get(slug="forum"))[0] == "UNHCR"
    type(event.organiser).objects.filter(pk=event.organiser_id).update(acronym="UNHCR-2")
    assert relations(Event.objects.for_page().get(slug="forum"))[0] == "UNHCR-2"


@time_machine.travel(NOW)
def test_the_page_of_an_event_with_no_document_or_source_asks_for_neither(client, event):
    """core.pages.noting(): whether the event has any published document or any source is read with the event."""
    client.cookies["sessionid"] = "none"  # the page cache steps aside: each request renders the page
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page = client.get(event.get_absolute_url()).content.decode()
    assert len(queries) == 3, [query["sql"] for query in queries.captured_queries]
    assert 'href="/en/members/unhcr/"' in page and ">ILO</a>" in page and 'id="sources-heading"' not in page


@time_machine.travel(NOW)
def test_an_events_card_is_made_once_a_generation_in_each_language_and_shows_an_edit_at_once(client, event):
    """The card of an event (core/templatetags/kept_pieces.py) is kept for the generation, per language: the
    lists that show it again use it, and a save of the event or of a record it names shows on the next page."""
    client.cookies["sessionid"] = "none"  # the page cache steps aside: each request renders the page
    member, topic = "/en/members/unhcr/", "/en/topics/forced-migration/"
    cards = "events/includes/card.html"
    first = client.get(member)
    assert cards in [template.name for template in first.templates]
    again = client.get(topic)
    assert 'href="/en/events/forum/"' in again.content.decode()
    assert cards not in [template.name for template in again.templates]
    in_french = client.get("/fr/topics/forced-migration/")
    assert 'href="/fr/events/forum/"' in in_french.content.decode()
    assert cards in [template.name for template in in_french.templates]
    event.title_en = "The Global Forum"
    event.save()
    assert "The Global Forum" in client.get(topic).content.decode()
    topic_record = Topic.objects.get(slug="trafficking")
    topic_record.name_en = "Trafficking in persons"
    topic_record.save()
    assert "Trafficking in persons" in client.get(member).content.decode()
