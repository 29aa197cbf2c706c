from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from events.models import Event
from events.tests.factories import EventFactory
from testing import event_form, inline_management, term_change_form
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:events_event_add")
LIST_URL = reverse("admin:events_event_changelist")


def test_an_editor_adds_an_all_day_event_in_the_venue_days(staff_client):
    response = staff_client.post(ADD_URL, event_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="gmg-principals-meeting-2011")
    assert event.all_day
    assert event.starts_at == datetime(2011, 11, 14, 23, tzinfo=UTC)
    assert event.ends_at == datetime(2011, 11, 15, 23, tzinfo=UTC)
    assert (event.start_date, event.end_date) == (date(2011, 11, 15), date(2011, 11, 15))


def test_an_editor_adds_a_timed_event_in_the_venue_clock(staff_client):
    response = staff_client.post(
        ADD_URL,
        event_form(timezone="America/New_York", start_date="2011-05-17", start_time="09:30", end_time="17:00"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert not event.all_day
    assert event.starts_at == datetime(2011, 5, 17, 13, 30, tzinfo=UTC)
    assert event.ends_at == datetime(2011, 5, 17, 21, tzinfo=UTC)


def test_the_change_form_shows_the_venue_clock_again(staff_client):
    event = EventFactory(
        timezone="America/New_York",
        starts_at=datetime(2011, 5, 17, 13, 30, tzinfo=UTC),
        ends_at=datetime(2011, 5, 18, 21, tzinfo=UTC),
    )
    response = staff_client.get(reverse("admin:events_event_change", args=[event.pk]))
    form = response.context["adminform"].form
    assert form.initial["start_date"] == date(2011, 5, 17)
    assert form.initial["start_time"].strftime("%H:%M") == "09:30"
    assert form.initial["end_date"] == date(2011, 5, 18)
    assert form.initial["end_time"].strftime("%H:%M") == "17:00"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end_date": "2011-11-14"}, "end_date", "The event cannot end before it starts."),
        (
            {"end_time": "17:00"},
            "start_time",
            "Give the start time too, or leave both times empty for an all-day event.",
        ),
        (
            {"start_time": "10:00", "end_date": "2011-11-16"},
            "end_time",
            "Give the time it ends, or leave the end date empty.",
        ),
        ({"start_time": "10:00", "end_time": "09:00"}, "end_time", "The event must end after it starts."),
        (
            {"timezone": "Europe/Atlantis"},
            "timezone",
            "“Europe/Atlantis” is not a time zone or a place we know. Nearest: Europe/Athens (Athens, Greece); "
            "Europe/Vatican (Vatican City); Europe/Paris (Paris, France); Europe/Malta (Valletta, Malta); "
            "Europe/Lisbon (Lisbon, Portugal).",
        ),
        (
            {"timezone": "Etc/GMT+5"},
            "timezone",
            "“Etc/GMT+5” is a time zone of no place: give the venue's city, country or zone, such as Europe/Zurich.",
        ),
        ({"start_date": "2011-02-30"}, "start_date", "Enter a valid date."),
        ({"start_date": "9999-12-31"}, "start_date", "Give a date up to 2100."),
        ({"end_date": "9999-12-31"}, "end_date", "Give a date up to 2100."),
        (
            {"start_date": "0001-01-01", "start_time": "00:30", "timezone": "Asia/Tokyo"},
            "start_date",
            "Give a date from 1900 on.",
        ),
        (
            {"organiser_name": "Global Forum on Migration and Development", "organiser": "ORGANISER"},
            "organiser_name_en",
            "Give either an organising member or an organiser's name, not both.",
        ),
        ({"external_url": "javascript:alert(1)"}, "external_url", "Enter a valid URL."),
    ],
)
def test_bad_input_gets_a_readable_error_and_writes_nothing(staff_client, fields, field, message):
    if fields.get("organiser") == "ORGANISER":
        fields["organiser"] = str(AgencyFactory().pk)
    response = staff_client.post(ADD_URL, event_form(**fields))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert not Event.objects.exists()


def test_a_time_the_clocks_skip_is_refused(staff_client):
    response = staff_client.post(ADD_URL, event_form(start_date="2011-03-27", start_time="02:30", end_time="04:00"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["start_time"] == [
        "02:30 on 2011-03-27 does not exist in Europe/Paris: the clocks skip it that night."
    ]
    assert not Event.objects.exists()


def test_an_editor_finds_the_events_of_a_year_and_topic_in_two_clicks(staff_client):
    climate = TopicFactory(name="Migration and Climate Change")
    wanted = EventFactory(starts_at=datetime(2011, 11, 14, 23, tzinfo=UTC), ends_at=None)
    wanted.topics.add(climate)
    EventFactory(starts_at=datetime(2012, 11, 14, tzinfo=UTC), ends_at=None).topics.add(climate)
    EventFactory(starts_at=datetime(2011, 5, 17, tzinfo=UTC), ends_at=None)

    page = staff_client.get(LIST_URL).content.decode()
    assert 'href="?year=2011"' in page  # first click
    after_year = staff_client.get(LIST_URL, {"year": "2011"}).content.decode()
    topic_link = f'href="?topics__id__exact={climate.pk}&amp;year=2011"'
    assert topic_link in after_year  # second click
    response = staff_client.get(LIST_URL, {"year": "2011", "topics__id__exact": climate.pk})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_year_is_the_venue_year_not_the_utc_year(staff_client):
    new_year_in_paris = EventFactory(
        timezone="Europe/Paris",
        all_day=True,
        starts_at=datetime(2011, 12, 31, 23, tzinfo=UTC),
        ends_at=datetime(2012, 1, 1, 23, tzinfo=UTC),
    )
    new_years_eve_in_new_york = EventFactory(
        timezone="America/New_York",
        starts_at=datetime(2012, 1, 1, 2, tzinfo=UTC),
        ends_at=None,
    )
    response = staff_client.get(LIST_URL)
    assert 'href="?year=2012"' in response.text and 'href="?year=2011"' in response.text
    assert list(staff_client.get(LIST_URL, {"year": "2012"}).context["cl"].result_list) == [new_year_in_paris]
    assert list(staff_client.get(LIST_URL, {"year": "2011"}).context["cl"].result_list) == [new_years_eve_in_new_york]


@pytest.mark.parametrize("year", ["abc", "0", "99999", "-1", "\u00b2", "9" * 2000])
def test_a_bad_year_in_the_address_shows_nothing_rather_than_failing(staff_client, year):
    EventFactory()
    response = staff_client.get(LIST_URL, {"year": year})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []


@pytest.mark.parametrize("year", ["2011\x00", "9" * 5000])
def test_a_year_the_admin_cannot_read_is_a_bad_request(staff_client, year):
    """A control character, or a value longer than any the admin reads (gmg_portal/middleware.py)."""
    assert staff_client.get(LIST_URL, {"year": year}).status_code == 400


@pytest.mark.parametrize("organiser", ["abc", "1.5", "99999999999999999999999", "1,2"])
def test_an_add_page_prefilled_with_no_id_shows_the_form_without_it(staff_client, organiser):
    organiser_agency = AgencyFactory()
    response = staff_client.get(reverse("admin:events_event_add"), {"organiser": organiser, "title": "Prefilled"})
    assert response.status_code == 200
    assert "organiser" not in response.context["adminform"].form.initial
    assert response.context["adminform"].form.initial["title"] == "Prefilled"  # what the field accepts is kept
    prefilled = staff_client.get(reverse("admin:events_event_add"), {"organiser": organiser_agency.pk})
    assert prefilled.context["adminform"].form.initial["organiser"] == str(organiser_agency.pk)


@pytest.mark.parametrize("rows", [5, 60])
def test_the_event_list_costs_the_same_queries_whatever_its_length(staff_client, django_assert_num_queries, rows):
    for n in range(rows):  # a hundred days apart: 2 years of events, then 17, for the year filter's choices
        EventFactory(
            starts_at=datetime(2000, 1, 1, 9, tzinfo=UTC) + timedelta(days=100 * n),
            organiser=AgencyFactory(),
            chairmanship=ChairmanshipFactory(),
        ).topics.add(TopicFactory())
    with django_assert_num_queries(13):
        response = staff_client.get(LIST_URL)
    assert len(response.context["cl"].result_list) == rows


def test_a_chairmanship_page_edits_its_events_inline(staff_client):
    term = ChairmanshipFactory()
    event = EventFactory(
        chairmanship=term,
        timezone="Europe/Zurich",
        starts_at=datetime(2011, 9, 21, 22, tzinfo=UTC),
        ends_at=datetime(2011, 9, 23, 22, tzinfo=UTC),
        all_day=True,
    )
    url = reverse("admin:themes_chairmanship_change", args=[term.pk])
    assert staff_client.get(url).status_code == 200
    data = {
        **term_change_form(term),
        **inline_management("events", total=2, initial=1),
        "events-0-id": event.pk,
        "events-0-chairmanship": term.pk,
        "events-0-title_en": event.title_en,
        "events-0-slug": event.slug,
        "events-0-kind": "workshop",
        "events-0-start_date": "2011-09-22",
        "events-0-end_date": "2011-09-24",
        "events-0-timezone": "Europe/Zurich",
        "events-0-status": "published",
        "events-1-chairmanship": term.pk,
        "events-1-title_en": "A new workshop",
        "events-1-slug": "a-new-workshop",
        "events-1-kind": "workshop",
        "events-1-start_date": "2011-10-03",
        "events-1-start_time": "09:00",
        "events-1-end_time": "12:00",
        "events-1-timezone": "Europe/Zurich",
        "events-1-status": "draft",
        "events-0-description_en": event.description_en,
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200  # the new event has no description yet
    assert response.context["inline_admin_formsets"][0].formset.errors[1] == {
        "description_en": ["This field is required."]
    }
    response = staff_client.post(url, {**data, "events-1-description_en": "A workshop of the Group."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.kind, event.end_date) == ("workshop", date(2011, 9, 24))
    added = term.events.get(slug="a-new-workshop")
    assert added.starts_at == datetime(2011, 10, 3, 7, tzinfo=UTC)
