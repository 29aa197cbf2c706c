"""The public portal with the seed content: every page, "current" and "upcoming" both ways, metadata."""

import html
import json
import re
from datetime import UTC, datetime

import pytest
import time_machine

from agencies.models import Agency
from core.publishing import Status
from events.models import Event
from themes.models import Chairmanship

from .pages import SEED_PAGES, PageFacts

TODAY = datetime(2026, 11, 27, 12, tzinfo=UTC)


def text(response):
    """The page as a visitor reads it: no tags, entities decoded, white space folded."""
    inline_tags_dropped = re.sub(r"</?(a|time|span|strong|em)\b[^>]*>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inline_tags_dropped)))


@pytest.mark.parametrize("url", SEED_PAGES)
def test_every_page_answers_with_one_h1_a_title_a_description_a_canonical_link_and_open_graph(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 200
    facts = PageFacts(response.content.decode())
    assert facts.h1 == 1
    assert facts.title.endswith("GMG Portal")
    assert 20 <= len(facts.meta["description"]) <= 300
    assert facts.links["canonical"] == "http://testserver" + url.split("?")[0]
    assert facts.meta["og:title"] and facts.meta["og:description"] and facts.meta["og:url"] == facts.links["canonical"]
    # A year, a month or a day, as far as the source gives it; an instant with its offset.
    assert all(re.fullmatch(r"\d{4}(-\d\d(-\d\d(T[\d:]+[+-]\d\d:\d\d)?)?)?", value) for value in facts.times)


@time_machine.travel(TODAY)
def test_with_no_current_term_the_home_page_names_the_last_one_and_when_it_ended(client, seeded):
    page = text(client.get("/en/"))
    assert (
        "No chairmanship is current. The last term was UNESCO's, on the theme Global environmental change and "
        "migration; it ended in December 2011." in page
    )
    assert "chairs the Group" not in page
    assert "No upcoming event has been published. See past events in the archive." in page
    assert "GFMD Concluding Debate" in page  # the latest event


@time_machine.travel(datetime(2011, 3, 1, 12, tzinfo=UTC))
def test_during_a_term_the_home_page_shows_the_current_chair_and_the_next_events(client, seeded):
    page = text(client.get("/en/"))
    assert "UNICEF chairs the Group (January – June 2011), on the theme Youth, Adolescents and Migration." in page
    assert "No chairmanship is current" not in page
    next_events = page.split("Next events", 1)[1].split("Latest events", 1)[0]
    assert next_events.index("GMG Symposium") < next_events.index("UN-ESCWA Interregional Workshop")
    assert "No past event has been published yet." in page


@time_machine.travel(datetime(2011, 12, 1, 12, tzinfo=UTC))
def test_an_event_under_way_is_upcoming_not_past(client, seeded):
    upcoming = text(client.get("/en/events/"))
    past = text(client.get("/en/events/past/"))
    assert "GFMD Concluding Debate" in upcoming and "GFMD Concluding Debate" not in past
    assert "GMG Principals' Meeting" in past and "GMG Principals' Meeting" not in upcoming
    assert "1 event" in upcoming


@time_machine.travel(TODAY)
def test_the_archive_lists_the_events_newest_first_with_their_venue_dates(client, seeded):
    response = client.get("/en/events/past/")
    titles = [event.title for event in response.context["events"]]
    assert titles == [
        "GFMD Concluding Debate",
        "GMG Principals' Meeting",
        "UN-ESCWA Interregional Workshop on strengthening capacities to deal with international migration",
        "GMG Symposium: \u201cMigration and Youth: Harnessing Opportunities for Development\u201d",
    ]
    page = response.content.decode()
    assert '<time datetime="2011-12-01">1</time>–<time datetime="2011-12-02">2 December 2011</time>' in page
    assert '<time datetime="2011-11-15">15 November 2011</time>' in page


def test_the_chairmanship_list_marks_the_current_term(client, seeded):
    with time_machine.travel(datetime(2011, 8, 1, tzinfo=UTC)):
        page = text(client.get("/en/chairmanships/"))
    assert page.count("Current chairmanship") == 1
    assert page.index("Global environmental change and migration Current chairmanship") < page.index(
        "Youth, Adolescents"
    )
    with time_machine.travel(TODAY):
        assert "Current chairmanship" not in text(client.get("/en/chairmanships/"))


def test_a_member_page_has_its_account_dates_terms_events_and_topics(client, seeded):
    page = text(client.get("/en/members/unesco/"))
    assert "UNESCO emphasizes the human face of migration" in page
    assert "Member since" not in page  # the article gives no date for UNESCO's joining
    assert "Global environmental change and migration" in page
    assert "Events it organised" in page and "GMG Principals' Meeting" in page
    assert "Migration and Climate Change" in page
    commissions = text(client.get("/en/members/regional-commissions/"))
    assert "Made of ECA, ECE, ECLAC, ESCAP, ESCWA; currently represented by ESCWA" in commissions


def test_the_members_page_lists_current_members_and_former_ones_apart(client, seeded):
    Agency.objects.filter(slug="unitar").update(left_on="2020-01-01")
    page = text(client.get("/en/members/"))
    current, former = page.split("Former members")
    assert "UNITAR" in former and "UNITAR" not in current
    assert "has 15 members today" in current


def test_an_event_page_shows_venue_dates_place_organiser_participants_and_structured_data(client, seeded):
    response = client.get("/en/events/gmg-principals-meeting-2011/")
    page = text(response)
    assert "15 November 2011" in page and "UNESCO Headquarters, Paris, France" in page
    assert "Organiser UNESCO" in page and "Chairmanship UNESCO: Global environmental change and migration" in page
    (data,) = [json.loads(block) for block in PageFacts(response.content.decode()).json_ld]
    assert data["@type"] == "Event" and data["startDate"] == data["endDate"] == "2011-11-15"
    assert data["location"]["address"]["addressLocality"] == "Paris"
    assert data["organizer"]["name"] == "UNESCO"


def test_a_timed_event_is_shown_in_the_venue_time_with_the_zone_named(client, seeded):
    event = Event.objects.get(slug="gmg-symposium-migration-and-youth-2011")
    event.all_day = False
    event.starts_at = datetime(2011, 5, 17, 13, 30, tzinfo=UTC)
    event.ends_at = datetime(2011, 5, 17, 21, tzinfo=UTC)
    event.save()
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<time datetime="2011-05-17T09:30:00-04:00">17 May 2011, 09:30</time>' in page
    assert '<time datetime="2011-05-17T17:00:00-04:00">17:00</time>' in page
    assert "(local time, America/New_York)" in page


def test_drafts_and_the_terms_of_draft_agencies_are_never_shown(client, seeded):
    Agency.objects.filter(slug="unesco").update(status=Status.DRAFT)
    Event.objects.filter(slug="gfmd-concluding-debate-2011").update(status=Status.DRAFT)
    assert client.get("/en/members/unesco/").status_code == 404
    assert client.get("/en/chairmanships/unesco-2011-07/").status_code == 404
    assert client.get("/en/events/gfmd-concluding-debate-2011/").status_code == 404
    for url in [
        "/en/",
        "/en/members/",
        "/en/chairmanships/",
        "/en/events/past/",
        "/en/events/gmg-principals-meeting-2011/",
        "/en/topics/migration-and-climate-change/",
        "/en/search/?q=UNESCO",
        "/sitemap.xml",
    ]:
        page = client.get(url).content.decode()
        assert "/en/members/unesco/" not in page, url
        assert "Global environmental change" not in page, url
        assert "GFMD Concluding Debate" not in page, url
    assert Chairmanship.objects.published().count() == 1


def test_the_sitemap_lists_every_published_page(client, seeded):
    sitemap = client.get("/sitemap.xml").content.decode()
    for url in [
        "/en/members/unhcr/",
        "/en/chairmanships/unicef-2011-01/",
        "/en/topics/other-issues/",
        "/en/events/gmg-principals-meeting-2011/",
        "/en/events/past/",
        "/en/events/series/gfmd-thematic-meetings/",
    ]:
        assert f"<loc>http://testserver{url}</loc>" in sitemap
    # The 7 lists in the six languages; the seed's records (16 members, 2 chairmanships, 13 topics, 4 events, 1 series,
    # 3 documents) in English, the one language they are written in.
    assert sitemap.count("<loc>") == 6 * 7 + (16 + 2 + 13 + 4 + 1 + 3)


def test_robots_and_favicon(client, db):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert b"".join(favicon.streaming_content)[:4] == b"\x00\x00\x01\x00"


@pytest.mark.parametrize(
    "url", ["/en/members/nope/", "/en/topics/nope/", "/en/chairmanships/nope/", "/en/events/nope/", "/nope/"]
)
def test_unknown_addresses_are_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_dates_show_as_far_as_their_source_gives_them(client, seeded):
    """The article gives terms in months, UN Women's and WHO's joining in a month, the book's in a year: no page
    names a day for them, in its words or in its <time> marks."""
    term = client.get("/en/chairmanships/unesco-2011-07/").content.decode()
    assert '<time datetime="2011-07">July</time> – <time datetime="2011-12">December 2011</time>' in term
    assert "1 July 2011" not in term and "31 December 2011" not in term
    who = client.get("/en/members/who/").content.decode()
    assert 'Member since</dt><dd class="col-sm-9"><time datetime="2010-09">September 2010</time>' in who
    book = client.get("/en/publications/migration-and-climate-change-2011/").content.decode()
    assert '<time datetime="2011">2011</time>' in book


def test_a_member_whose_joining_date_no_source_gives_shows_none(client, seeded):
    page = client.get("/en/members/ilo/").content.decode()
    assert "Member since" not in page and "2006" not in page
    assert 'datetime=""' not in page


def test_a_term_that_is_not_of_whole_months_shows_its_days(client, db):
    from datetime import date

    from themes.tests.factories import ChairmanshipFactory

    term = ChairmanshipFactory(starts_on=date(1990, 3, 15), ends_on=date(1990, 9, 14))
    page = client.get(term.get_absolute_url()).content.decode()
    assert (
        '<time datetime="1990-03-15">15 March 1990</time> to <time datetime="1990-09-14">14 September 1990</time>'
        in page
    )
