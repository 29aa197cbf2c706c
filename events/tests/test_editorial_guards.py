"""Regression tests for the ways around the publishing rules that a review found, and for bad input
to the history, import and export pages."""

import io
from datetime import UTC, datetime

import feedparser
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from agencies.models import Constituent
from agencies.tests.factories import AgencyFactory, ConstituentFactory
from core.models import ChangeProposal
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from testing import form_for, inline_management
from themes.models import Topic
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def revert_url(event, version):
    return reverse("admin:events_event_simple_history", args=[event.pk, version.history_id])


def test_an_editor_only_proposes_a_change_to_a_published_event_through_the_history_page(client, staff):
    event = EventFactory(status=Status.PUBLISHED)
    event.save()  # a second version
    staff("Editors")
    response = client.post(revert_url(event, event.history.last()), form_for(event, title="Changed by editor"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title != "Changed by editor"
    assert ChangeProposal.objects.for_record(event).get().values["title_en"] == "Changed by editor"


def test_an_editor_cannot_republish_or_unpublish_by_reverting(client, staff):
    event = EventFactory(status=Status.PUBLISHED)
    published_version = event.history.first()
    event.status = Status.DRAFT
    event.save()
    staff("Editors")
    client.post(revert_url(event, published_version), form_for(event, status="published"))
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    other = EventFactory(status=Status.DRAFT)
    draft_version = other.history.first()
    other.status = Status.PUBLISHED
    other.save()
    client.post(revert_url(other, draft_version), form_for(other, status="draft"))
    other.refresh_from_db()
    assert other.status == Status.PUBLISHED


def test_an_editor_cannot_bring_back_a_deleted_event(client, staff):
    event = EventFactory(status=Status.PUBLISHED)
    version, data, pk = event.history.first(), form_for(event), event.pk
    event.delete()
    staff("Editors")
    url = reverse("admin:events_event_simple_history", args=[pk, version.history_id])
    assert client.post(url, data).status_code == 403
    assert not Event.objects.filter(pk=pk).exists()


def test_an_editor_may_revert_a_draft_to_an_earlier_draft(client, staff):
    event = EventFactory(status=Status.DRAFT, venue="First venue")
    first = event.history.first()
    event.venue_en = "Second venue"
    event.save()
    staff("Editors")
    assert client.post(revert_url(event, first), form_for(event, venue="First venue")).status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.status) == ("First venue", Status.DRAFT)


def test_an_editor_cannot_reorder_published_topics_from_the_list(client, staff):
    published, draft = TopicFactory(status=Status.PUBLISHED, position=1), TopicFactory(status=Status.DRAFT, position=2)
    staff("Editors")
    data = {
        **inline_management("form", total=1, initial=1),
        "form-0-id": published.pk,
        "form-0-position": "999",
        "_save": "Save",
    }
    assert client.post(reverse("admin:themes_topic_changelist"), data).status_code == 403
    assert Topic.objects.get(pk=published.pk).position == 1
    data.update({"form-0-id": draft.pk})
    assert client.post(reverse("admin:themes_topic_changelist"), data).status_code == 302
    assert Topic.objects.get(pk=draft.pk).position == 999


def test_an_editor_cannot_change_or_delete_the_constituents_of_a_published_agency(client, staff):
    public = ConstituentFactory(agency=AgencyFactory(status=Status.PUBLISHED), acronym="ECE")
    hidden = ConstituentFactory(agency=AgencyFactory(status=Status.DRAFT), acronym="ECA")
    staff("Editors")
    delete = lambda body: reverse("admin:agencies_constituent_delete", args=[body.pk])  # noqa: E731
    assert client.post(delete(public), {"post": "yes"}).status_code == 403
    change = reverse("admin:agencies_constituent_change", args=[public.pk])
    data = {"agency": public.agency_id, "acronym": "ECE", "name_en": "Renamed", "is_representative": ""}
    assert client.post(change, data).status_code == 403
    assert Constituent.objects.get(pk=public.pk).name_en == ""
    assert client.post(delete(hidden), {"post": "yes"}).status_code == 302


@time_machine.travel(datetime(2026, 11, 27, 12, tzinfo=UTC))
def test_the_feeds_carry_the_sanitised_description(client):
    EventFactory(
        description='Safe.\n\n<img src=x onerror="alert(1)"> <script>alert(1)</script> [x](javascript:alert(1))',
        starts_at="2031-01-01T09:00:00Z",
        ends_at=None,
    )
    for url in ["/en/events/feeds/upcoming.rss", "/en/events/feeds/changes.atom"]:
        feed = feedparser.parse(client.get(url).content)
        raw = client.get(url).content.decode().lower()
        assert "Safe." in feed.entries[0].summary
        assert "onerror" not in raw and "javascript:" not in raw and "&lt;script" not in raw


@pytest.mark.parametrize(
    "url",
    [
        "/admin/events/event/abc/history/",
        "/admin/events/event/1/history/abc/",
        "/admin/events/event/abc/history/1/",
        "/admin/events/event/999999/history/1/",
        "/admin/events/event/999999/preview/",
    ],
)
def test_malformed_or_unknown_history_and_preview_addresses_are_not_found(staff_client, url):
    EventFactory()
    assert staff_client.get(url).status_code == 404


def test_a_truncated_image_is_refused_not_a_crash(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), "navy").save(buffer, format="JPEG")
    agency = AgencyFactory()
    data = {
        "name_en": agency.name_en,
        "acronym": agency.acronym,
        "slug": agency.slug,
        "kind": agency.kind,
        "status": "draft",
        "joined_on": "2006-01-01",
        "joined_precision": "year",
        "summary_en": "s",
        "account_en": "a",
        "logo_alt_en": "logo",
        "logo": SimpleUploadedFile("logo.jpg", buffer.getvalue()[:700]),
        **inline_management("constituents"),
        **inline_management("chairmanships"),
    }
    response = staff_client.post(reverse("admin:agencies_agency_change", args=[agency.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["logo"] == [
        "Upload a PNG, JPEG or WebP image. SVG files and other formats are not accepted."
    ]


def test_an_export_with_a_bad_filter_says_so(staff_client):
    response = staff_client.get(
        reverse("admin:events_event_export"), {"format": "abc", "nonsense__in": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "These filters cannot be used for an export" in response.content.decode()


def csv_upload(rows, extra=b""):
    header = b"slug,title_en,kind,status,start_date,timezone,description_en\n"
    body = b"".join(f"e-{n},Event {n},workshop,draft,2027-01-01,Europe/Zurich,x\n".encode() for n in range(rows))
    return SimpleUploadedFile("events.csv", header + body + extra, content_type="text/csv")


def test_an_import_too_big_or_too_long_is_refused_with_a_message(staff_client):
    url = reverse("admin:events_event_import")
    too_long = staff_client.post(url, {"import_file": csv_upload(1001), "format": "0"}, follow=True)
    assert "The file has 1001 rows; import at most 1000 at a time." in too_long.content.decode()
    too_big = staff_client.post(url, {"import_file": csv_upload(1, b"#" * 600 * 1024), "format": "0"}, follow=True)
    assert "the largest accepted is 512 KB" in too_big.content.decode()
    assert not Event.objects.exists()


def test_confirming_an_import_twice_imports_once_and_explains(staff_client):
    preview = staff_client.post(reverse("admin:events_event_import"), {"import_file": csv_upload(2), "format": "0"})
    confirm = preview.context["confirm_form"].initial
    assert staff_client.post(reverse("admin:events_event_process_import"), confirm).status_code == 302
    again = staff_client.post(reverse("admin:events_event_process_import"), confirm, follow=True)
    assert "This import was already carried out, or has expired" in again.content.decode()
    assert Event.objects.count() == 2


def test_exported_cells_cannot_run_as_spreadsheet_formulas(staff_client):
    EventFactory(title='=HYPERLINK("https://example.org","click")')
    form = staff_client.get(reverse("admin:events_event_export")).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("eventresource_")}
    body = staff_client.post(reverse("admin:events_event_export"), {"format": "0", **fields}).content.decode()
    assert "=HYPERLINK" not in body.replace("'=HYPERLINK", "")
