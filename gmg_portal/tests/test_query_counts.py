"""Every public page, calendar and feed costs the same number of queries with 10 or 300 rows of everything."""

import pytest

# (name, address built from the first records, queries)
PAGES = [
    ("home", lambda agency, topic, term, event: "/en/", 10),
    ("members", lambda agency, topic, term, event: "/en/members/", 3),
    ("member", lambda agency, topic, term, event: agency.get_absolute_url(), 10),
    ("chairmanships", lambda agency, topic, term, event: "/en/chairmanships/", 2),
    ("chairmanship", lambda agency, topic, term, event: term.get_absolute_url(), 6),
    ("topics", lambda agency, topic, term, event: "/en/topics/", 1),
    ("topic", lambda agency, topic, term, event: topic.get_absolute_url(), 7),
    ("upcoming events", lambda agency, topic, term, event: "/en/events/", 7),
    ("past events", lambda agency, topic, term, event: "/en/events/past/", 8),  # and the undated series
    (
        "filtered events",
        lambda agency, topic, term, event: f"/en/events/past/?topic={topic.slug}&participant={agency.slug}&q=Event",
        9,
    ),
    ("event", lambda agency, topic, term, event: event.get_absolute_url(), 5),
    ("event series", lambda agency, topic, term, event: "/en/events/series/s-0/", 5),
    ("search", lambda agency, topic, term, event: "/en/search/?q=Event", 8),
    ("publications", lambda agency, topic, term, event: "/en/publications/", 5),
    (
        "filtered publications",
        lambda agency, topic, term, event: (
            f"/en/publications/?topic={topic.slug}&member={agency.slug}&language=fr&q=Event"
        ),
        7,
    ),
    ("publication", lambda agency, topic, term, event: "/en/publications/d-0/", 6),
    ("sitemap", lambda agency, topic, term, event: "/sitemap.xml", 6),
    ("calendar", lambda agency, topic, term, event: "/en/events/calendar.ics", 4),
    ("topic calendar", lambda agency, topic, term, event: f"/en/events/calendar.ics?topic={topic.slug}", 5),
    ("event calendar", lambda agency, topic, term, event: f"{event.get_absolute_url()}calendar.ics", 2),
    ("upcoming rss", lambda agency, topic, term, event: "/en/events/feeds/upcoming.rss", 2),
    ("upcoming atom", lambda agency, topic, term, event: "/en/events/feeds/upcoming.atom", 2),
    ("changes rss", lambda agency, topic, term, event: "/en/events/feeds/changes.rss", 2),
    ("changes atom", lambda agency, topic, term, event: "/en/events/feeds/changes.atom", 2),
    ("publications rss", lambda agency, topic, term, event: "/en/publications/feeds/new.rss", 2),
    ("publications atom", lambda agency, topic, term, event: "/en/publications/feeds/new.atom", 2),
    # The API (gmg_portal/api/): a full page of each list, and one record of each kind.
    ("api members", lambda agency, topic, term, event: "/en/api/v1/members/?page_size=100", 4),
    ("api member", lambda agency, topic, term, event: f"/en/api/v1/members/{agency.slug}/", 3),
    ("api chairmanships", lambda agency, topic, term, event: "/en/api/v1/chairmanships/?page_size=100", 3),
    ("api chairmanship", lambda agency, topic, term, event: f"/en/api/v1/chairmanships/{term.slug}/", 2),
    ("api topics", lambda agency, topic, term, event: "/en/api/v1/topics/?page_size=100", 3),
    ("api topic", lambda agency, topic, term, event: f"/en/api/v1/topics/{topic.slug}/", 2),
    ("api events", lambda agency, topic, term, event: "/en/api/v1/events/?page_size=100", 4),
    (
        "api filtered events",
        lambda agency, topic, term, event: f"/en/api/v1/events/?when=past&topic={topic.slug}&participant={agency.slug}",
        6,
    ),
    ("api event", lambda agency, topic, term, event: f"/en/api/v1/events/{event.slug}/", 3),
    ("api documents", lambda agency, topic, term, event: "/en/api/v1/documents/?page_size=100", 5),
    ("api document", lambda agency, topic, term, event: "/en/api/v1/documents/d-0/", 4),
    ("api sources", lambda agency, topic, term, event: "/en/api/v1/sources/?page_size=100", 2),
    ("api source", lambda agency, topic, term, event: "/en/api/v1/sources/s-0/", 1),
]


# With the generation's kept values held (the small tables of core/references.py, the filters' choices and the
# records chosen in them), where that changes the count.
KEPT_QUERIES = {
    "upcoming events": 3,
    "past events": 4,
    "filtered events": 3,  # the chosen topic and member from the kept tables (core.references.KeptModelChoiceField)
    "publications": 3,
    "filtered publications": 3,
    "topic calendar": 4,
    "api filtered events": 4,
}


@pytest.mark.parametrize("kept", [False, True], ids=["cache off", "kept values held"])
@pytest.mark.parametrize("rows", [10, 300])
@pytest.mark.parametrize(("name", "address", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_a_page_costs_the_same_queries_whatever_the_amount_of_content(
    client, settings, populate, django_assert_num_queries, rows, name, address, queries, kept
):
    """The page's own work, with the cache off (what every change of content costs once), and what each address
    never asked before costs once this process holds what is kept for the generation (the page cache steps aside
    for a session cookie)."""
    url = address(*populate(rows))
    if kept:
        client.cookies[settings.SESSION_COOKIE_NAME] = "none"
        client.get(url)
        queries = KEPT_QUERIES.get(name, queries)
    else:
        settings.PAGE_CACHE_SECONDS = 0
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
