from datetime import date

import pytest
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from testing import inline_management
from themes.models import Chairmanship
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:themes_chairmanship_add")


def term_form(agency, **overrides):
    data = {
        "agency": agency.pk,
        "starts_on": "2011-07-01",
        "ends_on": "2011-12-31",
        "status": "published",
        "theme_title": "Global environmental change and migration",
        "slug": "unesco-2011-07",
        "theme_summary": "",
        "theme_description": "The relationship between...",
        **inline_management("events"),
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_term(staff_client):
    unesco = AgencyFactory(acronym="UNESCO")
    assert staff_client.post(ADD_URL, term_form(unesco)).status_code == 302
    assert Chairmanship.objects.get().agency == unesco


def test_an_overlapping_term_is_a_readable_form_error(staff_client):
    ChairmanshipFactory(agency=AgencyFactory(acronym="UNICEF"), starts_on=date(2011, 1, 1), ends_on=date(2011, 6, 30))
    response = staff_client.post(ADD_URL, term_form(AgencyFactory(), starts_on="2011-06-01"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "This term overlaps UNICEF's term from 1 January 2011 to 30 June 2011: two terms never overlap."
    ]
    assert Chairmanship.objects.count() == 1


def test_a_term_ending_before_it_starts_is_a_readable_form_error(staff_client):
    response = staff_client.post(ADD_URL, term_form(AgencyFactory(), ends_on="2011-06-30"))
    assert response.context["adminform"].form.errors["ends_on"] == ["A term must end after it starts."]
    assert not Chairmanship.objects.exists()


@pytest.mark.parametrize("rows", [5, 60])
def test_the_term_list_costs_the_same_queries_whatever_its_length(staff_client, django_assert_num_queries, rows):
    for _ in range(rows):
        ChairmanshipFactory().topics.add(TopicFactory())
    with django_assert_num_queries(9):
        response = staff_client.get(reverse("admin:themes_chairmanship_changelist"))
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [5, 60])
def test_the_topic_list_costs_the_same_queries_whatever_its_length(staff_client, django_assert_num_queries, rows):
    for _ in range(rows):
        TopicFactory().agencies.add(AgencyFactory(), AgencyFactory())
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("admin:themes_topic_changelist"))
    assert [topic.agency_total for topic in response.context["cl"].result_list] == [2] * rows
