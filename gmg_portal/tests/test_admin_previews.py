"""Previews offered wherever staff meet a record: the change form's Preview button, "View on site" and the
list rows, for every model with a public page, followed as a browser follows a link (the address as the page
gives it, resolved against the page's own)."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import urljoin

import pytest
import time_machine
from django.urls import reverse

from agencies.tests.factories import AgencyFactory, GroupProfileFactory
from core.models import StaffSettings
from core.preview import PreviewLinksMixin, publication_state
from core.publishing import Status
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db

DRAFTS = {
    "agency": lambda status: AgencyFactory(account="A draft account of its work.", status=status),
    "topic": lambda status: TopicFactory(description="A draft description of the topic.", status=status),
    "chairmanship": lambda status: ChairmanshipFactory(theme_description="A draft theme.", status=status),
    "event": lambda status: EventFactory(description="A draft description of the event.", status=status),
}
TEXTS = {
    "agency": "A draft account of its work.",
    "topic": "A draft description of the topic.",
    "chairmanship": "A draft theme.",
    "event": "A draft description of the event.",
}


def admin_name(obj, view):
    return f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}"


def link(page, text):
    """The href of the link with this text (the first), as a person sees it."""
    found = re.search(rf'<a href="([^"]*)"[^>]*>{re.escape(text)}</a>', page)
    return unescape(found.group(1)) if found else None


def follow(client, from_url, href):
    return client.get(urljoin(from_url, href))


@pytest.mark.parametrize("model", list(DRAFTS))
def test_the_preview_button_of_each_model_opens_the_draft_on_its_public_page(client, staff, model):
    staff("Editors")
    draft = DRAFTS[model](Status.DRAFT)
    change = reverse(admin_name(draft, "change"), args=[draft.pk])
    href = link(client.get(change).content.decode(), "Preview")
    assert href == reverse(admin_name(draft, "preview"), args=[draft.pk])
    response = follow(client, change, href)  # was .../<id>/change/preview/, a 404
    assert response.status_code == 200
    page = response.content.decode()
    assert TEXTS[model] in page
    assert "<strong>Preview</strong> · Draft." in page and "Only staff see this page." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("model", list(DRAFTS))
def test_view_on_site_shows_staff_the_preview_of_what_the_public_cannot_see(client, staff, model):
    staff("Publishers")
    draft = DRAFTS[model](Status.DRAFT)
    change = reverse(admin_name(draft, "change"), args=[draft.pk])
    href = link(client.get(change).content.decode(), "View on site")
    response = follow(client, change, href)  # was the public page: a 404
    assert response.status_code == 200 and TEXTS[model] in response.content.decode()
    assert href == reverse(admin_name(draft, "preview"), args=[draft.pk])


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_view_on_site_of_a_record_not_yet_public_is_its_preview(staff_client, status):
    event = EventFactory(status=status)
    page = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert link(page, "View on site") == reverse("admin:events_event_preview", args=[event.pk])


def test_view_on_site_of_a_scheduled_record_is_its_preview_and_of_a_public_one_its_page(staff_client):
    scheduled = EventFactory(status=Status.PUBLISHED, publish_from=datetime.now(UTC) + timedelta(days=1))
    public = EventFactory(status=Status.PUBLISHED)
    change = lambda event: reverse("admin:events_event_change", args=[event.pk])  # noqa: E731
    assert link(staff_client.get(change(scheduled)).content.decode(), "View on site") == reverse(
        "admin:events_event_preview", args=[scheduled.pk]
    )
    href = link(staff_client.get(change(public)).content.decode(), "View on site")
    assert href == public.get_absolute_url()
    assert staff_client.get(href).status_code == 200


def test_a_record_without_a_public_page_of_its_own_offers_no_preview(staff_client):
    group = GroupProfileFactory(status=Status.DRAFT)
    page = staff_client.get(reverse("admin:agencies_groupprofile_change", args=[group.pk])).content.decode()
    assert link(page, "Preview") is None and link(page, "View on site") is None


def test_each_list_row_offers_the_preview_of_a_draft_and_the_page_of_a_public_record(client, staff):
    staff("Editors")
    draft = EventFactory(title="Not yet announced", status=Status.DRAFT)
    public = EventFactory(title="Announced", status=Status.PUBLISHED)
    changelist = reverse("admin:events_event_changelist")
    page = client.get(changelist).content.decode()
    preview = re.search(r'<a href="([^"]*)"[^>]*aria-label="Preview Not yet announced">Preview</a>', page)
    assert preview and preview.group(1) == reverse("admin:events_event_preview", args=[draft.pk])
    assert "Not yet announced" in follow(client, changelist, preview.group(1)).content.decode()
    assert f'<a href="{public.get_absolute_url()}">View on site</a>' in page


def test_the_preview_banner_names_the_record_state_with_a_scheduled_time_in_the_staff_zone(client, staff):
    preview = lambda event: client.get(reverse("admin:events_event_preview", args=[event.pk])).content.decode()  # noqa: E731
    with time_machine.travel(datetime(2027, 6, 1, 12, tzinfo=UTC), tick=False):
        StaffSettings.objects.create(user=staff("Publishers"), time_zone="Europe/Zurich")
        in_review = EventFactory(status=Status.IN_REVIEW)
        scheduled = EventFactory(status=Status.PUBLISHED, publish_from=datetime(2027, 6, 10, 7, 30, tzinfo=UTC))
        public = EventFactory(status=Status.PUBLISHED)
        assert "<strong>Preview</strong> · In review." in preview(in_review)
        assert "Add to my calendar" not in preview(in_review)  # its calendar file is public only once it is
        assert "<strong>Preview</strong> · Scheduled: 10 Jun 2027 09:30 (Europe/Zurich)." in preview(scheduled)
        assert "<strong>Preview</strong> · Published." in preview(public)


def test_a_record_past_its_end_of_publication_is_expired_and_offered_as_a_preview(staff_client):
    event = EventFactory(status=Status.PUBLISHED)
    event.unpublish_at = datetime.now(UTC) - timedelta(hours=1)
    state, note = publication_state(event)
    assert state.startswith("Expired: ") and note == "The public no longer sees it."
    admin_of_events = staff_client.get(reverse("admin:events_event_changelist")).context["cl"].model_admin
    assert isinstance(admin_of_events, PreviewLinksMixin)
    assert admin_of_events.view_on_site(event) == reverse("admin:events_event_preview", args=[event.pk])
