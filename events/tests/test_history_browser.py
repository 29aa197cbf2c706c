"""An editor's history in headless Chromium (Debian's, at /usr/bin/chromium), at 1280 and 375 px: two saves
with a change message, the History button, two versions picked, Compare, a word-level difference. Both pages
pass axe-core with no violation, and four entries fit a phone's page of reasonable length.

Screenshots of each page go to $HISTORY_SHOTS when it is set (to look at them), e.g. /tmp/shots-history.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from core.publishing import Status
from events.tests.factories import EventFactory
from gmg_portal.tests.pages import require, sign_in
from testing import staff_member

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or fails in CI) with a clear reason
    expect = None

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
DESCRIPTION = (
    "In order to protect refugees and migrants, the Group brings together the heads of its member agencies "
    "twice a year. The meeting reviews the work of each task force, agrees on joint messages for the Global "
    "Forum on Migration and Development, and sets the priorities of the next chair. Observers from the "
    "Regional Commissions take part in the discussion of the regional reports."
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event(db):
    """A draft with two versions already: as the seed loaded it, then once changed by a command."""
    event = EventFactory(title="Meeting of the Principals", status=Status.DRAFT, description=DESCRIPTION)
    event.venue_en = "Palais Wilson"
    event.save()
    return event


@pytest.fixture
def editor(db):
    """Ada, of the Editors group."""
    return staff_member("ada", "Editors", first_name="Ada", last_name="Editor")


def audit(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`)")


def shoot(page, name, viewport):
    folder = os.environ.get("HISTORY_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{VIEWPORTS[viewport]['width']}.png", full_page=True)


def save_with_message(page, description, message):
    page.locator("#id_description_en").fill(description)
    page.get_by_label("Change message").fill(message)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_editor_edits_twice_then_compares_two_versions_picked_in_the_history(
    chromium, live_server, event, editor, clicks, viewport
):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    size = VIEWPORTS[viewport]
    # axe is injected as an inline script, which the portal's policy refuses: the auditor alone is let past it.
    context = chromium.new_context(viewport=size, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    sign_in(page, live_server.url, "ada")
    page.locator("tr.model-event th a").click()
    page.get_by_role("link", name="Meeting of the Principals", exact=True).click()

    save_with_message(page, DESCRIPTION.replace("twice a year", "three times a year"), "Meets more often now")
    # A long address must wrap on a phone, not widen the page.
    minutes = " Minutes are public: https://www.unglobalmigrationgroup.org/meetings/principals-2011/minutes.pdf"
    save_with_message(page, DESCRIPTION.replace("twice a year", "three times a year") + minutes, "")
    shoot(page, "change-form", viewport)

    page.get_by_role("link", name="GMG Portal administration").click()
    clicks.start(page)  # comparing two versions, from the admin's front page
    page.locator("tr.model-event th a").click()
    page.get_by_role("link", name="Meeting of the Principals", exact=True).click()
    page.get_by_role("link", name="History").click()
    entries = page.locator("#change-history tbody tr")
    expect(entries).to_have_count(4)
    expect(entries.first).to_contain_text("Ada Editor")
    expect(entries.nth(1)).to_contain_text("Meets more often now")
    expect(entries.last).to_contain_text("the system")
    assert audit(page) == []
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < (4000 if viewport == "phone" else 2500), f"the history of 4 entries is {height} px long"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, "history", viewport)

    # From the oldest version (as the seed loaded it) to the newest.
    page.locator('input[name="old"]').last.check()
    page.locator('input[name="new"]').first.check()
    page.get_by_role("button", name="Compare the selected versions").first.click()
    assert clicks.of(page) == 6  # Events, the event, History, the two versions, Compare
    changes = page.locator("#history-compare")
    expect(changes.locator("del")).to_contain_text(["deleted: twice", "deleted: des Nations"])
    inserted = ["inserted: three times", "inserted:  Minutes are public:", "inserted: Wilson"]
    expect(changes.locator("ins")).to_contain_text(inserted)
    expect(page.locator(".history-versions")).to_contain_text("Ada Editor")
    expect(page.locator(".history-versions")).to_contain_text("the system")
    assert audit(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, "compare", viewport)
    assert errors == []
    context.close()
