"""Events and event series in six languages: each text in each language, English where one is missing, marked as
English on a page and plain in feeds, calendars and JSON-LD; the admin, the history and the CSV carry every
language."""

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventSeries
from events.tests.factories import EventFactory, EventSeriesFactory
from testing import events_csv, form_for, import_row

pytestmark = pytest.mark.django_db
SOON = timezone.now() + timedelta(days=30)


def page(address):
    response = Client().get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def french_event(**fields):
    return EventFactory(
        slug="forum",
        title_en="Forum on migration",
        title_fr="Forum sur les migrations",
        description_en="People **on the move**.",
        venue_en="Palais des Nations",
        city_en="Geneva",
        city_fr="Genève",
        country_en="Switzerland",
        country_fr="Suisse",
        starts_at=SOON,
        **fields,
    )


def test_an_event_reads_in_the_page_s_language_and_in_marked_english_where_it_has_none():
    french_event()
    assert "<h1>Forum on migration</h1>" in page("/en/events/forum/")
    french = page("/fr/events/forum/")
    assert "<h1>Forum sur les migrations</h1>" in french
    assert "<title>Forum sur les migrations · " in french
    # The description has no French yet: English, marked as such for screen readers, Markdown rendered.
    assert '<div lang="en" dir="ltr"><p>People <strong>on the move</strong>.</p></div>' in french
    assert "Palais des Nations, Genève, Suisse" in french  # a place of mixed languages reads as written
    arabic = page("/ar/events/forum/")
    assert '<h1><span lang="en" dir="ltr">Forum on migration</span></h1>' in arabic
    assert '<span lang="en" dir="ltr">Palais des Nations, Geneva, Switzerland</span>' in arabic
    assert 'aria-current="page"><span lang="en" dir="ltr">Forum on migration</span></li>' in arabic  # the breadcrumb
    assert "<title>Forum on migration · " in arabic  # no mark inside <title> or an attribute
    assert 'content="Forum on migration"' in arabic
    structured = re.search(r'<script type="application/ld\+json">(.*?)</script>', arabic, re.S).group(1)
    data = json.loads(structured)
    assert (data["name"], data["location"]["address"]["addressLocality"]) == ("Forum on migration", "Geneva")
    assert "<span" not in structured


def test_a_series_reads_in_the_page_s_language():
    EventSeriesFactory(
        slug="thematic", name_en="Thematic meetings", name_es="Reuniones temáticas", summary_en="In *ports*."
    )
    spanish = page("/es/events/series/thematic/")
    assert "<h1>Reuniones temáticas</h1>" in spanish
    assert '<div lang="en" dir="ltr"><p>In <em>ports</em>.</p></div>' in spanish
    russian = page("/ru/events/series/thematic/")
    assert '<h1><span lang="en" dir="ltr">Thematic meetings</span></h1>' in russian


def test_the_lists_word_filter_reads_the_page_s_language_and_english():
    french_event()
    assert "Forum sur les migrations" in page("/fr/events/?q=Genève")
    assert "Forum sur les migrations" in page("/fr/events/?q=geneva")  # the English text, shown where none
    assert "Forum on migration" not in page("/en/events/?q=Genève")
    calendar = icalendar.Calendar.from_ical(Client().get("/fr/events/calendar.ics?q=Genève").content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Forum sur les migrations"]


def test_feeds_and_calendars_are_plain_text_and_keep_the_uid_in_every_language():
    event = french_event()
    uids = set()
    for code in ["en", "fr", "ar"]:
        client = Client()
        body = client.get(f"/{code}/events/forum/calendar.ics").content
        (component,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
        uids.add(str(component["UID"]))
        assert "<span" not in body.decode() and "lang=" not in body.decode()
        feed = client.get(f"/{code}/events/feeds/upcoming.rss").content.decode()
        assert "Forum" in feed and "&lt;span lang" not in feed and "<span lang" not in feed
        assert f"<language>{code}</language>" in feed
    assert uids == {f"{event.uid}@gmg-portal"}
    french = icalendar.Calendar.from_ical(Client().get("/fr/events/calendar.ics").content)
    assert str(french["X-WR-CALNAME"]) == "Événements du Groupe mondial sur la migration"
    (component,) = french.walk("VEVENT")
    assert str(component["SUMMARY"]) == "Forum sur les migrations"
    assert str(component["LOCATION"]) == "Palais des Nations, Genève, Suisse"


def test_a_translated_text_is_written_by_its_language_s_column_only():
    event = EventFactory()
    with pytest.raises(AttributeError, match="title_en, title_fr"):
        event.title = "Which language?"


def test_empty_series_names_never_collide_and_written_ones_are_unique():
    EventSeriesFactory(name_en="Thematic meetings", slug="thematic")
    EventSeriesFactory(name_en="Regional meetings", slug="regional")  # both without French: no collision
    EventSeriesFactory(name_en="Forums", slug="forums", name_fr="Forums")
    twin = EventSeriesFactory.build(name_en="Other forums", slug="other-forums", name_fr="Forums")
    with pytest.raises(Exception) as refused:
        twin.full_clean()
    assert "name_fr" in str(refused.value)
    with pytest.raises(IntegrityError, match="name_fr"), transaction.atomic():
        EventSeries.objects.create(name_en="Other forums", slug="other-forums", name_fr="Forums")


def test_the_admin_groups_each_language_and_marks_its_boxes(staff_client):
    event = EventFactory()
    form = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    for name in ["title", "venue", "city", "country", "organiser_name"]:
        for code, direction in [("fr", "ltr"), ("ar", "rtl"), ("zh_hans", "ltr")]:
            box = re.search(rf'<input[^>]*name="{name}_{code}"[^>]*>', form)
            assert box, (name, code)
            assert f'lang="{code.replace("_", "-")}"' in box.group(0) and f'dir="{direction}"' in box.group(0)
    assert re.search(r'<textarea[^>]*name="description_ar"[^>]*dir="rtl"', form) or re.search(
        r'<textarea[^>]*dir="rtl"[^>]*name="description_ar"', form
    )
    assert "<summary>" in form and "العربية (ar)" in form
    series = EventSeriesFactory()
    form = staff_client.get(reverse("admin:events_eventseries_change", args=[series.pk])).content.decode()
    assert re.search(r'<input[^>]*name="name_ru"[^>]*>', form) and 'name="summary_zh_hans"' in form


def test_the_list_filter_finds_events_missing_a_translation(staff_client):
    EventFactory(
        slug="both",
        title_fr="Réunion",
        description_fr="Une réunion.",
        venue_fr="Palais",
        city_fr="Genève",
        country_fr="Suisse",
    )
    EventFactory(slug="english")
    changelist = reverse("admin:events_event_changelist")
    missing_french = staff_client.get(changelist, {"missing_translation": "fr"})
    assert [event.slug for event in missing_french.context["cl"].result_list] == ["english"]
    missing_arabic = staff_client.get(changelist, {"missing_translation": "ar"})
    assert sorted(event.slug for event in missing_arabic.context["cl"].result_list) == ["both", "english"]


def test_a_revert_from_the_history_brings_back_a_french_title(staff_client):
    event = EventFactory(title_fr="Forum des jeunes", status="draft", starts_at=datetime(2030, 1, 1, 9, tzinfo=UTC))
    url = reverse("admin:events_event_change", args=[event.pk])
    saved = staff_client.post(url, {**form_for(event), "status": "draft", "title_fr": "Jeunes"})
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.title_fr == "Jeunes"
    first = event.history.earliest()
    revert = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    form = staff_client.get(revert).content.decode()
    assert re.search(r'name="title_fr"[^>]*value="Forum des jeunes"', form)
    reverted = staff_client.post(revert, {**form_for(event), "status": "draft", "title_fr": "Forum des jeunes"})
    assert reverted.status_code == 302, reverted.context and reverted.context["adminform"].form.errors
    assert Event.objects.get(pk=event.pk).title_fr == "Forum des jeunes"


def test_the_csv_export_has_a_column_per_language_and_opens_in_a_spreadsheet(staff_client):
    EventFactory(slug="forum", title_en="Forum", title_ar="منتدى", city_zh_hans="日内瓦")
    url = reverse("admin:events_event_export")
    fields = {name: "on" for name in staff_client.get(url).context["form"].fields if name.startswith("eventresource_")}
    body = staff_client.post(url, {"format": "0", **fields}).content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark: a spreadsheet reads UTF-8
    (row,) = csv.DictReader(io.StringIO(body.decode("utf-8-sig")))
    assert (row["title_en"], row["title_ar"], row["city_zh_hans"]) == ("Forum", "منتدى", "日内瓦")
    for name in ["title", "venue", "city", "country", "organiser_name", "description"]:
        assert {f"{name}_{code}" for code in ["en", "fr", "es", "ar", "zh_hans", "ru"]} <= set(row)


@pytest.mark.parametrize("french", [False, True])
def test_an_import_takes_the_english_columns_alone_or_with_other_languages(client, staff, french):
    staff("Publishers")
    row = import_row("imported", title="Imported forum")
    text = events_csv(row | ({"title_fr": "Forum importé"} if french else {}))
    if not french:  # a file with the English columns only
        header, *rows = list(csv.reader(io.StringIO(text)))
        keep = [index for index, name in enumerate(header) if not re.search(r"_(fr|es|ar|zh_hans|ru)$", name)]
        buffer = io.StringIO()
        csv.writer(buffer).writerows([[line[index] for index in keep] for line in [header, *rows]])
        text = buffer.getvalue()
        assert "title_fr" not in text and "title_en" in text
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("events.csv", text.encode(), content_type="text/csv")
    response = client.post(reverse("admin:events_event_import"), {"import_file": upload, "format": "0"})
    assert response.status_code == 200 and not response.context["result"].has_validation_errors()
    done = client.post(reverse("admin:events_event_process_import"), response.context["confirm_form"].initial)
    assert done.status_code == 302
    event = Event.objects.get(slug="imported")
    assert (event.title_en, event.title_fr) == ("Imported forum", "Forum importé" if french else "")
