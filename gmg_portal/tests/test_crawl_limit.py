"""The bound on pages built for one client address (gmg_portal/crawl_limit.py): a client walking new addresses gets
429 past NEW_PAGE_RATE, without taking the portal from anyone else; a crawler following links at a page a second, and
the load balancer, never meet it."""

import re
from collections import deque
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.test import Client

from agencies.tests.factories import AgencyFactory
from core.generation import end_generation
from events.tests.factories import EventFactory
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 27, 12, 0, 30, tzinfo=UTC)  # half a minute into a period of the limit
BEHIND_THE_PROXY = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def limited(settings):
    settings.NEW_PAGE_RATE = "5/minute"
    settings.PROXY_COUNT = 1
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def visitor(address):
    return Client(HTTP_X_FORWARDED_FOR=address, **BEHIND_THE_PROXY)


def test_past_the_rate_a_client_gets_429_while_others_and_stored_pages_are_served(limited):
    crawler = visitor("203.0.113.7")
    assert crawler.get("/en/events/past/").status_code == 200  # now stored: asking again builds nothing
    codes = [crawler.get(f"/en/events/past/?year={year}").status_code for year in range(2010, 2015)]
    assert codes == [200] * 4 + [429]
    refused = crawler.get("/fr/events/past/?year=2020")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30" and refused["Cache-Control"] == "no-store"
    assert "Trop de nouvelles pages" in refused.content.decode()  # in the page's language
    # A forged address further left is not believed: still the same client.
    forged = Client(HTTP_X_FORWARDED_FOR="198.51.100.9, 203.0.113.7", **BEHIND_THE_PROXY)
    assert forged.get("/en/events/past/?year=2021").status_code == 429
    # The crawler still gets what is stored; everyone else gets everything.
    assert crawler.get("/en/events/past/")["X-Page-Cache"] == "hit"
    assert visitor("198.51.100.9").get("/en/events/past/?year=2022").status_code == 200
    # A made-up session cookie steps around the page cache, not around the limit.
    crawler.cookies["sessionid"] = "made-up"
    assert crawler.get("/en/events/past/").status_code == 429
    limited.move_to(NOW + timedelta(seconds=30))  # the next period
    assert crawler.get("/en/events/past/?year=2023").status_code == 200


def test_staff_the_api_and_the_load_balancer_are_not_counted(limited, staff_client):
    staff_client.defaults.update(HTTP_X_FORWARDED_FOR="203.0.113.7", **BEHIND_THE_PROXY)
    balancer = visitor("203.0.113.7")
    for year in range(2010, 2020):
        assert staff_client.get(f"/en/events/past/?year={year}").status_code == 200
        assert balancer.get(f"/en/api/v1/events/?year={year}").status_code == 200  # the API's own rate applies
        assert balancer.get("/healthz").status_code == 200
    assert balancer.get("/en/events/past/?year=2030").status_code == 200  # none of the above counted


def links(page):
    return re.findall(r'href="([^"#]+)', page)


def crawl(client, clock, seconds_apart, most):
    """A search engine's crawl from the home page: every link to a page of the site, breadth first, one request every
    `seconds_apart` seconds (0: as fast as it can). The status codes, in order."""
    seen, queue, codes = {"/en/"}, deque(["/en/"]), []
    while queue and len(codes) < most:
        path = queue.popleft()
        response = client.get(path)
        codes.append(response.status_code)
        clock.shift(timedelta(seconds=seconds_apart))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for href in links(response.content.decode()):
            address = urlsplit(urljoin(path, href.replace("&amp;", "&")))
            found = address.path + (f"?{address.query}" if address.query else "")
            if not address.netloc and not found.startswith(("/static/", "/admin")) and found not in seen:
                seen.add(found)
                queue.append(found)
    return codes


def test_a_crawler_following_links_at_a_page_a_second_never_meets_it_and_one_at_full_speed_does(settings):
    settings.NEW_PAGE_RATE = "120/minute"  # the default
    settings.PROXY_COUNT = 1
    members = [AgencyFactory() for _ in range(12)]
    topics = [TopicFactory() for _ in range(8)]
    for n in range(30):
        event = EventFactory(
            organiser=members[n % 12], starts_at=datetime(2011, 3, 1, 8, tzinfo=UTC) + timedelta(days=40 * n)
        )
        event.topics.add(topics[n % 8])
    with time_machine.travel(datetime(2026, 11, 27, 12, tzinfo=UTC), tick=False) as clock:
        polite = crawl(visitor("66.249.66.1"), clock, seconds_apart=1, most=200)
        assert len(polite) == 200 and 429 not in polite
        end_generation()  # an edit: every page is to be built again (else the polite crawl stored them all)
        hasty = crawl(visitor("66.249.66.2"), clock, seconds_apart=0, most=200)
        assert 429 in hasty and hasty.index(429) <= 125  # 120, and a few links the limit leaves out (the API's docs)
