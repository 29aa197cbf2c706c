"""The six languages in addresses: each page's language is in its address and nowhere else, so no cache can give
one visitor's language to another; an address without one sends the visitor to their own."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import Client

from .pages import SEED_PAGES, PageFacts

CODES = [code for code, _name in settings.LANGUAGES]
BROWSERS = ["ar", "zh-CN,zh;q=0.9", "en-GB,en;q=0.8", "fr-CH, fr;q=0.9", "ru", "es-419,es;q=0.9"]
# A sample of the seed's page kinds, each in the six languages.
PAGES = ["/{}/", "/{}/members/unhcr/", "/{}/events/past/?year=2011", "/{}/publications/", "/{}/search/?q=health"]


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/"),
        ("ar-EG", "/ar/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ru-RU", "/ru/"),
        ("es-419", "/es/"),
        ("de-DE, de;q=0.9", "/en/"),  # not one of the six: English
        (None, "/en/"),
    ],
)
def test_the_bare_address_sends_the_visitor_to_their_language(db, accept, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = Client().get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}


def test_an_address_from_before_the_languages_keeps_its_page_and_its_query(db):
    response = Client().get("/events/past/?year=2011&kind=meeting", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 302
    assert response["Location"] == "/ru/events/past/?year=2011&kind=meeting"


@pytest.mark.parametrize("address", ["/no-such-page/", "/de/events/", "/en/no-such-page/", "/zh/events/"])
def test_an_address_that_is_no_page_in_any_language_is_not_found(db, address):
    assert Client().get(address).status_code == 404


@pytest.mark.parametrize("code", CODES)
def test_a_page_says_its_language_and_direction_and_links_to_itself_in_the_others(seeded, code):
    response = Client().get(f"/{code}/members/unhcr/", HTTP_ACCEPT_LANGUAGE="de")
    page = response.content.decode()
    assert response["Content-Language"] == code
    assert "Accept-Language" not in response.get("Vary", "")
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in page
    assert PageFacts(page).links["canonical"] == f"http://testserver/{code}/members/unhcr/"
    links = alternates(page)
    assert links == {
        **{other: f"http://testserver/{other}/members/unhcr/" for other in CODES},
        "x-default": "http://testserver/members/unhcr/",
    }
    # The switcher: plain links to the same record, each language named in its own script and marked so.
    switcher = re.search(r'<nav class="gmg-languages"[^>]*>(.*?)</nav>', page, re.S).group(1)
    found = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+" dir="(rtl|ltr)"[^>]*>([^<]+)</a>', switcher)
    assert [(href, lang, name) for href, lang, _dir, name in found] == [
        (f"/{other}/members/unhcr/", other, name) for other, name in settings.LANGUAGES
    ]
    assert ("العربية" in switcher) and ("中文" in switcher) and ("Русский" in switcher)
    assert switcher.count('aria-current="true"') == 1
    stylesheet = "bootstrap.rtl.min.css" if code == "ar" else "bootstrap.min.css"
    assert stylesheet in page


def test_hreflang_is_reciprocal_on_every_seed_page(seeded):
    client = Client()
    for english in SEED_PAGES:
        path = english.split("?")[0]
        seen = {}
        for code in CODES:
            address = path.replace("/en/", f"/{code}/", 1)
            response = client.get(address)
            assert response.status_code == 200, address
            seen[code] = alternates(response.content.decode())
            assert seen[code][code] == f"http://testserver{address}"  # each names itself
        assert all(links == seen["en"] for links in seen.values()), path  # and all name the same set


def test_the_switcher_keeps_the_visitor_s_search(seeded):
    page = Client().get("/fr/search/?q=health").content.decode()
    assert 'href="/ar/search/?q=health"' in page
    assert 'rel="canonical" href="http://testserver/fr/search/"' in page


@pytest.mark.parametrize("template", PAGES)
def test_the_page_cache_never_serves_one_visitor_s_language_to_another(seeded, template):
    """The same address fetched with six browsers' languages, the first a miss, the others hits: one page."""
    for code in CODES:
        address = template.format(code)
        answers = [Client().get(address, HTTP_ACCEPT_LANGUAGE=accept) for accept in BROWSERS]
        assert [answer["X-Page-Cache"] for answer in answers] == ["miss"] + ["hit"] * 5, address
        assert {answer.content for answer in answers} == {answers[0].content}, address
        assert {answer["Content-Language"] for answer in answers} == {code}
        assert f'<html lang="{code}"' in answers[0].content.decode()


def test_the_sitemap_lists_each_page_in_the_six_languages_with_its_alternates(seeded):
    sitemap = ET.fromstring(Client().get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in sitemap.findall("s:url", ns)
    }
    for code in CODES:
        assert entries[f"http://testserver/{code}/members/unhcr/"] == {
            **{other: f"http://testserver/{other}/members/unhcr/" for other in CODES},
            "x-default": "http://testserver/members/unhcr/",
        }


def test_the_admin_follows_the_staff_member_s_browser(db):
    french = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert french["Content-Language"] == "fr" and "Nom d’utilisateur" in french.content.decode()
    arabic = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in arabic and "rtl.css" in arabic
    assert "Username" in Client().get("/admin/login/").content.decode()


def test_a_staff_member_s_chosen_language_wins_over_the_browser_s_and_stays_theirs(client, db):
    from django.urls import reverse

    from testing import staff_member

    client.force_login(staff_member("amina", "Editors"))
    index = reverse("admin:index")
    assert client.get(index, HTTP_ACCEPT_LANGUAGE="es")["Content-Language"] == "es"  # no choice: the browser's
    saved = client.post(
        reverse("my_settings"), {"time_zone": "UTC", "language": "ar", "review_emails": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert saved.status_code == 302
    arabic = client.get(index, HTTP_ACCEPT_LANGUAGE="en")
    assert arabic["Content-Language"] == "ar"
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    assert Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "en"  # no one else's
    assert client.get("/fr/members/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "fr"  # pages: the address's
    refused = client.post(reverse("my_settings"), {"time_zone": "UTC", "language": "de"})
    assert refused.status_code == 200 and refused.context["form"].errors["language"]
