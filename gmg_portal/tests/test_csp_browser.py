"""The Content Security Policy in a real browser (Debian's headless Chromium, at /usr/bin/chromium).

The policy (CONTENT_SECURITY_POLICY in gmg_portal/settings/base.py) allows no inline script, style
attribute, <style> block, javascript: address or eval. A test request cannot tell whether a page
breaks it: only a browser applying the header can. Here every public page and every kind of admin
page (change forms with inlines, history and revert pages of django-simple-history, import and
export pages of django-import-export, previews, popups, sign-in) is opened by a superuser signed in
through the real form, and every violation is caught by a `securitypolicyviolation` listener
installed before any page script runs, and by the console. The admin's widgets are then used, to
show that they still work under the policy.

Three package templates broke the policy (django-simple-history's history list, django-import-export's
export form, whose "Select all" stopped working, and its import preview's change marks): the portal
overrides them (templates/simple_history/, templates/admin/import_export/, core.resources.PlainDiff),
and the last tests below open each of those pages on its own.

    .venv/bin/python -m pytest gmg_portal/tests/test_csp_browser.py -q -p no:logging
"""

import re
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from testing import events_csv, import_row, staff_member

from .pages import SEED_PAGES, sign_in

try:
    from playwright.sync_api import expect
except ImportError:  # the `chromium` fixture skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every document (popups included) before its first script: each violation is kept, with
# the element it concerns when there is one (style and event-handler attributes), since the policy
# has no 'report-sample' and the event's own sample is then empty.
LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  const element = event.target instanceof Element ? event.target.outerHTML.split('>')[0].slice(0, 200) + '>' : '';
  window.__cspViolations.push({
    page: location.pathname + location.search,
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample || element,
    source: event.sourceFile,
    line: event.lineNumber,
  });
}, true);
"""


class StaticFiles:
    """Serves each static file to the browser from memory after its first request: the live server
    sends them without caching headers, and the admin's 20-odd files would be fetched on every page."""

    def __init__(self):
        self.files = {}

    def __call__(self, route):
        path = urlsplit(route.request.url).path
        if path not in self.files:
            response = route.fetch()
            self.files[path] = {"status": response.status, "headers": response.headers, "body": response.body()}
        route.fulfill(**self.files[path])


def page_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Watch:
    """Everything a browser context's pages report: CSP violations, CSP console messages, script errors."""

    def __init__(self, context):
        self.violations = []
        self.console = []  # CSP messages: (page, text)
        self.errors = []  # uncaught exceptions and other console errors: (page, text)
        context.add_init_script(LISTENER)
        context.on("page", self.attach)

    def attach(self, page):
        page.on("console", lambda message: self.on_console(page, message))
        page.on("pageerror", lambda error: self.errors.append((page_of(page.url), f"uncaught: {error}")))

    def on_console(self, page, message):
        if "Content Security Policy" in message.text:
            self.console.append((page_of(page.url), message.text))
        elif message.type == "error":
            self.errors.append((page_of(page.url), message.text))

    def check(self, page, label=None):
        """Collects what the page has reported so far (the events are dispatched in tasks of their own)."""
        found = page.evaluate(
            "() => new Promise(done => setTimeout(() => done((window.__cspViolations || []).splice(0)), 20))"
        )
        for violation in found:
            violation["label"] = label or violation["page"]
        self.violations.extend(found)
        return found

    def unexpected(self):
        """A description of every violation, and of every CSP console message or script error on a
        page where the listener caught nothing: empty when all is well."""
        problems = [describe(v) for v in self.violations]
        pages_with_violations = {v["page"] for v in self.violations}
        problems += [f"{page}: console: {text}" for page, text in self.console if page not in pages_with_violations]
        problems += [f"{page}: script error: {text}" for page, text in self.errors]
        return problems


def describe(violation):
    where = f" ({violation['source']}, line {violation['line']})" if violation["source"] else ""
    return (
        f"{violation['label']}: {violation['directive']} blocked {violation['blocked'] or 'inline'!r}: "
        f"{violation['sample'] or '(no sample)'}{where}"
    )


def no_problems(watch):
    problems = watch.unexpected()
    assert not problems, "Content Security Policy violations or script errors:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def static_files():
    return StaticFiles()


@pytest.fixture
def browser(chromium, static_files, live_server):
    """(page, watch, site): a fresh browser context (no cookies) whose every page is watched."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    context.route(f"{live_server.url}/static/**", static_files)
    watch = Watch(context)
    page = context.new_page()
    yield page, watch, live_server.url
    context.close()


@pytest.fixture
def records(db):
    """Real records, made by the factories: two members, one with a constituent and a term as chair
    with a topic, and an event of that term with topics and participants."""
    from agencies.tests.factories import AgencyFactory, ConstituentFactory
    from events.tests.factories import EventFactory
    from themes.tests.factories import ChairmanshipFactory, TopicFactory

    unhcr = AgencyFactory(name="United Nations High Commissioner for Refugees", acronym="UNHCR", slug="unhcr")
    iom = AgencyFactory(name="International Organization for Migration", acronym="IOM", slug="iom")
    who = AgencyFactory(name="World Health Organization", acronym="WHO", slug="who", status="draft")
    constituent = ConstituentFactory(agency=unhcr, acronym="UNHCR-HQ", name="Headquarters")
    topic = TopicFactory(name="Forced migration", slug="forced-migration")
    topic.agencies.add(unhcr, iom)
    term = ChairmanshipFactory(agency=unhcr, theme_title="Migration and youth", slug="unhcr-youth")
    term.topics.add(topic)
    event = EventFactory(
        title="GMG Principals meeting",
        slug="principals",
        organiser=unhcr,
        chairmanship=term,
        starts_at=datetime(2011, 3, 10, 8, tzinfo=UTC),
    )
    event.topics.add(topic)
    event.participants.add(unhcr, iom)
    return {
        "agency": unhcr,
        "other": iom,
        "draft": who,
        "constituent": constituent,
        "topic": topic,
        "term": term,
        "event": event,
    }


@pytest.fixture
def superuser(db):
    return staff_member("editor")


def signed_in(page, watch, site):
    """Through the real sign-in form (django-axes counts the attempt; a right password passes)."""
    sign_in(page, site, "editor", on_the_form=lambda page: watch.check(page, "sign-in page"))
    watch.check(page, "admin index")


def visit(page, watch, site, url, label=None):
    response = page.goto(site + url)  # the answer at the end of any redirects
    assert response.status == 200, f"{url}: HTTP {response.status}"
    watch.check(page, label or url)


def told(page, text):
    expect(page.locator("ul.messagelist")).to_contain_text(text)


def edit_in_the_admin(page, watch, site, agency, summary):
    """Changes a member's summary through its admin form: the history then has a change to show."""
    visit(page, watch, site, reverse("admin:agencies_agency_change", args=[agency.pk]))
    page.locator("#id_summary_en").fill(summary)
    page.locator("input[name=_save]").click()
    told(page, "was changed successfully")
    watch.check(page, "agency list after saving")


# The watch itself ----------------------------------------------------------------------------------

SELF_TEST_PAGE = """<!doctype html>
<html lang="en"><head><title>Self-test</title>
<style>p { color: red }</style>
<script>window.inlineScriptRan = true;</script>
<script src="/csp-self-test.js"></script>
</head><body><p style="color: red">Styled</p><a id="go" href="javascript:window.linkRan = true">Go</a></body></html>
"""
SELF_TEST_SCRIPT = "try { window.evalRan = eval('true'); } catch (error) { window.evalRan = false; }"


def test_the_watch_catches_every_kind_of_violation(browser):
    """A page served with the portal's own policy, breaking it in each way the admin could: the watch
    must see each one, or a clean result elsewhere would mean nothing."""
    page, watch, site = browser
    policy = page.request.get(site + reverse("admin:login")).headers["content-security-policy"]
    page.route(
        f"{site}/csp-self-test/",
        lambda route: route.fulfill(
            body=SELF_TEST_PAGE, content_type="text/html", headers={"Content-Security-Policy": policy}
        ),
    )
    page.route(
        f"{site}/csp-self-test.js", lambda route: route.fulfill(body=SELF_TEST_SCRIPT, content_type="text/javascript")
    )
    page.goto(f"{site}/csp-self-test/")
    page.locator("#go").click()
    found = watch.check(page, "self-test page")
    assert page.evaluate("[window.inlineScriptRan, window.evalRan, window.linkRan]") == [None, False, None]
    assert sorted((v["directive"], v["blocked"], v["sample"]) for v in found) == [
        ("script-src", "eval", ""),  # eval, in a script of the site's own
        ("script-src-elem", "inline", ""),  # the javascript: address
        ("script-src-elem", "inline", "<script>"),
        ("style-src-attr", "inline", '<p style="color: red">'),
        ("style-src-elem", "inline", "<style>"),
    ]
    assert len(watch.unexpected()) == 5 and watch.console  # and each would fail a test


# Public pages ----------------------------------------------------------------------------------


def test_no_public_page_breaks_the_policy(browser, seeded):
    page, watch, site = browser
    for url in SEED_PAGES:
        visit(page, watch, site, url)
    # Bootstrap's script runs: on a phone, the menu button unfolds the menu.
    page.set_viewport_size({"width": 375, "height": 740})
    main_menu = page.get_by_role("navigation", name="Main").get_by_role("link", name="Events")
    expect(main_menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(main_menu).to_be_visible()
    watch.check(page, "menu unfolded on a phone")
    response = page.goto(site + "/no-such-page/")
    assert response.status == 404
    watch.check(page, "404 page")
    # The browser logs the page's own status as an error: that one is expected.
    watch.errors = [
        (where, text) for where, text in watch.errors if not (where == "/no-such-page/" and "status of 404" in text)
    ]
    no_problems(watch)


def test_the_sign_in_page_its_errors_and_the_lockout_page_break_no_rule(browser, superuser):
    page, watch, site = browser
    page.goto(site + reverse("admin:login"))
    for attempt in range(5):
        page.get_by_label("Username").fill("editor")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        if attempt < 4:
            expect(page.locator("p.errornote")).to_contain_text("Please enter the correct username and password")
        watch.check(page, f"sign-in refused ({attempt + 1})")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed sign-ins")
    # The browser logs the lockout page's own status (429) as an error: that one is expected.
    login = reverse("admin:login")
    watch.errors = [(where, text) for where, text in watch.errors if not (where == login and "status of 429" in text)]
    no_problems(watch)


# Admin pages -----------------------------------------------------------------------------------


def admin_pages(records, user):
    """Every kind of admin page, with real records: (label, address)."""
    agency, other, constituent = records["agency"], records["other"], records["constituent"]
    topic, term, event = records["topic"], records["term"], records["event"]
    popup = "?_to_field=id&_popup=1"

    def admin(view, *args, query=""):
        return reverse(f"admin:{view}", args=args) + query

    def revert(view, record):
        return admin(view, record.pk, record.history.earliest().pk)

    return [
        ("app index", admin("app_list", "agencies")),
        ("password change", admin("password_change")),
        ("users", admin("auth_user_changelist")),
        ("user add form", admin("auth_user_add")),
        ("user change form", admin("auth_user_change", user.pk)),
        ("user password form", admin("auth_user_password_change", user.pk)),
        ("group add form", admin("auth_group_add")),
        ("group profile list", admin("agencies_groupprofile_changelist")),
        ("group profile add form", admin("agencies_groupprofile_add")),
        ("agency list", admin("agencies_agency_changelist")),
        ("agency list, searched", admin("agencies_agency_changelist", query="?q=refugees")),
        ("agency list, filtered", admin("agencies_agency_changelist", query="?current=yes&status__exact=published")),
        ("agency list, date hierarchy", admin("agencies_agency_changelist", query="?joined_on__year=2010")),
        ("agency add form", admin("agencies_agency_add")),
        ("agency add form in a popup", admin("agencies_agency_add", query=popup)),
        ("agency change form", admin("agencies_agency_change", agency.pk)),
        ("agency change form in a popup", admin("agencies_agency_change", other.pk, query=popup)),
        ("agency delete page", admin("agencies_agency_delete", other.pk)),
        ("agency delete page in a popup", admin("agencies_agency_delete", other.pk, query=popup)),
        ("agency preview", admin("agencies_agency_preview", agency.pk)),
        ("agency history", admin("agencies_agency_history", agency.pk)),
        ("agency revert form", revert("agencies_agency_simple_history", agency)),
        ("agency export form", admin("agencies_agency_export")),
        ("constituent list", admin("agencies_constituent_changelist")),
        ("constituent change form", admin("agencies_constituent_change", constituent.pk)),
        ("constituent history", admin("agencies_constituent_history", constituent.pk)),
        ("topic list (editable)", admin("themes_topic_changelist")),
        ("topic change form", admin("themes_topic_change", topic.pk)),
        ("topic preview", admin("themes_topic_preview", topic.pk)),
        ("topic history", admin("themes_topic_history", topic.pk)),
        ("topic revert form", revert("themes_topic_simple_history", topic)),
        ("chairmanship list", admin("themes_chairmanship_changelist")),
        ("chairmanship list, date hierarchy", admin("themes_chairmanship_changelist", query="?starts_on__year=1900")),
        ("chairmanship change form", admin("themes_chairmanship_change", term.pk)),
        ("chairmanship preview", admin("themes_chairmanship_preview", term.pk)),
        ("chairmanship history", admin("themes_chairmanship_history", term.pk)),
        ("chairmanship revert form", revert("themes_chairmanship_simple_history", term)),
        ("chairmanship export form", admin("themes_chairmanship_export")),
        ("event list", admin("events_event_changelist")),
        ("event list, filtered", admin("events_event_changelist", query=f"?year=2011&topics__id__exact={topic.pk}")),
        ("event list, date hierarchy", admin("events_event_changelist", query="?start_date__year=2011")),
        ("event add form", admin("events_event_add")),
        ("event change form", admin("events_event_change", event.pk)),
        ("event delete page", admin("events_event_delete", event.pk)),
        ("event preview", admin("events_event_preview", event.pk)),
        ("event history", admin("events_event_history", event.pk)),
        ("event revert form", revert("events_event_simple_history", event)),
        ("event import form", admin("events_event_import")),
        ("event export form", admin("events_event_export")),
    ]


def test_no_admin_page_breaks_the_policy(browser, records, superuser):
    page, watch, site = browser
    signed_in(page, watch, site)
    edit_in_the_admin(page, watch, site, records["agency"], "Protects refugees and forcibly displaced people.")
    for label, url in admin_pages(records, superuser):
        visit(page, watch, site, url, label)
        if label == "agency history":  # it has the change to show, old and new
            # Word by word (core/diffs.py): "Works" gave way to "Protects".
            expect(page.locator("#change-history")).to_contain_text("deleted: Works")
            expect(page.locator("#change-history")).to_contain_text("inserted: Protects")
            # The compare form works without a script: the two latest versions are picked already.
            page.get_by_role("button", name="Compare the selected versions").first.click()
            expect(page.locator("#history-compare")).to_contain_text("deleted: Works")
            expect(page.locator("#history-compare")).to_contain_text("inserted: Protects")
            watch.check(page, "agency versions compared")
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("#content h1")).to_have_text("Logged out")
    watch.check(page, "logged out page")
    no_problems(watch)


# The admin's widgets under the policy ---------------------------------------------------------------


def test_the_change_form_widgets_still_work(browser, records, superuser):
    from agencies.models import Agency, Constituent
    from events.models import Event

    page, watch, site = browser
    signed_in(page, watch, site)

    # The prepopulated slug follows the name while it is typed.
    visit(page, watch, site, reverse("admin:agencies_agency_add"), "agency add form")
    page.locator("#id_name_en").press_sequentially("World Food Programme")
    expect(page.locator("#id_slug")).to_have_value("world-food-programme")

    # Inlines: "Add another" adds a row (tabular and stacked), whose slug, autocomplete and remove link work.
    visit(page, watch, site, reverse("admin:agencies_agency_change", args=[records["agency"].pk]), "agency change form")
    page.locator("#constituents-group .add-row a").click()
    expect(page.locator("#id_constituents-TOTAL_FORMS")).to_have_value("2")
    page.locator("#id_constituents-1-acronym").fill("UNHCR-GVA")
    page.locator("#chairmanships-group .add-row a").click()
    expect(page.locator("#id_chairmanships-TOTAL_FORMS")).to_have_value("2")
    page.locator("#id_chairmanships-1-theme_title_en").press_sequentially("Climate and mobility")
    expect(page.locator("#id_chairmanships-1-slug")).to_have_value("climate-and-mobility")
    expect(page.locator("#chairmanships-1 .field-topics .select2-container")).to_be_visible()
    page.locator("#chairmanships-1 .inline-deletelink").click()
    expect(page.locator("#id_chairmanships-TOTAL_FORMS")).to_have_value("1")
    # A collapsed fieldset opens.
    record = page.locator("fieldset.collapse details").filter(has_text="Record")
    assert record.get_attribute("open") is None
    record.locator("summary").click()
    expect(record).to_have_attribute("open", "")
    expect(page.locator(".field-created_by")).to_be_visible()
    watch.check(page, "agency change form, inlines used")
    page.locator("input[name=_save]").click()
    told(page, "was changed successfully")
    watch.check(page, "agency list after saving")
    assert Constituent.objects.get(acronym="UNHCR-GVA").agency == records["agency"]

    event = records["event"]
    visit(page, watch, site, reverse("admin:events_event_change", args=[event.pk]), "event change form")
    # The calendar and the clock open, and fill their fields.
    page.locator(".field-start_date a[id^=calendarlink]").click()
    calendar = page.locator(".calendarbox").filter(has_text="March 2011")
    expect(calendar).to_be_visible()
    calendar.get_by_role("link", name="15", exact=True).click()
    expect(page.locator("#id_start_date")).to_have_value("2011-03-15")
    expect(calendar).to_be_hidden()
    page.locator(".field-end_date a[id^=calendarlink]").click()
    calendar.get_by_role("link", name="16", exact=True).click()
    expect(page.locator("#id_end_date")).to_have_value("2011-03-16")
    page.locator(".field-start_time a[id^=clocklink]").click()
    clock = page.locator(".clockbox").filter(has_text="Choose a time").locator("visible=true")
    expect(clock).to_be_visible()
    clock.get_by_role("link", name="6 a.m.").click()
    expect(page.locator("#id_start_time")).to_have_value(re.compile(r"^06:00"))
    # The "Calendar" fieldset is collapsed, and opens.
    calendar_fields = page.locator("fieldset.collapse details").filter(has_text="Calendar UID")
    assert calendar_fields.get_attribute("open") is None
    calendar_fields.locator("summary").click()
    expect(page.locator(".field-uid")).to_be_visible()
    # The autocomplete (select2) opens, lists members from the server, and picks one.
    page.locator(".field-participants .select2-selection").click()
    options = page.locator(".select2-container--open .select2-results__option")
    expect(options.filter(has_text="IOM")).to_be_visible()
    expect(options.filter(has_text="UNHCR")).to_be_visible()
    page.locator(".select2-container--open .select2-search__field").press_sequentially("Health")
    expect(options).to_have_count(1)
    options.filter(has_text="WHO").click()
    expect(page.locator("#id_participants option:checked")).to_have_count(3)
    watch.check(page, "event change form, widgets used")
    # "Add another" opens the agency form in a popup, whose new member is then chosen as organiser.
    with page.expect_popup() as opening:
        page.locator("#add_id_organiser").click()
    popup = opening.value
    popup.wait_for_load_state()
    watch.check(popup, "add-another popup")
    popup.locator("#id_name_en").press_sequentially("UN Women")
    expect(popup.locator("#id_slug")).to_have_value("un-women")
    popup.locator("#id_kind").select_option("un-entity")
    popup.locator("#id_joined_on").fill("2011-01-01")
    popup.locator("#id_summary_en").fill("Gender equality.")
    popup.locator("#id_account_en").fill("Its work on women and migration.")
    watch.check(popup, "add-another popup, filled")
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").click()
    women = Agency.objects.get(slug="un-women")
    expect(page.locator("#id_organiser")).to_have_value(str(women.pk))
    expect(page.locator(".field-organiser .select2-selection__rendered")).to_contain_text("UN Women")
    watch.check(page, "event change form, after the popup")
    page.locator("input[name=_save]").click()
    told(page, "was changed successfully")
    watch.check(page, "event list after saving")
    event = Event.objects.get(pk=event.pk)
    assert (event.start_date.isoformat(), event.end_date.isoformat(), event.local_start.strftime("%H:%M")) == (
        "2011-03-15",
        "2011-03-16",
        "06:00",
    )
    assert event.organiser == women
    assert {agency.slug for agency in event.participants.all()} == {"unhcr", "iom", "who"}
    no_problems(watch)


def test_the_change_lists_still_work(browser, records, superuser):
    from events.models import Event
    from themes.models import Topic

    page, watch, site = browser
    signed_in(page, watch, site)
    changelist = reverse("admin:events_event_changelist")
    visit(page, watch, site, changelist, "event list")

    # The scripts of every admin page: the theme switch, the sidebar's toggle and its filter.
    # A fresh context prefers light colours and starts on "auto", which the switch turns to dark.
    expect(page.locator("html")).to_have_attribute("data-theme", "auto")
    page.locator("button.theme-toggle").first.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.locator("#toggle-nav-sidebar").click()
    expect(page.locator("#main")).not_to_have_class(re.compile(r"\bshifted\b"))
    page.locator("#toggle-nav-sidebar").click()
    expect(page.locator("#main")).to_have_class(re.compile(r"\bshifted\b"))
    page.locator("#nav-filter").fill("topic")
    expect(page.locator("#nav-sidebar tr.model-topic")).to_be_visible()
    expect(page.locator("#nav-sidebar tr.model-event")).to_be_hidden()
    watch.check(page, "event list, sidebar and theme used")

    # The date hierarchy (which starts at March 2011, the only month with events) narrows the list.
    page.locator("nav.toplinks a:not(.date-back)").first.click()
    expect(page).to_have_url(re.compile(r"start_date__day=10&start_date__month=3&start_date__year=2011"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    watch.check(page, "event list, one day")
    # Filters and search.
    page.locator("#changelist-filter").get_by_role("link", name="Published").click()
    expect(page).to_have_url(re.compile(r"state=published"))  # the state filter (core/review_admin.py)
    page.locator("#searchbar").fill("Principals")
    page.locator("#searchbar").press("Enter")
    expect(page).to_have_url(re.compile(r"q=Principals"))
    watch.check(page, "event list, filtered and searched")

    # Actions: ticking a row counts it, and an action runs on it.
    visit(page, watch, site, changelist, "event list")
    page.locator("input.action-select").first.check()
    expect(page.locator(".action-counter")).to_have_text("1 of 1 selected")
    expect(page.locator("#result_list tbody tr").first).to_have_class(re.compile(r"\bselected\b"))
    page.locator("select[name=action]").select_option("duplicate_selected")
    page.locator("button[name=index]").click()
    told(page, "1 draft copy made")
    watch.check(page, "event list after an action")
    assert Event.objects.count() == 2
    # The header's box ticks every row; deleting asks first, and "No, take me back" goes back.
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_have_text("2 of 2 selected")
    page.locator("select[name=action]").select_option("delete_selected")
    page.locator("button[name=index]").click()
    expect(page.locator("#content h1")).to_have_text("Delete multiple objects")
    expect(page.locator("#content")).to_contain_text("Event: GMG Principals meeting (copy)")
    watch.check(page, "delete-selected confirmation")
    page.get_by_role("link", name="No, take me back").click()
    expect(page).to_have_url(re.compile(re.escape(changelist) + "$"))
    watch.check(page, "event list, back from the confirmation")
    assert Event.objects.count() == 2

    # A list-editable column is saved from the list.
    visit(page, watch, site, reverse("admin:themes_topic_changelist"), "topic list")
    page.locator("#id_form-0-position").fill("7")
    page.locator("input[name=_save]").click()
    told(page, "was changed successfully")
    watch.check(page, "topic list after saving")
    assert Topic.objects.get(pk=records["topic"].pk).position == 7
    no_problems(watch)


def test_a_change_made_in_the_browser_shows_in_the_history_and_is_reverted(browser, records, superuser):
    from agencies.models import Agency

    page, watch, site = browser
    agency = records["agency"]
    signed_in(page, watch, site)
    edit_in_the_admin(page, watch, site, agency, "Protects refugees.")
    visit(page, watch, site, reverse("admin:agencies_agency_change", args=[agency.pk]), "agency change form")
    page.locator("a.historylink").click()
    rows = page.locator("#change-history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("del")).to_contain_text(["Works", "on migration."])  # the change, word by word
    expect(rows.first.locator("ins")).to_contain_text(["Protects", "refugees."])
    watch.check(page, "agency history")
    rows.last.locator("td a").first.click()  # the record as first made
    expect(page.locator("#id_summary_en")).to_have_value("Works on migration.")
    watch.check(page, "agency revert form")
    page.get_by_role("button", name="Revert").first.click()
    # The member is public: the publisher is asked whether to publish the version they chose.
    told(page, "Publish it to make it the live record")
    watch.check(page, "agency revert as a proposed change")
    assert Agency.objects.get(pk=agency.pk).summary == "Protects refugees."
    with page.expect_navigation():  # publishing takes a while on a loaded machine: the message is on the next page
        page.get_by_role("button", name="Publish this change").click()
    told(page, "The change is published")
    watch.check(page, "agency after the revert")
    assert Agency.objects.get(pk=agency.pk).summary == "Works on migration."
    no_problems(watch)


def csv_upload(*rows):
    return {"name": "events.csv", "mimeType": "text/csv", "buffer": events_csv(*rows).encode()}


def upload(page, watch, site, file, label):
    visit(page, watch, site, reverse("admin:events_event_import"), "event import form")
    page.locator("#id_import_file").set_input_files(file)  # CSV is the only format: nothing to choose
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state()
    watch.check(page, label)


def test_a_csv_import_is_previewed_and_confirmed_and_an_export_downloads(browser, records, superuser):
    from events.models import Event

    page, watch, site = browser
    signed_in(page, watch, site)

    upload(page, watch, site, csv_upload(import_row("bad-zone", timezone="Mars/Base")), "import with errors")
    expect(page.get_by_role("heading", name="Some rows have errors: nothing was imported")).to_be_visible()

    upload(
        page,
        watch,
        site,
        csv_upload(
            import_row(
                "new-workshop", start_time="09:00", end_time="12:30", topics="forced-migration", organiser="iom"
            ),
            import_row("principals", title="GMG Principals' meeting", start_date="2011-03-01", organiser="unhcr"),
        ),
        "import preview",
    )
    preview = page.locator("table.import-preview")
    expect(preview.locator("td.import-type")).to_have_text(["New", "Update"])
    page.get_by_role("button", name="Confirm import").click()
    told(page, "Import finished")
    watch.check(page, "event list after the import")
    assert Event.objects.get(slug="new-workshop").organiser == records["other"]
    assert Event.objects.get(slug="principals").title == "GMG Principals' meeting"

    visit(page, watch, site, reverse("admin:agencies_agency_export"), "agency export form")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Submit").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".csv")
    assert "UNHCR" in Path(download.path()).read_text(encoding="utf-8-sig")
    no_problems(watch)


# The pages whose package templates had violations, each fixed by an override of ours -------------


def test_the_history_list_has_no_inline_style(browser, records, superuser):
    page, watch, site = browser
    signed_in(page, watch, site)
    visit(page, watch, site, reverse("admin:agencies_agency_history", args=[records["agency"].pk]), "agency history")
    no_problems(watch)


def test_the_export_form_has_no_inline_style_or_handler(browser, records, superuser):
    page, watch, site = browser
    signed_in(page, watch, site)
    visit(page, watch, site, reverse("admin:events_event_export"), "event export form")
    no_problems(watch)


def test_the_import_preview_has_no_inline_style(browser, records, superuser):
    page, watch, site = browser
    signed_in(page, watch, site)
    upload(
        page,
        watch,
        site,
        csv_upload(
            import_row("principals", title="GMG Principals' meeting", start_date="2011-03-10", organiser="unhcr")
        ),
        "import preview",
    )
    expect(page.locator("table.import-preview td.import-type")).to_have_text(["Update"])
    no_problems(watch)


def test_the_export_forms_select_all_box_unticks_every_field(browser, records, superuser):
    page, watch, site = browser
    signed_in(page, watch, site)
    visit(page, watch, site, reverse("admin:events_event_export"), "event export form")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 5 and all(box.is_checked() for box in fields.all())
    # The package's script is loaded; only its wiring, an onchange attribute, is refused.
    assert page.evaluate("typeof onSelectToggleChange") == "function"
    page.locator("input.select-toggle").uncheck()
    expect(page.locator('.selectable-field-export-row input[type="checkbox"]:checked')).to_have_count(0)


def test_the_api_documentation_breaks_no_rule_and_its_try_it_out_answers(browser, seeded):
    """Swagger UI, from drf-spectacular-sidecar, served by the portal: every endpoint listed, and a call made as a
    reader makes it (open the operation, Try it out, Execute) answered by the API."""
    page, watch, site = browser
    visit(page, watch, site, "/api/v1/docs/")
    operations = page.locator(".opblock-summary-path")
    expect(operations).to_have_count(12)
    page.get_by_role("button", name="GET /{lang}/api/v1/events/", exact=False).first.click()
    page.get_by_role("button", name="Try it out").click()
    page.locator('tr[data-param-name="lang"] select').select_option("fr")
    page.locator('tr[data-param-name="when"] select').select_option("past")
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    expect(status).to_contain_text("200")
    expect(page.locator(".live-responses-table .microlight").first).to_contain_text("gmg-principals-meeting-2011")
    expect(page.locator(".request-url")).to_contain_text("/fr/api/v1/events/?when=past")
    watch.check(page, "API documentation, after a call")
    no_problems(watch)


def test_another_site_s_page_reads_the_api_and_its_etag(browser, seeded):
    """A page of another origin fetches the API as a partner's page would: the browser lets it read the answer and
    the ETag only if the CORS headers say so, first on a miss, then on a hit. The partner's page is made up by the
    live server's own static file at 127.0.0.1, an origin other than the localhost the API is asked at: a page the
    browser made up would not be on this machine, and Chromium would not let it reach a loopback address at all.
    (A static file carries no CSP, whose connect-src would keep the fetch at home.)"""
    page, watch, site = browser
    partner = site.replace("localhost", "127.0.0.1")
    assert partner != site
    page.goto(partner + "/static/api/docs.css")
    script = """async (url) => {
        const response = await fetch(url);
        return {status: response.status, etag: response.headers.get("ETag"), body: await response.json()};
    }"""
    for _ in ("miss", "hit"):
        answer = page.evaluate(script, f"{site}/fr/api/v1/events/?when=past")
        assert answer["status"] == 200
        assert answer["etag"].startswith('W/"')
        assert answer["body"]["count"] == 4
