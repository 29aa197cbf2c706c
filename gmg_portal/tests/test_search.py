import pytest
from django.db import connection
from django.test.signals import template_rendered

from agencies.models import Agency
from core.publishing import Status
from events.models import Event, EventSeries
from gmg_portal.search import ranked
from publications.models import Document
from themes.models import Chairmanship, Topic


def found(client, words):
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    return {heading: [str(item) for item in items] for heading, items in response.context["results"]}


def test_one_search_covers_members_chairmanships_topics_and_events(client, seeded):
    results = found(client, "health")
    assert "WHO" in results["Members"] and "UNFPA" in results["Members"]
    assert "Migration and Health" in results["Topics"]
    assert found(client, "UNHCR")["Members"][0] == "UNHCR"
    assert found(client, "youth")["Chairmanships"][0].startswith("UNICEF (January 2011")
    assert set(found(client, "Geneva")["Events"]) == {
        "UN-ESCWA Interregional Workshop on strengthening capacities to deal with international migration",
        "GFMD Concluding Debate",
    }


@pytest.mark.parametrize("code", ["en", "es", "zh-hans"])
def test_a_chairmanship_is_found_by_its_chair_s_names_and_its_theme_s_words(client, seeded, code):
    """A term's own document is kept in its table (on PostgreSQL, themes migration 0012), its chair's names are
    matched from the members' table at search time: both find it, in any language."""

    def chairmanships(words):
        response = client.get(f"/{code}/search/", {"q": words})
        results = [item for _, items in response.context["results"] for item in items]
        return [item.slug for item in results if isinstance(item, Chairmanship)]

    assert chairmanships("UNICEF") == ["unicef-2011-01"]
    assert chairmanships("youth")[0] == "unicef-2011-01"


def test_a_result_s_line_is_made_once_a_generation_per_language_and_an_edit_shows_at_once(client, seeded):
    """Each result's line (core/templatetags/kept_pieces.py) is kept for the content's generation: a second
    search finding the same records makes none again, another language makes its own, and a saved change ends the
    generation, so the next search shows it."""
    lines = []

    def made(sender, template, **kwargs):
        if template.name == "includes/search_result.html":
            lines.append(template.name)

    template_rendered.connect(made)
    try:
        first = client.get("/en/search/", {"q": "health"}).content.decode()
        assert lines and '<li><a href="/en/members/who/">World Health Organization</a></li>' in first
        made_first, lines[:] = len(lines), []
        assert client.get("/en/search/", {"q": "health"}).content.decode() == first and lines == []
        client.get("/fr/search/", {"q": "health"})
        assert len(lines) == made_first
        who = Agency.objects.get(slug="who")
        who.name_en = "World Health Organization (renamed)"
        who.save()  # as the admin saves: the generation ends
        lines[:] = []
        page = client.get("/en/search/", {"q": "health"}).content.decode()
        assert len(lines) == made_first and ">World Health Organization (renamed)</a>" in page
    finally:
        template_rendered.disconnect(made)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's full-text search")
def test_on_postgresql_names_rank_above_passing_mentions(client, seeded):
    members = found(client, "health")["Members"]
    assert members[0] == "WHO"  # "health" is in its summary; others mention it in their accounts
    assert found(client, "refugees")["Members"][0] == "UNHCR"


@pytest.mark.parametrize(
    ("words", "member"),
    [
        ("UN/DESA", "UNDESA"),  # as UNICEF's text spells it: UNDESA's alternative name
        ("un/desa", "UNDESA"),
        ("UN-ESCWA", "United Nations Regional Commissions"),  # its representative body's alternative name
        ("ESCWA", "United Nations Regional Commissions"),  # the body's acronym
        ("escwa", "United Nations Regional Commissions"),
    ],
)
def test_a_member_is_found_by_its_other_names_and_its_bodies_names(client, seeded, words, member):
    members = found(client, words)["Members"]
    assert member in members
    assert len(members) == len(set(members))  # a member with several bodies is listed once
    if connection.vendor == "postgresql":
        assert members[0] == member  # UNDESA above UNICEF, whose account mentions UN/DESA


def test_a_draft_member_is_not_found_by_its_bodies_names(client, seeded):
    Agency.objects.filter(slug="regional-commissions").update(status=Status.DRAFT)
    assert found(client, "ESCWA")["Members"] == []


def test_drafts_are_never_found(client, seeded):
    Agency.objects.filter(slug="who").update(status=Status.DRAFT)
    assert "WHO" not in found(client, "health")["Members"]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("", "This field is required."),
        ("   ", "This field is required."),
        ("!!! ???", "Type a word to search for, such as “health” or “UNHCR”."),
        ("health\x00", "Null characters are not allowed."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_an_empty_or_absurd_query_gets_a_hint_not_an_error(client, seeded, words, message):
    response = client.get("/en/search/", {"q": words})
    assert response.status_code == 200
    assert response.context["form"].errors["q"] == [message]
    assert response.context["results"] == []


def test_nothing_found_says_so_and_points_somewhere(client, seeded):
    page = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing matches “zzzzqqq”" in page and 'href="/en/events/past/"' in page


def test_the_search_page_without_a_query_suggests_one(client, db):
    assert 'href="?q=health"' in client.get("/en/search/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search indexes are PostgreSQL's")
@pytest.mark.parametrize(
    ("model", "index"),
    [
        (Agency, "agencies_agency_search_idx"),
        (Topic, "themes_topic_search_idx"),
        (Event, "events_event_search_idx"),
        (EventSeries, "events_series_search_idx"),
        (Document, "publications_doc_search_idx"),
    ],
)
def test_on_postgresql_the_search_can_use_its_index(seeded, model, index):
    """The index is built from the same expression as the search; were they to drift apart, PostgreSQL could
    not use it at any size. Sequential scans and plain index scans are switched off here (a GIN index is read by
    a bitmap scan), so that on the seed's few rows the planner does not prefer reading a table through its
    primary key, and only a usable search index is chosen."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = ranked(model.objects.all(), "migration").explain()
    assert f"Bitmap Index Scan on {index}" in plan


# In each language ----------------------------------------------------------------------------------------

LANGUAGE_INDEXES = {
    Agency: "agencies_agency_search",
    Topic: "themes_topic_search",
    Event: "events_event_search",
    EventSeries: "events_series_search",
    Document: "publications_doc_search",
}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search indexes are PostgreSQL's")
@pytest.mark.parametrize("code", ["fr", "es", "ru", "ar"])
@pytest.mark.parametrize("model", list(LANGUAGE_INDEXES))
def test_on_postgresql_a_search_in_a_language_can_use_its_index_and_english_s(seeded, model, code):
    """As above: the language's document (its columns, its configuration) and the English one, each by its index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = ranked(model.objects.all(), "migration", code).explain()
    assert f"Bitmap Index Scan on {LANGUAGE_INDEXES[model]}_{code}_idx" in plan
    english = "publications_doc_search_idx" if model is Document else f"{LANGUAGE_INDEXES[model]}_idx"
    assert f"Bitmap Index Scan on {english}" in plan


def found_in(client, code, words):
    response = client.get(f"/{code}/search/", {"q": words})
    assert response.status_code == 200
    return {item.slug for _heading, items in response.context["results"] for item in items}


@pytest.fixture
def translated(db):
    from agencies.tests.factories import AgencyFactory
    from events.tests.factories import EventFactory
    from themes.tests.factories import TopicFactory

    TopicFactory(slug="refugees", name="Refugees", name_fr="Réfugiés et déplacés", name_es="Educación de los migrantes")
    TopicFactory(slug="data", name="Migration data", name_ru="Данные о мигрантах", name_ar="بيانات الهجرة الدولية")
    AgencyFactory(slug="gmg", name="Global Migration Group", acronym="GMG", name_zh_hans="全球移民小组")
    EventFactory(slug="forum", title="Forum", title_zh_hans="国际移民论坛", title_fr="Forum sur les migrations")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stems and folded accents are PostgreSQL's")
@pytest.mark.parametrize(
    ("code", "words", "expected"),
    [
        ("fr", "refugies", "refugees"),  # accents folded: Réfugiés
        ("fr", "déplacé", "refugees"),  # a stem: déplacés
        ("es", "educacion migrante", "refugees"),  # Educación, migrantes
        ("ru", "мигранты", "data"),  # мигрантах
        ("ar", "الهجرة", "data"),
    ],
)
def test_on_postgresql_a_search_reads_the_language_s_words_by_its_rules(client, translated, code, words, expected):
    assert expected in found_in(client, code, words)


@pytest.mark.parametrize(
    ("code", "words", "expected"),
    [
        ("zh-hans", "移民", {"gmg", "forum"}),  # a substring: PostgreSQL has no Chinese parser
        ("zh-hans", "移民 论坛", {"forum"}),  # every word
        ("ar", "بيانات", {"data"}),
        ("ru", "Данные", {"data"}),
        ("fr", "Réfugiés", {"refugees"}),
    ],
)
def test_a_search_finds_the_texts_of_its_language(client, translated, code, words, expected):
    assert found_in(client, code, words) == expected


def test_a_search_in_any_language_finds_the_english_texts_a_page_falls_back_to(client, translated):
    for code in ["ar", "zh-hans", "fr", "ru", "es"]:
        assert "data" in found_in(client, code, "data"), code


def test_a_translation_is_found_in_its_own_language_only(client, translated):
    assert found_in(client, "fr", "Réfugiés") == {"refugees"}
    for code in ["en", "es", "ru", "ar", "zh-hans"]:
        assert found_in(client, code, "Réfugiés") == set(), code
    assert found_in(client, "en", "移民") == set()


@pytest.mark.parametrize("code", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_a_hostile_query_gets_an_answer_in_every_language(client, translated, code):
    for words in [
        "'; DROP TABLE agencies_agency; --",
        "a & b | !c <-> d",
        '"unclosed quote',
        "or or or - - -",
        "%_%",
        "\\",
        "((((migration",
        "\u202emigration\u202c",
        "移" * 100,
        "الهجرة" + "ً" * 60,
    ]:
        response = client.get(f"/{code}/search/", {"q": words})
        assert response.status_code == 200, words
    assert found_in(client, code, "migr%tion") == set()  # a LIKE pattern is text
