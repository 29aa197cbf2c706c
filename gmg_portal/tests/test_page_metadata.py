"""What the pages tell search engines, link previews and browsers beside what a reader sees: the home page's
Organization and WebSite data, an image for every link preview, the sitemap's last changes, deferred scripts."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.tests.factories import AgencyFactory
from agencies.tests.test_logos import image_bytes
from events.tests.factories import EventFactory
from gmg_portal.tests.pages import PageFacts
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def records():
    member = AgencyFactory(slug="unhcr", acronym="UNHCR", name="UN Refugee Agency")
    AgencyFactory(slug="former", acronym="FORMER", left_on="2012-01-01")
    return {
        "member": member,
        "topic": TopicFactory(slug="remittances"),
        "chairmanship": ChairmanshipFactory(agency=member),
        "event": EventFactory(slug="a-meeting", organiser=member),
    }


def facts(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return PageFacts(response.content.decode()), response.content.decode()


def test_the_home_page_describes_the_group_and_the_site_with_a_search_that_works(client, records):
    page, _ = facts(client, "/en/")
    (data,) = [json.loads(block) for block in page.json_ld]
    group, site = data["@graph"]
    assert (group["@type"], group["name"], group["url"]) == (
        "Organization",
        "Global Migration Group",
        "http://testserver/en/",
    )
    assert group["member"] == [
        {"@type": "Organization", "name": "UN Refugee Agency", "url": "http://testserver/en/members/unhcr/"}
    ]  # current members only
    assert site["@type"] == "WebSite" and site["publisher"] == {"@id": group["@id"]}
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=search_term_string"
    address = action["target"]["urlTemplate"].replace("{search_term_string}", quote("UNHCR"))
    results = client.get(urlsplit(address).path + "?" + urlsplit(address).query)
    assert results.status_code == 200 and "/en/members/unhcr/" in results.content.decode()


@pytest.mark.parametrize(
    "address",
    ["/en/", "/en/members/", "/en/topics/remittances/", "/en/events/a-meeting/", "/ar/events/past/", "/en/search/?q=x"],
)
def test_every_page_has_an_image_for_link_previews_and_deferred_scripts(client, records, address):
    page, html = facts(client, address)
    image = page.meta["og:image"]
    assert urlsplit(image).scheme == "http" and urlsplit(image).netloc == "testserver"
    assert page.meta["og:image:alt"] and page.meta["og:url"] == page.links["canonical"]
    assert client.get(urlsplit(image).path)["Content-Type"] == "image/png"
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
    assert scripts and all(re.search(r"\sdefer\b", script) for script in scripts), scripts


def test_a_member_s_page_previews_with_its_logo(client, records, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    member = records["member"]
    member.logo = SimpleUploadedFile("logo.png", image_bytes())
    member.logo_alt_en = "UNHCR logo"
    member.save()
    page, _ = facts(client, "/en/members/unhcr/")
    assert page.meta["og:image"] == f"http://testserver{member.logo.url}"
    assert page.meta["og:image:alt"] == "UNHCR logo"


def sitemap_lastmods(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_the_sitemap_gives_each_record_s_last_public_change(client, records):
    event = records["event"]
    lastmods = sitemap_lastmods(client)
    assert lastmods["http://testserver/en/events/a-meeting/"] == event.updated_at.date().isoformat()
    with time_machine.travel(datetime(2041, 3, 4, 12, tzinfo=UTC), tick=False):
        event.title_en = "A meeting, renamed"
        event.save()
        assert sitemap_lastmods(client)["http://testserver/en/events/a-meeting/"] == "2041-03-04"
    # A record published on a set day changed publicly on that day, not when it was last saved.
    with time_machine.travel(datetime(2041, 3, 5, 12, tzinfo=UTC), tick=False):
        EventFactory(slug="scheduled", publish_from=datetime(2041, 3, 10, tzinfo=UTC))
    with time_machine.travel(datetime(2041, 3, 11, 12, tzinfo=UTC), tick=False):
        assert sitemap_lastmods(client)["http://testserver/en/events/scheduled/"] == "2041-03-10"
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", value) for value in lastmods.values() if value)
