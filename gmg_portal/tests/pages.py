"""Reading the portal's pages in tests: every address a visitor can reach with the seed content."""

import contextlib
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest

SEED_PAGES = [
    "/",
    "/members/",
    "/members/unhcr/",
    "/members/regional-commissions/",
    "/chairmanships/",
    "/chairmanships/unesco-2011-07/",
    "/topics/",
    "/topics/forced-migration/",
    "/events/",
    "/events/past/",
    "/events/past/?topic=migration-and-development&year=2011",
    "/events/gmg-principals-meeting-2011/",
    "/events/gfmd-concluding-debate-2011/",
    "/publications/",
    "/search/",
    "/search/?q=health",
    "/search/?q=zzzzqqq",
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
