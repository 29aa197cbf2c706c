"""A publisher adds a document with its PDF in the admin, clicking as a person does; a visitor finds it by a word
inside the PDF with the site's search, opens it and downloads the file. In headless Chromium; the public pages
are audited with axe at 1280 and 375 px. Screenshots go to /tmp/shots-publications/ for people to look at."""

from pathlib import Path

import pytest
from django.conf import settings

from gmg_portal.tests.pages import require, sign_in
from publications.models import Document
from testing import staff_member

from .pdfs import text_pdf

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
SHOTS = Path("/tmp/shots-publications")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def audit(page, name):
    """A screenshot to look at; no axe violation and no sideways scroll on the page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id}: ${v.help}`)")
    assert violations == [], name
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name


def test_a_publisher_adds_a_document_and_a_visitor_finds_it_by_a_word_of_its_pdf(
    chromium, live_server, seeded, tmp_path, clicks
):
    staff_member("publisher", "Publishers")
    pdf = tmp_path / "Migration & Climate (final, v3).pdf"
    pdf.write_bytes(text_pdf("Les migrations environnementales", "Second page"))
    context = chromium.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True, accept_downloads=True)
    page = sign_in(context.new_page(), live_server.url, "publisher")
    clicks.start(page)
    page.locator("#content-main").get_by_role("link", name="Documents", exact=True).click()
    page.get_by_role("link", name="Add document").click()
    page.get_by_label("Title:").fill("Report on environmental migration")
    page.get_by_label("Kind:").select_option(label="Book")
    page.get_by_label("Status:").select_option(label="Published")
    page.get_by_label("Date of the document:").fill("2011-01-01")
    page.get_by_label("Date known to the:").select_option(label="Year")
    page.get_by_label("By the Group as a whole").check()
    page.get_by_role("button", name="Add another PDF file").click()
    page.locator("select[name='files-0-language']").select_option(label="French")
    page.locator("input[name='files-0-file']").set_input_files(pdf)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")
    # Documents, Add document, the kind (2), the status (2), the precision (2), the tick, a row for the file, its
    # language (2), the file (2), Save.
    assert clicks.of(page) == 15
    stored = Document.objects.get(slug="report-on-environmental-migration").files.get()
    assert (stored.language, stored.pages) == ("fr", 2) and "Migration" not in stored.file.name

    visitor = chromium.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True, accept_downloads=True).new_page()
    visitor.goto(live_server.url + "/en/")
    visitor.get_by_role("searchbox").first.fill("environnementales")
    visitor.get_by_role("searchbox").first.press("Enter")
    results = visitor.get_by_role("region", name="Statements and publications")
    results.get_by_role("link", name="Report on environmental migration").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Report on environmental migration")
    audit(visitor, "document-1280")
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Report on environmental migration (French, PDF)").click()
    assert download.value.suggested_filename == "report-on-environmental-migration-fr.pdf"
    assert Path(download.value.path()).read_bytes() == pdf.read_bytes()
    context.close()
    visitor.context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_publications_pages_pass_axe_and_fit_the_screen(chromium, live_server, seeded, viewport):
    from .factories import DocumentFactory, DocumentFileFactory

    document = DocumentFactory(title="Joint statement on the human rights of all migrants", kind="joint-statement")
    DocumentFileFactory(document=document, language="en")
    DocumentFactory(title="A report without a file", kind="report")
    page = chromium.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True).new_page()
    page.goto(live_server.url + "/en/publications/")
    audit(page, f"list-{viewport}")
    page.get_by_role("link", name=document.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(document.title)
    audit(page, f"document-{viewport}")
    page.go_back()
    page.get_by_role("link", name="A report without a file").click()
    audit(page, f"card-{viewport}")
    page.context.close()
