"""Record states, expiry, the review of drafts, the admin's front-page queue and the review emails."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from agencies.models import Agency
from agencies.tests.factories import AgencyFactory
from core.migration_operations import fill_published_at
from core.models import StaffSettings
from core.publishing import State, Status, next_public_change
from events.models import Event
from events.tests.factories import EventFactory
from testing import form_for, unchanged_form

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
LIST_URL = reverse("admin:events_event_changelist")
INDEX_URL = reverse("admin:index")


@pytest.fixture(autouse=True)
def at_now():
    with time_machine.travel(NOW, tick=True):
        yield


def change_url(record):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])


def step_url(record, step):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_review_{step}", args=[record.pk])


# States and expiry


def test_each_state_is_read_from_status_and_times():
    hour = timedelta(hours=1)
    assert EventFactory(status=Status.DRAFT).state == State.DRAFT
    assert EventFactory(status=Status.IN_REVIEW).state == State.IN_REVIEW
    assert EventFactory(publish_from=NOW + hour).state == State.SCHEDULED
    assert EventFactory(publish_from=NOW - hour, unpublish_at=NOW + hour).state == State.PUBLISHED
    assert EventFactory(unpublish_at=NOW - hour).state == State.EXPIRED
    assert EventFactory().state == State.PUBLISHED


def test_the_state_names_its_date():
    with time_machine.travel(datetime(2026, 11, 27, 12, 0, tzinfo=UTC), tick=False):
        event = EventFactory(publish_from=datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        assert event.state_display == "Scheduled: 3 Dec 2026 09:00 (UTC)"
        event = EventFactory(unpublish_at=datetime(2027, 1, 5, 17, 30, tzinfo=UTC))
        assert event.state_display == "Published until 5 Jan 2027 17:30 (UTC)"


def test_a_record_past_unpublish_at_is_public_nowhere(client):
    event = EventFactory(
        title="Leaving soon", starts_at=NOW + timedelta(days=10), unpublish_at=NOW + timedelta(hours=1)
    )
    agency = AgencyFactory(name="Leaving Agency", slug="leaving", unpublish_at=NOW + timedelta(hours=1))
    assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get(agency.get_absolute_url()).status_code == 200
    with time_machine.travel(NOW + timedelta(hours=1, seconds=1), tick=False):
        assert not event.is_published and not agency.is_published
        assert event not in Event.objects.published() and agency not in Agency.objects.published()
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(agency.get_absolute_url()).status_code == 404
        for address in [
            "/en/events/",
            "/en/members/",
            "/en/events/feeds/changes.rss",
            "/en/events/calendar.ics",
            "/sitemap.xml",
        ]:
            page = client.get(address)
            assert page.status_code == 200 and "Leaving" not in page.content.decode(), address
        found = client.get("/en/search/", {"q": "Leaving"}).content.decode()
        assert event.get_absolute_url() not in found and agency.get_absolute_url() not in found


def test_an_expiry_ends_the_page_cache_generation_at_its_moment(settings):
    settings.PAGE_CACHE_SECONDS = 24 * 60 * 60
    visitor = Client()
    with time_machine.travel(NOW, tick=False) as traveller:
        EventFactory(
            title="Expiring meeting", starts_at=NOW + timedelta(days=30), unpublish_at=NOW + timedelta(minutes=5)
        )
        assert "Expiring meeting" in visitor.get("/en/events/").content.decode()
        assert visitor.get("/en/events/")["X-Page-Cache"] == "hit"
        traveller.move_to(NOW + timedelta(minutes=4))
        assert visitor.get("/en/events/")["X-Page-Cache"] == "hit"
        traveller.move_to(NOW + timedelta(minutes=5, seconds=1))
        assert "Expiring meeting" not in visitor.get("/en/events/").content.decode()


def test_the_next_public_change_includes_an_expiry():
    moment = NOW + timedelta(minutes=7)
    EventFactory(starts_at=NOW - timedelta(days=3), unpublish_at=moment)
    AgencyFactory(unpublish_at=moment + timedelta(minutes=1))
    assert Event.objects.next_change(NOW) == moment
    assert Agency.objects.next_change(NOW) == moment + timedelta(minutes=1)
    assert next_public_change(NOW) == moment


def test_unpublish_at_must_come_after_publish_from():
    event = EventFactory.build(publish_from=NOW, unpublish_at=NOW)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["unpublish_at"] == ["“Unpublish at” must come after “publish from”."]
    with pytest.raises(IntegrityError, match="unpublish_after_publish"), transaction.atomic():
        EventFactory(publish_from=NOW, unpublish_at=NOW - timedelta(minutes=1))


def test_the_change_form_refuses_an_expiry_before_the_publication(staff_client):
    event = EventFactory()
    form = form_for(
        event,
        publish_from_0="2026-12-03",
        publish_from_1="09:00",
        unpublish_at_0="2026-12-01",
        unpublish_at_1="09:00",
    )
    response = staff_client.post(change_url(event), form)
    assert response.status_code == 200
    assert "must come after" in response.content.decode()


# published_at and the feeds


def test_published_at_is_the_first_moment_the_record_is_public():
    draft = EventFactory(status=Status.DRAFT)
    assert draft.published_at is None
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        draft.status = Status.PUBLISHED
        draft.save()
    assert draft.published_at == NOW + timedelta(days=2)
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        draft.status = Status.DRAFT
        draft.save()
        draft.status = Status.PUBLISHED
        draft.save()
    draft.refresh_from_db()
    assert draft.published_at == NOW + timedelta(days=2)  # kept from its first publication
    scheduled = EventFactory(publish_from=NOW + timedelta(days=5))
    assert scheduled.published_at == NOW + timedelta(days=5)
    scheduled.publish_from = NOW + timedelta(days=9)  # rescheduled before it went live
    scheduled.save()
    assert scheduled.published_at == NOW + timedelta(days=9)


def test_feed_entries_are_dated_by_publication_not_by_the_draft(client):
    with time_machine.travel(datetime(2026, 1, 5, 9, 0, tzinfo=UTC), tick=False):
        event = EventFactory(title="Late meeting", status=Status.DRAFT, starts_at=NOW + timedelta(days=20))
    with time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False):
        event.status = Status.PUBLISHED
        event.save()
    feed = client.get("/en/events/feeds/upcoming.rss").content.decode()
    assert "<pubDate>Mon, 01 Jun 2026 09:00:00 +0000</pubDate>" in feed
    assert "05 Jan 2026" not in feed


def test_the_migration_dates_published_records_by_their_history():
    with time_machine.travel(datetime(2025, 3, 1, tzinfo=UTC), tick=False):
        event = EventFactory(status=Status.DRAFT)
    with time_machine.travel(datetime(2025, 4, 1, tzinfo=UTC), tick=False):
        event.status = Status.PUBLISHED
        event.save()
    loaded = EventFactory()  # as from a fixture: no history of its publication
    Event.objects.update(published_at=None)
    Event.history.filter(id=loaded.pk).delete()
    fill_published_at("events", "Event").code(apps, None)
    event.refresh_from_db()
    loaded.refresh_from_db()
    assert event.published_at == datetime(2025, 4, 1, tzinfo=UTC)
    assert loaded.published_at == loaded.created_at


# The admin's lists show the state


def test_every_publishing_list_shows_the_state_with_its_date_and_filters_by_it(staff_client):
    with time_machine.travel(NOW, tick=False):
        EventFactory(title="Later meeting", publish_from=datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        EventFactory(title="Old meeting", unpublish_at=NOW - timedelta(days=1), publish_from=NOW - timedelta(days=9))
        EventFactory(title="Open meeting")
        page = staff_client.get(LIST_URL).content.decode()
        assert "Scheduled: 3 Dec 2026 09:00 (UTC)" in page and "Expired: 26 Nov 2026 12:00 (UTC)" in page
        scheduled = staff_client.get(LIST_URL, {"state": "scheduled"})
        assert [event.title for event in scheduled.context["cl"].result_list] == ["Later meeting"]
        expired = staff_client.get(LIST_URL, {"state": "expired"})
        assert [event.title for event in expired.context["cl"].result_list] == ["Old meeting"]
        published = staff_client.get(LIST_URL, {"state": "published"})
        assert [event.title for event in published.context["cl"].result_list] == ["Open meeting"]
    for model in ["agencies/agency", "agencies/groupprofile", "themes/topic", "themes/chairmanship", "events/event"]:
        response = staff_client.get(f"/admin/{model}/")
        assert "state_column" in response.context["cl"].list_display, model
        assert "status" not in response.context["cl"].list_display, model


def test_a_bad_state_in_the_address_shows_nothing(staff_client):
    EventFactory()
    assert list(staff_client.get(LIST_URL, {"state": "nonsense"}).context["cl"].result_list) == []


# The review of drafts


def test_an_editor_submits_a_draft_and_the_publishers_are_emailed(people):
    draft = EventFactory(title="Youth forum", status=Status.DRAFT, review_comment="Old comment")
    page = people.as_(people.editor).get(change_url(draft)).content.decode()
    assert "Submit for review" in page and ">Publish<" not in page
    response = people.as_(people.editor).post(step_url(draft, "submit"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.submitted_by) == (Status.IN_REVIEW, people.editor)
    assert draft.submitted_at >= NOW and draft.review_comment == ""
    assert [message.to for message in mail.outbox] == [["publishers@example.org"]]
    assert mail.outbox[0].subject == "For review: Youth forum"
    assert change_url(draft) in mail.outbox[0].body


def test_no_email_to_a_publisher_who_turned_them_off(people):
    StaffSettings.objects.create(user=people.publisher, review_emails=False)
    draft = EventFactory(status=Status.DRAFT)
    people.as_(people.editor).post(step_url(draft, "submit"))
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert mail.outbox == []


def test_a_publisher_publishes_a_draft_in_review_and_the_editor_is_emailed(people):
    draft = EventFactory(title="Youth forum", status=Status.DRAFT, starts_at=NOW + timedelta(days=3))
    people.as_(people.editor).post(step_url(draft, "submit"))
    mail.outbox.clear()
    page = people.as_(people.publisher).get(change_url(draft)).content.decode()
    assert ">Publish<" in page and "Send back" in page and "Submitted for review by editors" in page
    response = people.as_(people.publisher).post(step_url(draft, "publish"), follow=True)
    assert "was published" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert Client().get(draft.get_absolute_url()).status_code == 200  # a visitor's
    assert [message.to for message in mail.outbox] == [["editors@example.org"]]
    assert mail.outbox[0].subject == "Published: Youth forum"


def test_the_editor_hears_of_a_publication_by_the_form_or_a_list_action_as_from_the_buttons(
    people, django_capture_on_commit_callbacks
):
    by_form, by_action, put_back = (
        EventFactory(title=title, status=Status.IN_REVIEW, submitted_by=people.editor)
        for title in ("By the form", "By the action", "Put back")
    )
    publisher = people.as_(people.publisher)
    form = unchanged_form(publisher.get(change_url(by_form)))
    with django_capture_on_commit_callbacks(execute=True):  # the emails go once the save commits
        assert publisher.post(change_url(by_form), {**form, "status": Status.PUBLISHED}).status_code == 302
    for event, action in [(by_action, "publish_selected"), (put_back, "unpublish_selected")]:
        with django_capture_on_commit_callbacks(execute=True):
            response = publisher.post(LIST_URL, {"action": action, ACTION_CHECKBOX_NAME: [event.pk]})
        assert response.status_code == 302
    assert [(message.subject, message.to) for message in mail.outbox] == [
        ("Published: By the form", ["editors@example.org"]),
        ("Published: By the action", ["editors@example.org"]),
        ("Sent back: Put back", ["editors@example.org"]),
    ]
    put_back.refresh_from_db()
    assert (put_back.status, put_back.review_comment) == (
        Status.DRAFT,
        "Put back to draft by publishers, with no comment.",
    )
    assert "Put back to draft by publishers" in people.as_(people.editor).get(INDEX_URL).content.decode()


def test_a_publisher_sends_a_draft_back_with_a_comment_the_editor_sees(people):
    draft = EventFactory(title="Youth forum", status=Status.DRAFT)
    people.as_(people.editor).post(step_url(draft, "submit"))
    mail.outbox.clear()
    people.as_(people.publisher).post(step_url(draft, "send_back"), {"comment": "Give the venue's room, please."})
    draft.refresh_from_db()
    assert (draft.status, draft.review_comment) == (Status.DRAFT, "Give the venue's room, please.")
    assert "Give the venue's room, please." in mail.outbox[0].body and mail.outbox[0].to == ["editors@example.org"]
    page = people.as_(people.editor).get(change_url(draft)).content.decode()
    assert "Sent back by a publisher" in page and "Give the venue&#x27;s room, please." in page
    people.as_(people.editor).post(step_url(draft, "submit"))
    draft.refresh_from_db()
    assert (draft.status, draft.review_comment) == (Status.IN_REVIEW, "")


def test_sending_back_needs_a_comment(people):
    draft = EventFactory(status=Status.IN_REVIEW, submitted_by=people.editor)
    response = people.as_(people.publisher).post(step_url(draft, "send_back"), {"comment": "  "}, follow=True)
    assert "Say what the editor should change" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert mail.outbox == []


def test_no_email_to_an_editor_who_turned_them_off(people):
    StaffSettings.objects.create(user=people.editor, review_emails=False)
    draft = EventFactory(status=Status.IN_REVIEW, submitted_by=people.editor)
    people.as_(people.publisher).post(step_url(draft, "publish"))
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert mail.outbox == []


def test_an_editor_may_not_publish_or_send_back(people):
    draft = EventFactory(status=Status.IN_REVIEW, submitted_by=people.editor)
    assert people.as_(people.editor).post(step_url(draft, "publish")).status_code == 403
    assert people.as_(people.editor).post(step_url(draft, "send_back"), {"comment": "No."}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_a_step_is_taken_only_from_its_state_and_only_by_post(people):
    published, draft = EventFactory(), EventFactory(status=Status.DRAFT)
    assert people.as_(people.publisher).post(step_url(published, "submit")).status_code == 403
    assert people.as_(people.publisher).post(step_url(draft, "publish")).status_code == 403
    assert people.as_(people.editor).get(step_url(draft, "submit")).status_code == 405
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_step_needs_the_csrf_token(people):
    draft = EventFactory(status=Status.DRAFT)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.editor)
    assert strict.post(step_url(draft, "submit")).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_may_still_change_a_draft_in_review_but_not_its_status(people):
    draft = EventFactory(status=Status.IN_REVIEW, submitted_by=people.editor)
    response = people.as_(people.editor).post(change_url(draft), form_for(draft, venue="Room XX", status="published"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.venue, draft.status) == ("Room XX", Status.IN_REVIEW)


def test_an_editor_cannot_set_unpublish_at(people):
    draft = EventFactory(status=Status.DRAFT)
    form = form_for(draft, unpublish_at_0="2027-01-01", unpublish_at_1="09:00")
    people.as_(people.editor).post(change_url(draft), form)
    draft.refresh_from_db()
    assert draft.unpublish_at is None


# The queue on the admin's front page


def queue(response):
    return {section.key: section.rows for section in response.context["queue"]}


def test_the_queue_shows_each_role_what_waits_for_them(people):
    other_editor = type(people.editor).objects.create_user("someone", is_staff=True)
    older = EventFactory(
        title="Older draft",
        status=Status.IN_REVIEW,
        submitted_by=people.editor,
        submitted_at=NOW - timedelta(days=2),
    )
    EventFactory(title="Newer draft", status=Status.IN_REVIEW, submitted_by=other_editor, submitted_at=NOW)
    AgencyFactory(
        name="Agency in review",
        acronym="AIR",
        status=Status.IN_REVIEW,
        submitted_by=other_editor,
        submitted_at=NOW - timedelta(days=1),
    )
    EventFactory(title="Sent back", status=Status.DRAFT, submitted_by=people.editor, review_comment="Fix the date.")
    EventFactory(title="Someone else's", status=Status.DRAFT, submitted_by=other_editor, review_comment="Not yours.")
    EventFactory(title="Coming", publish_from=NOW + timedelta(days=1))
    EventFactory(title="Going", unpublish_at=NOW + timedelta(days=2))
    fresh = EventFactory(title="Fresh")

    publisher = queue(people.as_(people.publisher).get(INDEX_URL))
    assert [(row.title, row.author) for row in publisher["in_review"]] == [
        ("Older draft", "editors"),
        ("AIR", "someone"),
        ("Newer draft", "someone"),
    ]
    assert [row.title for row in publisher["sent_back"]] == []
    assert [(row.title, row.note) for row in publisher["scheduled"]] == [
        ("Coming", "goes live"),
        ("Going", "leaves the site"),
    ]
    assert "Fresh" in [row.title for row in publisher["published"]]
    assert publisher["in_review"][0].url == change_url(older)

    editor = queue(people.as_(people.editor).get(INDEX_URL))
    assert "in_review" not in editor
    assert [(row.title, row.note) for row in editor["sent_back"]] == [("Sent back", "Fix the date.")]
    assert [row.title for row in editor["scheduled"]] == ["Coming", "Going"]
    assert fresh.title in [row.title for row in editor["published"]]

    page = people.as_(people.publisher).get(INDEX_URL).content.decode()
    assert 'Waiting for your review <span class="count">(3)</span>' in page
    assert "2\xa0days ago" in page


def test_the_front_page_costs_the_same_queries_however_many_records(people, populate, django_assert_num_queries):
    publisher = people.as_(people.publisher)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert publisher.get(INDEX_URL).status_code == 200
        return len(queries)

    count()  # the first page of a test also reads the content types into Django's cache
    few = count()
    populate(30)
    Event.objects.update(status=Status.IN_REVIEW, submitted_by=people.editor, submitted_at=NOW)
    Agency.objects.filter(pk__in=Agency.objects.values("pk")[:10]).update(
        publish_from=NOW + timedelta(days=1), published_at=NOW
    )
    assert count() == few
    # The session, the user and their groups' permissions, then five per publishing model (seven models): what is in
    # review, what was sent back, what goes live and what leaves next, what was published lately; then the proposed
    # changes in review and those sent back (none here; core/tests/test_proposals.py counts those with some); then one
    # per kind of record with texts in six languages, for the table of what misses a translation.
    from django.contrib import admin

    from core.translation import translated_names

    translated_kinds = sum(1 for model in admin.site._registry if translated_names(model))
    assert translated_kinds >= 2
    with django_assert_num_queries(6 + 7 * 5 + 2 + translated_kinds):
        publisher.get(INDEX_URL)
