"""An event's first and last day at its venue (start_date, end_date) are stored, kept in step with its instants
on every way a record is written, and what the lists' year and date filters use in SQL."""

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.publishing import Status
from events.models import DAYS_IN_ORDER, Event
from events.tests.factories import EventFactory
from testing import event_form, form_for, inline_management, term_change_form
from themes.tests.factories import ChairmanshipFactory

ADD_URL = reverse("admin:events_event_add")
LIST_URL = reverse("admin:events_event_changelist")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def stored_days(slug):
    """The days as the database holds them, whatever an instance in memory says."""
    return Event.objects.filter(slug=slug).values_list("start_date", "end_date").get()


def days(first, last=None):
    return (date.fromisoformat(first), date.fromisoformat(last or first))


# The admin, and its inline on a chairmanship's page


@pytest.mark.django_db
def test_the_admin_stores_the_venue_days_and_moves_them_with_the_event(staff_client):
    new_years_eve = event_form(
        slug="eve", timezone="America/New_York", start_date="2011-12-31", start_time="20:00", end_time="23:00"
    )
    assert staff_client.post(ADD_URL, new_years_eve).status_code == 302
    event = Event.objects.get(slug="eve")
    assert event.starts_at.year == 2012  # in UTC
    assert stored_days("eve") == days("2011-12-31")
    moved = form_for(event, start_date="2012-02-01", start_time="", end_date="2012-02-03", end_time="")
    assert staff_client.post(change_url(event), moved).status_code == 302
    assert stored_days("eve") == days("2012-02-01", "2012-02-03")


@pytest.mark.django_db
def test_the_inline_on_a_chairmanship_page_keeps_the_days(staff_client):
    term = ChairmanshipFactory()
    event = EventFactory(chairmanship=term, timezone="Europe/Zurich", starts_at=datetime(2011, 9, 22, 7, tzinfo=UTC))
    common = {"chairmanship": term.pk, "kind": "workshop", "timezone": "Europe/Zurich", "description_en": "About."}
    data = {
        **term_change_form(term),
        **inline_management("events", total=2, initial=1),
        **{f"events-0-{name}": value for name, value in common.items()},
        "events-0-id": event.pk,
        "events-0-title_en": event.title_en,
        "events-0-slug": event.slug,
        "events-0-status": "published",
        "events-0-start_date": "2011-09-25",
        "events-0-end_date": "2011-09-27",
        **{f"events-1-{name}": value for name, value in common.items()},
        "events-1-title_en": "Late workshop",
        "events-1-slug": "late-workshop",
        "events-1-status": "draft",
        "events-1-start_date": "2011-10-03",
        "events-1-start_time": "23:00",  # 21:00 in UTC
        "events-1-end_date": "2011-10-04",
        "events-1-end_time": "01:00",
    }
    response = staff_client.post(reverse("admin:themes_chairmanship_change", args=[term.pk]), data)
    assert response.status_code == 302
    assert stored_days(event.slug) == days("2011-09-25", "2011-09-27")
    assert stored_days("late-workshop") == days("2011-10-03", "2011-10-04")


# Fixtures


def fixture(tmp_path, name, **fields):
    record = {
        "model": "events.event",
        "fields": {
            "slug": "forum",
            "title_en": "Forum",
            "kind": "forum-debate",
            "status": "published",
            "timezone": "America/New_York",
            "starts_at": "2011-05-17T04:00:00Z",  # midnight in New York
            "ends_at": "2011-05-19T04:00:00Z",
            "all_day": True,
            "description_en": "A debate.",
            **fields,
        },
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps([record]))
    return str(path)


@pytest.mark.django_db
def test_a_fixture_without_the_days_loads_with_them_and_a_reload_moves_them(tmp_path):
    call_command("loaddata", fixture(tmp_path, "old"), verbosity=0)  # written before the days were stored
    assert stored_days("forum") == days("2011-05-17", "2011-05-18")
    moved = fixture(tmp_path, "moved", starts_at="2011-12-31T23:00:00Z", ends_at=None, all_day=False)
    call_command("loaddata", moved, verbosity=0)  # the same event, by its natural key
    assert Event.objects.count() == 1
    assert stored_days("forum") == days("2011-12-31")  # in New York: 18:00 on New Year's Eve


@pytest.mark.django_db
def test_a_raw_load_without_the_portals_checks_sets_the_days_too(tmp_path):
    """Django's own loaddata saves each record with save_base(raw=True): no save(), no clean(), only pre_save."""
    with open(fixture(tmp_path, "old", start_date="1999-01-01")) as stream:
        (record,) = serializers.deserialize("json", stream)
    record.save()
    assert stored_days("forum") == days("2011-05-17", "2011-05-18")


@pytest.mark.django_db
def test_days_written_in_a_fixture_give_way_to_the_instants(tmp_path):
    call_command("loaddata", fixture(tmp_path, "wrong", start_date="1999-01-01", end_date="1999-01-02"), verbosity=0)
    assert stored_days("forum") == days("2011-05-17", "2011-05-18")


@pytest.mark.django_db
def test_a_fixture_whose_all_day_event_ends_short_of_a_midnight_is_refused(tmp_path):
    broken = fixture(tmp_path, "broken", ends_at="2011-05-17T05:00:00Z")  # one hour into its first day
    with pytest.raises(CommandError, match="end_date: " + DAYS_IN_ORDER):
        call_command("loaddata", broken, verbosity=0)
    assert not Event.objects.exists()


# Bulk actions and history


@pytest.mark.django_db
def test_bulk_publishing_and_duplicating_keep_the_days(client, staff):
    staff("Publishers")
    drafts = [
        EventFactory(status=Status.DRAFT, timezone="Asia/Bangkok", starts_at=datetime(2011, 3, 1, 20, tzinfo=UTC)),
        EventFactory(status=Status.DRAFT, timezone="America/New_York", starts_at=datetime(2011, 3, 1, 2, tzinfo=UTC)),
    ]
    chosen = [event.pk for event in drafts]
    client.post(LIST_URL, {"action": "publish_selected", "_selected_action": chosen})
    client.post(LIST_URL, {"action": "duplicate_selected", "_selected_action": chosen})
    assert Event.objects.filter(status=Status.PUBLISHED).count() == 2
    assert sorted(Event.objects.values_list("slug", "start_date", "end_date")) == [
        (drafts[0].slug, date(2011, 3, 2), date(2011, 3, 2)),  # 03:00 to 05:00 in Bangkok
        (f"{drafts[0].slug}-copy", date(2011, 3, 2), date(2011, 3, 2)),
        (drafts[1].slug, date(2011, 2, 28), date(2011, 2, 28)),  # 21:00 to 23:00 in New York
        (f"{drafts[1].slug}-copy", date(2011, 2, 28), date(2011, 2, 28)),
    ]


@pytest.mark.django_db
def test_history_keeps_the_days_and_a_revert_brings_them_back(client, staff):
    staff("Publishers")
    client.post(ADD_URL, event_form())  # 15 November 2011, all day, in Paris
    event = Event.objects.get()
    client.post(change_url(event), form_for(event, start_date="2011-11-20", end_date="2011-11-21"))
    assert stored_days(event.slug) == days("2011-11-20", "2011-11-21")
    first, second = reversed(event.history.all())
    assert [(version.start_date, version.end_date) for version in (first, second)] == [
        days("2011-11-15"),
        days("2011-11-20", "2011-11-21"),
    ]
    revert = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    shown = client.get(revert).context["adminform"].form
    assert (shown.initial["start_date"], shown.initial.get("end_date")) == (date(2011, 11, 15), None)
    # The editor reverts, lengthening the event by a day on the way: the days follow the form, not the old version.
    response = client.post(revert, event_form(end_date="2011-11-16"))
    assert response.status_code == 302
    client.post(response.url, {"action": "publish"})  # the event is public: the revert waits for the publisher's yes
    assert stored_days(event.slug) == days("2011-11-15", "2011-11-16")
    assert (event.history.first().start_date, event.history.first().end_date) == days("2011-11-15", "2011-11-16")


# The model itself


@pytest.mark.django_db
def test_saving_only_the_instants_saves_the_days_too():
    event = EventFactory(timezone="Europe/Paris", starts_at=datetime(2011, 6, 1, 8, tzinfo=UTC))
    event.starts_at, event.ends_at = datetime(2011, 6, 30, 22, 30, tzinfo=UTC), None  # 00:30 on 1 July in Paris
    event.save(update_fields=["starts_at", "ends_at"])
    assert stored_days(event.slug) == days("2011-07-01")


@pytest.mark.django_db
def test_the_last_day_cannot_come_before_the_first():
    first_midnight = datetime(2011, 5, 16, 22, tzinfo=UTC)  # in Paris
    event = EventFactory.build(
        timezone="Europe/Paris", all_day=True, starts_at=first_midnight, ends_at=first_midnight + timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"end_date": [DAYS_IN_ORDER]}
    saved = EventFactory()
    with pytest.raises(IntegrityError, match="events_event_days_in_order"), transaction.atomic():
        Event.objects.filter(pk=saved.pk).update(end_date=saved.start_date - timedelta(days=1))


# The filters, in the venue's days


@pytest.fixture
def edges(db):
    """Events whose days at the venue are not their days in UTC."""
    return {
        # 20:00 to 23:00 on 17 May in New York: 18 May in UTC
        "evening in New York": EventFactory(
            timezone="America/New_York",
            starts_at=datetime(2011, 5, 18, 0, tzinfo=UTC),
            ends_at=datetime(2011, 5, 18, 3, tzinfo=UTC),
        ),
        # all of 15 November in Paris: from 23:00 on the 14th to 23:00 on the 15th in UTC
        "day in Paris": EventFactory(
            timezone="Europe/Paris",
            all_day=True,
            starts_at=datetime(2011, 11, 14, 23, tzinfo=UTC),
            ends_at=datetime(2011, 11, 15, 23, tzinfo=UTC),
        ),
        # 01:00 on 1 January 2012 in Bangkok: 31 December 2011 in UTC
        "new year in Bangkok": EventFactory(
            timezone="Asia/Bangkok", starts_at=datetime(2011, 12, 31, 18, tzinfo=UTC), ends_at=None
        ),
    }


def titles(events, queryset):
    return {name for name, event in events.items() if queryset.filter(pk=event.pk).exists()}


@pytest.mark.parametrize(
    ("method", "day", "found"),
    [
        ("on_or_after", date(2011, 5, 17), {"evening in New York", "day in Paris", "new year in Bangkok"}),
        ("on_or_after", date(2011, 5, 18), {"day in Paris", "new year in Bangkok"}),
        ("on_or_after", date(2011, 11, 16), {"new year in Bangkok"}),
        ("on_or_after", date(2012, 1, 1), {"new year in Bangkok"}),
        ("on_or_before", date(2011, 5, 17), {"evening in New York"}),
        ("on_or_before", date(2011, 11, 14), {"evening in New York"}),
        ("on_or_before", date(2011, 11, 15), {"evening in New York", "day in Paris"}),
        ("on_or_before", date(2011, 12, 31), {"evening in New York", "day in Paris"}),
    ],
)
def test_date_filters_go_by_the_venue_days(edges, method, day, found):
    assert titles(edges, getattr(Event.objects, method)(day)) == found


def test_years_are_the_venue_years_newest_first_in_two_queries(edges, django_assert_num_queries):
    EventFactory(starts_at=datetime(2001, 6, 1, 9, tzinfo=UTC))
    EventFactory(starts_at=datetime(1995, 6, 1, 9, tzinfo=UTC), status=Status.DRAFT)
    with django_assert_num_queries(2):
        assert Event.objects.years() == [2012, 2011, 2001, 1995]
    assert Event.objects.published().years() == [2012, 2011, 2001]
    assert titles(edges, Event.objects.in_year(2012)) == {"new year in Bangkok"}
    with django_assert_num_queries(1):
        assert Event.objects.filter(title_en="nothing").years() == []


def test_the_admin_date_hierarchy_goes_by_the_venue_days(staff_client, edges):
    page = staff_client.get(LIST_URL).text
    assert "?start_date__year=2012" in page and "?start_date__year=2011" in page
    response = staff_client.get(LIST_URL, {"start_date__year": "2012"})
    assert [event.timezone for event in response.context["cl"].result_list] == ["Asia/Bangkok"]


# The migration that added the days


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_days_of_every_event_and_every_version_in_its_history():
    before, executor = [("events", "0003_search_and_end_indexes")], MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        OldEvent, OldHistory = old.get_model("events", "Event"), old.get_model("events", "HistoricalEvent")
        common = {"kind": "meeting", "description": "Before the upgrade.", "status": "published"}
        rows = {
            "evening-in-new-york": ("America/New_York", datetime(2011, 5, 18, 0, tzinfo=UTC), None, False),
            "day-in-paris": (
                "Europe/Paris",
                datetime(2011, 11, 14, 23, tzinfo=UTC),
                datetime(2011, 11, 16, 23, tzinfo=UTC),
                True,
            ),
            "night-in-bangkok": (
                "Asia/Bangkok",
                datetime(2011, 12, 31, 16, tzinfo=UTC),
                datetime(2011, 12, 31, 18, tzinfo=UTC),
                False,
            ),
        }
        for slug, (zone, starts_at, ends_at, all_day) in rows.items():
            event = OldEvent.objects.create(
                slug=slug, title=slug, timezone=zone, starts_at=starts_at, ends_at=ends_at, all_day=all_day, **common
            )
            OldHistory.objects.create(
                id=event.id,
                slug=slug,
                title=slug,
                timezone=zone,
                starts_at=starts_at - timedelta(days=40),  # an earlier version, on other days
                ends_at=None,
                all_day=False,
                uid=uuid.uuid4(),
                history_date=datetime(2011, 1, 1, tzinfo=UTC),
                history_type="+",
                **common,
            )
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        # Transactional tests run last, after others may have left records: look at these three only.
        assert sorted(Event.objects.filter(slug__in=rows).values_list("slug", "start_date", "end_date")) == [
            ("day-in-paris", date(2011, 11, 15), date(2011, 11, 16)),
            ("evening-in-new-york", date(2011, 5, 17), date(2011, 5, 17)),
            ("night-in-bangkok", date(2011, 12, 31), date(2012, 1, 1)),  # 23:00 to 01:00
        ]
        assert sorted(Event.history.filter(slug__in=rows).values_list("slug", "start_date", "end_date")) == [
            ("day-in-paris", date(2011, 10, 6), date(2011, 10, 6)),  # 01:00 in Paris, 23:00 on the 5th in UTC
            ("evening-in-new-york", date(2011, 4, 7), date(2011, 4, 7)),
            ("night-in-bangkok", date(2011, 11, 21), date(2011, 11, 21)),
        ]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
