"""Event series: events held under one name, which the portal holds with or without the dates of any event."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from core.publishing import Status
from events.models import Event, EventSeries
from events.tests.factories import EventFactory, EventSeriesFactory
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
PAST = "/en/events/past/"


def page_of(series):
    return reverse("events:series", kwargs={"slug": series.slug})


# The model


def test_a_series_is_named_found_by_its_slug_and_has_its_page():
    series = EventSeriesFactory(name="GFMD Thematic Meetings", slug="gfmd-thematic-meetings")
    assert str(series) == "GFMD Thematic Meetings"
    assert series.get_absolute_url() == "/en/events/series/gfmd-thematic-meetings/"
    assert EventSeries.objects.get_by_natural_key("gfmd-thematic-meetings") == series
    assert series.natural_key() == ("gfmd-thematic-meetings",)


def test_every_change_of_a_series_enters_its_history():
    series = EventSeriesFactory(summary="First.")
    series.summary_en = "Second."
    series.save()
    assert [record.summary_en for record in series.history.order_by("history_date")] == ["First.", "Second."]


def test_undated_series_are_those_with_no_published_event():
    dated, only_a_draft, none = EventSeriesFactory(), EventSeriesFactory(), EventSeriesFactory()
    EventFactory(series=dated)
    EventFactory(series=only_a_draft, status=Status.DRAFT)
    assert set(EventSeries.objects.undated()) == {only_a_draft, none}


def test_a_series_with_events_cannot_be_deleted_from_under_them():
    series = EventSeriesFactory()
    event = EventFactory(series=series)
    with pytest.raises(ProtectedError):
        series.delete()
    assert list(series.events.all()) == [event]


def test_an_event_cannot_take_the_address_of_the_series_pages():
    event = EventFactory.build(slug="series")
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["start_date", "end_date"])
    assert "slug" in error.value.message_dict


# Its page


@time_machine.travel(NOW)
def test_a_series_page_lists_its_published_events_newest_first(client):
    forced, hidden = TopicFactory(name="Forced Migration"), TopicFactory(name="Hidden", status=Status.DRAFT)
    series = EventSeriesFactory(name="Thematic meetings", summary="Held in *several* places.")
    series.topics.add(forced, hidden)
    EventFactory(title="First", series=series, starts_at=NOW - timedelta(days=400))
    EventFactory(title="Second", series=series, starts_at=NOW - timedelta(days=40))
    EventFactory(title="Coming", series=series, starts_at=NOW + timedelta(days=40))
    EventFactory(title="A draft", series=series, status=Status.DRAFT)
    EventFactory(title="Another series's")
    response = client.get(page_of(series))
    assert response.status_code == 200
    assert [event.title for event in response.context["events"]] == ["Coming", "Second", "First"]
    page = response.content.decode()
    assert "<h1>Thematic meetings</h1>" in page
    assert "<em>several</em>" in page
    assert "Forced Migration" in page and "Hidden" not in page
    assert "No dates are recorded" not in page


def test_a_series_with_no_published_event_says_no_dates_are_recorded(client):
    series = EventSeriesFactory()
    EventFactory(series=series, status=Status.DRAFT, title="Not yet")
    page = client.get(page_of(series)).content.decode()
    assert "No dates are recorded for the events of this series." in page
    assert "Not yet" not in page


def test_a_long_series_is_paginated_and_a_bad_page_number_shows_the_first(client):
    series = EventSeriesFactory()
    for _ in range(25):
        EventFactory(series=series)
    assert len(client.get(page_of(series)).context["events"]) == 20
    assert len(client.get(page_of(series), {"page": "2"}).context["events"]) == 5
    assert client.get(page_of(series), {"page": "x"}).context["page_obj"].number == 1


def test_an_event_page_names_its_series_once_the_series_is_public(client):
    series = EventSeriesFactory(name="Thematic meetings")
    event = EventFactory(series=series)
    assert f'<a href="{page_of(series)}">Thematic meetings</a>' in client.get(event.get_absolute_url()).content.decode()
    series.status = Status.DRAFT
    series.save()
    assert "Thematic meetings" not in client.get(event.get_absolute_url()).content.decode()


# The past events' page


@time_machine.travel(NOW)
def test_the_archive_lists_the_undated_series_apart(client):
    undated = EventSeriesFactory(name="Undated meetings")
    dated = EventSeriesFactory(name="Dated meetings")
    EventFactory(series=dated, title="A dated meeting", starts_at=NOW - timedelta(days=3))
    response = client.get(PAST)
    assert list(response.context["undated_series"]) == [undated]
    page = response.content.decode()
    undated_part = page.split('id="undated-heading"', 1)[1]
    assert f'<a href="{page_of(undated)}">Undated meetings</a>' in undated_part
    assert "Dated meetings" not in page  # its event is listed by its date, under its own title
    assert "A dated meeting" in page


@time_machine.travel(NOW)
@pytest.mark.parametrize("params", [{"topic": "forced-migration"}, {"year": "2019"}, {"q": "meetings"}, {"page": "2"}])
def test_a_filtered_archive_or_a_later_page_does_not_list_them(client, params):
    TopicFactory(slug="forced-migration")
    EventSeriesFactory(name="Undated meetings")
    for day in range(25):  # a second page
        EventFactory(starts_at=datetime(2019, 1, 1, 9, tzinfo=UTC) + timedelta(days=day), title="Meetings")
    response = client.get(PAST, params)
    assert response.status_code == 200
    assert "Undated meetings" not in response.content.decode()


def test_with_no_undated_series_the_archive_has_no_such_section(client):
    assert 'id="undated-heading"' not in client.get(PAST).content.decode()


# Drafts never leak


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.PUBLISHED, "publish_from": NOW + timedelta(days=1)},
        {"status": Status.PUBLISHED, "unpublish_at": NOW - timedelta(days=1), "publish_from": NOW - timedelta(days=9)},
    ],
    ids=["draft", "in review", "scheduled", "expired"],
)
def test_a_series_the_public_may_not_see_is_nowhere(client, state):
    series = EventSeriesFactory(name="Zanzibar meetings", slug="zanzibar-meetings", **state)
    assert client.get(page_of(series)).status_code == 404
    for url in [PAST, "/en/search/?q=Zanzibar", "/sitemap.xml"]:
        page = client.get(url).content.decode()
        assert "Zanzibar meetings" not in page, url
        assert "zanzibar-meetings" not in page, url


def test_the_search_and_the_sitemap_find_a_published_series(client):
    series = EventSeriesFactory(name="Zanzibar meetings", summary="On ports.")
    results = dict(client.get("/en/search/", {"q": "ports"}).context["results"])
    assert results["Event series"] == [series]
    assert f"<loc>http://testserver{page_of(series)}</loc>" in client.get("/sitemap.xml").content.decode()


# The admin


def test_an_editor_adds_a_draft_series_and_a_publisher_publishes_it(client, staff):
    staff("Editors")
    add = reverse("admin:events_eventseries_add")
    form = {
        "name_en": "GFMD Thematic Meetings",
        "slug": "gfmd-thematic-meetings",
        "status": "published",
        "summary_en": "",
    }
    response = client.post(add, form)
    assert response.status_code == 302
    series = EventSeries.objects.get()
    assert series.status == Status.DRAFT  # an editor's status box is read-only
    preview = client.get(reverse("admin:events_eventseries_preview", args=[series.pk]))
    assert preview.status_code == 200 and "No dates are recorded" in preview.content.decode()
    staff("Publishers")
    changelist = reverse("admin:events_eventseries_changelist")
    client.post(changelist, {"action": "publish_selected", "_selected_action": [series.pk]})
    series.refresh_from_db()
    assert series.is_published
    assert client.get(changelist).status_code == 200


def test_an_event_is_put_in_a_series_from_its_form_and_the_csv_names_it(staff_client):
    from testing import event_form

    series = EventSeriesFactory(slug="gfmd-thematic-meetings")
    response = staff_client.post(reverse("admin:events_event_add"), event_form(series=series.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get().series == series
    url = reverse("admin:events_event_export")
    fields = {name: "on" for name in staff_client.get(url).context["form"].fields if name.startswith("eventresource_")}
    body = staff_client.post(url, {"format": "0", **fields}).content.decode()
    header, row = body.splitlines()[:2]
    assert header.split(",").index("series") == row.split(",").index("gfmd-thematic-meetings")


def test_the_series_export_as_csv(staff_client):
    series = EventSeriesFactory(slug="gfmd-thematic-meetings", name="GFMD Thematic Meetings")
    series.topics.add(TopicFactory(slug="migration-and-development"))
    url = reverse("admin:events_eventseries_export")
    fields = {
        name: "on" for name in staff_client.get(url).context["form"].fields if name.startswith("eventseriesresource_")
    }
    body = staff_client.post(url, {"format": "0", **fields}).content.decode()
    assert body.splitlines()[:2] == [
        "\ufeffslug,name_en,name_ar,name_zh_hans,name_fr,name_ru,name_es,status,"
        "summary_en,summary_ar,summary_zh_hans,summary_fr,summary_ru,summary_es,topics",
        "gfmd-thematic-meetings,GFMD Thematic Meetings,,,,,,published,,,,,,,migration-and-development",
    ]
