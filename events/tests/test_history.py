"""History that reads (issue 11, item 9): one entry per admin save, its author and change message, each
change whole (texts with a word-level difference), an event's times as its venue's clock showed them."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from core.history import NO_ACCOUNT
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from testing import event_form, form_for
from themes.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:events_event_add")
LONG_TEXT = " ".join(["In order to protect refugees, the Group meets to talk about policy and its reasons."] * 12)


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def history_page(client, event):
    return client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()


def test_one_admin_save_is_one_history_entry_holding_its_topics_and_participants(client, staff):
    staff("Publishers")
    aid, data = TopicFactory(name="Humanitarian aid"), TopicFactory(name="Migration data")
    unhcr, iom = AgencyFactory(acronym="UNHCR"), AgencyFactory(acronym="IOM")
    client.post(ADD_URL, event_form(topics=[aid.pk], participants=[unhcr.pk]))
    event = Event.objects.get()
    assert event.history.count() == 1
    assert [row.topic for row in event.history.get().topics.all()] == [aid]

    response = client.post(
        change_url(event), form_for(event, venue="Elsewhere", topics=[data.pk], participants=[iom.pk])
    )
    assert response.status_code == 302
    assert event.history.count() == 2
    latest = event.history.first()
    assert latest.venue_en == "Elsewhere"
    assert [row.topic for row in latest.topics.all()] == [data]
    assert [row.agency for row in latest.participants.all()] == [iom]
    assert [row.topic for row in event.history.last().topics.all()] == [aid]  # the first version keeps its own


def test_a_revert_from_the_history_is_one_entry_with_the_old_topics(client, staff):
    staff("Publishers")
    aid, data = TopicFactory(name="Humanitarian aid"), TopicFactory(name="Migration data")
    client.post(ADD_URL, event_form(status="draft", topics=[aid.pk]))  # a draft's revert is saved at once
    event = Event.objects.get()
    client.post(change_url(event), form_for(event, topics=[data.pk]))
    first = event.history.last()
    revert = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    assert client.post(revert, form_for(event, topics=[aid.pk])).status_code == 302
    assert event.history.count() == 3
    assert [row.topic for row in event.history.first().topics.all()] == [aid]


def test_the_editor_may_write_a_change_message_and_it_shows_in_the_history(client, staff):
    editor = staff("Editors")
    editor.first_name, editor.last_name = "Ada", "Editor"
    editor.save()
    client.post(ADD_URL, event_form(status="draft"))
    event = Event.objects.get()
    page = client.get(change_url(event)).content.decode()
    assert 'name="history_change_message"' in page and "Change message" in page

    message = "  Venue confirmed by UNESCO "
    client.post(change_url(event), form_for(event, venue="Palais", history_change_message=message))
    first, latest = event.history.last(), event.history.first()
    assert latest.history_change_reason == "Venue confirmed by UNESCO"
    assert first.history_change_reason is None  # none written: nothing stored, and nothing shown
    page = history_page(client, event)
    assert "Venue confirmed by UNESCO" in page and "Ada Editor" in page
    assert "None" not in page


def test_the_admins_own_log_names_the_changed_fields_not_the_change_message(client, staff):
    from django.contrib.admin.models import LogEntry

    staff("Publishers")
    event = EventFactory()
    client.post(change_url(event), form_for(event, venue="Palais", history_change_message="New venue"))
    logged = LogEntry.objects.get().get_change_message()
    assert logged.startswith("Changed Venue") and "message" not in logged
    client.post(change_url(event), form_for(event, venue="Palais", history_change_message="Nothing else"))
    assert LogEntry.objects.latest("pk").get_change_message() == "No fields changed."


def test_a_change_message_longer_than_the_history_keeps_is_a_form_error(client, staff):
    staff("Publishers")
    event = EventFactory()
    response = client.post(change_url(event), form_for(event, history_change_message="x" * 101))
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()
    assert event.history.count() == 1


def test_who_may_only_view_a_record_or_proposes_a_change_to_it_is_offered_no_change_message(
    client, staff, django_user_model
):
    published = EventFactory(status=Status.PUBLISHED)
    staff("Editors")  # their change to a published record waits as a proposal: the history is written when published
    assert "history_change_message" not in client.get(change_url(published)).content.decode()
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    page = client.get(change_url(published))
    assert page.status_code == 200 and "history_change_message" not in page.content.decode()


def test_a_save_with_no_account_is_told_as_the_systems_never_as_none(client, staff):
    event = EventFactory(description="Loaded from the seed.")  # no request: as loaddata or a command saves
    event.venue_en = "Changed by a command"
    event.save()
    staff("Publishers")
    page = history_page(client, event)
    assert page.count(NO_ACCOUNT) == 2
    assert "None" not in page


def test_a_long_text_is_shown_whole_with_its_changed_word_marked(client, staff):
    staff("Publishers")
    event = EventFactory(description=LONG_TEXT)
    client.post(change_url(event), form_for(event, description=LONG_TEXT.replace("policy", "practice", 1)))
    page = history_page(client, event)
    assert "chars]" not in page  # not cut to "In or[880 chars]sons."
    assert '<del><span class="visually-hidden">deleted: </span>policy</del>' in page
    assert '<ins><span class="visually-hidden">inserted: </span>practice</ins>' in page
    assert page.count("talk about policy and its reasons.") == 11  # the rest, whole


def test_an_events_times_show_as_its_venues_clock_with_its_zone(client, staff):
    staff("Publishers")
    client.post(ADD_URL, event_form(start_date="2011-11-15", start_time="09:30", end_time="17:00"))
    event = Event.objects.get()
    client.post(change_url(event), form_for(event, start_time="10:00"))
    page = history_page(client, event)
    assert "15 Nov 2011 09:30 (Europe/Paris)" in page and "15 Nov 2011 10:00 (Europe/Paris)" in page
    assert "08:30" not in page  # the instant in UTC

    client.post(change_url(event), form_for(event, start_time="", end_time="", end_date="2011-11-16"))
    page = history_page(client, event)
    assert "15 Nov 2011 (whole day at the venue)" in page and "16 Nov 2011 (whole day at the venue)" in page


def test_other_times_show_in_the_viewers_zone_with_its_name(client, staff, settings):
    staff("Publishers")
    event = EventFactory(status=Status.PUBLISHED)
    client.post(change_url(event), form_for(event, publish_from_0="2030-01-02", publish_from_1="12:00:00"))
    assert event.history.first().publish_from == datetime(2030, 1, 2, 12, tzinfo=UTC)
    page = history_page(client, event)
    assert "2 Jan 2030 12:00 (UTC)" in page


def test_the_compare_page_shows_both_versions_authors_dates_and_messages(client, staff):
    publisher = staff("Publishers")
    publisher.first_name, publisher.last_name = "Pat", "Publisher"
    publisher.save()
    event = EventFactory(description=LONG_TEXT)
    client.post(
        change_url(event),
        form_for(event, description=LONG_TEXT.replace("refugees", "migrants", 1), history_change_message="Wording"),
    )
    newer, older = event.history.all()
    compare = reverse("admin:events_event_history_compare", args=[event.pk])
    page = client.get(compare, {"old": older.history_id, "new": newer.history_id}).content.decode()
    assert "Older version" in page and "Newer version" in page
    assert NO_ACCOUNT in page and "Pat Publisher" in page
    assert "Wording" in page and "(none written)" in page
    assert '<del><span class="visually-hidden">deleted: </span>refugees,</del>' in page
    assert "None" not in page


def test_a_topics_save_with_its_member_agencies_is_one_entry_too(client, staff):
    staff("Publishers")
    topic = TopicFactory(name="Health", slug="health", position=1)
    unhcr, iom = AgencyFactory(acronym="UNHCR"), AgencyFactory(acronym="IOM")
    form = {"name_en": "Health", "slug": "health", "position": 1, "description_en": "", "status": "published"}
    url = reverse("admin:themes_topic_change", args=[topic.pk])
    response = client.post(url, {**form, "agencies": [unhcr.pk, iom.pk]})
    assert response.status_code == 302
    assert topic.history.count() == 2
    assert {row.agency for row in topic.history.first().agencies.all()} == {unhcr, iom}


def test_an_entry_with_no_older_one_to_compare_says_so_and_a_save_that_changed_nothing_says_that(client, staff):
    staff("Publishers")
    event = EventFactory(venue="Palais des Nations")
    event.history.update(history_type="~")  # as a record loaded from the seed's fixtures may begin
    event.save()  # nothing changed
    page = history_page(client, event)
    assert page.count("No field changed.") == 1
    assert page.count("The oldest version here: nothing older to compare it with.") == 1
