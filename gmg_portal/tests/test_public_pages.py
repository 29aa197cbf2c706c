"""The first public pages: every record's get_absolute_url answers, and drafts never show."""

import pytest

from agencies.publishing import Status
from agencies.tests.factories import AgencyFactory
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
FACTORIES = [AgencyFactory, ChairmanshipFactory, TopicFactory, EventFactory]


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_published_record_has_a_page(client, factory):
    record = factory()
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    assert str(getattr(record, "theme_title", None) or getattr(record, "title", None) or record.name) in response.text


@pytest.mark.parametrize("factory", FACTORIES)
def test_a_draft_is_not_found(client, factory):
    assert client.get(factory(status=Status.DRAFT).get_absolute_url()).status_code == 404


def test_an_unknown_slug_is_not_found(client):
    assert client.get("/members/no-such-member/").status_code == 404


def test_the_home_page_lists_only_published_current_members(client):
    AgencyFactory(name="A published member")
    AgencyFactory(name="A draft member", status=Status.DRAFT)
    page = client.get("/").text
    assert "A published member" in page
    assert "A draft member" not in page


@pytest.mark.parametrize("rows", [5, 60])
@pytest.mark.parametrize(("url", "queries"), [("/", 2), ("/members/", 1)])
def test_member_lists_cost_the_same_queries_whatever_their_length(client, django_assert_num_queries, rows, url, queries):
    AgencyFactory.create_batch(rows)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
