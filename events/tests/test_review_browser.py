"""The review of a draft and a schedule, clicked through in headless Chromium (Debian's) as staff do it.

An editor writes an event and submits it for review; a publisher finds it in the queue on the admin's front
page, opens it and publishes it; the event is then public. A publisher schedules an event, with an end to its
publication, and the list of events says when it goes live. At 1280 and 375 px. Screenshots of the queue and of
the review steps go to /tmp/shots-workflow/ for a person to look at.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from core.publishing import Status
from events.models import Event
from gmg_portal.tests.pages import require, sign_in
from testing import staff_member

try:
    from playwright.sync_api import expect
except ImportError:  # the `chromium` fixture skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path(os.environ.get("REVIEW_SHOTS", "/tmp/shots-workflow"))


@pytest.fixture
def staff(db):
    staff_member("editors", "Editors")
    staff_member("publishers", "Publishers")


def signed_in(chromium, site, viewport, username):
    """A page of a fresh browser (no cookies), signed in through the admin's sign-in form."""
    # The portal's policy forbids inline scripts, as which axe is injected: the auditor alone is let past it.
    context = chromium.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    context.set_default_timeout(15_000)
    page = sign_in(context.new_page(), site, username)
    expect(page.locator("#review-queue")).to_be_visible()
    return page


def shoot(page, name, viewport):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{viewport}.png", full_page=True)


def accessibility_violations(page, selector):
    """axe-core's findings on the part of the page this workflow adds (Django's own admin is not audited here)."""
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (selector) => (await axe.run(selector)).violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`)",
        selector,
    )


def told(page, text):
    expect(page.locator("ul.messagelist")).to_contain_text(text)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_editor_submits_a_draft_and_a_publisher_publishes_it_from_the_queue(
    chromium, live_server, staff, clicks, viewport
):
    site = live_server.url
    editor = signed_in(chromium, site, viewport, "editors")
    clicks.start(editor)  # a draft written, previewed and submitted, from the admin's front page
    editor.locator("#content-main tr.model-event th").get_by_role("link", name="Events").click()
    editor.get_by_role("link", name="Add event").click()
    editor.locator("#id_title_en").fill("Youth and migration forum")
    editor.locator("#id_kind").select_option(index=1)
    editor.locator("#id_start_date").fill((timezone.now() + timedelta(days=40)).strftime("%Y-%m-%d"))
    editor.get_by_role("combobox", name="Time zone of the venue").fill("Europe/Zurich")  # typed exactly
    editor.locator("#id_description_en").fill("A forum of the Group on youth and migration.")
    editor.get_by_role("button", name="Save and continue editing").click()
    told(editor, "was added successfully")
    expect(editor.locator(".review-state")).to_have_text("State: Draft")
    shoot(editor, "change-draft-editor", viewport)
    assert accessibility_violations(editor, ".review-panel") == []
    with editor.context.expect_page() as opening:
        editor.get_by_role("link", name="Preview", exact=True).click()
    preview = opening.value
    expect(preview.get_by_role("heading", level=1)).to_have_text("Youth and migration forum")
    expect(preview.get_by_role("status")).to_contain_text("Preview · Draft.")
    preview.close()
    editor.get_by_role("button", name="Submit for review").click()
    told(editor, "was submitted for review")
    # Events, Add event, the kind (2), Save and continue editing, Preview, the preview's tab closed, Submit
    assert clicks.of(editor) == 8
    expect(editor.locator(".review-state")).to_have_text("State: In review")
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)

    publisher = signed_in(chromium, site, viewport, "publishers")
    clicks.start(publisher)  # the draft published from the queue on the admin's front page
    waiting = publisher.locator("#queue-in_review")
    expect(waiting).to_contain_text("Waiting for your review (1)")
    expect(waiting).to_contain_text("editors")
    shoot(publisher, "index-queue-publisher", viewport)
    assert accessibility_violations(publisher, "#review-queue") == []
    waiting.get_by_role("link", name="Youth and migration forum").click()
    expect(publisher.locator(".review-panel")).to_contain_text("Submitted for review by editors")
    shoot(publisher, "change-review-publisher", viewport)
    assert accessibility_violations(publisher, ".review-panel") == []
    publisher.get_by_role("button", name="Publish").click()
    told(publisher, "was published")
    expect(publisher.locator(".review-state")).to_have_text("State: Published")
    assert clicks.of(publisher) == 2  # the event in the queue, Publish

    event = Event.objects.get(title_en="Youth and migration forum")
    assert event.status == Status.PUBLISHED and event.published_at is not None
    visitor = chromium.new_page(viewport=VIEWPORTS[viewport])
    assert visitor.goto(site + event.get_absolute_url()).status == 200
    expect(visitor.locator("h1")).to_have_text("Youth and migration forum")
    editor.reload()
    editor.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    expect(editor.locator("#queue-published")).to_contain_text("Youth and migration forum")
    shoot(editor, "index-queue-editor", viewport)
    for page in (editor, publisher, visitor):
        page.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_publisher_schedules_an_event_and_the_list_says_when(chromium, live_server, staff, clicks, viewport):
    site = live_server.url
    from events.tests.factories import EventFactory

    event = EventFactory(title="Scheduled symposium", starts_at=timezone.now() + timedelta(days=60))
    go_live = (timezone.localtime() + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
    leave = go_live + timedelta(days=30)
    publisher = signed_in(chromium, site, viewport, "publishers")
    clicks.start(publisher)  # a schedule and an expiry set, from the admin's front page
    publisher.locator("#content-main tr.model-event th").get_by_role("link", name="Events").click()
    publisher.get_by_role("link", name="Scheduled symposium").click()
    publisher.locator("#id_publish_from_0").fill(go_live.strftime("%Y-%m-%d"))
    publisher.locator("#id_publish_from_1").fill("09:00")
    publisher.locator("#id_unpublish_at_0").fill(leave.strftime("%Y-%m-%d"))
    publisher.locator("#id_unpublish_at_1").fill("09:00")
    publisher.get_by_role("button", name="Save and continue editing").click()
    told(publisher, "was changed successfully")
    expect(publisher.locator(".review-state")).to_have_text(f"State: Scheduled: {go_live:%-d %b %Y} 09:00 (UTC)")
    assert clicks.of(publisher) == 3  # Events, the event, Save and continue editing
    publisher.locator(".breadcrumbs").get_by_role("link", name="Events").last.click()
    row = publisher.locator("#result_list tr", has_text="Scheduled symposium")
    expect(row).to_contain_text(f"Scheduled: {go_live:%-d %b %Y} 09:00")
    shoot(publisher, "list-scheduled", viewport)
    event.refresh_from_db()
    assert (event.publish_from, event.unpublish_at) == (go_live, leave)
    publisher.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    expect(publisher.locator("#queue-scheduled")).to_contain_text("Scheduled symposium")
    publisher.context.close()
