"""Reading the portal's pages in tests: every address a visitor can reach with the seed content."""

import os
from html.parser import HTMLParser

import pytest

SEED = ["agencies", "themes", "events"]

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
