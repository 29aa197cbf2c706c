import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
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
        "theme_title_en": "Global environmental change and migration",
        "slug": "unesco-2011-07",
        "theme_summary_en": "",
        "theme_description_en": "The relationship between...",
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


@pytest.mark.django_db(transaction=True)
def test_two_publishers_saving_overlapping_terms_at_the_same_moment_get_one_term_and_one_form_error(
    django_user_model, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time into a transaction (test_sqlite_concurrency.py): no race")
    publisher = django_user_model.objects.create_superuser("publisher", "publisher@example.org", "a-long-password")
    unesco, unicef = AgencyFactory(acronym="UNESCO"), AgencyFactory(acronym="UNICEF")
    # Both saves reach clean() inside their transactions before either checks: two browsers posting at once.
    both_ready = threading.Barrier(2, timeout=30)
    checks = []
    clean = Chairmanship.clean

    def wait_for_the_other_then_clean(term):
        if not checks:
            both_ready.wait()
        checks.append(term.slug)
        clean(term)

    monkeypatch.setattr(Chairmanship, "clean", wait_for_the_other_then_clean)
    responses = {}

    def save(agency, slug):
        client = Client(raise_request_exception=False)
        client.force_login(publisher)
        try:
            responses[slug] = client.post(ADD_URL, term_form(agency, slug=slug))
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=save, args=(unesco, "unesco-2011-07")),
        threading.Thread(target=save, args=(unicef, "unicef-2011-07")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(response.status_code for response in responses.values()) == [200, 302]
    # The checks took turns (hold_the_terms): each form was checked once, none had to be saved again after
    # meeting the other at the database's rule (or in a deadlock).
    assert sorted(checks) == ["unesco-2011-07", "unicef-2011-07"]
    (saved,) = Chairmanship.objects.all()
    refused = responses["unicef-2011-07" if saved.slug == "unesco-2011-07" else "unesco-2011-07"]
    assert refused.context["adminform"].form.non_field_errors() == [
        f"This term overlaps {saved.agency}'s term from 1 July 2011 to 31 December 2011: two terms never overlap."
    ]
