"""CSV export of events, members and chairmanships; CSV import of events with a preview and row errors."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.publishing import Status
from events.models import Event
from events.resources import EventResource
from testing import events_csv, import_row

pytestmark = pytest.mark.django_db
IMPORT_URL = reverse("admin:events_event_import")
CONFIRM_URL = reverse("admin:events_event_process_import")
COLUMNS = list(EventResource.Meta.fields)


def csv_file(*rows):
    return SimpleUploadedFile("events.csv", events_csv(*rows).encode(), content_type="text/csv")


def preview(client, upload):
    response = client.post(IMPORT_URL, {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    return response


def test_an_import_is_previewed_then_confirmed(client, staff, seeded):
    publisher = staff("Publishers")
    upload = csv_file(
        import_row(
            "new-workshop",
            start_time="09:00",
            end_time="12:30",
            topics="forced-migration|migration-data",
            participants="unhcr|iom",
            organiser="unhcr",
        ),
        import_row("new-forum", start_date="2027-04-01", end_date="2027-04-02", timezone="America/New_York"),
        import_row(
            "gmg-principals-meeting-2011",
            title="GMG Principals' Meeting",
            kind="principals-meeting",
            start_date="2011-11-15",
            timezone="Europe/Paris",
            venue="UNESCO Headquarters",
            city="Paris",
            country="France",
            organiser="unesco",
            chairmanship="unesco-2011-07",
            topics="migration-and-climate-change",
            description="Changed by an import.",
        ),
    )
    response = preview(client, upload)
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert [line.import_type for line in result.rows] == ["new", "new", "update"]
    assert Event.objects.count() == 4  # nothing written before the confirmation
    confirm = response.context["confirm_form"].initial
    assert client.post(CONFIRM_URL, confirm).status_code == 302
    workshop = Event.objects.get(slug="new-workshop")
    assert (workshop.local_start.hour, workshop.local_start.minute, workshop.local_end.hour) == (9, 0, 12)
    assert {topic.slug for topic in workshop.topics.all()} == {"forced-migration", "migration-data"}
    assert {agency.slug for agency in workshop.participants.all()} == {"unhcr", "iom"}
    assert (workshop.created_by, workshop.status) == (publisher, Status.PUBLISHED)
    forum = Event.objects.get(slug="new-forum")
    assert forum.all_day and (forum.start_date.isoformat(), forum.end_date.isoformat()) == ("2027-04-01", "2027-04-02")
    meeting = Event.objects.get(slug="gmg-principals-meeting-2011")
    assert meeting.description == "Changed by an import." and meeting.sequence == 1
    assert meeting.history.first().history_user == publisher


def test_a_file_with_bad_rows_lists_each_error_and_changes_nothing(client, staff, seeded):
    staff("Publishers")
    upload = csv_file(
        import_row("fine-row"),
        import_row("bad-zone", timezone="Mars/Base"),
        import_row("bad-topic", topics="forced-migration|no-such-topic"),
        import_row("bad-organiser", organiser="nobody"),
        import_row("bad-dates", start_date="2027-05-02", end_date="2027-05-01"),
        import_row("bad-date", start_date="01/05/2027"),
        import_row("bad-kind", kind="party"),
        import_row("past", title="A slug the portal uses"),
    )
    result = preview(client, upload).context["result"]
    invalid = {line.values[COLUMNS.index("slug")]: line.error_dict for line in result.invalid_rows}
    assert set(invalid) == {"bad-zone", "bad-topic", "bad-organiser", "bad-dates", "bad-date", "bad-kind", "past"}
    assert invalid["bad-topic"]["topics"] == ["No topic has the slug “no-such-topic”."]
    assert invalid["bad-organiser"]["organiser"] == ["No agency has the slug “nobody”."]
    assert invalid["bad-zone"]["timezone"] == [
        "Mars/Base is not the time zone of a place, such as Europe/Paris or America/New_York."
    ]
    assert invalid["bad-dates"]["end_date"] == ["The event cannot end before it starts."]
    assert invalid["bad-date"]["start_date"] == ["“01/05/2027” is not a date (YYYY-MM-DD)."]
    assert "kind" in invalid["bad-kind"] and "slug" in invalid["past"]
    assert result.has_validation_errors() and not result.has_errors()
    assert "confirm_form" not in preview(client, csv_file(import_row("bad-zone", timezone="Mars/Base"))).context
    assert Event.objects.count() == 4 and not Event.objects.filter(slug="fine-row").exists()


def test_an_editor_imports_drafts_and_cannot_change_a_published_event(client, staff, seeded):
    staff("Editors")
    response = preview(client, csv_file(import_row("editor-row", status="published")))
    assert not response.context["result"].has_validation_errors()
    client.post(CONFIRM_URL, response.context["confirm_form"].initial)
    assert Event.objects.get(slug="editor-row").status == Status.DRAFT
    result = preview(client, csv_file(import_row("gfmd-concluding-debate-2011", status="draft"))).context["result"]
    (line,) = result.invalid_rows
    assert line.error_dict["__all__"] == ["This event is published: only a publisher can change it."]
    assert Event.objects.get(slug="gfmd-concluding-debate-2011").status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("url", "resource", "expected"),
    [
        (
            "admin:events_event_export",
            "eventresource",
            {
                "slug": "gfmd-concluding-debate-2011",
                "start_date": "2011-12-01",
                "end_date": "2011-12-02",
                "start_time": "",
                "timezone": "Europe/Zurich",
                "topics": "migration-and-development",
            },
        ),
        (
            "admin:agencies_agency_export",
            "agencyresource",
            {"slug": "who", "joined_on": "2010-09-01", "acronym": "WHO"},
        ),
        (
            "admin:themes_chairmanship_export",
            "chairmanshipresource",
            {"slug": "unesco-2011-07", "agency": "unesco", "starts_on": "2011-07-01"},
        ),
    ],
)
def test_staff_export_csv(staff_client, seeded, url, resource, expected):
    form = staff_client.get(reverse(url)).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith(resource + "_")}
    response = staff_client.post(reverse(url), {"format": "0", **fields})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    (match,) = [line for line in rows if line["slug"] == expected["slug"]]
    assert {key: match[key] for key in expected} == expected


def test_an_import_while_the_cache_is_down_gets_a_message_not_a_server_error(client, staff, seeded, cache_out_of_reach):
    staff("Publishers")  # the uploaded file would wait in the cache for the confirmation
    response = client.post(
        IMPORT_URL, {"import_file": csv_file(import_row("new-workshop")), "format": "0"}, follow=True
    )
    assert response.status_code == 200
    assert "could not be kept for your confirmation" in response.content.decode()
    assert not Event.objects.filter(slug="new-workshop").exists()


def test_cancelled_takes_the_documented_spellings_and_any_other_is_a_row_error(client, staff, seeded):
    staff("Publishers")
    spelled = {"one": "1", "true": "True", "yes": " YES ", "zero": "0", "false": "false", "no": "No", "empty": ""}
    response = preview(
        client, csv_file(*(import_row(f"spelled-{name}", cancelled=value) for name, value in spelled.items()))
    )
    assert not response.context["result"].has_validation_errors()
    client.post(CONFIRM_URL, response.context["confirm_form"].initial)
    cancelled = dict(Event.objects.filter(slug__startswith="spelled-").values_list("slug", "cancelled"))
    assert cancelled == {f"spelled-{name}": name in {"one", "true", "yes"} for name in spelled}

    wrong = ["maybe", "y", "2", "None", "cancelled", "-1"]
    upload = csv_file(
        import_row("fine-row"), *(import_row(f"wrong-{n}", cancelled=value) for n, value in enumerate(wrong))
    )
    result = preview(client, upload).context["result"]
    invalid = {line.values[COLUMNS.index("slug")]: line.error_dict for line in result.invalid_rows}
    assert set(invalid) == {f"wrong-{n}" for n in range(len(wrong))}
    for n, value in enumerate(wrong):
        assert invalid[f"wrong-{n}"]["cancelled"] == [
            f"“{value}” is not one of 1, true, yes or 0, false, no (an empty cell is 0)."
        ]
    assert not Event.objects.filter(slug__in=["fine-row", *invalid]).exists()


def test_a_slug_repeated_in_one_file_is_an_error_naming_both_rows(client, staff, seeded):
    staff("Publishers")
    upload = csv_file(
        import_row("first-event"),
        import_row("second-event"),
        import_row("first-event", title="The same slug again"),
        import_row("gfmd-concluding-debate-2011", title="An update"),
        import_row("gfmd-concluding-debate-2011", title="Another update of the same event"),
    )
    result = preview(client, upload).context["result"]
    invalid = {line.number: line.error_dict for line in result.invalid_rows}
    assert invalid == {
        3: {"slug": ["Rows 1 and 3 have the same slug “first-event”: each row must be a different event."]},
        5: {
            "slug": [
                "Rows 4 and 5 have the same slug “gfmd-concluding-debate-2011”: each row must be a different event."
            ]
        },
    }
    assert "confirm_form" not in preview(client, upload).context
    assert not Event.objects.filter(slug__in=["first-event", "second-event"]).exists()
    assert Event.objects.get(slug="gfmd-concluding-debate-2011").title != "An update"


def test_an_import_that_moves_an_event_moves_its_stored_days(client, staff, seeded):
    """Only the dates change in the file: the row is an update, not skipped as unchanged, and the days that lists
    filter by follow the new instants."""
    staff("Publishers")
    exported = EventResource().export(queryset=Event.objects.filter(slug="gfmd-concluding-debate-2011")).dict[0]
    moved = {**exported, "start_date": "2012-01-09", "end_date": "2012-01-10"}
    timed = {**exported, "slug": "timed", "start_date": "2012-12-31", "end_date": "", "start_time": "23:30"}
    timed.update(end_time="23:45", timezone="America/New_York")  # 2013-01-01 in UTC
    unchanged = preview(client, csv_file(exported)).context["result"]
    assert [line.import_type for line in unchanged.rows] == ["skip"]
    response = preview(client, csv_file(moved, timed))
    assert [line.import_type for line in response.context["result"].rows] == ["update", "new"]
    assert client.post(CONFIRM_URL, response.context["confirm_form"].initial).status_code == 302
    assert dict(
        Event.objects.filter(slug__in=["gfmd-concluding-debate-2011", "timed"]).values_list("slug", "start_date")
    ) == {
        "gfmd-concluding-debate-2011": date(2012, 1, 9),
        "timed": date(2012, 12, 31),
    }
    assert Event.objects.get(slug="gfmd-concluding-debate-2011").end_date == date(2012, 1, 10)
    assert list(
        Event.objects.in_year(2012)
        .filter(slug__in=["gfmd-concluding-debate-2011", "timed"])
        .order_by("slug")
        .values_list("slug", flat=True)
    ) == ["gfmd-concluding-debate-2011", "timed"]


def export_all_events(client):
    url = reverse("admin:events_event_export")
    form = client.get(url).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("eventresource_")}
    return client.post(url, {"format": "0", **fields}).content


def test_the_events_list_offers_import_and_export(staff_client, seeded):
    page = staff_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert f'href="{IMPORT_URL}"' in page or f"href='{IMPORT_URL}'" in page
    assert f'href="{reverse("admin:events_event_export")}' in page


def test_the_preview_shows_every_column_with_times_at_the_venue(client, staff, seeded):
    staff("Publishers")
    upload = csv_file(
        import_row(
            "new-workshop",
            start_time="09:00",
            end_date="2027-03-02",
            end_time="12:30",
            timezone="America/New_York",
            organiser="unhcr",
        )
    )
    (line,) = preview(client, upload).context["result"].rows
    shown = dict(zip(COLUMNS, line.diff, strict=True))
    for column, value in {
        "start_date": "2027-03-01",
        "start_time": "09:00",
        "end_date": "2027-03-02",
        "end_time": "12:30",
        "timezone": "America/New_York",
        "organiser": "unhcr",
    }.items():
        assert value in shown[column], column


def test_every_error_of_a_row_shows_in_the_row_under_the_files_column(client, staff, seeded):
    staff("Publishers")
    response = preview(
        client,
        csv_file(
            import_row("long-and-late", title="t" * 400, start_time="9:00"),
            import_row("backwards", start_time="10:00", end_time="09:00", kind="party"),
        ),
    )
    invalid = {line.number: line.error_dict for line in response.context["result"].invalid_rows}
    assert invalid == {
        1: {"title_en": ["at most 300 characters (it has 400)."], "start_time": ["“9:00” is not a time (HH:MM)."]},
        2: {
            "kind": ["Value 'party' is not a valid choice."],
            "end_time": ["The event must end after it starts."],
        },
    }
    page = response.content.decode()
    assert "<strong>title_en</strong>: at most 300 characters (it has 400)." in page
    assert "<strong>start_time</strong>: “9:00” is not a time (HH:MM)." in page
    assert "validation-error-count" not in page and "starts_at" not in page.lower()
    assert not Event.objects.filter(slug__in=["long-and-late", "backwards"]).exists()


def test_an_editor_is_told_that_rows_marked_published_arrive_as_drafts(client, staff, seeded):
    staff("Editors")
    upload = csv_file(import_row("editor-row", status="published"), import_row("draft-row", status="draft"))
    response = preview(client, upload)
    page = response.content.decode()
    assert "1 row is marked published or in review; it arrives as a draft" in page
    assert page.count("arrives as a draft</span>") == 1
    done = client.post(CONFIRM_URL, response.context["confirm_form"].initial, follow=True)
    assert "1 row is marked published or in review; it arrives as a draft" in done.content.decode()
    assert Event.objects.get(slug="editor-row").status == Status.DRAFT


@pytest.mark.parametrize("role", ["Publishers", "Editors"])
def test_an_unchanged_export_imported_again_changes_nothing_and_says_so(client, staff, seeded, role):
    staff(role)
    exported = export_all_events(client)
    history = Event.history.count()
    upload = SimpleUploadedFile("events.csv", exported, content_type="text/csv")
    response = preview(client, upload)
    result = response.context["result"]
    assert not result.has_validation_errors() and not result.has_errors()
    assert {line.import_type for line in result.rows} == {"skip"} and len(result.rows) == Event.objects.count()
    assert "confirm_form" not in response.context
    assert "Nothing changed: the file&#x27;s 4 rows match the events the portal holds." in response.content.decode()
    assert Event.history.count() == history


def test_an_editor_changing_a_published_event_gets_every_error_of_the_row(client, staff, seeded):
    staff("Editors")
    result = preview(
        client, csv_file(import_row("gfmd-concluding-debate-2011", status="published", title="t" * 301))
    ).context["result"]
    (line,) = result.invalid_rows
    assert line.error_dict == {
        "title_en": ["at most 300 characters (it has 301)."],
        "__all__": ["This event is published: only a publisher can change it."],
    }


def test_an_invalid_row_shows_the_columns_of_the_file_alone(client, staff, seeded):
    staff("Publishers")
    text = "title_en,slug,start_date,timezone,kind\n" + "A title,reordered,2027-13-01,Europe/Zurich,workshop\n"
    response = preview(client, SimpleUploadedFile("events.csv", text.encode(), content_type="text/csv"))
    assert response.context["file_columns"] == ["slug", "title_en", "kind", "start_date", "timezone"]
    (line,) = response.context["invalid_lines"]
    assert line["cells"] == [
        ("reordered", False),
        ("A title", False),
        ("workshop", False),
        ("2027-13-01", True),
        ("Europe/Zurich", False),
    ]
    assert line["errors"] == [  # the file's columns first; then one it lacks, still named
        ("start_date", ["“2027-13-01” is not a date (YYYY-MM-DD)."]),
        ("description_en", ["This field cannot be blank."]),
    ]
