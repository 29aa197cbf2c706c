"""A form saves once: the same admin form posted twice (a double click, Back then Save) makes one record and
one history entry, and the second post lands on that record with a notice instead of an error."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from core.models import SaveReceipt
from core.safe_save import TOKEN_FIELD
from events.models import Event
from events.tests.factories import EventFactory
from testing import event_form, form_for, post_twice_at_once, save_token
from themes.models import Topic

pytestmark = pytest.mark.django_db

ADD_EVENT = reverse("admin:events_event_add")
BASE_DIR = Path(__file__).resolve().parents[2]


def notices(client, response):
    """The messages the page a post redirected to shows (and so uses up)."""
    return [str(message) for message in get_messages(client.get(response.url).wsgi_request)]


def test_every_add_and_change_form_carries_a_new_save_token(staff_client):
    first, second = save_token(staff_client.get(ADD_EVENT)), save_token(staff_client.get(ADD_EVENT))
    assert first != second
    event = EventFactory()
    assert save_token(staff_client.get(reverse("admin:events_event_change", args=[event.pk])))
    assert save_token(staff_client.get(reverse("admin:themes_topic_add")))
    assert save_token(staff_client.get(reverse("admin:agencies_constituent_add")))  # a GuardedAdmin


def test_back_then_save_on_an_add_form_makes_one_event_and_lands_on_it(staff_client):
    form = event_form(**{TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))})
    first = staff_client.post(ADD_EVENT, form)
    assert first.status_code == 302
    assert [notice.endswith("was added successfully.") for notice in notices(staff_client, first)] == [True]

    again = staff_client.post(ADD_EVENT, form)
    event = Event.objects.get()
    assert again.status_code == 302
    assert again.url == reverse("admin:events_event_change", args=[event.pk])
    assert notices(staff_client, again) == ["This form was already saved: here is the event it saved."]
    assert b"already exists" not in staff_client.get(again.url).content
    assert Event.objects.count() == 1
    assert SaveReceipt.objects.get().object_id == str(event.pk)


def test_the_same_change_form_posted_twice_makes_one_history_entry(staff_client):
    event = EventFactory(status="draft")
    url = reverse("admin:events_event_change", args=[event.pk])
    form = form_for(event, title="A better title", status="draft", **{TOKEN_FIELD: save_token(staff_client.get(url))})
    versions = event.history.count()
    assert staff_client.post(url, form).status_code == 302
    again = staff_client.post(url, form)
    assert (again.status_code, again.url) == (302, url)
    assert event.history.count() == versions + 1
    event.refresh_from_db()
    assert event.title == "A better title"


def test_a_form_with_errors_gives_its_token_back_for_the_corrected_form(staff_client):
    token = save_token(staff_client.get(ADD_EVENT))
    refused = staff_client.post(ADD_EVENT, event_form(title="", **{TOKEN_FIELD: token}))
    assert refused.status_code == 200
    assert not SaveReceipt.objects.exists()
    assert save_token(refused) != token  # the page shown again carries a token of its own
    assert staff_client.post(ADD_EVENT, event_form(**{TOKEN_FIELD: token})).status_code == 302
    assert Event.objects.count() == 1


def test_a_form_without_a_token_saves_as_before(staff_client):
    assert staff_client.post(ADD_EVENT, event_form()).status_code == 302
    assert staff_client.post(ADD_EVENT, event_form(slug="another")).status_code == 302
    assert Event.objects.count() == 2
    assert not SaveReceipt.objects.exists()


def test_back_then_save_from_the_add_page_loaded_again_lands_on_the_saved_event(staff_client):
    """Back in Chromium fetches the add page anew (a new token) and restores what was typed: the same values
    posted again are the same form."""
    form = event_form(**{TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))})
    assert staff_client.post(ADD_EVENT, form).status_code == 302
    again = staff_client.post(ADD_EVENT, {**form, TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))})
    assert again.url == reverse("admin:events_event_change", args=[Event.objects.get().pk])
    another = {**form, "slug": "another", TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))}
    other = staff_client.post(ADD_EVENT, another)
    assert other.url == reverse("admin:events_event_changelist")  # other values: another event
    assert Event.objects.count() == 2


def test_an_event_deleted_since_may_be_added_again_from_the_same_form(staff_client):
    form = event_form(**{TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))})
    staff_client.post(ADD_EVENT, form)
    Event.objects.get().delete()
    assert staff_client.post(ADD_EVENT, form).url == reverse("admin:events_event_changelist")
    assert Event.objects.count() == 1


def test_receipts_older_than_a_day_are_deleted_by_the_next_save(staff_client):
    topic_add = reverse("admin:themes_topic_add")
    topic = {"name_en": "Old", "slug": "old", "position": "1", "description_en": "", "status": "draft"}
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        staff_client.post(topic_add, {**topic, TOKEN_FIELD: save_token(staff_client.get(topic_add))})
    assert SaveReceipt.objects.count() == 1
    staff_client.post(topic_add, {**topic, "name_en": "New", "slug": "new", TOKEN_FIELD: "a" * 43})
    assert SaveReceipt.objects.get().object_id == str(Topic.objects.get(slug="new").pk)
    assert Topic.objects.count() == 2


def test_a_token_of_another_user_is_refused(staff_client, client, django_user_model):
    event = EventFactory(status="draft")
    url = reverse("admin:events_event_change", args=[event.pk])
    token = save_token(staff_client.get(url))
    staff_client.post(url, form_for(event, status="draft", **{TOKEN_FIELD: token}))
    other = django_user_model.objects.create_superuser("other", "other@example.org", "a-long-test-password")
    client.force_login(other)
    assert client.post(url, form_for(event, title="Other", status="draft", **{TOKEN_FIELD: token})).status_code == 400
    event.refresh_from_db()
    assert event.title != "Other"


def lands_on(response):
    return [response.status_code, response.get("Location", "")]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_postgresql_makes_one_event_and_no_error(staff_client, django_user_model):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's in-memory test database: test_a_double_click_on_an_sqlite_file_... covers SQLite")
    user = django_user_model.objects.get(username="editor")
    form = event_form(**{TOKEN_FIELD: save_token(staff_client.get(ADD_EVENT))})
    responses = post_twice_at_once(user, ADD_EVENT, form)
    event = Event.objects.get()
    assert sorted(lands_on(response) for response in responses.values()) == [
        [302, reverse("admin:events_event_changelist")],
        [302, reverse("admin:events_event_change", args=[event.pk])],
    ]
    assert event.history.count() == 1


def test_a_double_click_on_an_sqlite_file_makes_one_event_and_no_error(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-m", "gmg_portal.tests.sqlite_writers", str(tmp_path / "portal.sqlite3"), "event"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    [[pk, slug]] = outcome["saved"]
    assert outcome["posts"] == [[302, "/admin/events/event/"], [302, f"/admin/events/event/{pk}/change/"]]
