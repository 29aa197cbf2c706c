"""Every feed the portal serves, checked against what RFC 4287 (Atom) and RSS 2.0 require, and the W3C Feed
Validator's rules for them that a feed reader trips over: a read of the XML independent of the feedparser
tests, element by element."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from events.tests.factories import EventFactory
from publications.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RFC_3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
FEEDS = ["/events/feeds/upcoming", "/events/feeds/changes", "/publications/feeds/new"]
LANGUAGES = ["en", "ar"]


@pytest.fixture
def content():
    soon = timezone.now() + timedelta(days=30)
    EventFactory(starts_at=soon, ends_at=soon + timedelta(hours=2), description="A **meeting** of the Group.")
    EventFactory(starts_at=soon + timedelta(days=1), cancelled=True)
    DocumentFactory(summary="What the *report* finds.")


def absolute_iri(value):
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme == "urn" or bool(parts.netloc))


def one(parent, tag):
    found = parent.findall(tag)
    assert len(found) == 1, f"{tag}: {len(found)} in {parent.tag}"
    return found[0]


def check_text_construct(element):
    assert element.get("type", "text") in {"text", "html", "xhtml"}
    assert (element.text or "").strip(), element.tag


def check_author(author):
    assert (one(author, f"{ATOM}name").text or "").strip()
    uri = author.find(f"{ATOM}uri")
    assert uri is None or absolute_iri(uri.text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", FEEDS)
def test_each_atom_feed_has_what_rfc_4287_requires(client, content, feed, language):
    address = f"/{language}{feed}.atom"
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert absolute_iri(one(root, f"{ATOM}id").text)
    check_text_construct(one(root, f"{ATOM}title"))
    assert RFC_3339.match(one(root, f"{ATOM}updated").text)
    feed_authors = root.findall(f"{ATOM}author")
    for author in feed_authors:
        check_author(author)
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == f"http://testserver{address}"  # the validator's "missing atom:link with rel=self"
    assert absolute_iri(links["alternate"])
    entries = root.findall(f"{ATOM}entry")
    assert entries, address
    ids = [one(entry, f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids) and all(absolute_iri(value) for value in ids)
    for entry in entries:
        check_text_construct(one(entry, f"{ATOM}title"))
        assert RFC_3339.match(one(entry, f"{ATOM}updated").text)
        entry_authors = entry.findall(f"{ATOM}author")
        for author in entry_authors:
            check_author(author)
        assert feed_authors or entry_authors, f"{address}: an entry without an author in a feed without one"
        if entry.find(f"{ATOM}content") is None:
            alternate = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
            assert len(alternate) == 1 and absolute_iri(alternate[0].get("href"))
        summary = entry.find(f"{ATOM}summary")
        if summary is not None:
            check_text_construct(summary)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("feed", FEEDS)
def test_each_rss_feed_has_what_rss_2_requires(client, content, feed, language):
    address = f"/{language}{feed}.rss"
    response = client.get(address)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = one(root, "channel")
    for required in ("title", "link", "description"):
        assert (one(channel, required).text or "").strip(), required
    assert absolute_iri(one(channel, "link").text)
    assert one(channel, f"{ATOM}link").get("href") == f"http://testserver{address}"
    items = channel.findall("item")
    assert items
    guids = [one(item, "guid").text for item in items]
    assert len(set(guids)) == len(guids)
    for item in items:
        assert (item.findtext("title") or item.findtext("description") or "").strip()
        assert parsedate_to_datetime(one(item, "pubDate").text).tzinfo is not None  # RFC 822, with its zone
        assert absolute_iri(one(item, "link").text)
