import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.tests.factories import AgencyFactory, ConstituentFactory
from events.models import Event
from events.tests.factories import EventFactory
from events.venue_time import all_day_bounds

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_an_all_day_event_runs_from_midnight_to_midnight_at_the_venue():
    starts_at, ends_at = all_day_bounds(date(2011, 11, 15), date(2011, 11, 15), PARIS)
    assert starts_at.astimezone(UTC) == datetime(2011, 11, 14, 23, tzinfo=UTC)
    assert ends_at.astimezone(UTC) == datetime(2011, 11, 15, 23, tzinfo=UTC)
    event = EventFactory(starts_at=starts_at, ends_at=ends_at, all_day=True, timezone="Europe/Paris")
    event.refresh_from_db()
    assert (event.start_date, event.end_date) == (date(2011, 11, 15), date(2011, 11, 15))


def test_a_multi_day_event_across_a_clock_change_keeps_its_days():
    starts_at, ends_at = all_day_bounds(date(2011, 10, 29), date(2011, 10, 31), PARIS)
    assert ends_at.astimezone(UTC) - starts_at.astimezone(UTC) == timedelta(
        days=3, hours=1
    )  # clocks went back on 30 October
    event = EventFactory(starts_at=starts_at, ends_at=ends_at, all_day=True, timezone="Europe/Paris")
    assert (event.start_date, event.end_date) == (date(2011, 10, 29), date(2011, 10, 31))


def test_a_timed_event_shows_the_venue_days_not_the_utc_days():
    event = EventFactory(
        timezone="America/New_York",
        starts_at=datetime(2011, 5, 17, 22, tzinfo=UTC),  # 18:00 in New York
        ends_at=datetime(2011, 5, 18, 2, tzinfo=UTC),  # 22:00 in New York, already the 18th in UTC
    )
    assert event.local_start.hour == 18
    assert (event.start_date, event.end_date) == (date(2011, 5, 17), date(2011, 5, 17))


def test_an_event_with_no_end_is_a_single_day():
    event = EventFactory(ends_at=None)
    assert event.end_date == event.start_date


def test_under_way_counts_as_upcoming_and_finished_as_past():
    now = datetime(2011, 11, 15, 12, tzinfo=UTC)
    finished = EventFactory(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=1))
    under_way = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1))
    coming = EventFactory(starts_at=now + timedelta(days=1), ends_at=None)
    begun_with_no_end = EventFactory(starts_at=now - timedelta(minutes=1), ends_at=None)
    assert set(Event.objects.upcoming(now=now)) == {under_way, coming}
    assert set(Event.objects.past(now=now)) == {finished, begun_with_no_end}


def test_an_event_ends_after_it_starts():
    event = EventFactory.build(
        ends_at=datetime(2011, 3, 1, 7, tzinfo=UTC), starts_at=datetime(2011, 3, 1, 8, tzinfo=UTC)
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict == {"ends_at": ["An event must end after it starts."]}
    with pytest.raises(IntegrityError, match="events_event_ends_after_start"), transaction.atomic():
        event.save()


def test_an_event_has_one_organiser_member_or_not():
    event = EventFactory.build(organiser=AgencyFactory(), organiser_name="Global Forum on Migration and Development")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert list(error.value.message_dict) == ["organiser_name_en"]
    with pytest.raises(IntegrityError, match="events_event_single_organiser"), transaction.atomic():
        event.save()


@pytest.mark.parametrize("zone", ["Europe/Atlantis", "US/Pacific", "Etc/GMT+5", "../etc/passwd", ""])
def test_an_unknown_or_legacy_time_zone_is_refused(zone):
    event = EventFactory.build(timezone=zone)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert list(error.value.message_dict) == ["timezone"]


@pytest.mark.parametrize(
    "zone", ["Europe/Paris", "Europe/Zurich", "America/New_York", "America/Argentina/Buenos_Aires", "UTC"]
)
def test_the_zones_of_places_are_accepted(zone):
    EventFactory.build(timezone=zone).full_clean()


def test_organiser_display_names_a_member_or_the_free_text_organiser():
    assert EventFactory.build(organiser=AgencyFactory(acronym="UNESCO")).organiser_display == "UNESCO"
    assert EventFactory.build(organiser_name="Global Forum on Migration and Development").organiser_display == (
        "Global Forum on Migration and Development"
    )


def test_an_organising_body_is_one_of_the_organisers_own():
    commissions = AgencyFactory(name="United Nations Regional Commissions", acronym="")
    escwa = ConstituentFactory(agency=commissions, acronym="ESCWA")
    event = EventFactory.build(organiser=commissions, organising_body=escwa)
    event.full_clean()
    assert event.public_organiser == "ESCWA, for the United Nations Regional Commissions"
    for organiser in (AgencyFactory(acronym="UNHCR"), None):
        event = EventFactory.build(organiser=organiser, organising_body=escwa)
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert list(error.value.message_dict) == ["organising_body"]
