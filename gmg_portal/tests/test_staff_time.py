"""Each staff member's own time zone in the admin (My settings), and only in the admin."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.models import StaffSettings
from core.staff_time import StaffTimeZoneMiddleware
from events.models import Event
from testing import event_form

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:events_event_add")
MY_SETTINGS = reverse("my_settings")
# A moment when Zurich is two hours ahead of UTC (summer time), and one when it is one hour ahead.
SUMMER = datetime(2027, 6, 1, 12, tzinfo=UTC)
WINTER = datetime(2027, 1, 15, 12, tzinfo=UTC)


@pytest.fixture
def at_summer():
    with time_machine.travel(SUMMER, tick=False):
        yield


def signed_in(django_user_model, name, role, zone=None):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if zone:
        StaffSettings.objects.create(user=user, time_zone=zone)
    client = Client()
    client.force_login(user)
    return client


def change_page(client, event):
    return client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()


def test_a_publisher_enters_and_reads_publish_from_in_her_own_zone(django_user_model, at_summer):
    zurich = signed_in(django_user_model, "zurich", "Publishers", "Europe/Zurich")
    response = zurich.post(
        ADD_URL,
        event_form(status="published", publish_from_0="2027-06-10", publish_from_1="09:30", start_date="2027-06-20"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.publish_from == datetime(2027, 6, 10, 7, 30, tzinfo=UTC)
    page = change_page(zurich, event)
    assert 'name="publish_from_0" value="2027-06-10"' in page and 'name="publish_from_1" value="09:30:00"' in page
    assert "In your time zone, Europe/Zurich (" in page
    assert f'<a href="{MY_SETTINGS}">change it in My settings</a>' in page

    # Another staff member, in the portal's zone, sees the same moment in hers: nothing leaks between them.
    portal = signed_in(django_user_model, "portal", "Publishers")
    page = change_page(portal, event)
    assert 'name="publish_from_1" value="07:30:00"' in page and "In your time zone, UTC (" in page
    assert 'name="publish_from_1" value="09:30:00"' in change_page(zurich, event)


def test_an_editor_reads_the_stamps_and_a_read_only_publish_from_labelled_with_her_zone(django_user_model, at_summer):
    editor = signed_in(django_user_model, "editor", "Editors", "America/New_York")
    editor.post(ADD_URL, event_form(status="draft"))
    event = Event.objects.get()
    Event.objects.filter(pk=event.pk).update(publish_from=datetime(2027, 6, 10, 7, 30, tzinfo=UTC))
    page = change_page(editor, event)
    assert "10 June 2027, 03:30" in page  # publish from, read-only to an editor
    assert "1 June 2027, 08:00" in page  # created and updated at noon UTC
    assert page.count("In your time zone, America/New_York (") >= 3  # publish from, created at, updated at


def test_the_history_shows_when_each_change_was_made_in_each_reader_zone(django_user_model):
    with time_machine.travel(WINTER, tick=False):
        zurich = signed_in(django_user_model, "zurich", "Publishers", "Europe/Zurich")
        zurich.post(ADD_URL, event_form())
        event = Event.objects.get()
        history = reverse("admin:events_event_history", args=[event.pk])
        assert "15 Jan 2027 13:00 (Europe/Zurich)" in zurich.get(history).content.decode()
        portal = signed_in(django_user_model, "portal", "Publishers")
        page = portal.get(history).content.decode()
        assert "15 Jan 2027 12:00 (UTC)" in page and "13:00" not in page


def test_the_zone_is_the_admin_only_and_ends_with_each_request(django_user_model):
    user = django_user_model.objects.create_user("zurich", is_staff=True)
    StaffSettings.objects.create(user=user, time_zone="Europe/Zurich")
    visitor = django_user_model.objects.create_user("visitor")
    seen = []

    def view(request):
        seen.append(timezone.get_current_timezone_name())
        return

    middleware = StaffTimeZoneMiddleware(view)
    for path, who in [(reverse("admin:index"), user), ("/en/events/", user), (reverse("admin:index"), visitor)]:
        request = RequestFactory().get(path)
        request.user = who
        middleware(request)
        assert timezone.get_current_timezone_name() == "UTC"
    assert seen == ["Europe/Zurich", "UTC", "UTC"]


def test_public_pages_and_their_cache_are_the_same_for_everyone(django_user_model, client):
    zurich = signed_in(django_user_model, "zurich", "Publishers", "Europe/Zurich")
    assert zurich.get(reverse("admin:index")).status_code == 200
    first = client.get("/en/events/")
    assert first["X-Page-Cache"] == "miss"
    staff_page = zurich.get("/en/events/")
    assert staff_page.get("X-Page-Cache") is None  # staff are never served from the cache, nor stored in it
    assert client.get("/en/events/")["X-Page-Cache"] == "hit"
    assert staff_page.content.decode().count("UTC") == first.content.decode().count("UTC")


def test_my_settings_is_linked_beside_change_password_and_changes_only_mine(django_user_model):
    mine = signed_in(django_user_model, "mine", "Editors")
    other = signed_in(django_user_model, "other", "Editors", "Asia/Bangkok")
    index = mine.get(reverse("admin:index")).content.decode()
    password = reverse("admin:password_change")
    assert re.search(rf'<a href="{MY_SETTINGS}">My settings</a> /\s*<a href="{password}">Change password</a>', index)
    page = mine.get(MY_SETTINGS)
    assert page.status_code == 200
    form = page.context["form"]
    assert (form["time_zone"].value(), form["review_emails"].value()) == ("UTC", True)
    assert "The portal's own zone, UTC, is everyone's until they choose theirs." in page.content.decode()

    response = mine.post(MY_SETTINGS, {"time_zone": "Europe/Zurich"})  # the switch unticked: no emails
    assert response.status_code == 302 and response.url == MY_SETTINGS
    settings = StaffSettings.objects.get(user__username="mine")
    assert (settings.time_zone, settings.review_emails) == ("Europe/Zurich", False)
    assert "Times in the admin are now in Europe/Zurich." in mine.get(MY_SETTINGS).content.decode()
    assert "In your time zone, Europe/Zurich (" in mine.get(ADD_URL).content.decode()  # at once
    assert StaffSettings.objects.get(user__username="other").time_zone == "Asia/Bangkok"
    assert "In your time zone, Asia/Bangkok (" in other.get(ADD_URL).content.decode()


def test_my_settings_finds_the_zone_of_a_place(django_user_model):
    mine = signed_in(django_user_model, "mine", "Editors")
    assert mine.post(MY_SETTINGS, {"time_zone": "Geneva"}).status_code == 302
    assert StaffSettings.objects.get(user__username="mine").time_zone == "Europe/Zurich"


@pytest.mark.parametrize("zone", ["Genva", "Europe/Geneva", "", "../etc/passwd"])
def test_my_settings_refuses_what_is_not_a_time_zone(django_user_model, zone):
    mine = signed_in(django_user_model, "mine", "Editors")
    response = mine.post(MY_SETTINGS, {"time_zone": zone, "review_emails": "on"})
    assert response.status_code == 200 and response.context["form"].errors["time_zone"]
    assert not StaffSettings.objects.exists()


def test_my_settings_is_for_staff_only(client, django_user_model):
    assert client.get(MY_SETTINGS).url.startswith(reverse("admin:login"))
    client.force_login(django_user_model.objects.create_user("visitor"))
    assert client.post(MY_SETTINGS, {"time_zone": "Europe/Zurich"}).url.startswith(reverse("admin:login"))
    assert not StaffSettings.objects.exists()
