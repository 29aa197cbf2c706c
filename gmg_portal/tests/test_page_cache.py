"""The page cache: a stored page costs no query, and no stored page outlives a change of what it shows."""

import gzip
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from core import generation
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from themes.tests.factories import TopicFactory

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def at_now():
    """Each test starts at NOW, with the clock running: the events made here are as far ahead as they say."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def frozen(settings):
    """Time stands still at NOW; pages could be kept a day, so that only a change of content ends them sooner."""
    settings.PAGE_CACHE_SECONDS = 24 * 60 * 60
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_a_page_seen_once_is_served_again_without_a_query(visitor, db, django_assert_num_queries):
    EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    first = visitor.get("/en/events/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visitor.get("/en/events/")
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert second["X-Frame-Options"] == "DENY"
    assert "Principals meeting" in second.content.decode()


def test_a_browser_that_accepts_gzip_gets_the_stored_page_compressed(visitor, db):
    EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    plain = visitor.get("/en/events/").content
    for _ in range(2):  # the miss is compressed by GZipMiddleware, the hit from the stored copy
        response = visitor.get("/en/events/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content) == plain
        assert int(response["Content-Length"]) == len(response.content) < len(plain) / 3


def test_an_edit_shows_at_once(visitor, db):
    event = EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    assert "Principals meeting" in visitor.get(event.get_absolute_url()).content.decode()
    event.title_en = "Principals meeting, postponed"
    event.save()
    response = visitor.get(event.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Principals meeting, postponed" in response.content.decode()


def test_a_change_of_related_records_shows_at_once(visitor, db):
    event = EventFactory(starts_at=NOW + timedelta(days=400))
    assert "Forced migration" not in visitor.get(event.get_absolute_url()).content.decode()
    event.topics.add(TopicFactory(name="Forced migration"))
    assert "Forced migration" in visitor.get(event.get_absolute_url()).content.decode()
    AgencyFactory(name="World Health Organization", acronym="WHO")
    assert "World Health Organization" in visitor.get("/en/members/").content.decode()


def test_a_publisher_unpublishing_in_the_admin_takes_the_page_down_at_once(visitor, staff_client, db):
    event = EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    assert visitor.get(event.get_absolute_url()).status_code == 200
    assert visitor.get("/en/events/")["X-Page-Cache"] == "miss"
    staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "unpublish_selected", "_selected_action": [event.pk]},
    )
    assert visitor.get(event.get_absolute_url()).status_code == 404
    assert "Principals meeting" not in visitor.get("/en/events/").content.decode()


def test_an_edit_through_another_app_server_shows_here_within_a_second(visitor, db, frozen, monkeypatch):
    """Another server's save ends the generation in the shared cache only; this process looks at it again at
    least every second (test_scale_out sees the same with two real servers, with no bound on time)."""
    looked_at = [1000.0]  # this process's monotonic clock, moved by hand
    monkeypatch.setattr(generation, "clock", SimpleNamespace(monotonic=lambda: looked_at[0]))
    event = EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=30))
    assert visitor.get("/en/events/")["X-Page-Cache"] == "miss"
    Event.objects.filter(pk=event.pk).update(title_en="Principals meeting, postponed")  # no signal: nothing ended here
    cache.delete(generation.GENERATION_KEY)  # what the other server's save does to the shared cache
    looked_at[0] += 0.9
    assert visitor.get("/en/events/")["X-Page-Cache"] == "hit"
    looked_at[0] += 0.2
    response = visitor.get("/en/events/")
    assert response["X-Page-Cache"] == "miss" and "Principals meeting, postponed" in response.content.decode()


def test_a_scheduled_event_shows_the_moment_it_is_due_though_nothing_was_saved(visitor, db, frozen):
    EventFactory(
        title="Principals meeting", starts_at=NOW + timedelta(days=30), publish_from=NOW + timedelta(minutes=5)
    )
    assert "Principals meeting" not in visitor.get("/en/events/").content.decode()
    assert visitor.get("/en/events/")["X-Page-Cache"] == "hit"
    frozen.move_to(NOW + timedelta(minutes=5, seconds=1))
    assert "Principals meeting" in visitor.get("/en/events/").content.decode()


def test_an_event_leaves_the_upcoming_list_the_moment_it_ends(visitor, db, frozen):
    EventFactory(title="Principals meeting", starts_at=NOW + timedelta(hours=1), ends_at=NOW + timedelta(hours=3))
    assert "Principals meeting" in visitor.get("/en/events/").content.decode()
    frozen.move_to(NOW + timedelta(hours=1, seconds=1))  # under way: still upcoming (its start ended a generation)
    assert "Principals meeting" in visitor.get("/en/events/").content.decode()
    frozen.move_to(NOW + timedelta(hours=2, minutes=59))
    assert visitor.get("/en/events/")["X-Page-Cache"] == "hit"
    frozen.move_to(NOW + timedelta(hours=3, seconds=1))
    assert "Principals meeting" not in visitor.get("/en/events/").content.decode()
    assert "Principals meeting" in visitor.get("/en/events/past/").content.decode()


def test_a_membership_ends_at_midnight_though_nothing_was_saved(visitor, db, frozen):
    agency = AgencyFactory(name="Leaving Agency", left_on=NOW.date() + timedelta(days=1))
    assert agency.is_current_member
    members = visitor.get("/en/members/").content.decode()
    frozen.move_to(NOW.replace(hour=23, minute=59))
    assert visitor.get("/en/members/")["X-Page-Cache"] == "hit"
    frozen.move_to(NOW.replace(hour=0) + timedelta(days=1, seconds=1))
    assert not agency.is_current_member
    response = visitor.get("/en/members/")
    assert response["X-Page-Cache"] == "miss" and response.content.decode() != members


def test_no_page_outlives_the_longest_time_set(visitor, db, frozen, settings):
    settings.PAGE_CACHE_SECONDS = 60
    visitor.get("/en/members/")
    frozen.move_to(NOW + timedelta(seconds=59))
    assert visitor.get("/en/members/")["X-Page-Cache"] == "hit"
    frozen.move_to(NOW + timedelta(seconds=61))
    assert visitor.get("/en/members/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/no-such-page/"},  # only 200s are kept
        {"path": "/en/events/calendar.ics?year=banana"},  # a 400 is not kept
        {"path": "/healthz"},  # says never cache
    ],
)
def test_answers_that_must_stay_fresh_are_never_stored(visitor, db, request_kwargs):
    for _ in range(2):
        response = visitor.get(**request_kwargs)
        assert response.get("X-Page-Cache") is None


def test_staff_and_the_admin_always_get_fresh_pages(visitor, staff_client, db):
    event = EventFactory(status=Status.DRAFT)
    for _ in range(2):
        assert staff_client.get("/en/members/").get("X-Page-Cache") is None
        assert staff_client.get(reverse("admin:events_event_changelist")).get("X-Page-Cache") is None
        preview = staff_client.get(reverse("admin:events_event_preview", args=[event.pk]))
        assert preview.status_code == 200 and preview.get("X-Page-Cache") is None
    assert visitor.post("/en/members/").get("X-Page-Cache") is None


def test_pages_are_served_uncached_when_the_cache_is_down(visitor, db, cache_out_of_reach):
    EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    response = visitor.get("/en/events/")
    assert response.status_code == 200 and "Principals meeting" in response.content.decode()
    assert response.get("X-Page-Cache") is None
    health = visitor.get("/healthz")  # still serving: the load balancer keeps this server
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and health.json()["cache"].startswith("error")


def test_staff_can_sign_in_and_work_while_the_cache_is_down(db, django_user_model, cache_out_of_reach):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    editor = Client()
    signed_in = editor.post(reverse("admin:login"), {"username": "editor", "password": "a-long-test-password"})
    assert signed_in.status_code == 302
    assert editor.get(reverse("admin:index")).status_code == 200
    assert editor.get("/en/members/").status_code == 200
    assert editor.post(reverse("admin:logout")).status_code == 200


def test_an_edit_made_while_the_cache_was_out_of_reach_shows_once_it_is_back(visitor, db, monkeypatch):
    from django.core.cache import cache

    event = EventFactory(title="Principals meeting", starts_at=NOW + timedelta(days=400))
    assert "Principals meeting" in visitor.get("/en/events/").content.decode()
    with monkeypatch.context() as outage:
        outage.setattr(cache, "delete", lambda *args, **kwargs: (_ for _ in ()).throw(ConnectionError("Redis paused")))
        event.title_en = "Principals meeting, postponed"
        event.save()  # the save itself goes through
    assert "Principals meeting, postponed" in visitor.get("/en/events/").content.decode()


def test_campaign_tags_and_the_order_of_parameters_make_no_other_page(visitor, db):
    """utm_…, click ids and a stray "_" are taken off before the page sees the request: one stored page, and no
    link of it carries a visitor's tags."""
    topic = TopicFactory(slug="labour-migration")
    for day in range(25):  # two pages of the archive: its links repeat the filters
        EventFactory(starts_at=NOW - timedelta(days=day + 1), ends_at=None).topics.add(topic)
    first = visitor.get("/en/events/past/?year=2026&utm_source=newsletter&topic=labour-migration&fbclid=abc")
    assert first["X-Page-Cache"] == "miss"
    page = first.content.decode()
    assert "newsletter" not in page and "fbclid" not in page
    assert 'href="?topic=labour-migration&amp;year=2026&amp;page=2"' in page
    for address in (
        "/en/events/past/?topic=labour-migration&year=2026",
        "/en/events/past/?year=2026&topic=labour-migration&_=1764244800",
        "/en/events/past/?utm_campaign=x&utm_medium=email&topic=labour-migration&year=2026",
    ):
        again = visitor.get(address)
        assert again["X-Page-Cache"] == "hit", address
        assert again.content == first.content
    assert visitor.get("/en/events/past/?topic=labour-migration&year=2025")["X-Page-Cache"] == "miss"


def test_made_up_addresses_cannot_fill_the_cache_past_its_bound(visitor, db, settings):
    settings.PAGE_CACHE_MAX_QUERY_PAGES = 2
    for year in (2024, 2025):
        assert visitor.get(f"/en/events/past/?year={year}")["X-Page-Cache"] == "miss"
        assert visitor.get(f"/en/events/past/?year={year}")["X-Page-Cache"] == "hit"
    for _ in range(2):  # served, and never stored
        over = visitor.get("/en/events/past/?year=2023")
        assert over.status_code == 200 and over["X-Page-Cache"] == "miss, full"
    # Addresses without a query string are as many as the records: still stored.
    assert visitor.get("/en/events/past/")["X-Page-Cache"] == "miss"
    assert visitor.get("/en/events/past/")["X-Page-Cache"] == "hit"
    EventFactory(starts_at=NOW - timedelta(days=3))  # a new generation, a new count
    assert visitor.get("/en/events/past/?year=2023")["X-Page-Cache"] == "miss"
    assert visitor.get("/en/events/past/?year=2023")["X-Page-Cache"] == "hit"


def test_a_cache_in_front_may_keep_a_public_page_briefly_and_never_past_its_next_change(visitor, db, frozen, settings):
    for response in (visitor.get("/en/members/"), visitor.get("/en/members/")):  # a miss, then a hit
        assert set(response["Cache-Control"].split(", ")) == {"public", "s-maxage=1", "max-age=0"}
    settings.PAGE_SHARED_MAX_AGE = 600
    EventFactory(starts_at=NOW + timedelta(seconds=90))  # its start ends the generation
    assert "s-maxage=90" in visitor.get("/en/members/")["Cache-Control"]
    frozen.move_to(NOW + timedelta(seconds=60))
    assert "s-maxage=30" in visitor.get("/en/members/")["Cache-Control"]
    api = visitor.get("/en/api/v1/members/")
    assert set(api["Cache-Control"].split(", ")) == {"public", "max-age=60", "s-maxage=30"}
    settings.PAGE_SHARED_MAX_AGE = 0
    assert "Cache-Control" not in visitor.get("/en/members/")


def test_pages_for_staff_say_nothing_a_shared_cache_could_keep(staff_client, db):
    assert "public" not in staff_client.get("/en/members/").get("Cache-Control", "")


def test_the_hottest_pages_are_served_from_this_process_without_reading_redis(visitor, db, monkeypatch):
    monkeypatch.setattr(generation, "clock", SimpleNamespace(monotonic=lambda: 1000.0))  # no second look either
    first = visitor.get("/en/members/")
    assert first["X-Page-Cache"] == "miss"
    read = []
    monkeypatch.setattr(cache, "get", lambda key, *args, **kwargs: read.append(key))
    again = visitor.get("/en/members/")
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert read == []
    generation.end_generation()  # a save here: this process forgets its pages with the generation
    monkeypatch.undo()
    assert visitor.get("/en/members/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("query", ["q=Genève&utm_source=x", "utm_source=x&q=Gen%C3%A8ve", "q=Gen%c3%a8ve"])
def test_words_outside_ascii_survive_the_rewriting_of_the_address(visitor, db, query):
    """Raw UTF-8 (as a test client or a careless client sends it) and percent-encoded alike."""
    response = visitor.get(f"/en/events/past/?{query}")
    assert 'value="Genève"' in response.content.decode()
