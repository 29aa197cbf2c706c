"""A person double-clicks Save on the event add page, in Debian's headless Chromium: one event, one success,
no error. The Save buttons are disabled once the form is sent (static/js/save-once.js), and the server would land
a second post of the same form on the saved event anyway (core/safe_save.py)."""

import pytest
from django.urls import reverse

from events.models import Event
from gmg_portal.tests.pages import headless_chromium
from testing import poll

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
    page.get_by_label("Time zone of the venue").select_option("Europe/Zurich")
    page.get_by_label("Description").fill("Experts of the Group meet on **migration data**.")


def saved_once(page):
    expect(page.locator("#content h1")).to_have_text("Select event to change")
    messages = page.locator("ul.messagelist li")
    expect(messages).to_have_count(1)
    expect(messages).to_contain_text("was added successfully")
    assert Event.objects.count() == 1


def test_a_double_click_on_save_makes_one_event_and_one_success(page):
    fill_in_an_event(page)
    page.get_by_role("button", name="Save", exact=True).dblclick()
    saved_once(page)


def test_save_is_disabled_once_the_form_is_sent_so_a_second_click_sends_nothing(page):
    """A slower double click: the second click comes once the form has gone to the server and its answer is
    awaited. (Of two submits in one moment, which dblclick() makes, Chromium sends only one.) The answer is held
    back here, as a slow server's is, until the second click is made."""
    held, posts = [], []

    def answer_late(route):
        if route.request.method != "POST":
            route.continue_()
            return
        posts.append(route.request.url)
        held.append((route, route.fetch(max_redirects=0)))  # the server has saved; the browser still waits

    fill_in_an_event(page)
    page.route("**/admin/events/event/add/", answer_late)
    save = page.get_by_role("button", name="Save", exact=True)
    save.click(no_wait_after=True)  # the page waits for the answer held back
    poll(lambda: page.evaluate("0") or held, bool, seconds=30)  # each look lets Playwright run answer_late
    expect(save).to_be_disabled()
    expect(page.get_by_role("button", name="Save and continue editing")).to_be_disabled()
    save.click(force=True, no_wait_after=True)  # as a person clicks again, whether or not the button answers
    page.keyboard.press("Enter")
    route, answer = held[0]
    route.fulfill(response=answer)
    saved_once(page)
    assert len(posts) == 1


def test_back_then_save_lands_on_the_saved_event_with_a_notice(page):
    fill_in_an_event(page)
    page.get_by_role("button", name="Save", exact=True).click()
    saved_once(page)
    page.go_back()  # the add form again, as the browser restores it
    expect(page.get_by_label("Title")).to_have_value("Expert meeting on migration data")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#content h1")).to_have_text("Change event")
    expect(page.locator("ul.messagelist li")).to_have_text(["This form was already saved: here is the event it saved."])
    assert Event.objects.count() == 1
