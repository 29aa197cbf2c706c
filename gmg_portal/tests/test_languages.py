"""The six languages in addresses: each page's language is in its address and nowhere else, so no cache can give
one visitor's language to another; an address without one sends the visitor to their own."""

import html
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
    assert response["Location"] == "/ru/events/past/?kind=meeting&year=2011"  # in order (gmg_portal/page_cache.py)


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
    # The seed's records are written in English only: their pages in the other languages are no translations.
    assert alternates(page) == {
        "en": "http://testserver/en/members/unhcr/",
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
        written = set(seen["en"]) - {"x-default"}
        for code in written:  # each page of the set names itself
            assert seen[code][code] == f"http://testserver{path.replace('/en/', f'/{code}/', 1)}", path
        assert all(links == seen["en"] for links in seen.values()), path  # and every page names the same set
        # A record's page names the languages the record is written in (the seed's: English); any other page, six.
        record = re.fullmatch(r"/en/(members|chairmanships|topics|publications|events(/series)?)/(?!past/)[^/]+/", path)
        assert written == ({"en"} if record else set(CODES)), path


def test_a_record_s_page_names_the_languages_it_is_written_in(seeded):
    from agencies.models import Agency

    Agency.objects.filter(slug="unhcr").update(
        name_fr="Haut Commissariat des Nations unies pour les réfugiés", name_ar="المفوضية"
    )
    written = {"en", "fr", "ar"}
    for code in CODES:
        links = alternates(Client().get(f"/{code}/members/unhcr/").content.decode())
        assert links == {
            **{other: f"http://testserver/{other}/members/unhcr/" for other in written},
            "x-default": "http://testserver/members/unhcr/",
        }, code
    entries = sitemap_entries()
    for code in CODES:
        if code in written:
            assert set(entries[f"http://testserver/{code}/members/unhcr/"]) == written | {"x-default"}
        else:
            assert f"http://testserver/{code}/members/unhcr/" not in entries


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


def sitemap_entries():
    sitemap = ET.fromstring(Client().get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.find("s:loc", ns).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        for url in sitemap.findall("s:url", ns)
    }


def test_the_sitemap_lists_each_page_in_its_languages_with_its_alternates(seeded):
    entries = sitemap_entries()
    for code in CODES:
        assert entries[f"http://testserver/{code}/members/"] == {
            **{other: f"http://testserver/{other}/members/" for other in CODES},
            "x-default": "http://testserver/members/",
        }
    # A record of the seed, in English only: its English page, with no other language to name.
    assert entries["http://testserver/en/members/unhcr/"] == {
        "en": "http://testserver/en/members/unhcr/",
        "x-default": "http://testserver/members/unhcr/",
    }
    assert "http://testserver/fr/members/unhcr/" not in entries


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


def interface_strings():
    """The project's own interface strings, from a catalogue: those long enough not to occur in a text by chance
    and that the seed content does not hold itself (the Group's name is content too)."""
    import polib

    content = " ".join(path.read_text() for path in settings.FIXTURE_DIRS[0].glob("*.json"))
    catalogue = polib.pofile(str(settings.LOCALE_PATHS[0] / "fr" / "LC_MESSAGES" / "django.po"))
    return {
        entry.msgid
        for entry in catalogue
        if len(entry.msgid) >= 12 and " " in entry.msgid and "%" not in entry.msgid and entry.msgid not in content
    }


def visible_text(response):
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_no_interface_text_is_left_in_english_on_the_other_languages_pages(seeded):
    """Every interface string an English page shows, none is left in English on the same page in the other five
    (content not yet translated falls back to English: that is not interface text)."""
    strings = interface_strings()
    client = Client()
    for english in SEED_PAGES:
        shown = {string for string in strings if string in visible_text(client.get(english))}
        assert shown or english.startswith("/en/search/?q=zz"), english
        for code in CODES:
            if code != "en":
                page = visible_text(client.get(english.replace("/en/", f"/{code}/", 1)))
                assert [string for string in shown if string in page] == [], (code, english)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ru", ["1 мероприятие", "2 мероприятия", "5 мероприятий", "11 мероприятий", "100 мероприятий"]),
        ("ar", ["فعالية واحدة (1)", "فعاليتان (2)", "5 فعاليات", "11 فعاليةً", "100 فعالية"]),
        ("fr", ["1 événement", "2 événements", "5 événements", "11 événements", "100 événements"]),
        ("zh-hans", ["1 项活动", "2 项活动", "5 项活动", "11 项活动", "100 项活动"]),
    ],
)
def test_counts_take_the_language_s_plural_forms(code, expected):
    """The events archive's count ("N events"): Russian has three forms for whole numbers, Arabic six."""
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate trimmed count counter=n %}{{ counter }} event{% plural %}"
        "{{ counter }} events{% endblocktranslate %}"
    )
    with translation.override(code):
        assert [template.render(Context({"n": n})) for n in [1, 2, 5, 11, 100]] == expected


@pytest.mark.parametrize(
    ("code", "day", "navigation"),
    [
        ("en", "15 November 2011", "Members"),
        ("fr", "15 novembre 2011", "Membres"),
        ("es", "15 de noviembre de 2011", "Miembros"),
        ("ru", "15 ноября 2011 г.", "Члены"),
        ("ar", "15 نوفمبر، 2011", "الأعضاء"),
        ("zh-hans", "2011年11月15日", "成员"),
    ],
)
def test_a_page_shows_its_dates_and_interface_in_its_language(seeded, code, day, navigation):
    page = Client().get(f"/{code}/events/gmg-principals-meeting-2011/").content.decode()
    assert f'<time datetime="2011-11-15">{day}</time>' in page
    assert re.search(rf'<a class="nav-link[^"]*" href="/{code}/members/"[^>]*>{navigation}</a>', page)


@pytest.mark.parametrize(
    "model",
    [
        "agencies/agency",
        "agencies/groupprofile",
        "themes/topic",
        "themes/chairmanship",
        "events/event",
        "events/eventseries",
        "publications/document",
        "publications/source",
    ],
)
def test_every_label_of_an_admin_form_is_in_the_staff_member_s_language(admin_client, model):
    """Field names Django would derive from the code (slug, kind, status) are named in the catalogue too: in
    Russian, no label of an add form is left in a Latin script."""
    page = admin_client.get(f"/admin/{model}/add/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    labels = [
        html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(r"<label\b[^>]*>(.*?)</label>", page, re.S)
    ]
    assert len(labels) > 5
    codes = {"ISBN:", "DOI:"}  # the same in every language
    english = [label for label in labels if label not in codes and not re.search("[а-яА-ЯёЁ]", label)]
    assert english == []


@pytest.mark.parametrize(("code", "comma"), [("en", ", "), ("fr", ", "), ("ar", "، "), ("zh-hans", "，")])
def test_lists_are_separated_by_the_language_s_comma(seeded, code, comma):
    home = Client().get(f"/{code}/").content.decode()
    assert re.search(rf"\([^()<]+{comma}<time datetime=\"2011-11-15\">", home)  # the latest: (joint statement, date)
    member = Client().get(f"/{code}/members/regional-commissions/").content.decode()
    assert f"ECA{comma}ECE" in member  # its bodies


@pytest.mark.parametrize("code", ["ar", "zh-hans", "fr", "ru", "es"])
def test_the_packages_words_are_in_the_staff_member_s_language_too(admin_client, code):
    """django-axes has no Spanish or Chinese: the portal's catalogue supplies them (bin/package-messages)."""
    index = visible_text(admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=code))
    for english in ["Access attempts", "Access failures", "Access logs"]:
        assert english not in index


def test_every_kind_of_record_is_named_in_the_staff_member_s_language(admin_client):
    """In Russian, each model of the admin's front page is named in Cyrillic (Sources was left in English)."""
    page = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    main = page[page.index('id="content-main"') :]
    names = [
        html.unescape(name) for name in re.findall(r'<th scope="row" id="[^"]+">\s*<a href="[^"]+">([^<]+)</a>', main)
    ]
    assert len(names) >= 10
    assert [name for name in names if not re.search("[а-яА-ЯёЁ]", name)] == []
