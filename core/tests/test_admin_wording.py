"""How the admin words what it shows: counts in the singular or the plural, and breadcrumbs that name the app
apart from its model."""

import pytest
from django.urls import reverse

from events.models import Event
from themes.models import Chairmanship

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("count", "told"), [(1, "1 chairmanship published."), (2, "2 chairmanships published.")])
def test_publishing_from_the_list_counts_in_the_singular_or_the_plural(staff_client, seeded, count, told):
    terms = Chairmanship.objects.order_by("pk")[:count]
    Chairmanship.objects.filter(pk__in=[term.pk for term in terms]).update(status="draft")
    response = staff_client.post(
        reverse("admin:themes_chairmanship_changelist"),
        {"action": "publish_selected", "_selected_action": [term.pk for term in terms]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == [told]


def test_duplicating_one_event_says_one_copy(staff_client, seeded):
    event = Event.objects.order_by("pk").first()
    response = staff_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "duplicate_selected", "_selected_action": [event.pk]},
        follow=True,
    )
    (message,) = [str(message) for message in response.context["messages"]]
    assert message.startswith("1 draft copy made: ")


@pytest.mark.parametrize(
    ("url", "crumbs"),
    [
        ("admin:events_event_changelist", "Calendar</a>\n&rsaquo; Events"),
        ("admin:agencies_agency_changelist", "Members</a>\n&rsaquo; Agencies"),
        ("admin:themes_topic_changelist", "Chairs and topics</a>\n&rsaquo; Topics"),
    ],
)
def test_a_lists_breadcrumbs_name_its_app_apart_from_its_model(staff_client, url, crumbs):
    assert crumbs in staff_client.get(reverse(url)).content.decode()


def test_the_front_page_and_the_sidebar_list_the_content_first(staff_client):
    response = staff_client.get(reverse("admin:index"))
    names = [app["name"] for app in response.context["app_list"]]
    assert names[:4] == ["Members", "Chairs and topics", "Calendar", "Statements and publications"]
    assert "Authentication and Authorization" in names[4:]  # the superuser's other apps follow, in name order
    assert names[4:] == sorted(names[4:])
    sidebar = staff_client.get(reverse("admin:events_event_changelist")).context["available_apps"]
    assert [app["name"] for app in sidebar] == names
