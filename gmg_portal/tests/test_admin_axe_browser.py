"""Every admin page an editor, a publisher and a superuser reach, audited by axe-core in headless Chromium at
1280 and 375 px: no violation on any of them (issue 11).

The pages are found by walking the admin's registry, so a model registered later is walked too: for each model
the signed-in staff member may see, its app's index, its list (also searched and filtered), add, change and delete
pages, history, a version and the comparison of two versions, its preview, proposed changes and their preview, and
its CSV import and export (with an upload that has errors). Then the admin's own pages: the front page with its
review queue, My settings, the password change, the sign-in page (also with a wrong password) and the page after
signing out. The superuser walks the models only superusers reach (accounts, groups, sign-in records). Each page's
heading is checked before the audit, so that an error page cannot pass for the page it replaced, and each staff
member must have reached every kind of page. Every page's violations are reported at once."""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.timezone import now
from import_export.admin import ExportMixin, ImportMixin

from agencies.models import GroupProfile
from agencies.tests.factories import AgencyFactory, ConstituentFactory, GroupProfileFactory
from core import proposals
from core.models import ChangeProposal
from core.publishing import Status
from events.models import Event
from events.tests.factories import EventFactory
from publications.models import Citation, Source
from publications.tests.factories import DocumentFactory, DocumentFileFactory
from testing import PASSWORD, events_csv, import_row, staff_member
from themes.tests.factories import ChairmanshipFactory, TopicFactory

from .pages import require

try:
    from playwright.sync_api import expect
except ImportError:  # headless_chromium skips (or fails in CI) with a clear reason
    expect = None

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"1280": {"width": 1280, "height": 800}, "375": {"width": 375, "height": 740}}
# Every kind of admin page, by its name in the admin's URLs: each staff member's walk goes through all of them.
KINDS = {
    "login",
    "index",
    "app_list",
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "history_compare",
    "simple_history",
    "preview",
    "proposal",
    "proposal_preview",
    "import",
    "export",
    "my_settings",
    "password_change",
    "password_change_done",
    "logout",
}

# Files of each model staff may import, for the staff member named: rows that import (new ones, for each staff
# member), and rows that do not. A model whose admin imports and that has no files here fails the test, so that
# its import pages are walked too.
IMPORTS = {
    Event: lambda who: (
        events_csv(import_row(f"workshop-of-{who}", start_time="09:00", end_time="12:30")),
        events_csv(import_row("fine-row"), import_row("long", title="t" * 400, start_time="9:00")),
    ),
}


@pytest.fixture
def site(live_server, settings, tmp_path):
    """An editor, a publisher and a superuser, and a few records of each model in every state the admin shows
    differently."""
    editor = staff_member("editor", "Editors")
    publisher = staff_member("publisher", "Publishers")
    staff_member("admin")

    agency = AgencyFactory(name="Office of Migration Studies", acronym="OMS", created_by=publisher)
    AgencyFactory(name="Agency in draft", status=Status.DRAFT)
    ConstituentFactory(agency=agency, name="Regional office")
    topic = TopicFactory(name="Labour migration")
    TopicFactory(name="Topic in draft", status=Status.DRAFT)
    term = ChairmanshipFactory(agency=agency, theme_title="Migration and youth")
    term.topics.add(topic)
    ChairmanshipFactory(theme_title="Term in draft", status=Status.DRAFT)
    event = EventFactory(
        title="Meeting of the Principals", organiser=agency, chairmanship=term, publish_from=now() - timedelta(days=1)
    )
    event.topics.add(topic)
    event.participants.add(agency)
    event.description_en = "Held twice a year."
    event.save()  # a second version, to compare with the first
    EventFactory(title="Event in draft", status=Status.DRAFT)
    EventFactory(title="Event in review", status=Status.IN_REVIEW, submitted_by=editor, submitted_at=now())
    EventFactory(title="Event scheduled", publish_from=now() + timedelta(days=30))
    GroupProfileFactory(status=Status.PUBLISHED)
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    document = DocumentFactory(title="Report on migration data", by_the_group=False, event=event)
    document.authors.add(agency)
    DocumentFileFactory(document=document)  # a PDF, its cover, and the inline that shows them
    DocumentFactory(title="Report in draft", status=Status.DRAFT)
    source = Source.objects.create(key="newland-2010", authors="Newland, K.", title="Governance", year=2010)
    Citation.objects.create(source=source, agency=agency, supports="Its work on migration.")
    agency.account_en = "An account the editor proposes."
    proposals.submit(proposals.propose(agency, {}, editor), editor)  # in review: the publisher's queue lists it
    return live_server.url


def audit(page, widths):
    """axe-core's violations on the page at each width, as "rule: help: the elements at fault"."""
    page.add_script_tag(path=str(AXE))
    found = {}
    for width in widths:
        page.set_viewport_size(WIDTHS[width])
        violations = page.evaluate(
            # Only the violations: axe then spends no time on the details of what passes.
            "async () => (await axe.run({resultTypes: ['violations']})).violations"
            ".map(v => `${v.id}: ${v.help}: ${v.nodes.map(node => node.target).join(' ')}`)"
        )
        if violations:
            found[width] = violations
    page.set_viewport_size(WIDTHS["1280"])
    return found


class Walk:
    """One staff member's way through the admin, each page's heading checked and its violations noted."""

    def __init__(self, page, site, user, narrowed):
        self.page, self.site, self.user = page, site, user
        self.request = RequestFactory().get(reverse("admin:index"))
        self.request.user = user
        self.problems = {}
        self.kinds = set()
        self.narrowed = narrowed  # the kinds of page audited at 375 px already, by any staff member

    def note(self, heading):
        """The page open now is the one expected: its main heading says so. Then its audit."""
        expect(self.page.locator("#content h1")).to_have_text(heading)
        self.audit()

    def audit(self):
        """Every page at 1280 px, and the first of each kind (each view of the admin) at 375 px too: the narrow
        layout comes from the kind's template, and auditing every page twice would nearly double the test's time."""
        path = self.page.url.removeprefix(self.site)
        match = resolve(urlsplit(path).path)
        kind = (match.url_name, "?" in path)
        widths = ["1280"] if kind in self.narrowed else list(WIDTHS)
        self.kinds.add(kind)
        self.narrowed.add(kind)
        for width, violations in audit(self.page, widths).items():  # an address seen twice (an import) adds up
            self.problems.setdefault(f"{self.user.username}: {path}", {}).setdefault(width, []).extend(violations)

    def visit(self, url, heading):
        response = self.page.goto(self.site + url)
        assert response.status == 200, url
        self.note(heading)

    def click(self, locator, heading):
        with self.page.expect_navigation() as navigation:
            locator.click()
        assert navigation.value.status == 200, self.page.url
        self.note(heading)

    def reachable(self):
        return [
            (model, model_admin)
            for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
            if model_admin.has_module_permission(self.request)
            and model_admin.has_view_or_change_permission(self.request)
        ]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def words(text):
    return re.escape(str(text))


def walk_model(walk, model, model_admin):
    request, page = walk.request, walk.page
    name = words(model._meta.verbose_name)
    records = list(model_admin.get_queryset(request).order_by("pk"))

    changelist = re.compile(rf"Select {name} to (change|view)|(Change|View) {name}", re.IGNORECASE)
    walk.visit(url(model, "changelist"), changelist)
    if records and page.locator("#searchbar").count():
        page.locator("#searchbar").fill(str(records[0]).split()[0])
        walk.click(page.locator("#changelist-search [type=submit]"), changelist)
    choices = page.locator("#changelist-filter li:not(.selected) a")
    if choices.count():
        walk.click(choices.first, changelist)

    if model_admin.has_add_permission(request):
        walk.visit(url(model, "add"), re.compile(rf"Add {name}", re.IGNORECASE))
    for record in records:  # each in its own state: published, draft, in review, scheduled, with a proposal
        walk.visit(url(model, "change", record.pk), re.compile(rf"(Change|View) {name}", re.IGNORECASE))
    if records and getattr(model_admin, "preview_view", None) is not None:
        response = page.goto(walk.site + url(model, "preview", records[0].pk))
        assert response.status == 200
        expect(page.get_by_role("status")).to_contain_text("Preview")
        walk.audit()
    deletable = [record for record in records if model_admin.has_delete_permission(request, record)]
    if deletable:
        walk.visit(url(model, "delete", deletable[0].pk), re.compile(r"Delete|Are you sure\?|Cannot delete"))

    # The history of the first record, and of each that has versions to compare (django-simple-history's).
    versioned = [record for record in records[1:] if getattr(record, "history", None) and record.history.count() > 1]
    for record in records[:1] + versioned:
        walk.visit(url(model, "history", record.pk), re.compile(rf"(Change|View) history: {words(record)}"))
        versions = page.locator("#change-history tbody tr")
        if versions.count() > 1 and page.get_by_role("button", name="Compare the selected versions").count():
            walk.click(
                page.get_by_role("button", name="Compare the selected versions").first,
                f"Compare versions: {record}",
            )
            page.go_back()
            walk.click(versions.first.locator(".history-version a"), re.compile(rf"(Revert|View) {words(record)}"))

    if isinstance(model_admin, ImportMixin) and model_admin.has_import_permission(request):
        assert model in IMPORTS, f"no file to import {model._meta.verbose_name_plural} from: add one to IMPORTS"
        walk_import(walk, model, *IMPORTS[model](walk.user.username))
    if isinstance(model_admin, ExportMixin) and model_admin.has_export_permission(request):
        walk.visit(url(model, "export"), "Export")


def walk_import(walk, model, good, bad):
    page = walk.page
    for text, shown in ((bad, "table.import-errors"), (good, "table.import-preview")):
        walk.visit(url(model, "import"), "Import")
        page.get_by_label("File to import").set_input_files(
            {"name": "import.csv", "mimeType": "text/csv", "buffer": text.encode()}
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Submit").click()
        expect(page.locator(shown)).to_be_visible()
        walk.note("Import")
    # The file without errors: its preview, then the list the confirmation leads back to.
    walk.click(
        page.get_by_role("button", name="Confirm import"),
        re.compile(rf"Select {words(model._meta.verbose_name)} to (change|view)", re.IGNORECASE),
    )


def walk_proposals(walk):
    for proposal in ChangeProposal.objects.open():
        model = proposal.content_type.model_class()
        record = proposal.record
        walk.visit(url(model, "proposal", record.pk, proposal.pk), f"Proposed change to {record}")
        try:
            preview = url(model, "proposal_preview", record.pk, proposal.pk)
        except NoReverseMatch:  # a model with no public page
            continue
        response = walk.page.goto(walk.site + preview)
        assert response.status == 200
        expect(walk.page.get_by_role("status")).to_contain_text("Preview")
        walk.audit()


def walk_admin(chromium, site, user, narrowed, walked=()):
    """The staff member's walk through the admin, through the models they reach but those in `walked`."""
    context = chromium.new_context(viewport=WIDTHS["1280"], bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    walk = Walk(page, site, user, narrowed)

    response = page.goto(site + reverse("admin:index"))  # the admin's front door, which asks who you are
    assert response.status == 200
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    walk.audit()
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("a wrong password")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Log in").click()
    assert navigation.value.status == 200
    expect(page.locator(".errornote")).to_be_visible()  # the form's error; then the right password
    walk.audit()
    page.get_by_label("Password").fill(PASSWORD)
    walk.click(page.get_by_role("button", name="Log in"), "Content of the Global Migration Group")
    expect(page.locator("#review-queue")).to_be_visible()

    models = [(model, model_admin) for model, model_admin in walk.reachable() if model not in walked]
    walk.models = {model for model, _ in models}
    for app_label in sorted({model._meta.app_label for model, _ in models}):
        app = admin.site.get_app_list(walk.request, app_label)[0]
        walk.visit(reverse("admin:app_list", args=[app_label]), f"{app['name']} administration")
    for model, model_admin in models:
        walk_model(walk, model, model_admin)
    if not walked:  # proposed changes are the content models' pages
        walk_proposals(walk)

    walk.visit(reverse("my_settings"), "My settings")
    walk.visit(reverse("admin:password_change"), "Password change")
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label(re.compile(r"^New password:?$")).fill(PASSWORD + "-changed")
    page.get_by_label("New password confirmation").fill(PASSWORD + "-changed")
    walk.click(page.get_by_role("button", name="Change my password"), "Password change successful")
    walk.click(page.get_by_role("button", name="Log out"), "Logged out")
    context.close()
    return walk


def kind_of(url_name):
    """The admin's name for a kind of page, the same for every model: "changelist", "history_compare"..."""
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if url_name.startswith(prefix):
            return url_name.removeprefix(prefix)
    return url_name


def test_every_admin_page_a_staff_member_reaches_has_no_axe_violation(chromium, site, django_user_model):
    require(AXE.exists(), f"axe-core is not installed ({AXE}): run make test, which runs npm ci")
    problems, narrowed = {}, set()
    for username in ("publisher", "editor"):  # the publisher first: more of her pages are forms to fill in
        walk = walk_admin(chromium, site, django_user_model.objects.get(username=username), narrowed)
        problems |= walk.problems
        assert walk.models >= {Event, GroupProfile}, f"{username} reaches too few models"
        walked = {kind_of(name) for name, _ in walk.kinds}
        assert walked >= KINDS, f"{username} never reached {KINDS - walked}"
    # The administrators' own models (accounts, groups, sign-in records), which only a superuser reaches.
    walk = walk_admin(chromium, site, django_user_model.objects.get(username="admin"), narrowed, walked=walk.models)
    problems |= walk.problems
    assert walk.models >= {User, Group}
    assert problems == {}
