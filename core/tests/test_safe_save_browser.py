"""A person double-clicks Save on the event add page, in Debian's headless Chromium: one event, one success,
no error. The Save buttons are disabled once the form is sent (static/js/save-once.js), and the server would land
a second post of the same form on the saved event anyway (core/safe_save.py)."""

import pytest
from django.urls import reverse

from events.models import Event
from gmg_portal.tests.pages import headless_chromium

try:
    from playwright.sync_api import expect
except ImportError:  # headless_chromium skips (or fails in CI) with a clear reason
    expect = None

PASSWORD = "a-long-test-password"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def chromium():
    with headless_chromium() as browser:
        yield browser


@pytest.fixture
def page(chromium, live_server, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#content h1")).to_have_text("Content of the Global Migration Group")
    yield page
    context.close()


def fill_in_an_event(page):
    page.get_by_role("row", name="Events").get_by_role("link", name="Add").click()
    page.get_by_label("Title").fill("Expert meeting on migration data")
    page.get_by_label("Kind").select_option(index=1)
    page.get_by_label("Start date").fill("2031-05-06")
    page.get_by_role("combobox", name="Time zone of the venue").fill("Europe/Zurich")  # typed exactly
    page.get_by_label("Description").fill("Experts of the Group meet on **migration data**.")


def saved_once(page):
    expect(page.locator("#content h1")).to_have_text("Select event to change")
    messages = page.locator("ul.messagelist li")
    expect(messages).to_have_count(1)
    expect(messages).to_contain_text("was added successfully")
    assert Event.objects.count() == 1


def test_a_double_click_on_save_makes_one_event_and_one_success(page):
    """Of two submits in one moment, as dblclick() makes them, Chromium sends only the second: this held on the
    old code too. A slower double click, whose first post reached the server, is the same form posted twice
    (test_safe_save.py, at the same moment on both databases) or, once answered, Back then Save (below)."""
    fill_in_an_event(page)
    page.get_by_role("button", name="Save", exact=True).dblclick()
    saved_once(page)


def test_back_then_save_lands_on_the_saved_event_with_a_notice(page):
    """On the old code the second Save showed "Event with this Slug already exists"."""
    fill_in_an_event(page)
    page.get_by_role("button", name="Save", exact=True).click()
    saved_once(page)
    page.go_back()  # the add form again, as the browser restores it
    expect(page.get_by_label("Title")).to_have_value("Expert meeting on migration data")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#content h1")).to_have_text("Change event")
    expect(page.locator("ul.messagelist li")).to_have_text(["This form was already saved: here is the event it saved."])
    assert Event.objects.count() == 1
