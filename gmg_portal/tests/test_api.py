"""The public JSON API (/<lang>/api/v1/): what it shows, what it refuses, and how it answers over HTTP."""

import json
from datetime import UTC, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from agencies.models import Agency
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from themes.models import Chairmanship, Topic

ENDPOINTS = ["members", "chairmanships", "topics", "events", "documents", "sources"]


def answer(client, url, **headers):
    response = client.get(url, **headers)
    return response, json.loads(response.content) if response.content else None


def everything(client, code="en"):
    """Every record of every endpoint, as the API lists them, and each one's own answer."""
    found = {}
    for endpoint in ENDPOINTS:
        response, body = answer(client, f"/{code}/api/v1/{endpoint}/?page_size=100")
        assert response.status_code == 200, endpoint
        found[endpoint] = body["results"]
        key = "key" if endpoint == "sources" else "slug"
        for record in body["results"]:
            detail, one = answer(client, f"/{code}/api/v1/{endpoint}/{record[key]}/")
            assert detail.status_code == 200
            assert one == record
    return found


def test_each_endpoint_lists_the_seed_s_public_records_with_their_page_addresses(client, seeded):
    found = everything(client)
    assert {member["slug"] for member in found["members"]} == set(
        Agency.objects.published().values_list("slug", flat=True)
    )
    assert len(found["members"]) == 16
    assert len(found["topics"]) == Topic.objects.published().count()
    assert [term["slug"] for term in found["chairmanships"]] == ["unicef-2011-01", "unesco-2011-07"]
    event = next(event for event in found["events"] if event["slug"] == "gmg-principals-meeting-2011")
    assert event["url"] == "http://testserver/en/events/gmg-principals-meeting-2011/"
    assert event["calendar"] == "http://testserver/en/events/gmg-principals-meeting-2011/calendar.ics"
    assert event["timezone"] == "Europe/Paris"
    assert event["start_date"] == "2011-11-15"
    assert event["starts_at"].endswith("+00:00")
    unicef = next(member for member in found["members"] if member["slug"] == "unicef")
    assert unicef["url"] == "http://testserver/en/members/unicef/"
    assert unicef["account"]["html"].startswith("<p>")
    assert client.get(unicef["url"]).status_code == 200


def test_the_language_is_in_the_address_and_says_so(client, seeded):
    Agency.objects.filter(slug="unicef").update(name_fr="Fonds des Nations unies pour l'enfance")
    response, french = answer(client, "/fr/api/v1/members/unicef/")
    assert response["Content-Language"] == "fr"
    assert french["name"] == "Fonds des Nations unies pour l'enfance"
    assert french["url"] == "http://testserver/fr/members/unicef/"
    response, english = answer(client, "/en/api/v1/members/unicef/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "en"
    assert english["name"] == Agency.objects.get(slug="unicef").name_en != french["name"]


def test_a_text_gives_its_markdown_and_the_sanitised_html_the_page_shows(client, db):
    EventFactory(slug="marked", description="**Bold** and <script>alert(1)</script> [a link](https://example.org)")
    _, event = answer(client, "/en/api/v1/events/marked/")
    assert event["description"]["markdown"].startswith("**Bold**")
    assert "<strong>Bold</strong>" in event["description"]["html"]
    assert "<script" not in event["description"]["html"]
    assert 'href="https://example.org"' in event["description"]["html"]
    assert event["external_url"] is None  # left blank: null, not an empty string that is no address


@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"publish_from": timezone.now() + timedelta(days=1)},  # scheduled
        {"unpublish_at": timezone.now() - timedelta(days=1)},  # expired
    ],
    ids=["draft", "in review", "scheduled", "expired"],
)
def test_records_the_public_may_not_see_appear_nowhere(client, seeded, change):
    Agency.objects.filter(slug="unesco").update(**change)
    Event.objects.filter(slug="gfmd-concluding-debate-2011").update(**change)
    Topic.objects.filter(slug="migration-and-climate-change").update(**change)
    for hidden in [
        "/en/api/v1/members/unesco/",
        "/en/api/v1/chairmanships/unesco-2011-07/",  # its chair is not public
        "/en/api/v1/events/gfmd-concluding-debate-2011/",
        "/en/api/v1/topics/migration-and-climate-change/",
    ]:
        response, body = answer(client, hidden)
        assert response.status_code == 404, hidden
        assert body == {"detail": "Not found."}
    text = json.dumps(everything(client))
    for name in [
        "/members/unesco/",
        '"unesco"',
        "unesco-2011-07",
        "gfmd-concluding-debate-2011",
        "/topics/migration-and-climate-change/",
    ]:
        assert name not in text, name
    # nor through a filter or a count
    response, body = answer(client, "/en/api/v1/events/?organiser=unesco")
    assert response.status_code == 400 and "organiser" in body
    _, body = answer(client, "/en/api/v1/events/?q=GFMD+Concluding")
    assert body["count"] == 0
    assert Chairmanship.objects.published().count() == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("bogus=1", "bogus"),
        ("topic=", "topic"),
        ("year=2010&year=2011", "year"),
        ("page=1&page=2", "page"),
        ("q=", "q"),
        ("colour=red&year=2011", "colour"),
        ("year=abc", "year"),
        ("year=1899", "year"),
        ("kind=party", "kind"),
        ("topic=no-such-topic", "topic"),
        ("after=2011-13-01", "after"),
        ("after=2011-12-01&before=2011-01-01", "before"),
        ("when=tomorrow", "when"),
        ("q=" + "x" * 101, "q"),
        ("q=%00", "q"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=01", "page"),
        ("page_size=101", "page_size"),
        ("page_size=-1", "page_size"),
    ],
)
def test_an_unknown_parameter_or_a_bad_value_is_a_400_naming_it(client, db, query, named):
    response, body = answer(client, f"/en/api/v1/events/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(body) == [named]


def test_campaign_tags_are_ignored_as_on_every_page(client, staff_client, db):
    """A link shared with utm_… tags or a click id reads the same answer (gmg_portal/page_cache.py), whoever asks."""
    for reader in (client, staff_client):
        plain, tagged = (
            reader.get(f"/en/api/v1/events/?{query}") for query in ("year=2011", "utm_source=x&year=2011&_=1")
        )
        assert plain.status_code == tagged.status_code == 200
        assert tagged.content == plain.content


def test_addresses_the_api_does_not_have_are_json_404s(client, db):
    for url in [
        "/en/api/",
        "/en/api/v2/events/",
        "/en/api/v1/nothing/",
        "/fr/api/v1/events/no-such-event/",
        "/xx/api/v1/events/",  # no such language
    ]:
        response, body = answer(client, url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert body == {"detail": "Not found."} or "detail" in body
    response, body = answer(client, "/en/api/v1/events/?page=2")
    assert response.status_code == 404
    assert body == {"detail": "There is no page 2 of this list."}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_can_be_written(client, seeded, method):
    for url in ["/en/api/v1/events/", "/en/api/v1/events/gmg-principals-meeting-2011/"]:
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, url
    assert Event.objects.count() == 4


def test_pages_are_capped_and_in_a_stable_order(client, db):
    start = timezone.now().replace(microsecond=0) - timedelta(days=400)
    for n in range(7):  # the same start for all: the order falls back on the id
        EventFactory(slug=f"same-{n}", title="Same", starts_at=start)
    seen = []
    url = "/en/api/v1/events/?page_size=3"
    while url:
        response, body = answer(client, url)
        assert response.status_code == 200
        assert body["count"] == 7
        seen += [event["slug"] for event in body["results"]]
        url = body["next"]
    assert seen == [f"same-{n}" for n in range(7)]
    _, past = answer(client, "/en/api/v1/events/?when=past&page_size=3")
    assert [event["slug"] for event in past["results"]] == ["same-6", "same-5", "same-4"]


def test_an_edit_shows_in_the_api_at_once_though_answers_are_cached(client, seeded):
    url = "/en/api/v1/members/unicef/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and client.get(url)["X-Page-Cache"] == "hit"
    unicef = Agency.objects.get(slug="unicef")
    unicef.summary_en = "A new summary."
    unicef.save()
    response, body = answer(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert body["summary"] == "A new summary."


def test_etag_and_304_on_a_miss_and_on_a_hit(client, seeded):
    url = "/en/api/v1/events/?when=past"
    miss = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    hit = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain_hit = client.get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert miss["ETag"] == hit["ETag"] == plain_hit["ETag"]
    assert miss["ETag"].startswith('W/"')
    assert "public" in miss["Cache-Control"] and "max-age=60" in miss["Cache-Control"]
    assert hit["Cache-Control"] == miss["Cache-Control"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=miss["ETag"])
    assert not_modified.status_code == 304 and not_modified["X-Page-Cache"] == "hit"
    assert not_modified.content == b""
    client.get("/en/api/v1/events/?when=upcoming")  # nothing stored for another address: a miss
    fresh = client.get("/en/api/v1/topics/", HTTP_IF_NONE_MATCH=miss["ETag"])
    assert fresh.status_code == 200
    first_miss = client.get("/en/api/v1/members/", HTTP_IF_NONE_MATCH=client.get("/en/api/v1/members/")["ETag"])
    assert first_miss.status_code == 304


@pytest.mark.parametrize("how", ["cache turned off", "cache out of reach"])
def test_etag_and_304_without_the_page_cache(client, seeded, settings, how, request):
    if how == "cache turned off":
        settings.PAGE_CACHE_SECONDS = 0
    else:
        request.getfixturevalue("cache_out_of_reach")
    first = client.get("/en/api/v1/members/unhcr/")
    assert "X-Page-Cache" not in first
    assert first["ETag"].startswith('W/"')
    again = client.get("/en/api/v1/members/unhcr/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/en/members/unhcr/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200  # another body


def test_etag_304_on_the_very_first_request(client, seeded):
    settings_etag = client.get("/en/api/v1/chairmanships/")["ETag"]
    from django.core.cache import cache

    from core.generation import end_generation

    cache.clear()
    end_generation()
    response = client.get("/en/api/v1/chairmanships/", HTTP_IF_NONE_MATCH=settings_etag)
    assert response["X-Page-Cache"] == "miss"
    assert response.status_code == 304


def test_any_origin_may_read_a_cached_answer_first_fetched_without_one(client, seeded):
    url = "/en/api/v1/topics/"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss" and first["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/en/api/v1/events/nothing-here/x")
    cached = client.get(url, HTTP_ORIGIN="https://www.un.org")
    assert cached["X-Page-Cache"] == "hit"
    assert cached["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in cached
    assert "ETag" in cached["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get("/en/events/", HTTP_ORIGIN="https://www.un.org")


def test_a_preflight_is_answered_for_get_only(client, db):
    response = client.options(
        "/en/api/v1/events/",
        HTTP_ORIGIN="https://www.un.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_over_the_rate_a_client_gets_429_which_a_forged_forwarded_for_does_not_reset(client, db, settings):
    settings.API_RATE = "5/minute"
    settings.PROXY_COUNT = 1
    visitor = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    # each a new address, so that none is served from the page cache
    codes = [client.get(f"/en/api/v1/events/?page_size={n}", **visitor).status_code for n in range(1, 7)]
    assert codes == [200] * 5 + [429]
    forged = client.get(
        "/en/api/v1/events/?page_size=10", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert forged.status_code == 429
    assert 0 < int(forged["Retry-After"]) <= 60
    assert json.loads(forged.content)["detail"]
    other = client.get("/en/api/v1/events/?page_size=11", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert other.status_code == 200
    # a stored answer is served whatever the count: the limit is on the work a new address costs
    assert client.get("/en/api/v1/events/?page_size=1", **visitor).status_code == 200


MEMBERS = ["unicef", "unesco", "iom", "unfpa"]
TOPICS = ["migration-and-development", "migration-and-climate-change", "migration-data"]
FILTERS = {
    "year": st.sampled_from(["2010", "2011", "2012"]),
    "kind": st.sampled_from(["symposium", "principals-meeting", "meeting", "forum-debate"]),
    "topic": st.sampled_from(TOPICS),
    "organiser": st.sampled_from(MEMBERS),
    "participant": st.sampled_from(MEMBERS),
    "chairmanship": st.sampled_from(["unicef-2011-01", "unesco-2011-07"]),
    "after": st.sampled_from(["2011-05-18", "2011-09-01"]),
    "before": st.sampled_from(["2011-11-15", "2011-12-31"]),
    "q": st.sampled_from(["GMG", "Migration", "Paris", "number"]),
}


@pytest.fixture
def archive(seeded):
    """The seed's events and 24 more, over three years, with organisers, participants, topics and terms."""
    members = list(Agency.objects.filter(slug__in=MEMBERS).order_by("slug"))
    topics = list(Topic.objects.filter(slug__in=TOPICS).order_by("slug"))
    terms = list(Chairmanship.objects.order_by("starts_on"))
    for n in range(24):
        event = EventFactory(
            kind=["meeting", "symposium", "forum-debate"][n % 3],
            starts_at=timezone.datetime(2010 + n % 3, 1 + n % 12, 10, 9, tzinfo=UTC),
            organiser=members[n % 4] if n % 5 else None,
            chairmanship=terms[n % 2] if n % 4 == 0 else None,
        )
        event.participants.set(members[n % 3 : n % 3 + 2])
        event.topics.set(topics[n % 2 : n % 2 + n % 3])


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=st.fixed_dictionaries({}, optional=FILTERS))
def test_the_api_counts_what_the_archive_lists_for_the_same_filters(client, archive, chosen):
    query = "&".join(f"{name}={value}" for name, value in chosen.items())
    with override_settings(PAGE_CACHE_SECONDS=0):
        page = client.get(f"/en/events/past/?{query}")
        response, body = answer(client, f"/en/api/v1/events/?when=past&{query}")
    assert page.status_code == 200
    listed = page.context["paginator"].count
    assert response.status_code == 200
    assert body["count"] == listed


def test_errors_are_in_the_address_s_language(client, db):
    _, body = answer(client, "/fr/api/v1/events/?bogus=1&when=")
    assert body == {
        "bogus": ["Ce paramètre n'est pas connu ici."],
    }
    _, body = answer(client, "/ru/api/v1/events/?when=")
    assert body == {"when": ["Укажите значение или уберите параметр."]}
    _, body = answer(client, "/ar/api/v1/events/no-such-event/")
    assert body == {"detail": "غير موجود."}
