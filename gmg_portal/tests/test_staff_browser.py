"""In headless Chromium, as staff click: Preview and View on site from each model's admin pages, and My settings
with the time zone it sets. Screenshots of the screens go to /tmp/shots-preview/ when that folder exists."""

from pathlib import Path

import pytest
from django.conf import settings

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from events.tests.factories import EventFactory
from testing import staff_member
from themes.tests.factories import ChairmanshipFactory, TopicFactory

from .pages import require, sign_in

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/shots-preview")
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}


def shoot(page, name):
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_list(page, model_plural):
    page.get_by_role("link", name="GMG Portal administration").click()
    page.locator("#content-main th").get_by_role("link", name=model_plural, exact=True).click()


def opened_by(page, locator):
    with page.context.expect_page() as new:
        locator.click()
    preview = new.value
    preview.wait_for_load_state()
    return preview


def test_an_editor_previews_each_model_from_its_buttons_and_view_on_site(chromium, live_server):
    staff_member("editor", "Editors")
    drafts = [
        ("Agencies", AgencyFactory(name="Agency of drafts", account="A draft account.", status=Status.DRAFT)),
        ("Topics", TopicFactory(name="Topic of drafts", description="A draft topic.", status=Status.DRAFT)),
        (
            "Chairmanships",
            ChairmanshipFactory(theme_title="Term of drafts", theme_description="A draft theme.", status=Status.DRAFT),
        ),
        ("Events", EventFactory(title="Event of drafts", description="A draft event.", status=Status.DRAFT)),
    ]
    texts = ["A draft account.", "A draft topic.", "A draft theme.", "A draft event."]
    public = EventFactory(title="Public event", status=Status.PUBLISHED)
    page = chromium.new_page(viewport=DESKTOP)
    sign_in(page, live_server.url, "editor")
    for (model_plural, draft), text in zip(drafts, texts, strict=True):
        open_list(page, model_plural)
        row_name = getattr(draft, "theme_title", None) or getattr(draft, "title", None) or draft.name
        page.locator("#result_list").get_by_role("link", name=row_name, exact=True).click()
        preview = opened_by(page, page.get_by_role("link", name="Preview", exact=True))
        expect(preview.locator("main")).to_contain_text(text)
        expect(preview.get_by_role("status")).to_contain_text("Preview · Draft.")
        preview.close()
        page.get_by_role("link", name="View on site").click()
        expect(page.locator("main")).to_contain_text(text)
        expect(page.get_by_role("status")).to_contain_text("Only staff see this page.")
        if model_plural == "Events":
            shoot(page, "preview-event-1280")
        page.go_back()

    open_list(page, "Events")
    preview = opened_by(page, page.get_by_role("link", name="Preview Event of drafts"))
    expect(preview.get_by_role("heading", level=1)).to_have_text("Event of drafts")
    preview.close()
    expect(page.locator("#result_list").get_by_role("link", name="View on site")).to_have_attribute(
        "href", public.get_absolute_url()
    )
    shoot(page, "event-list-1280")
    page.set_viewport_size(PHONE)
    shoot(page, "event-list-375")
    page.locator("#result_list").get_by_role("link", name="Event of drafts", exact=True).click()
    expect(page.get_by_role("link", name="Preview", exact=True)).to_be_visible()
    shoot(page, "event-change-375")


def test_a_publisher_sets_her_zone_in_my_settings_and_enters_times_in_it(chromium, live_server):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    staff_member("publisher", "Publishers")
    # Her computer's clock is in Tokyo (UTC+9, no summer time), the zone she picks Bangkok's (UTC+7, none either).
    context = chromium.new_context(viewport=DESKTOP, timezone_id="Asia/Tokyo")
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server.url, "publisher")
    page.get_by_role("link", name="My settings").click()
    expect(page.locator("#content h1")).to_have_text("My settings")
    expect(page.get_by_label("My time zone")).to_have_value("UTC")
    shoot(page, "my-settings-1280")
    page.set_viewport_size(PHONE)
    shoot(page, "my-settings-375")
    page.set_viewport_size(DESKTOP)
    my_zone = page.get_by_role("combobox", name="My time zone")  # the venue's picker
    my_zone.clear()
    my_zone.press_sequentially("Bangkok")
    page.get_by_role("listbox", name="Time zones found").get_by_role("option").filter(has_text="Asia/Bangkok").click()
    page.get_by_label("Email me about reviews").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Times in the admin are now in Asia/Bangkok.")
    expect(page.get_by_label("My time zone")).to_have_value("Asia/Bangkok")
    expect(page.get_by_label("Email me about reviews")).not_to_be_checked()
    shoot(page, "my-settings-saved-1280")

    # The page audited by axe, injected as the policy forbids: in a context of its own that lets it past.
    audit = chromium.new_context(viewport=DESKTOP, bypass_csp=True, storage_state=context.storage_state())
    audited = audit.new_page()
    audited.goto(page.url)  # the address the clicks above led to
    audited.add_script_tag(path=str(AXE))
    violations = audited.evaluate("async () => (await axe.run()).violations.map(v => `${v.id}: ${v.help}`)")
    audit.close()
    assert violations == []

    open_list(page, "Events")
    page.get_by_role("link", name="Add event").first.click()
    publish_from = page.locator(".field-publish_from")
    expect(publish_from).to_contain_text("In your time zone, Asia/Bangkok (change it in My settings).")
    expect(publish_from.locator(".timezonewarning").first).to_have_text(
        "Note: your computer's clock is 2 hours ahead of Asia/Bangkok, your time zone in My settings, "
        "which these times are in."
    )
    # A day and an hour at the venue are in no staff member's zone: their note says whose clock they are.
    venue_notes = page.locator(".field-start_date .timezonewarning, .field-start_time .timezonewarning")
    expect(venue_notes).to_have_text(["At the venue", "At the venue"])
    shoot(page, "event-add-1280")
    assert [error for error in errors if "Content Security Policy" in error] == []
    context.close()
