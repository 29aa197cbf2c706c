"""The venue's time zone on the event form: found by city, country or zone, never guessed, checked against
the event's country; and the venue's times labelled as the venue's, without the admin's server-time note."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from events.forms import EventAdminForm
from events.models import Event
from events.tests.factories import EventFactory
from gmg_portal.tests.pages import require, sign_in
from testing import event_form, form_for, staff_member

ADD_URL = reverse("admin:events_event_add")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/shots-zones")


def zone_form(**fields):
    return EventAdminForm(data=event_form(**fields))


# The form, without a browser ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("Geneva", "Switzerland", "Europe/Zurich"),
        ("Europe/Zurich", "Switzerland", "Europe/Zurich"),
        ("CET", "Belgium", "Europe/Brussels"),
        ("US/Eastern", "United States", "America/New_York"),
        ("Nairobi", "", "Africa/Nairobi"),
        ("Kenya", "Kenya", "Africa/Nairobi"),
    ],
)
def test_a_place_or_zone_typed_without_the_script_saves_its_zone(staff_client, typed, country, stored):
    response = staff_client.post(ADD_URL, event_form(timezone=typed, city="Geneva", country=country))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get().timezone == stored


@pytest.mark.django_db
def test_cet_without_a_country_is_the_zone_the_database_names_for_it():
    form = zone_form(timezone="CET")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["timezone"] == "Europe/Brussels"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Genva", "“Genva” is not a time zone or a place we know. Nearest: Europe/Zurich (Geneva, Switzerland)"),
        (
            "Gaborone?",
            "“Gaborone?” is not a time zone or a place we know. Nearest: Africa/Gaborone (Gaborone, Botswana)",
        ),
        ("xqzt", "“xqzt” is not a time zone or a place we know. Type a city, a country or a zone"),
        ("United States", "“United States” is in several time zones: America/New_York (New York City, United"),
    ],
)
def test_a_value_that_is_no_zone_nor_a_known_place_is_an_error_naming_the_nearest(typed, message):
    form = zone_form(timezone=typed)
    assert not form.is_valid()
    assert form.errors["timezone"][0].startswith(message), form.errors["timezone"]


@pytest.mark.django_db
def test_a_zone_of_another_country_is_saved_only_once_confirmed(staff_client):
    data = event_form(timezone="America/New_York", city="Geneva", country="Switzerland")
    response = staff_client.post(ADD_URL, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["timezone"] == [
        "America/New_York is not a time zone of Switzerland (its zones: Europe/Zurich). Choose one of those, or "
        "tick “Save with this zone anyway” below to keep America/New_York."
    ]
    page = response.content.decode()
    assert re.search(r'<input type="checkbox" name="zone_confirmed"[^>]*id="id_zone_confirmed"', page)
    assert "Save with this zone anyway" in page
    assert not Event.objects.exists()

    response = staff_client.post(ADD_URL, {**data, "zone_confirmed": "on"})
    assert response.status_code == 302
    assert Event.objects.get().timezone == "America/New_York"


@pytest.mark.django_db
def test_the_confirmation_box_is_hidden_until_asked_and_a_confirmed_event_is_not_asked_again(staff_client):
    page = staff_client.get(ADD_URL).content.decode()
    assert '<input type="hidden" name="zone_confirmed"' in page
    event = EventFactory(timezone="Europe/Zurich", country="Germany", city="Büsingen")
    change = reverse("admin:events_event_change", args=[event.pk])
    response = staff_client.post(change, form_for(event, description="Changed."))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    event.country_en = "France"
    event.save()
    response = staff_client.post(change, form_for(event, country="Austria"))
    assert response.status_code == 200
    assert "is not a time zone of Austria" in response.context["adminform"].form.errors["timezone"][0]


@pytest.mark.django_db
def test_the_seed_events_open_and_save_unchanged(staff_client, seeded):
    for event in Event.objects.all():
        response = staff_client.post(
            reverse("admin:events_event_change", args=[event.pk]), form_for(event, venue=event.venue, city=event.city)
        )
        assert response.status_code == 302, (event.slug, response.context["adminform"].form.errors)
        assert Event.objects.get(pk=event.pk).timezone == event.timezone


@pytest.mark.django_db
def test_the_venue_times_say_they_are_the_venues_and_carry_no_server_time_note(staff_client):
    page = staff_client.get(ADD_URL).content.decode()
    assert "Local time at the venue, in the venue's time zone below." in page
    # The admin's script adds its "N hours ahead of server time" note only where none is yet (timezonewarning).
    note = r'<span class="help timezonewarning"[^>]*>At the venue</span>'
    for name in ["start_date", "start_time", "end_date", "end_time"]:
        assert re.search(rf'name="{name}"[^>]*>\s*{note}', page), name
    assert 'data-zones="/static/core/zones.json"' in page and 'data-country-field="country_en"' in page
    assert '<script src="/static/core/zone-picker.js">' in page


# In the browser --------------------------------------------------------------------------------------

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture
def editor(transactional_db):
    return staff_member("editor")


def open_add_page(chromium, live_server, viewport, audited=False, clicks=None):
    """Signs in through the form and clicks to the event add page, in a browser 9 hours ahead of the server;
    `clicks` counts from the admin's front page.

    The policy forbids inline scripts, as which axe is injected: an audited page lets the auditor past it;
    any other reports each script error and breach of the policy."""
    context = chromium.new_context(viewport=VIEWPORTS[viewport], timezone_id="Asia/Tokyo", bypass_csp=audited)
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, live_server.url, "editor")
    if clicks is not None:
        clicks.start(page)
    page.locator(".app-events").get_by_role("link", name="Events", exact=True).last.click()
    page.get_by_role("link", name=re.compile("Add event")).click()
    page.wait_for_url(re.compile(r"/events/event/add/$"))
    return context, page, errors


def fill_the_event(page):
    page.locator("#id_title_en").fill("Forum on migration and health")
    page.locator("#id_kind").select_option("meeting")
    page.locator("#id_start_date").fill("2031-05-12")
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("12:00")
    page.locator("#id_description_en").fill("A meeting.")


# What this part owns on the page; the rest of the admin's form (its select2 boxes, "publish from") is
# audited with every admin page.
AUDITED = [".field-country_en", ".field-timezone", ".field-start_date", ".field-start_time", ".field-end_date"]


def audit(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (include) => (await axe.run({include: include.map(selector => [selector])})).violations"
        ".map(v => `${v.id}: ${v.help} ${v.nodes.map(n => n.target).join(' ')}`)",
        AUDITED,
    )


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_editor_types_geneva_chooses_its_zone_and_saves(chromium, live_server, editor, clicks, viewport):
    from playwright.sync_api import expect

    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    context, page, errors = open_add_page(chromium, live_server, viewport, audited=True, clicks=clicks)
    fill_the_event(page)
    page.locator("#id_city_en").fill("Geneva")
    page.locator("#id_country_en").fill("Switzerland")
    # The venue's times are the venue's: the admin's note on the browser's clock is not under them.
    for name in ["start_date", "start_time", "end_date", "end_time"]:
        row = page.locator(f".field-{name}")
        expect(row).to_contain_text("At the venue")
        expect(row).not_to_contain_text("server time")
        # Nor a shortcut that reads the computer's clock, 9 hours from the server's and from Geneva.
        expect(row.get_by_role("link", name=re.compile("^(Today|Now)$"))).to_have_count(0)
    checking = clicks.of(page)  # the clock's clicks below check the page; they are no part of the editor's task
    page.locator(".field-start_time").get_by_title("Choose a Time").click()
    clock = page.locator(".clockbox").filter(visible=True)  # the time picker's choices stay, "Now" aside
    expect(clock.get_by_role("link")).to_have_text(["Midnight", "6 a.m.", "Noon", "6 p.m.", "Cancel"])
    clock.get_by_role("link", name="Noon").click()
    expect(page.locator("#id_start_time")).to_have_value("12:00:00")
    page.locator("#id_start_time").fill("10:00")
    checking = clicks.of(page) - checking

    SHOTS.mkdir(exist_ok=True)
    page.locator(".field-start_date").evaluate("row => row.scrollIntoView()")
    page.screenshot(path=str(SHOTS / f"venue-times-{viewport}.png"))

    zone = page.get_by_role("combobox", name="Time zone of the venue")
    zone.press_sequentially("Geneva")
    suggestions = page.get_by_role("listbox", name="Time zones found")
    expect(suggestions).to_be_visible()
    choice = suggestions.get_by_role("option").filter(has_text="Europe/Zurich")
    expect(choice).to_contain_text("Geneva")
    expect(choice).to_contain_text("Switzerland")
    expect(zone).to_have_value("Geneva")  # nothing chosen until the editor chooses
    page.locator(".field-end_time" if viewport == "desktop" else ".field-country_en").evaluate(
        "row => row.scrollIntoView()"
    )
    page.screenshot(path=str(SHOTS / f"picker-open-{viewport}.png"))
    problems = audit(page)
    assert problems == [], "\n".join(problems)
    before = clicks.of(page)
    choice.click()
    expect(zone).to_have_value("Europe/Zurich")
    assert clicks.of(page) - before == 1  # "Geneva" typed, then its zone in the list
    expect(suggestions).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")
    assert clicks.of(page) - checking == 6  # Events, Add event, the kind (2), Geneva's zone, Save
    event = Event.objects.get(title_en="Forum on migration and health")
    assert event.timezone == "Europe/Zurich"
    assert event.local_start.strftime("%Y-%m-%d %H:%M") == "2031-05-12 10:00"
    page.get_by_role("link", name="Forum on migration and health").first.click()
    expect(page.get_by_label("Time zone of the venue")).to_have_value("Europe/Zurich")
    assert errors == []
    context.close()


def test_the_keyboard_alone_chooses_a_zone_of_the_country_and_is_warned_of_another(chromium, live_server, editor):
    from playwright.sync_api import expect

    context, page, errors = open_add_page(chromium, live_server, "desktop")
    fill_the_event(page)
    page.locator("#id_country_en").fill("Kenya")
    zone = page.get_by_role("combobox", name="Time zone of the venue")
    zone.focus()
    # The country narrows the list: with nothing typed, Down shows Kenya's zones.
    page.keyboard.press("ArrowDown")
    suggestions = page.get_by_role("listbox", name="Time zones found")
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option")).to_contain_text("Africa/Nairobi")
    expect(page.get_by_role("status").filter(has_text="1 time zone of Kenya found.")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(suggestions).to_be_hidden()
    # Typing never picks: Enter with no option moved to would send the form, so it is not pressed here.
    page.keyboard.type("Bangkok")
    expect(zone).to_have_value("Bangkok")
    page.keyboard.press("ArrowDown")
    expect(zone).to_have_attribute("aria-activedescendant", re.compile("suggestions-0"))
    page.keyboard.press("Enter")
    expect(zone).to_have_value("Asia/Bangkok")
    expect(page.locator(".zone-picker-warning")).to_have_text(
        "Asia/Bangkok is not a time zone of Kenya (its zones: Africa/Nairobi)."
    )
    SHOTS.mkdir(exist_ok=True)
    page.locator(".field-country_en").evaluate("row => row.scrollIntoView()")
    page.screenshot(path=str(SHOTS / "picker-warning-desktop.png"))
    # Sent all the same, the form asks to confirm, and saves nothing.
    page.keyboard.press("Enter")
    expect(page.locator(".field-timezone .errorlist")).to_contain_text("Asia/Bangkok is not a time zone of Kenya")
    expect(page.get_by_label("Save with this zone anyway")).not_to_be_checked()
    page.locator(".field-country_en").evaluate("row => row.scrollIntoView()")
    page.screenshot(path=str(SHOTS / "server-confirm-desktop.png"))
    assert not Event.objects.exists()
    zone.focus()
    page.keyboard.press("Control+a")
    page.keyboard.type("Nairobi")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(zone).to_have_value("Africa/Nairobi")
    expect(page.locator(".zone-picker-warning")).to_have_text("")
    # With the list closed, Enter sends the form, as in any text box.
    page.keyboard.press("Enter")
    expect(page.locator("ul.messagelist")).to_contain_text("was added successfully")
    assert Event.objects.get(title_en="Forum on migration and health").timezone == "Africa/Nairobi"
    assert errors == []
    context.close()


def test_what_is_typed_before_the_zones_arrive_is_answered_when_they_do(chromium, live_server, editor):
    """On a slow line the zones' data comes after the editor starts typing: the list opens when it comes, for what
    is in the box, with no further key pressed (CI's loaded machine showed nothing, as a slow line would)."""
    from playwright.sync_api import expect

    context, page, errors = open_add_page(chromium, live_server, "desktop")
    held = []
    page.route("**/core/zones.json", lambda route: held.append(route))
    page.reload()
    zone = page.get_by_role("combobox", name="Time zone of the venue")
    zone.press_sequentially("Nairobi")
    suggestions = page.get_by_role("listbox", name="Time zones found")
    assert len(held) == 1  # the data is still on its way
    expect(suggestions).to_be_hidden()
    held[0].continue_()
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option")).to_contain_text("Africa/Nairobi")
    expect(page.get_by_role("status").filter(has_text="1 time zone found.")).to_have_count(1)
    expect(zone).to_have_value("Nairobi")  # shown, not chosen
    assert errors == []
    context.close()
