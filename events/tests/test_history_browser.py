"""An editor's history in headless Chromium (Debian's, at /usr/bin/chromium), at 1280 and 375 px: two saves
with a change message, the History button, two versions picked, Compare, a word-level difference. Both pages
pass axe-core with no violation, and four entries fit a phone's page of reasonable length.

Screenshots of each page go to $HISTORY_SHOTS when it is set (to look at them), e.g. /tmp/shots-history.
"""

import os
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.publishing import Status
from events.tests.factories import EventFactory
from gmg_portal.tests.pages import headless_chromium, require

try:
    from playwright.sync_api import expect
except ImportError:  # headless_chromium() skips (or fails in CI) with a clear reason
    expect = None

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a-long-test-password"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
DESCRIPTION = (
    "In order to protect refugees and migrants, the Group brings together the heads of its member agencies "
    "twice a year. The meeting reviews the work of each task force, agrees on joint messages for the Global "
    "Forum on Migration and Development, and sets the priorities of the next chair. Observers from the "
    "Regional Commissions take part in the discussion of the regional reports."
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def chromium():
    with headless_chromium() as browser:
        yield browser


@pytest.fixture
def event(db):
    """A draft with two versions already: as the seed loaded it, then once changed by a command."""
    event = EventFactory(title="Meeting of the Principals", status=Status.DRAFT, description=DESCRIPTION)
    event.venue = "Palais Wilson"
    event.save()
    return event


@pytest.fixture
def editor(db, django_user_model):
    """Ada, an editor as the Editors group of the migration makes her (the group is made again here: a
    transactional test empties every table, and the migration's own function would reset the app registry)."""
    from django.contrib.auth.models import Group, Permission

    roles = import_module("events.migrations.0002_editorial_roles")
    models = [model for names in roles.CONTENT.values() for model in names]
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=roles.CONTENT,
            content_type__model__in=models,
            codename__in=[f"{action}_{model}" for model in models for action in roles.EDITOR_ACTIONS],
        )
    )
    user = django_user_model.objects.create_user(
        "ada", "ada@example.org", PASSWORD, is_staff=True, first_name="Ada", last_name="Editor"
    )
    user.groups.add(editors)
    return user


def audit(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`)")


def shoot(page, name, viewport):
    folder = os.environ.get("HISTORY_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{VIEWPORTS[viewport]['width']}.png", full_page=True)


def save_with_message(page, description, message):
    page.get_by_label("Description").fill(description)
    page.get_by_label("Change message").fill(message)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_editor_edits_twice_then_compares_two_versions_picked_in_the_history(
    chromium, live_server, event, editor, viewport
):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    size = VIEWPORTS[viewport]
    # axe is injected as an inline script, which the portal's policy refuses: the auditor alone is let past it.
    context = chromium.new_context(viewport=size, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(live_server.url + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("tr.model-event th a").click()
    page.get_by_role("link", name="Meeting of the Principals", exact=True).click()

    save_with_message(page, DESCRIPTION.replace("twice a year", "three times a year"), "Meets more often now")
    # A long address must wrap on a phone, not widen the page.
    minutes = " Minutes are public: https://www.unglobalmigrationgroup.org/meetings/principals-2011/minutes.pdf"
    save_with_message(page, DESCRIPTION.replace("twice a year", "three times a year") + minutes, "")
    shoot(page, "change-form", viewport)

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
