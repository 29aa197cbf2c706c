"""Reading the portal's pages in tests: every address a visitor can reach with the seed content, and what the
browser tests share (Chromium itself is the `chromium` fixture of conftest.py): signing in, counting clicks."""

import contextlib
import functools
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

from testing import PASSWORD

SEED_PAGES = [
    "/en/",
    "/en/members/",
    "/en/members/unhcr/",
    "/en/members/regional-commissions/",
    "/en/chairmanships/",
    "/en/chairmanships/unesco-2011-07/",
    "/en/topics/",
    "/en/topics/forced-migration/",
    "/en/events/",
    "/en/events/past/",
    "/en/events/past/?topic=migration-and-development&year=2011",
    "/en/events/gmg-principals-meeting-2011/",
    "/en/events/gfmd-concluding-debate-2011/",
    "/en/events/series/gfmd-thematic-meetings/",
    "/en/publications/",
    "/en/publications/gmg-principals-joint-statement-2011-11/",
    "/en/publications/migration-and-climate-change-2011/",
    "/en/search/",
    "/en/search/?q=health",
    "/en/search/?q=zzzzqqq",
]


def in_every_language(english_addresses):
    """Each of these English addresses (/en/...) in the portal's six languages, language by language."""
    from django.conf import settings

    return [
        address.replace("/en/", f"/{code}/", 1) for code, _name in settings.LANGUAGES for address in english_addresses
    ]


def require(condition, reason):
    """Skip a check that this machine cannot run, except in CI (CI=true), where every check must run."""
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run this check: {reason}")
        pytest.skip(reason)


CHROMIUM = Path("/usr/bin/chromium")


@contextlib.contextmanager
def headless_chromium():
    """Debian's Chromium, headless, driven by Playwright: never a browser a test tool downloads."""
    require(CHROMIUM.exists(), "Chromium is not installed: make test-tools (apt-get install chromium)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    # Playwright's synchronous API runs an event loop in this thread; the test's own database work
    # (loading data, flushing afterwards) is ordinary blocking code all the same.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                headless=True,
                args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
            )
            yield browser
            browser.close()


def sign_in(page, site, username, *, on_the_form=None):
    """Signs `username` in through the admin's sign-in form, reached from the admin's address as a person
    reaches it; the page ends on the admin's front page. on_the_form(page) runs once the form is shown."""
    from playwright.sync_api import expect

    page.goto(site + "/admin/")
    if on_the_form:
        on_the_form(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#content h1")).to_have_text("Content of the Global Migration Group")
    return page


class Clicks:
    """The clicks a person makes in each browser context (the pages of one person, previews and popups included),
    counted as the test makes them: a click is 1, a double click 2, ticking a box 1, choosing in a drop-down list
    2 (open it, pick), choosing a file 2 (the button, the file in the system's dialog), the browser's Back or
    Reload button 1, closing a tab 1. Typing, keys and focus are no clicks. A test counts from a moment:
    start(page), then of(page)."""

    COSTS = {
        "click": None,  # its click_count, 1 unless given
        "dblclick": 2,
        "check": 1,
        "uncheck": 1,
        "set_checked": 1,
        "select_option": 2,
        "set_input_files": 2,
    }

    def __init__(self):
        self.counts = {}

    def install(self, monkeypatch):
        from playwright.sync_api import Locator, Page

        for name, cost in self.COSTS.items():
            monkeypatch.setattr(
                Locator, name, self.counting(getattr(Locator, name), cost, lambda locator: locator.page)
            )
        for name in ("go_back", "reload", "close"):
            monkeypatch.setattr(Page, name, self.counting(getattr(Page, name), 1, lambda page: page))

    def counting(self, method, cost, page_of):
        @functools.wraps(method)
        def counted(target, *args, **kwargs):
            context = page_of(target).context
            self.counts[context] = self.counts.get(context, 0) + (cost or kwargs.get("click_count") or 1)
            return method(target, *args, **kwargs)

        return counted

    def start(self, page):
        self.counts[page.context] = 0

    def of(self, page):
        return self.counts[page.context]


class PageFacts(HTMLParser):
    """The head's metadata, the h1s, <time> elements and JSON-LD blocks of one HTML page."""

    def __init__(self, html):
        super().__init__()
        self.h1 = 0
        self.title = ""
        self.meta = {}
        self.links = {}
        self.times = []
        self.json_ld = []
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in = "title"
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "time":
            self.times.append(attrs.get("datetime"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data
