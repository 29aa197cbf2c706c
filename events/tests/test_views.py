from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)


def listed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return [event.title for event in response.context["events"]]


@pytest.fixture
def archive():
    """Past events with every property the filters look at."""
    unhcr, unodc = AgencyFactory(slug="unhcr", acronym="UNHCR"), AgencyFactory(slug="unodc", acronym="UNODC")
    forced, trafficking = TopicFactory(slug="forced-migration"), TopicFactory(slug="trafficking")
    term = ChairmanshipFactory(slug="unhcr-2019-01")
    events = {
        "refugees 2019": EventFactory(
            title="Refugees 2019",
            kind="workshop",
            organiser=unhcr,
            chairmanship=term,
            starts_at=datetime(2019, 3, 5, 9, tzinfo=UTC),
            description="Mixed movements.",
        ),
        "trafficking 2019": EventFactory(
            title="Trafficking 2019", kind="symposium", organiser=unodc, starts_at=datetime(2019, 9, 1, 9, tzinfo=UTC)
        ),
        "refugees 2020": EventFactory(
            title="Refugees 2020", kind="workshop", starts_at=datetime(2020, 2, 1, 9, tzinfo=UTC)
        ),
        "draft": EventFactory(title="Draft", status=Status.DRAFT, starts_at=datetime(2019, 4, 1, 9, tzinfo=UTC)),
    }
    events["refugees 2019"].topics.add(forced)
    events["refugees 2020"].topics.add(forced, trafficking)
    events["trafficking 2019"].topics.add(trafficking)
    events["trafficking 2019"].participants.add(unhcr, unodc)
    return events


def test_the_filters_choices_are_those_public_at_the_request_s_time_not_at_the_program_s_start(client):
    """The lists of topics and members (and what may be chosen from them) were read with the time the program was
    started at: a topic scheduled for later never became a choice, and a member unpublished since stayed one."""
    with time_machine.travel(NOW, tick=False):
        TopicFactory(slug="scheduled", publish_from=NOW + timedelta(hours=1))
        AgencyFactory(slug="leaving", acronym="LEAVING", unpublish_at=NOW + timedelta(hours=1))
        page = client.get("/en/events/past/", {"topic": "scheduled"})
        assert page.context["filter"].form.errors == {
            "topic": ["Select a valid choice. That choice is not one of the available choices."]
        }
        assert 'value="scheduled"' not in page.content.decode() and 'value="leaving"' in page.content.decode()
        assert not client.get("/en/events/past/", {"participant": "leaving"}).context["filter"].form.errors
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        page = client.get("/en/events/past/", {"topic": "scheduled"})
        assert not page.context["filter"].form.errors
        assert 'value="scheduled" selected' in page.content.decode() and 'value="leaving"' not in page.content.decode()
        assert "participant" in client.get("/en/events/past/", {"participant": "leaving"}).context["filter"].form.errors
        assert "member" in client.get("/en/publications/", {"member": "leaving"}).context["filter"].form.errors


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({}, ["Refugees 2020", "Trafficking 2019", "Refugees 2019"]),
        ({"year": "2019"}, ["Trafficking 2019", "Refugees 2019"]),
        ({"topic": "forced-migration"}, ["Refugees 2020", "Refugees 2019"]),
        ({"topic": "forced-migration", "year": "2019"}, ["Refugees 2019"]),
        ({"kind": "symposium"}, ["Trafficking 2019"]),
        ({"organiser": "unhcr"}, ["Refugees 2019"]),
        ({"participant": "unhcr"}, ["Trafficking 2019"]),
        ({"chairmanship": "unhcr-2019-01"}, ["Refugees 2019"]),
        ({"after": "2019-09-01", "before": "2020-01-31"}, ["Trafficking 2019"]),
        ({"q": "mixed MOVEMENTS"}, ["Refugees 2019"]),
        ({"q": "unodc"}, ["Trafficking 2019"]),
        ({"topic": "trafficking", "participant": "unodc"}, ["Trafficking 2019"]),
    ],
)
def test_the_archive_filters(client, archive, params, titles):
    assert listed(client, "/en/events/past/", params) == titles


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year": "abc"}, "year", "Enter a whole number."),
        ({"year": "1800"}, "year", "Ensure this value is greater than or equal to 1900."),
        ({"year": "99999999999999999999"}, "year", "Ensure this value is less than or equal to 2100."),
        (
            {"topic": "no-such-topic"},
            "topic",
            "Select a valid choice. That choice is not one of the available choices.",
        ),
        ({"organiser": "x\x00y"}, "organiser", "Null characters are not allowed."),
        ({"year": "2011.5"}, "year", "Enter a whole number."),
        ({"kind": "party"}, "kind", "Select a valid choice. party is not one of the available choices."),
        ({"after": "2011-13-01"}, "after", "Enter a valid date."),
        ({"after": "9999-12-31"}, "after", "Give a date up to 2100."),
        (
            {"after": "2020-01-01", "before": "2019-01-01"},
            "before",
            "This date is earlier than the “on or after” date.",
        ),
        ({"q": "refugees\x00"}, "q", "Null characters are not allowed."),
        ({"q": "x" * 101}, "q", "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_bad_filters_get_a_form_error_and_no_results(client, archive, params, field, message):
    response = client.get("/en/events/past/", params)
    assert response.status_code == 200
    assert response.context["filter"].form.errors[field] == [message]
    assert list(response.context["events"]) == []
    assert "The filters hold an error" in response.content.decode()


@time_machine.travel(NOW)
@pytest.mark.parametrize("page", ["99", "abc", "0", "-1", "1\x00", "9" * 5000])
def test_a_page_past_the_end_or_malformed_is_not_found(client, archive, page):
    assert client.get("/en/events/past/", {"page": page}).status_code == 404


@time_machine.travel(NOW)
def test_the_form_keeps_the_choices_and_pagination_keeps_the_filters(client):
    topic = TopicFactory(slug="labour-migration")
    for day in range(25):
        EventFactory(starts_at=NOW - timedelta(days=day + 1), ends_at=None).topics.add(topic)
    EventFactory(starts_at=NOW - timedelta(days=1), ends_at=None)  # another topic
    response = client.get("/en/events/past/", {"topic": "labour-migration", "year": "2026"})
    page = response.content.decode()
    assert response.context["paginator"].count == 25
    assert 'href="?topic=labour-migration&amp;year=2026&amp;page=2"' in page
    assert '<option value="labour-migration" selected>' in page
    assert 'value="2026"' in page
    second = client.get("/en/events/past/", {"topic": "labour-migration", "year": "2026", "page": "2"})
    assert len(second.context["events"]) == 5


@time_machine.travel(NOW)
def test_the_filters_choices_are_read_once_and_a_new_member_shows_in_them_at_once(client, archive):
    """The lists of members, topics and chairmanships are kept for the content's generation (QuickSelect): a new
    combination of filters reads none of them again, and a member published since shows in the very next page."""
    assert 'value="unhcr"' in client.get("/en/events/past/", {"kind": "workshop"}).content.decode()
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/events/past/", {"kind": "symposium"}).content.decode()
    assert 'value="unodc"' in page and 'value="forced-migration"' in page and 'value="unhcr-2019-01"' in page
    lists = ('FROM "agencies_agency"', 'FROM "themes_topic" WHERE', 'FROM "themes_chairmanship"')
    assert not [query for query in queries.captured_queries if any(part in query["sql"] for part in lists)]
    AgencyFactory(slug="iom", acronym="IOM")
    page = client.get("/en/events/past/", {"kind": "forum-debate"}).content.decode()
    assert '<option value="iom">IOM</option>' in page


@time_machine.travel(NOW)
def test_upcoming_is_soonest_first_and_says_so_when_empty(client):
    response = client.get("/en/events/")
    assert "No upcoming event has been published yet." in response.content.decode()
    assert 'href="/en/events/past/"' in response.content.decode()
    later = EventFactory(title="Later", starts_at=NOW + timedelta(days=30))
    sooner = EventFactory(title="Sooner", starts_at=NOW + timedelta(days=2))
    under_way = EventFactory(title="Under way", starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=1))
    assert listed(client, "/en/events/") == [under_way.title, sooner.title, later.title]


@time_machine.travel(NOW)
def test_no_match_points_somewhere_useful(client, archive):
    page = client.get("/en/events/", {"topic": "forced-migration"}).content.decode()
    assert "No event matches these filters." in page
    assert "look in the archive" in page


def test_topic_and_participant_filters_list_each_event_once_and_keep_the_newest_first_order(client):
    """The many-to-many filters are subqueries: an event with several topics and participants is listed once
    with no DISTINCT, which made the archive's count wrap the whole filtered list in a subquery."""
    health, youth = TopicFactory(slug="health"), TopicFactory(slug="youth")
    who, ilo = AgencyFactory(slug="who"), AgencyFactory(slug="ilo")
    older = EventFactory(title="Older", starts_at=datetime(2015, 3, 1, 9, tzinfo=UTC))
    newer = EventFactory(title="Newer", starts_at=datetime(2015, 9, 1, 9, tzinfo=UTC))
    for event in (older, newer):
        event.topics.set([health, youth])
        event.participants.set([who, ilo])
    EventFactory(title="Elsewhere", starts_at=datetime(2015, 5, 1, 9, tzinfo=UTC)).topics.set([youth])
    response = client.get("/en/events/past/", {"topic": "health", "participant": "who", "year": "2015"})
    assert [event.title for event in response.context["events"]] == ["Newer", "Older"]
    assert "DISTINCT" not in str(response.context["paginator"].object_list.query)
