"""The seed content in fixtures/ holds the article's facts, loads into an empty database, loads
again without changing anything, and a broken fixture leaves the database as it was."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from agencies.models import Agency, Constituent, GroupProfile
from events.models import Event, EventSeries
from testing import SEED
from themes.models import Chairmanship, Topic

SEEDED_MODELS = [Agency, Constituent, GroupProfile, Topic, Chairmanship, EventSeries, Event]

# (slug, name, acronym, kind, joined, its precision, a phrase of the article's account): the article dates two
# joinings, UN Women's and WHO's; the other members have none.
MEMBERS = [
    ("ilo", "ILO", "ILO", "un-entity", None, None, "began working on migration in 1919"),
    (
        "iom",
        "International Organisation for Migration",
        "IOM",
        "intergovernmental",
        None,
        None,
        "It comprises 132 Member States, 17 Observer States",
    ),
    ("ohchr", "OHCHR", "OHCHR", "un-entity", None, None, "services the Committee on Migrant Workers"),
    ("unctad", "UNCTAD", "UNCTAD", "un-entity", None, None, "temporary movement of natural persons"),
    (
        "undesa",
        "United Nations Department of Economic and Social Affairs",
        "UNDESA",
        "un-entity",
        None,
        None,
        "preparing the official United Nations estimates on global migration",
    ),
    ("undp", "UNDP", "UNDP", "un-entity", None, None, "2009 Human Development Report"),
    ("unesco", "UNESCO", "UNESCO", "un-entity", None, None, "the human face of migration"),
    ("unfpa", "UNFPA", "UNFPA", "un-entity", None, None, "rights-based and culture and gender sensitive"),
    (
        "unhcr",
        "UNHCR",
        "UNHCR",
        "un-entity",
        None,
        None,
        "data-collection and analysis on forced migration",
    ),
    (
        "unicef",
        "UNICEF",
        "UNICEF",
        "un-entity",
        None,
        None,
        "guided by the Convention of the Rights of the Child",
    ),
    ("unitar", "UNITAR", "UNITAR", "un-entity", None, None, "certified training"),
    ("unodc", "UNODC", "UNODC", "un-entity", None, None, "seven areas of work"),
    (
        "regional-commissions",
        "United Nations Regional Commissions",
        "",
        "commission-group",
        None,
        None,
        "The work of the 5 United Nations Regional Commissions",
    ),
    (
        "un-women",
        "United Nations Entity for Gender Equality and the Empowerment of Women",
        "UN Women",
        "un-entity",
        date(2010, 9, 1),
        "month",
        "CEDAW General Recommendation No. 26",
    ),
    ("world-bank", "World Bank", "", "world-bank", None, None, "reducing the costs of remittances"),
    (
        "who",
        "World Health Organization",
        "WHO",
        "un-entity",
        date(2010, 9, 1),
        "month",
        "Global Code of Practice on the International Recruitment of Health Personnel",
    ),
]

TOPICS = [
    ("migration-and-the-economic-crisis", "Migration and the Economic Crisis"),
    ("migration-data", "Migration Data"),
    ("migration-and-development", "Migration and Development"),
    ("labour-migration", "Labour Migration"),
    ("migration-and-human-rights", "Migration and Human Rights"),
    ("migration-and-children", "Migration and Children"),
    ("migration-and-gender", "Migration and Gender"),
    ("migration-and-climate-change", "Migration and Climate Change"),
    ("forced-migration", "Forced Migration"),
    ("trafficking-and-smuggling", "Trafficking and Smuggling"),
    ("migration-and-health", "Migration and Health"),
    ("migration-and-governance", "Migration and Governance"),
    ("other-issues", "Other Issues"),
]

# (slug, title, kind, first day, last day, zone, venue, city, country, organiser, chairmanship, topics)
EVENTS = [
    (
        "gmg-principals-meeting-2011",
        "GMG Principals' Meeting",
        "principals-meeting",
        date(2011, 11, 15),
        date(2011, 11, 15),
        "Europe/Paris",
        "UNESCO Headquarters",
        "Paris",
        "France",
        "UNESCO",
        "unesco-2011-07",
        {"migration-and-climate-change"},
    ),
    (
        "gfmd-concluding-debate-2011",
        "GFMD Concluding Debate",
        "forum-debate",
        date(2011, 12, 1),
        date(2011, 12, 2),
        "Europe/Zurich",
        "Palais des Nations",
        "Geneva",
        "Switzerland",
        "Global Forum on Migration and Development",
        None,
        {"migration-and-development"},
    ),
    (
        "escwa-interregional-workshop-2011",
        "UN-ESCWA Interregional Workshop on strengthening capacities to deal with international migration",
        "workshop",
        date(2011, 9, 22),
        date(2011, 9, 23),
        "Europe/Zurich",
        "Palais des Nations",
        "Geneva",
        "Switzerland",
        "ESCWA, for the United Nations Regional Commissions",
        None,
        {"migration-and-development", "migration-and-governance"},
    ),
    (
        "gmg-symposium-migration-and-youth-2011",
        "GMG Symposium: \u201cMigration and Youth: Harnessing Opportunities for Development\u201d",
        "symposium",
        date(2011, 5, 17),
        date(2011, 5, 18),
        "America/New_York",
        "United Nations Plaza",
        "New York",
        "United States",
        "UNICEF",
        "unicef-2011-01",
        {"migration-and-development"},
    ),
]


ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "gmg-article.txt"
# The article's typing slips, corrected in the seed content: (as in the article, as in the seed).
CORRECTIONS = [
    ("dedicatedto", "dedicated to"),
    ("civil societ to", "civil society to"),
    (" and he exchange", " and the exchange"),
    ("regional for an on", "regional fora on"),
    ("andcountry", "and country"),
    ("migration.This", "migration. This"),
    ("large number or refugees", "large numbers of refugees"),
    ("pro- development", "pro-development"),
    ("migration- development", "migration-development"),
]


def article_text():
    if not ARTICLE.exists():
        pytest.skip(f"the source article is not beside this checkout ({ARTICLE})")
    text = re.sub(r"\[\d+\]", "", ARTICLE.read_text())
    for slip, correction in CORRECTIONS:
        text = text.replace(slip, correction)
    return text


def snapshot():
    """Every seeded row, as dumpdata would write it: a change anywhere changes the snapshot."""
    return {
        model._meta.label: json.loads(serializers.serialize("json", model.objects.order_by("pk")))
        for model in SEEDED_MODELS
    }


@pytest.mark.parametrize(("slug", "name", "acronym", "kind", "joined", "precision", "phrase"), MEMBERS)
def test_each_member_is_seeded_with_the_article_facts(seeded, slug, name, acronym, kind, joined, precision, phrase):
    agency = Agency.objects.get(slug=slug)
    assert (agency.name, agency.acronym, agency.kind) == (name, acronym, kind)
    assert (agency.joined_on, agency.left_on) == (joined, None)
    if joined:
        assert agency.joined_precision == precision
    assert agency.is_published
    assert phrase in agency.account
    assert agency.summary
    assert "[" not in agency.account  # the article's reference marks are not content


def test_every_paragraph_of_the_long_texts_is_the_article_s_own(seeded):
    article = article_text()
    texts = [agency.account for agency in Agency.objects.all()]
    texts += [term.theme_description for term in Chairmanship.objects.all()]
    group = GroupProfile.objects.get()
    texts += [group.introduction, group.aims, group.chair_rotation, group.gfmd_relation, group.summary]
    texts += [agency.summary for agency in Agency.objects.exclude(slug="unodc")]
    paragraphs = [paragraph for text in texts for paragraph in text.split("\n\n")]
    assert len(paragraphs) > 30
    for paragraph in paragraphs:
        # The one addition: the year that the article's "this year" means, so that the page does not mislead now.
        assert paragraph.replace("this year (2011)", "this year") in article, paragraph


def test_the_unodc_summary_shortens_the_article_s_sentence_without_adding_to_it(seeded):
    unodc = Agency.objects.get(slug="unodc")
    assert unodc.summary.startswith(
        "The mandate of UNODC is to assist the international community to prevent and combat"
    )
    assert unodc.summary.endswith(
        "prosecute the criminals who commit them, protect and assist trafficked persons and the rights of smuggled "
        "migrants, and promote cooperation to these ends."
    )
    assert unodc.summary.endswith(unodc.account.split("these crimes, ", 1)[1].split(". ", 1)[0] + ".")


def test_sixteen_members_today_un_women_and_who_joined_in_september_2010(seeded):
    """The article dates two joinings, "joined in September 2010", and no other: the other fourteen members have
    no recorded joining date, and so count as members on any day (AgencyQuerySet.current_members)."""
    assert Agency.objects.published().current_members().count() == 16
    assert Agency.objects.filter(kind="un-entity").count() + 1 == 14  # "fourteen UN agencies", the Commissions one
    dated = {
        str(agency): (agency.joined_on, agency.joined_precision) for agency in Agency.objects.exclude(joined_on=None)
    }
    assert dated == {"UN Women": (date(2010, 9, 1), "month"), "WHO": (date(2010, 9, 1), "month")}
    assert Agency.objects.filter(joined_on=None).count() == 14
    on_31_august_2010 = {agency.slug for agency in Agency.objects.current_members(on=date(2010, 8, 31))}
    assert not on_31_august_2010 & {"un-women", "who"}
    assert {"un-women", "who"} <= {agency.slug for agency in Agency.objects.current_members(on=date(2010, 9, 1))}


def test_the_regional_commissions_are_one_member_represented_by_escwa(seeded):
    commissions = Agency.objects.get(slug="regional-commissions")
    assert [body.acronym for body in commissions.constituents.all()] == ["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"]
    assert commissions.representative.acronym == "ESCWA"


def test_alternative_names_are_the_article_s_own_spellings(seeded):
    assert dict(Agency.objects.exclude(alternative_names="").values_list("slug", "alternative_names")) == {
        "undesa": "UN/DESA"  # "the United Nations Department of Economic and Social Affairs (UN/DESA)"
    }
    assert dict(Constituent.objects.exclude(alternative_names="").values_list("acronym", "alternative_names")) == {
        "ESCWA": "UN-ESCWA"  # "UN-ESCWA upcoming Interregional Workshop"
    }
    article = article_text()
    assert "(UN/DESA)" in article and "UN-ESCWA" in article


def test_the_group_introduction(seeded):
    group = GroupProfile.objects.published().get(slug="gmg")
    assert (group.name, group.acronym, group.founded_in) == ("Global Migration Group", "GMG", 2006)
    assert "Kofi Annan" in group.founded_by
    assert "to better coordinate multilateral migration governance initiatives" in group.introduction
    assert group.aims == (
        "The Group's primary aim is to improve the management of cross-border migration, to promote further research "
        "and to develop international norms relating to migration."
    )
    assert "rotating basis of six months" in group.chair_rotation
    assert "not formally affiliated" in group.gfmd_relation


def test_the_two_chairmanships_and_their_themes(seeded):
    unesco, unicef = Chairmanship.objects.published()
    assert (unicef.agency.slug, unicef.starts_on, unicef.ends_on) == ("unicef", date(2011, 1, 1), date(2011, 6, 30))
    assert unicef.theme_title == "Youth, Adolescents and Migration"
    assert "some 48 million international migrants under 25 years of age" in unicef.theme_description
    assert unicef.theme_description.count("\n\n") == 4  # five paragraphs
    assert (unesco.agency.slug, unesco.starts_on, unesco.ends_on) == ("unesco", date(2011, 7, 1), date(2011, 12, 31))
    assert unesco.theme_title == "Global environmental change and migration"
    assert "Durban, South Africa from 28 November to 9 December" in unesco.theme_description
    assert unesco.theme_description.count("\n\n") == 2  # three paragraphs
    assert [topic.slug for topic in unesco.topics.all()] == ["migration-and-climate-change"]
    assert not Chairmanship.objects.current(on=date(2012, 1, 1)).exists()


def test_the_thirteen_topics_in_the_article_order(seeded):
    # Which members each links to, and the article's words for each link: themes/tests/test_topic_evidence.py.
    assert list(Topic.objects.published().values_list("slug", "name_en")) == TOPICS


@pytest.mark.parametrize(
    ("slug", "title", "kind", "first", "last", "zone", "venue", "city", "country", "organiser", "term", "topics"),
    EVENTS,
)
def test_each_event_is_seeded_with_its_real_dates_and_place(
    seeded, slug, title, kind, first, last, zone, venue, city, country, organiser, term, topics
):
    event = Event.objects.published().get(slug=slug)
    assert (event.title, event.kind, event.all_day) == (title, kind, True)
    assert (event.start_date, event.end_date, event.timezone) == (first, last, zone)
    assert (event.venue, event.city, event.country) == (venue, city, country)
    assert event.organiser_display == organiser
    assert (event.chairmanship.slug if event.chairmanship else None) == term
    assert {topic.slug for topic in event.topics.all()} == topics
    assert event.description


def test_the_principals_meeting_names_no_participant_the_article_only_says_who_was_to_be_present(seeded):
    meeting = Event.objects.get(slug="gmg-principals-meeting-2011")
    assert meeting.participants.count() == 0
    assert "The Principals of the different GMG member agencies were to be present" in meeting.description


def test_the_article_s_recent_events_are_all_on_the_past_events_page_the_thematic_meetings_undated(client, seeded):
    recent = article_text().split("Recent Events\n", 1)[1].split("All GMG Topics", 1)[0]
    items = [line[2:] for line in recent.splitlines() if line.startswith("- ")]
    assert len(items) == 3 and "GFMD Thematic Meetings" in items
    page = client.get("/en/events/past/").content.decode()
    dated, undated = page.split('id="undated-heading"', 1)
    assert "Interregional Workshop on strengthening capacities" in dated
    assert "Migration and Youth: Harnessing Opportunities for Development" in dated
    assert '<a href="/en/events/series/gfmd-thematic-meetings/">GFMD Thematic Meetings</a>' in undated
    # The article gives the meetings no date, no place and no event of their own: the seed invents none.
    series = EventSeries.objects.published().get(slug="gfmd-thematic-meetings")
    assert series.name == "GFMD Thematic Meetings"
    assert not series.events.exists() and not series.topics.exists()
    assert list(EventSeries.objects.published().undated()) == [series]
    # Its summary is the one thing the article says of them, in the past tense as the seed's event gives it.
    assert series.summary == (
        "The GFMD Concluding Debate was to build on the insights drawn from the previous GFMD thematic meetings."
    )
    assert "It will build on the insights drawn from the previous GFMD thematic meetings." in article_text()
    assert series.summary.split("was to ", 1)[1] in Event.objects.get(slug="gfmd-concluding-debate-2011").description
    # The debate builds on the meetings; it is not one of them.
    assert Event.objects.get(slug="gfmd-concluding-debate-2011").series is None
    series_page = client.get(series.get_absolute_url()).content.decode()
    assert "No dates are recorded for the events of this series." in series_page


def test_present_tense_words_of_2011_carry_their_year(seeded):
    theme = Chairmanship.objects.get(slug="unesco-2011-07").theme_description
    assert "which will be held this year (2011) in Durban" in theme


def test_loading_the_seed_a_second_time_changes_nothing(seeded):
    before = snapshot()
    call_command("loaddata", *SEED, verbosity=0)
    assert snapshot() == before


BROKEN = {
    "a term that ends before it starts": (
        {
            "model": "themes.chairmanship",
            "fields": {
                "agency": ["ilo"],
                "slug": "ilo-2012-01",
                "starts_on": "2012-06-30",
                "ends_on": "2012-01-01",
                "theme_title_en": "Backwards",
                "theme_description_en": "x",
                "status": "draft",
            },
        },
        "themes.Chairmanship 'ilo-2012-01': ends_on: A term must end after it starts.",
    ),
    "a term that overlaps another": (
        {
            "model": "themes.chairmanship",
            "fields": {
                "agency": ["ilo"],
                "slug": "ilo-2011-12",
                "starts_on": "2011-12-01",
                "ends_on": "2012-05-31",
                "theme_title_en": "Overlapping",
                "theme_description_en": "x",
                "status": "draft",
            },
        },
        "themes.Chairmanship 'ilo-2011-12': This term overlaps UNESCO's term from 1 July 2011 to 31 December 2011",
    ),
    "an unknown agency": (
        {
            "model": "themes.chairmanship",
            "fields": {
                "agency": ["no-such-agency"],
                "slug": "nobody-2012-01",
                "starts_on": "2012-01-01",
                "ends_on": "2012-06-30",
                "theme_title_en": "Nobody",
                "theme_description_en": "x",
                "status": "draft",
            },
        },
        "themes.Chairmanship 'nobody-2012-01': agency ['no-such-agency'] matches no agency.",
    ),
    "an event in an unknown time zone": (
        {
            "model": "events.event",
            "fields": {
                "title_en": "Somewhere",
                "slug": "somewhere",
                "kind": "meeting",
                "starts_at": "2012-01-01T09:00:00Z",
                "timezone": "Mars/Base",
                "description_en": "x",
                "status": "draft",
            },
        },
        "events.Event 'somewhere': timezone: Mars/Base is not the time zone of a place",
    ),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_fixture_names_the_problem_and_leaves_the_database_as_it_was(seeded, tmp_path, case):
    before = snapshot()
    bad_record, problem = BROKEN[case]
    # A good record comes first, so that a partial write would show.
    good_record = {
        "model": "themes.topic",
        "fields": {"name_en": "A new topic", "slug": "a-new-topic", "status": "draft"},
    }
    fixture = tmp_path / "broken.json"
    fixture.write_text(json.dumps([good_record, bad_record]))
    with pytest.raises(CommandError) as error:
        call_command("loaddata", str(fixture), verbosity=0)
    assert problem in str(error.value)
    assert snapshot() == before


def test_the_members_list_names_the_five_commissions_and_their_representative(client, seeded):
    page = client.get("/en/members/").content.decode()
    assert "Made of ECA, ECE, ECLAC, ESCAP, ESCWA; represented by ESCWA." in page


def test_the_escwa_workshop_is_organised_by_escwa_for_the_regional_commissions(client, seeded):
    event = client.get("/en/events/escwa-interregional-workshop-2011/").content.decode()
    assert "ESCWA, for the United Nations Regional Commissions" in event
    member = client.get("/en/members/regional-commissions/").content.decode()
    assert 'href="/en/events/escwa-interregional-workshop-2011/"' in member
