"""An editor proposes a change to the seed's published UNHCR, and a publisher sends it back, then publishes
it: in headless Chromium, clicking as each of them does, at 1280 and at 375 px. The public page keeps the old
text until the publisher accepts. Screenshots of the notice, the difference and the comment go to
/tmp/shots-proposals/ for people to look at."""

from pathlib import Path

import pytest
from django.conf import settings

from gmg_portal.tests.pages import require, sign_in
from testing import staff_member

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
SHOTS = Path("/tmp/shots-proposals")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
OLD = "contributing to the work of regional fora on migration and asylum"
NEW = "contributing to the work of regional and global fora on migration and asylum"
NEWER = "contributing to the work of regional and global fora on migration, asylum and statelessness"


@pytest.fixture
def people(live_server, seeded):
    staff_member("editor", "Editors")
    staff_member("publisher", "Publishers")
    return live_server.url


def signed_in(chromium, site, viewport, username):
    # The portal's policy forbids inline scripts, as which axe is injected: the auditor alone is let past it.
    return sign_in(chromium.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True).new_page(), site, username)


def open_unhcr(page):
    page.locator("#content-main").get_by_role("link", name="Agencies", exact=True).last.click()
    page.get_by_role("link", name="UNHCR", exact=True).first.click()
    expect(page.locator("#content h1")).to_contain_text("Change agency")


def told(page, text):
    expect(page.locator("ul.messagelist")).to_contain_text(text)


def shoot(page, viewport, name, part):
    """A screenshot to look at, and an audit of the part this feature adds: no axe violation, no sideways scroll."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{viewport}.png", full_page=True)
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async (part) => (await axe.run(part)).violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`)", part
    )
    assert violations == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"], name


def public_account(client):
    return client.get("/en/members/unhcr/").content.decode()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_editor_proposes_a_change_to_unhcr_that_a_publisher_sends_back_then_publishes(
    chromium, people, client, clicks, viewport
):
    editor = signed_in(chromium, people, viewport, "editor")
    clicks.start(editor)  # a change proposed to a published member, from the admin's front page
    open_unhcr(editor)
    notice = editor.locator(".proposal-notice")
    expect(notice).to_contain_text("This record is public. Your changes are kept as a proposed change")
    shoot(editor, viewport, "notice", ".proposal-notice")
    account = editor.get_by_label("Account of its work on migration:", exact=True)
    account.fill(account.input_value().replace(OLD, NEW))
    editor.get_by_role("button", name="Save and continue editing").click()
    told(editor, "Your changes are kept as a proposed change until a publisher accepts them")
    assert NEW in editor.get_by_label("Account of its work on migration:", exact=True).input_value()
    editor.get_by_role("button", name="Submit for review").click()
    told(editor, "submitted for review")
    assert clicks.of(editor) == 4  # Agencies, UNHCR, Save and continue editing, Submit for review
    page = public_account(client)
    assert OLD in page and NEW not in page

    publisher = signed_in(chromium, people, viewport, "publisher")
    clicks.start(publisher)  # the proposal sent back with a comment, from the admin's front page, by the record
    open_unhcr(publisher)
    publisher.get_by_role("link", name="Review the proposed change").click()
    diff = publisher.locator("table.proposal-diff")
    expect(diff.locator("ins")).to_contain_text(["and global"])
    shoot(publisher, viewport, "diff", "#content")
    publisher.get_by_label("Comment for the editor").fill("Please name statelessness as well.")
    publisher.get_by_role("button", name="Send back").click()
    told(publisher, "sent back to its author")
    assert clicks.of(publisher) == 4  # Agencies, UNHCR, Review the proposed change, Send back

    editor.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    clicks.start(editor)  # the comment read, from the admin's front page
    expect(editor.locator("#queue-sent_back")).to_contain_text("Please name statelessness as well.")
    open_unhcr(editor)
    expect(editor.locator(".proposal-comment")).to_contain_text("Please name statelessness as well.")
    assert clicks.of(editor) == 2  # on the front page at once; on the record's page: Agencies, UNHCR
    shoot(editor, viewport, "sent-back", ".proposal-notice")
    account = editor.get_by_label("Account of its work on migration:", exact=True)
    account.fill(account.input_value().replace(NEW, NEWER))
    editor.get_by_role("button", name="Save and continue editing").click()
    told(editor, "Your changes are kept as a proposed change")
    editor.get_by_role("button", name="Submit for review").click()
    told(editor, "submitted for review")
    assert NEWER not in public_account(client)

    publisher.get_by_role("link", name="Back to UNHCR").click()
    expect(publisher.get_by_role("link", name="Review the proposed change")).to_be_visible()
    publisher.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    clicks.start(publisher)  # the proposal accepted from the queue on the admin's front page
    publisher.locator("#queue-in_review").get_by_role("link", name="UNHCR", exact=True).click()
    expect(publisher.locator("table.proposal-diff ins")).to_contain_text(["statelessness"])
    with publisher.expect_navigation():  # the message is on the page the publication leads to
        publisher.get_by_role("button", name="Publish this change").click()
    told(publisher, "The change is published")
    assert clicks.of(publisher) == 2  # UNHCR in the queue, Publish this change
    page = public_account(client)
    assert NEWER in page and OLD not in page
