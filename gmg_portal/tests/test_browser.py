"""A visitor in headless Chromium (Debian's, at /usr/bin/chromium), on a desktop and on a phone.

The pages are also audited with axe-core (from npm) in the browser, in each of the six languages: no violation is
allowed, target-size (WCAG 2.2, off in axe by default) included.
"""

from pathlib import Path

import pytest
from django.conf import settings

from .pages import SEED_PAGES, in_every_language, require

try:
    from playwright.sync_api import expect
except ImportError:  # the `chromium` fixture skips (or fails in CI) with a clear reason
    expect = None

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, seeded):
    return live_server.url


def open_menu_if_folded(page):
    toggler = page.get_by_role("button", name="Menu")
    if toggler.is_visible():
        page.wait_for_load_state("domcontentloaded")  # Bootstrap's script has run: the click is not lost
        toggler.click()
        page.locator("#main-nav.show").wait_for()  # unfolded, no longer moving


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_visitor_finds_a_member_filters_the_archive_opens_an_event_and_searches(chromium, site, viewport):
    page = chromium.new_page(viewport=VIEWPORTS[viewport])
    page.goto(site + "/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Global Migration Group")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"

    page.get_by_role("region", name="Members").get_by_role("link", name="UNHCR", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("UNHCR")
    assert "forced migration" in page.content()

    open_menu_if_folded(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    page.get_by_role("link", name="See past events").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Past events")
    filters = page.locator("details.gmg-filter")
    assert filters.get_attribute("open") is None  # folded until the visitor asks for it
    page.get_by_text("Filter events").click()
    page.get_by_label("Topic", exact=True).select_option(label="Migration and Development")
    page.get_by_label("Year", exact=True).fill("2011")
    page.get_by_role("button", name="Show events").click()
    assert "topic=migration-and-development" in page.url and "year=2011" in page.url
    titles = page.locator("article h3").all_inner_texts()
    assert titles == [
        "GFMD Concluding Debate",
        "UN-ESCWA Interregional Workshop on strengthening capacities to deal with international migration",
        "GMG Symposium: \u201cMigration and Youth: Harnessing Opportunities for Development\u201d",
    ]
    assert filters.get_attribute("open") is not None  # the results keep the filters in view
    assert page.get_by_label("Topic", exact=True).input_value() == "migration-and-development"

    page.get_by_role("link", name="GFMD Concluding Debate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("GFMD Concluding Debate")
    assert "Palais des Nations, Geneva, Switzerland" in page.inner_text("main")

    open_menu_if_folded(page)
    page.get_by_label("Search the portal").fill("health")
    page.get_by_label("Search the portal").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    assert page.get_by_role("link", name="World Health Organization").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.context.close()


@pytest.mark.parametrize("viewport", [*VIEWPORTS, "narrowest"])
def test_no_page_has_an_accessibility_violation_or_scrolls_sideways(chromium, site, viewport):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    size = VIEWPORTS.get(viewport, {"width": 320, "height": 640})
    # The portal's policy forbids inline scripts, as which axe is injected: the auditor alone is let past it.
    page = chromium.new_page(viewport=size, bypass_csp=True)
    problems = {}
    for url in in_every_language(SEED_PAGES):
        response = page.goto(site + url)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            """async () => (await axe.run({rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]}))
                .violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).join(", ")})`)"""
        )
        if response.status != 200:
            found.append(f"HTTP {response.status}")
        # In Arabic the page runs right to left and would overflow to the left: scrollWidth counts that side too.
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            found.append(f"scrolls sideways: {width} px wide in a {size['width']} px window")
        # The language switcher keeps to one line from a phone's 375 px up.
        rows = page.evaluate("new Set([...document.querySelectorAll('.gmg-languages a')].map(a => a.offsetTop)).size")
        if size["width"] >= 375 and rows != 1:
            found.append(f"the language switcher takes {rows} lines")
        if found:
            problems[url] = found
    page.context.close()
    assert problems == {}
