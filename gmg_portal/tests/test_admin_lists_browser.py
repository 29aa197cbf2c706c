"""The admin's lists and CSV pages as staff use them, in headless Chromium at 1280 and 375 px: every list's
important columns in view first, the CSV round trip clicked through (export, import back, a bad row), and
no axe-core violation on the lists or the import pages. Screenshots go to $ADMIN_SHOTS when it is set."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from testing import events_csv, import_row, staff_member

from .pages import require, sign_in

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or fails in CI) with a clear reason
    expect = None

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
SHOTS = os.environ.get("ADMIN_SHOTS")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, seeded):
    staff_member("publisher")
    return live_server.url


def shoot(page, name, width):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def audit(page):
    """axe-core's violations on the page, as "rule: help: the elements at fault"."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run()).violations"
        ".map(v => `${v.id}: ${v.help}: ${v.nodes.map(node => node.target).join(' ')}`)"
    )


def fits(page, width):
    """Whether the page does not scroll sideways, and at 1280 px whether the list shows every column without
    scrolling its own box."""
    page_width = page.evaluate("document.documentElement.scrollWidth")
    results = page.locator("#changelist-form .results")
    cut = results.evaluate("box => box.scrollWidth - box.clientWidth") if results.count() else 0
    return page_width <= WIDTHS[width]["width"] and (width != "desktop" or cut <= 0)


def home(page):
    """Back to the admin's front page, as a person goes: the site's name in the header."""
    page.get_by_role("link", name="GMG Portal administration").click()


def open_list(page, name):
    """From the admin's front page, as a person goes: the site's name in the header, then the list's link."""
    home(page)
    page.locator("#content-main").get_by_role("link", name=name, exact=True).click()


def csv_file(*rows):
    return {"name": "events.csv", "mimeType": "text/csv", "buffer": events_csv(*rows).encode()}


def upload(page, file):
    page.get_by_label("File to import").set_input_files(file)
    page.get_by_role("button", name="Submit").click()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_csv_round_trip_and_every_list_in_reach(chromium, site, clicks, width):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    context = chromium.new_context(viewport=WIDTHS[width], bypass_csp=True, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, site, "publisher")
    shoot(page, "index", width)
    problems = {"index": audit(page)}

    lists = {
        "Events": "Calendar › Events",
        "Agencies": "Members › Agencies",
        "Constituents": "Members › Constituents",
        "Chairmanships": "Chairs and topics › Chairmanships",
        "Topics": "Chairs and topics › Topics",
    }
    for name, crumbs in lists.items():
        open_list(page, name)
        expect(page.locator("div.breadcrumbs")).to_have_text(f"Home › {crumbs}")
        shoot(page, f"list-{name.lower()}", width)
        problems[name] = audit(page)
        assert fits(page, width), name

    home(page)
    clicks.start(page)  # exporting the events, from the admin's front page
    page.locator("#content-main").get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Submit").click()
    exported = Path(downloading.value.path()).read_bytes()
    assert exported.decode("utf-8-sig").count("\n") == 5  # the header and the four seed events
    assert clicks.of(page) == 3  # Events, Export, Submit

    page.locator("div.breadcrumbs").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    problems["import form"] = audit(page)
    upload(page, {"name": "events.csv", "mimeType": "text/csv", "buffer": exported})
    expect(page.locator("ul.messagelist")).to_contain_text("Nothing changed: the file's 4 rows match the events")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    shoot(page, "import-nothing-changed", width)
    problems["import of an unchanged export"] = audit(page)

    home(page)
    clicks.start(page)  # importing events, from the admin's front page
    page.locator("#content-main").get_by_role("link", name="Events", exact=True).click()
    page.get_by_role("link", name="Import").click()
    upload(page, csv_file(import_row("new-workshop", start_time="09:00", end_time="12:30", organiser="unhcr")))
    row = page.locator("table.import-preview tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_contain_text(["New", "new-workshop", "2027-03-01", "09:00", "12:30"])
    shoot(page, "import-preview", width)
    problems["import preview"] = audit(page)
    page.get_by_role("button", name="Confirm import").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Import finished: 1 new")
    assert clicks.of(page) == 6  # Events, Import, the file (2: the button, the file), Submit, Confirm import

    page.get_by_role("link", name="Import").click()
    upload(page, csv_file(import_row("fine-row"), import_row("long", title="t" * 400, start_time="9:00")))
    errors = page.locator("table.import-errors tbody tr").filter(has_text="long")
    expect(errors.locator("td.row-errors li")).to_have_text(
        ["title_en: at most 300 characters (it has 400).", "start_time: “9:00” is not a time (HH:MM)."]
    )
    expect(errors.locator("td.wrong")).to_have_count(2)
    shoot(page, "import-errors", width)
    problems["import with errors"] = audit(page)

    assert {page: found for page, found in problems.items() if found} == {}
    context.close()
