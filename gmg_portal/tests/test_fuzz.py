"""Property-based: random and hostile query strings and path values never get a 5xx on any public URL."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EVENT_LISTS = ["/events/", "/events/past/", "/events/calendar.ics"]
FILTERS = ["q", "year", "kind", "topic", "organiser", "participant", "chairmanship", "after", "before", "page"]
PUBLICATION_FILTERS = ["q", "year", "kind", "topic", "member", "language", "page"]
OTHER_LISTS = [
    "/",
    "/members/",
    "/chairmanships/",
    "/topics/",
    "/publications/",
    "/search/",
    "/events/feeds/upcoming.rss",
    "/events/feeds/changes.atom",
    "/sitemap.xml",
]
OTHER_PARAMETERS = ["q", "page", "format", "p", "o", "section"]
DETAIL_PREFIXES = ["/members/", "/chairmanships/", "/topics/", "/events/", "/publications/"]

hostile = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=3000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "\x00",
            "%00",
            "2011-13-45",
            "2011-02-30",
            "0000-00-00",
            "9999-12-31",
            "-1",
            "1e309",
            "NaN",
            "../../etc/passwd",
            "' OR 1=1 --",
            "<script>",
            "%ff%fe",
            "\ud800",
            "🤷" * 100,
            " " * 500,
            "1" * 5000,
            "2011\x00",
            "١٢٣",
            "²",
            "unhcr\n",
            "forced-migration' --",
        ]
    ),
)
# Function-scoped fixtures (the client, the seed) are set up once per test, not once per example: the examples
# only read, and share them.
SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


def assert_no_server_error(client, path, params):
    try:
        response = client.get(path, params)
    except UnicodeEncodeError:
        return  # a string a browser cannot send (a lone surrogate): no request would reach the portal
    assert response.status_code < 500, (path, params, response.status_code)


@pytest.mark.django_db
@settings(max_examples=400, **SETTINGS)
@given(
    path=st.sampled_from(EVENT_LISTS),
    params=st.lists(st.tuples(st.sampled_from(FILTERS), hostile), min_size=1, max_size=6),
)
def test_no_query_string_breaks_an_event_list_or_calendar(client, seeded, path, params):
    assert_no_server_error(client, path, params)


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(
    path=st.sampled_from(OTHER_LISTS),
    params=st.lists(st.tuples(st.sampled_from(OTHER_PARAMETERS), hostile), max_size=4),
)
def test_no_query_string_breaks_another_page(client, seeded, path, params):
    assert_no_server_error(client, path, params)


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(
    prefix=st.sampled_from(DETAIL_PREFIXES),
    value=hostile,
    suffix=st.sampled_from(["/", "/calendar.ics", "/en.pdf", ""]),
)
def test_no_path_value_breaks_a_page(client, seeded, prefix, value, suffix):
    assert_no_server_error(client, prefix + value + suffix, {})


@pytest.mark.django_db
@settings(max_examples=200, **SETTINGS)
@given(params=st.lists(st.tuples(st.sampled_from(PUBLICATION_FILTERS), hostile), min_size=1, max_size=6))
def test_no_query_string_breaks_the_publications_list(client, seeded, params):
    assert_no_server_error(client, "/publications/", params)
