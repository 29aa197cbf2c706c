"""Issue 11: a double-clicked Save, or Back then Save, makes exactly one record and the editor sees one success,
in Debian's headless Chromium. The old code saved the event, then showed "Event with this Slug already exists".
The Save buttons are disabled once the form is sent (static/js/save-once.js), and the server lands a second post
of the same form on the saved event (core/safe_save.py)."""

import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse

from events.models import Event
from gmg_portal.tests.pages import sign_in
from testing import staff_member

try:
    from playwright.sync_api import expect
except ImportError:  # the chromium fixture skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

ADD = reverse("admin:events_event_add")
WAIT = 30  # seconds; only a hang would reach it


@pytest.fixture
def page(chromium, live_server):
    staff_member("editor")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = sign_in(context.new_page(), live_server.url, "editor")
    yield page
    context.close()


class SlowAnswer:
    """The live server answers the first post of the add form only once let (answer.set()), as over a slow
    network: the event is saved and committed at once, its answer waits. Any later post is answered at once."""

    def __init__(self):
        self.saved, self.answer = threading.Event(), threading.Event()

    def serve(self, serve, handler, environ, start_response):
        first = environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"] == ADD and not self.saved.is_set()
        response = serve(handler, environ, start_response)
        if first:
            self.saved.set()
            self.answer.wait(WAIT)
        return response


@pytest.fixture
def slow_answer(monkeypatch):
    slow, serve = SlowAnswer(), WSGIHandler.__call__
    monkeypatch.setattr(WSGIHandler, "__call__", lambda *args: slow.serve(serve, *args))
    yield slow
    slow.answer.set()  # never leaves a thread of the live server waiting


def fill_in_an_event(page):
    page.get_by_role("row", name="Events").get_by_role("link", name="Add").click()
    page.locator("#id_title_en").fill("Expert meeting on migration data")
    page.get_by_label("Kind").select_option(index=1)
    page.get_by_label("Start date").fill("2031-05-06")
    page.get_by_role("combobox", name="Time zone of the venue").fill("Europe/Zurich")  # typed exactly
    page.locator("#id_description_en").fill("Experts of the Group meet on **migration data**.")


def one_success_and_no_error(page, heading="Select event to change"):
    """What the editor sees: the page the save leads to, one message, a success, no error; and one event."""
    expect(page.locator("#content h1")).to_have_text(heading)
    expect(page.locator("ul.messagelist li")).to_have_count(1)
    expect(page.locator(".errornote, .errorlist")).to_have_count(0)
    assert Event.objects.count() == 1


def test_a_double_click_whose_first_post_reached_the_server_makes_one_event_and_one_success(page, slow_answer):
    """The second click comes while the first post's answer is on its way: the server has saved the event. (Of two
    submits in one moment, as dblclick() makes them, Chromium sends only the second: that held on the old code.)
    On the old code the second post was sent, and the editor saw "Event with this Slug already exists"."""
    fill_in_an_event(page)
    save = page.get_by_role("button", name="Save", exact=True)
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    where = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(*where)  # the mouse, not the button's locator, whose click waits for the page it leads to
    assert slow_answer.saved.wait(WAIT), "the first post never reached the server"
    page.mouse.click(*where)  # the second click, at the same place, enabled button or not
    # Chromium has taken the click (and the old code's page has begun to send its form again) before the first
    # answer goes: a form sent again is sent before any answer to the first could come back through the network.
    slow_answer.answer.set()
    one_success_and_no_error(page)
    expect(page.locator("ul.messagelist li")).to_contain_text("was added successfully")


def test_back_then_save_lands_on_the_saved_event_with_a_notice(page):
    """On the old code the second Save showed "Event with this Slug already exists"."""
    fill_in_an_event(page)
    page.get_by_role("button", name="Save", exact=True).click()
    one_success_and_no_error(page)
    expect(page.locator("ul.messagelist li")).to_contain_text("was added successfully")
    page.go_back()  # the add form again, as the browser restores it
    expect(page.locator("#id_title_en")).to_have_value("Expert meeting on migration data")
    page.get_by_role("button", name="Save", exact=True).click()
    one_success_and_no_error(page, heading="Change event")
    expect(page.locator("ul.messagelist li")).to_have_text(["This form was already saved: here is the event it saved."])
