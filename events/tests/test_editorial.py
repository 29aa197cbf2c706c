"""Roles, drafts, scheduled publishing, preview, history and bulk actions, through the admin."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from agencies.tests.factories import AgencyFactory
from core.models import ChangeProposal
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from testing import event_form, form_for, inline_management
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:events_event_add")
LIST_URL = reverse("admin:events_event_changelist")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def test_every_deployment_has_the_two_roles():
    editors, publishers = Group.objects.get(name="Editors"), Group.objects.get(name="Publishers")
    editing = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_event", "change_event", "delete_event", "view_event", "change_agency", "add_topic"} <= editing
    assert not any(codename.startswith("publish_") for codename in editing)
    publishing = set(publishers.permissions.values_list("codename", flat=True)) - editing
    assert publishing == {
        "publish_agency",
        "publish_groupprofile",
        "publish_topic",
        "publish_chairmanship",
        "publish_event",
        "publish_eventseries",
        "publish_document",
    }


def test_an_editor_cannot_publish_by_posting_the_form_directly(client, staff):
    staff("Editors")
    response = client.post(ADD_URL, event_form(status="published", publish_from="2011-01-01 00:00"))
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.status, event.publish_from) == (Status.DRAFT, None)
    response = client.post(change_url(event), form_for(event, status="published"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    assert client.get(event.get_absolute_url()).status_code == 404


def test_an_editor_changes_drafts_but_only_proposes_changes_to_what_is_published(client, staff):
    staff("Editors")
    draft, published = EventFactory(status=Status.DRAFT), EventFactory(status=Status.PUBLISHED)
    assert client.post(change_url(draft), form_for(draft, venue="Changed")).status_code == 302
    page = client.get(change_url(published))
    assert page.status_code == 200 and page.context["has_change_permission"]
    assert client.post(change_url(published), form_for(published, venue="Changed")).status_code == 302
    published.refresh_from_db()
    assert published.venue != "Changed"
    assert ChangeProposal.objects.for_record(published).get().values["venue_en"] == "Changed"


def test_an_editor_deletes_drafts_but_not_what_is_published(client, staff):
    staff("Editors")
    draft, published = EventFactory(status=Status.DRAFT), EventFactory(status=Status.PUBLISHED)
    delete = lambda event: reverse("admin:events_event_delete", args=[event.pk])  # noqa: E731
    assert client.post(delete(published), {"post": "yes"}).status_code == 403
    assert client.post(delete(draft), {"post": "yes"}).status_code == 302
    assert list(Event.objects.all()) == [published]


def test_an_editor_has_no_publish_action_and_cannot_post_one(client, staff):
    staff("Editors")
    draft = EventFactory(status=Status.DRAFT)
    actions = [name for name, _ in client.get(LIST_URL).context["action_form"].fields["action"].choices]
    assert "publish_selected" not in actions and "duplicate_selected" in actions
    client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_publisher_publishes_and_unpublishes_in_bulk_and_history_keeps_who(client, staff):
    publisher = staff("Publishers")
    drafts = EventFactory.create_batch(2, status=Status.DRAFT)
    client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [event.pk for event in drafts]})
    for event in drafts:
        event.refresh_from_db()
        assert event.status == Status.PUBLISHED and event.updated_by == publisher
        assert client.get(event.get_absolute_url()).status_code == 200
        latest = event.history.first()
        assert (latest.history_user, latest.status) == (publisher, Status.PUBLISHED)
    client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]})
    assert client.get(drafts[0].get_absolute_url()).status_code == 404


def test_a_scheduled_event_becomes_public_at_its_time_by_itself(client, staff):
    staff("Publishers")
    with time_machine.travel(datetime(2026, 11, 27, 9, tzinfo=UTC), tick=False):
        response = client.post(
            ADD_URL,
            event_form(
                status="published", publish_from_0="2026-11-28", publish_from_1="12:00:00", start_date="2027-01-20"
            ),
        )
        assert response.status_code == 302
        event = Event.objects.get()
        assert event.is_scheduled and not event.is_published
        client.logout()
        assert client.get(event.get_absolute_url()).status_code == 404
        assert "GMG Principals" not in client.get("/en/events/").content.decode()
        assert b"GMG Principals" not in client.get("/en/events/calendar.ics").content
    with time_machine.travel(datetime(2026, 11, 28, 12, 0, 1, tzinfo=UTC), tick=False):
        assert client.get(event.get_absolute_url()).status_code == 200
        assert "GMG Principals" in client.get("/en/events/").content.decode()
        assert b"GMG Principals" in client.get("/en/events/calendar.ics").content


def test_staff_preview_a_draft_on_its_public_page_and_nobody_else_can(client, staff):
    draft = EventFactory(title="Not yet announced", status=Status.DRAFT)
    preview = reverse("admin:events_event_preview", args=[draft.pk])
    assert client.get(preview).status_code == 302  # to the admin login
    assert client.get(draft.get_absolute_url()).status_code == 404
    staff("Editors")
    response = client.get(preview)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Not yet announced" in page and "Only staff see this page." in page
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert f'href="{preview}"' in client.get(change_url(draft)).content.decode()


def test_every_change_is_kept_compared_and_can_be_reverted(client, staff):
    publisher = staff("Publishers")
    response = client.post(ADD_URL, event_form(venue="First venue"))
    event = Event.objects.get()
    client.post(change_url(event), form_for(event, venue="Second venue"))
    history = list(event.history.all())
    assert [record.venue_en for record in history] == ["Second venue", "First venue"]
    assert {record.history_user for record in history} == {publisher}
    page = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "deleted: </span>First</del>" in page and "inserted: </span>Second</ins> venue" in page  # word by word
    first = history[-1]
    revert = reverse("admin:events_event_simple_history", args=[event.pk, first.history_id])
    response = client.post(revert, form_for(event, venue="First venue"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.venue == "Second venue"  # the event is public: the publisher is asked first
    client.post(response.url, {"action": "publish"})
    event.refresh_from_db()
    assert event.venue == "First venue"
    assert event.history.count() == 3


def test_history_compares_any_two_versions_a_staff_member_picks(client, staff):
    staff("Publishers")
    aid, data = TopicFactory(name="Humanitarian aid"), TopicFactory(name="Migration data")
    client.post(ADD_URL, event_form(venue="First venue"))
    event = Event.objects.get()
    client.post(change_url(event), form_for(event, venue="Second venue", topics=[aid.pk]))
    event.refresh_from_db()
    client.post(change_url(event), form_for(event, venue="Third venue", topics=[aid.pk, data.pk], city="Geneva"))
    # One save, one version, holding the topics saved with it.
    third, second, first = event.history.all()
    versions = [third, second, first]
    history_url = reverse("admin:events_event_history", args=[event.pk])
    compare_url = reverse("admin:events_event_history_compare", args=[event.pk])

    # The history page: a plain GET form with two columns of radio buttons, the latest two versions picked.
    page = client.get(history_url).content.decode()
    assert f'<form method="get" action="{compare_url}" class="history-list">' in page
    for version in versions:
        assert f'name="old" value="{version.history_id}"' in page and f'name="new" value="{version.history_id}"' in page
    assert re.search(rf'name="old" value="{versions[1].history_id}"[^>]*checked', page)
    assert re.search(rf'name="new" value="{versions[0].history_id}"[^>]*checked', page)
    assert len(re.findall(r"checked", page)) == 2
    assert "None" not in page  # no change reason is given

    def compare(old, new):
        response = client.get(compare_url, {"old": old.history_id, "new": new.history_id})
        assert response.status_code == 200
        return {change["field"]: (change["old"], change["new"]) for change in response.context["changes"]}

    # The first and the last, picked in either order: the older is shown first.
    assert compare(third, first) == compare(first, third)
    changes = compare(first, third)
    assert changes["Venue"] == ("First venue", "Third venue")
    assert changes["City"] == ("Paris", "Geneva")
    assert changes["Topics"] == ("(empty)", "Humanitarian aid, Migration data")
    changes = compare(first, second)
    assert changes["Venue"] == ("First venue", "Second venue") and "City" not in changes
    assert changes["Topics"] == ("(empty)", "Humanitarian aid")
    page = client.get(compare_url, {"old": second.history_id, "new": third.history_id}).content.decode()
    assert '<del><span class="visually-hidden">deleted: </span>Second</del>' in page and "Migration data" in page
    assert '<ins><span class="visually-hidden">inserted: </span>Third</ins> venue' in page
    assert (
        "Nothing differs"
        in client.get(compare_url, {"old": first.history_id, "new": first.history_id}).content.decode()
    )


def test_history_compare_answers_bad_picks_with_400_or_404_and_only_to_staff(client, staff):
    other = EventFactory()
    event = EventFactory(venue="Before")
    event.venue_en = "After"
    event.save()
    after, before = event.history.all()
    compare_url = reverse("admin:events_event_history_compare", args=[event.pk])
    picks = {"old": before.history_id, "new": after.history_id}
    assert client.get(compare_url, picks).status_code == 302  # to the admin login
    staff("Editors")  # may only view a published event, and its history
    assert client.get(compare_url, picks).status_code == 200
    assert client.get(compare_url, {"old": before.history_id}).status_code == 400
    assert client.get(compare_url, {"old": "1; DROP", "new": after.history_id}).status_code == 400
    assert client.get(compare_url, {"old": "9" * 40, "new": after.history_id}).status_code == 400
    assert client.get(compare_url, {**picks, "old": other.history.get().history_id}).status_code == 404
    assert client.get(compare_url, {**picks, "new": 10**9}).status_code == 404
    missing = reverse("admin:events_event_history_compare", args=[10**9])
    assert client.get(missing, picks).status_code == 404
    assert client.get(compare_url.replace(f"/{event.pk}/", "/x/"), picks).status_code == 404


def test_the_versions_of_a_deleted_event_can_still_be_compared(client, staff):
    staff("Publishers")
    event = EventFactory(venue="Before")
    event.venue_en = "After"
    event.save()
    pk = event.pk
    assert client.post(reverse("admin:events_event_delete", args=[pk]), {"post": "yes"}).status_code == 302
    deleted, after, before = Event.history.filter(id=pk)
    compare_url = reverse("admin:events_event_history_compare", args=[pk])
    response = client.get(compare_url, {"old": before.history_id, "new": deleted.history_id})
    assert response.status_code == 200
    assert {change["field"]: (change["old"], change["new"]) for change in response.context["changes"]} == {
        "Venue": ("Before", "After")
    }


def test_records_carry_who_and_when_and_deleting_a_staff_account_keeps_the_content(client, staff):
    editor = staff("Editors")
    with time_machine.travel(datetime(2026, 11, 27, 9, tzinfo=UTC), tick=False):
        client.post(ADD_URL, event_form())
    event = Event.objects.get()
    assert (event.created_by, event.updated_by, event.created_at) == (
        editor,
        editor,
        datetime(2026, 11, 27, 9, tzinfo=UTC),
    )
    editor.delete()
    event.refresh_from_db()
    assert event.created_by is None and event.history.first().history_user is None


def test_duplicating_an_event_makes_a_draft_copy_with_its_own_calendar_identity(client, staff):
    staff("Editors")
    original = EventFactory(slug="forum", status=Status.PUBLISHED, organiser=AgencyFactory())
    original.topics.add(TopicFactory())
    client.post(LIST_URL, {"action": "duplicate_selected", "_selected_action": [original.pk]})
    client.post(LIST_URL, {"action": "duplicate_selected", "_selected_action": [original.pk]})
    copies = Event.objects.exclude(pk=original.pk).order_by("pk")
    assert [copy.slug for copy in copies] == ["forum-copy", "forum-copy-2"]
    for copy in copies:
        assert copy.status == Status.DRAFT and copy.uid != original.uid and copy.sequence == 0
        assert list(copy.topics.all()) == list(original.topics.all())
        assert copy.organiser == original.organiser and copy.starts_at == original.starts_at


@pytest.mark.parametrize("model", ["agency", "topic"])
def test_an_editor_cannot_publish_other_kinds_of_record_either(client, staff, model):
    staff("Editors")
    if model == "agency":
        record = AgencyFactory(status=Status.DRAFT)
        data = {
            "name_en": record.name_en,
            "acronym": record.acronym,
            "slug": record.slug,
            "kind": record.kind,
            "joined_on": "2006-01-01",
            "joined_precision": "year",
            "summary_en": "s",
            "account_en": "a",
            **inline_management("constituents"),
            **inline_management("chairmanships"),
        }
    else:
        record = TopicFactory(status=Status.DRAFT)
        data = {"name_en": record.name_en, "slug": record.slug, "position": 1, "description_en": ""}
    url = reverse(f"admin:{record._meta.app_label}_{model}_change", args=[record.pk])
    assert client.post(url, {**data, "status": "published"}).status_code == 302
    record.refresh_from_db()
    assert record.status == Status.DRAFT
    record.status = Status.PUBLISHED
    record.save()
    assert client.post(url, {**data, "status": "draft"}).status_code == 302  # a proposed change, without its status
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED


def read_only_values(page):
    """{label: shown value} of every read-only field of an admin page."""
    return re.findall(r'<label>([^<]+):</label>\s*<div class="readonly">([^<]*)</div>', page)


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (  # a start time and no end
            {"starts_at": datetime(2011, 3, 1, 8, tzinfo=UTC), "ends_at": None},
            ["1 March 2011", "09:00", "1 March 2011", "-"],
        ),
        (  # all day, 1 and 2 March at the venue
            {
                "starts_at": datetime(2011, 2, 28, 23, tzinfo=UTC),
                "ends_at": datetime(2011, 3, 2, 23, tzinfo=UTC),
                "all_day": True,
            },
            ["1 March 2011", "-", "2 March 2011", "-"],
        ),
    ],
)
def test_a_reader_sees_a_published_event_with_empty_fields_and_never_sees_none(client, django_user_model, when, shown):
    # Editors change published events now (as proposed changes): a staff member who may only view reads the page.
    reader = django_user_model.objects.create_user("reader", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename__in=["view_event", "view_chairmanship"]))
    client.force_login(reader)
    term = ChairmanshipFactory()
    event = EventFactory(chairmanship=term, venue="", organiser=None, publish_from=None, external_url="", **when)
    response = client.get(change_url(event))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    page = response.content.decode()
    assert "None" not in page
    values = dict(read_only_values(page))
    assert [
        values[label] for label in ("First day at the venue", "Start time", "Last day at the venue", "End time")
    ] == shown
    assert [values[label] for label in ("Venue", "Organiser", "Publish from", "External link")] == ["-"] * 4
    # The same event, read-only among its term's events.
    page = client.get(reverse("admin:themes_chairmanship_change", args=[term.pk])).content.decode()
    assert "None" not in page
    inline = [
        value
        for label, value in read_only_values(page)
        if label in ("First day at the venue", "Start time", "Last day at the venue", "End time")
    ]
    assert inline == shown
