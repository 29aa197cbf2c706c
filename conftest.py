from datetime import UTC, datetime

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        metavar="DATE",
        help="run every test with this process's clock moved to DATE (YYYY-MM-DD, or an ISO date and time; UTC "
        "unless a zone is given), ticking on from there: a test that holds only near today fails",
    )


def pytest_configure(config):
    """Starts the moved clock before any test module is imported, so that their constants see it too. A test's
    own time_machine.travel nests inside it. Processes the tests start (gunicorn, runserver, manage.py, Chromium,
    Java) keep the real clock: the README says why."""
    destination = config.getoption("clock")
    if destination:
        import time_machine

        moment = datetime.fromisoformat(destination)
        traveller = time_machine.travel(moment if moment.tzinfo else moment.replace(tzinfo=UTC), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    destination = config.getoption("clock")
    if destination:
        return f"clock: moved to {destination} (--clock), ticking"
    return None


@pytest.fixture
def seeded(db):
    """The seed content of fixtures/, loaded as a deployment loads it."""
    from django.core.management import call_command

    from testing import SEED

    call_command("loaddata", *SEED, verbosity=0)


@pytest.fixture
def staff_client(client, db):
    """A logged-in superuser: the admin as an editor with every permission sees it."""
    from testing import staff_member

    client.force_login(staff_member("editor"))
    return client


@pytest.fixture
def staff(client, db):
    """log_in(role): a new staff account in the Editors or Publishers group, logged in with `client`."""
    from testing import staff_member

    def log_in(role):
        user = staff_member(role.lower(), role)
        client.force_login(user)
        return user

    return log_in


@pytest.fixture
def people(staff, client):
    """(editor, publisher, as_): an editor and a publisher; as_(user) logs `client` in as one of them and returns
    it. Also people.editor, people.publisher, people.as_."""
    from typing import NamedTuple

    class People(NamedTuple):
        editor: object
        publisher: object
        as_: object

    def as_(user):
        client.force_login(user)
        return client

    return People(staff("Editors"), staff("Publishers"), as_)


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium, one for each module of browser tests (gmg_portal/tests/pages.py). Its pages
    wait up to 10 seconds for what a test expects to see: the admin's pages on a machine busy with other tests."""
    from gmg_portal.tests.pages import headless_chromium

    with headless_chromium() as browser:
        from playwright.sync_api import expect

        expect.set_options(timeout=10_000)
        yield browser
        expect.set_options(timeout=5_000)


@pytest.fixture
def clicks(monkeypatch):
    """The clicks each person makes in the browser, counted (gmg_portal/tests/pages.py, Clicks)."""
    from gmg_portal.tests.pages import Clicks

    counter = Clicks()
    counter.install(monkeypatch)
    return counter


@pytest.fixture
def populate(db):
    """Fill the database with `rows` of everything, fast (bulk inserts), for query-count tests.

    Every event has an organiser, a chairmanship, two topics and two participants; every other one an organising body
    of its organiser (each member is made of one), and every other one is of the first series (the others have no
    event: undated); every series has two topics; every document two authors, a topic, an event and two files; the
    first record of each kind two sources. A page that fetched any of them row by row would show it in its query count.
    """
    from datetime import date, datetime, timedelta

    from django.db import connection

    from agencies.models import Agency, Constituent
    from core.search import weighted_vector
    from events.models import Event, EventSeries
    from publications.models import Citation, Document, DocumentFile, Source
    from themes.models import Chairmanship, Topic

    def fill(rows):
        agencies = Agency.objects.bulk_create(
            Agency(
                name_en=f"Agency {n}",
                acronym=f"A{n}",
                slug=f"a-{n}",
                kind="un-entity",
                joined_on=date(2006, 1, 1),
                summary_en="Summary.",
                account_en="Account.",
                status="published",
            )
            for n in range(rows)
        )
        bodies = Constituent.objects.bulk_create(
            Constituent(agency=agency, acronym=f"B{n}") for n, agency in enumerate(agencies)
        )
        topics = Topic.objects.bulk_create(
            Topic(name_en=f"Topic {n}", slug=f"t-{n}", position=n, status="published") for n in range(rows)
        )
        terms = Chairmanship.objects.bulk_create(
            Chairmanship(
                agency=agencies[n],
                slug=f"c-{n}",
                starts_on=date(1000 + n, 1, 1),
                ends_on=date(1000 + n, 6, 30),
                theme_title_en=f"Theme {n}",
                theme_description_en="Theme.",
                status="published",
            )
            for n in range(rows)
        )
        series = EventSeries.objects.bulk_create(
            EventSeries(name_en=f"Series {n}", slug=f"s-{n}", summary_en="Series.", status="published")
            for n in range(rows)
        )
        EventSeries.topics.through.objects.bulk_create(
            EventSeries.topics.through(eventseries=one, topic=topic)
            for n, one in enumerate(series)
            for topic in (topics[0], topics[n % (rows - 1) + 1])
        )
        now = datetime.now(UTC)
        events = [
            Event(
                title_en=f"Event {n}",
                slug=f"e-{n}",
                kind="meeting",
                timezone="Europe/Zurich",
                starts_at=now + timedelta(days=n - rows // 2),
                ends_at=now + timedelta(days=n - rows // 2, hours=2),
                organiser=agencies[n],
                organising_body=bodies[n] if n % 2 else None,
                chairmanship=terms[0],
                series=series[0] if n % 2 == 0 else None,
                description_en="Event.",
                status="published",
            )
            for n in range(rows)
        ]
        for event in events:
            event.set_venue_days()  # bulk_create skips save() and its signals, which set them
        events = Event.objects.bulk_create(events)
        Event.topics.through.objects.bulk_create(
            Event.topics.through(event=event, topic=topic)
            for n, event in enumerate(events)
            for topic in (topics[0], topics[n % (rows - 1) + 1])
        )
        Event.participants.through.objects.bulk_create(
            Event.participants.through(event=event, agency=agency)
            for n, event in enumerate(events)
            for agency in (agencies[0], agencies[n % (rows - 1) + 1])
        )
        Topic.agencies.through.objects.bulk_create(
            Topic.agencies.through(topic=topics[0], agency=agency) for agency in agencies
        )
        Chairmanship.topics.through.objects.bulk_create(
            Chairmanship.topics.through(chairmanship=term, topic=topics[0]) for term in terms
        )
        documents = Document.objects.bulk_create(
            Document(
                kind="report",
                title_en=f"Publication {n}",
                slug=f"d-{n}",
                issued_on=date(2000 + n % 20, 1, 1),
                issued_precision="year",
                summary_en="Event.",
                chairmanship=terms[n],
                event=events[n],
                status="published",
            )
            for n in range(rows)
        )
        Document.authors.through.objects.bulk_create(
            Document.authors.through(document=document, agency=agency)
            for n, document in enumerate(documents)
            for agency in (agencies[0], agencies[n % (rows - 1) + 1])
        )
        Document.topics.through.objects.bulk_create(
            Document.topics.through(document=document, topic=topics[n]) for n, document in enumerate(documents)
        )
        DocumentFile.objects.bulk_create(
            DocumentFile(document=document, language=language, file=f"{document.slug}-{language}.pdf", size=1, pages=1)
            for document in documents
            for language in ("en", "fr")
        )
        sources = Source.objects.bulk_create(
            Source(key=f"s-{n}", authors="Author, A.", title=f"Source {n}", year=2010, document=documents[n])
            for n in range(2)
        )
        Citation.objects.bulk_create(
            Citation(key=f"c-{n}-{field}", source=source, supports="A claim.", **{field: record})
            for n, source in enumerate(sources)
            for field, record in [
                ("agency", agencies[0]),
                ("chairmanship", terms[0]),
                ("topic", topics[0]),
                ("event", events[rows // 2]),
                ("document", documents[0]),
            ]
        )
        if connection.vendor == "postgresql":  # what each save would have written (Document.index_text)
            Document.objects.update(search_vector=weighted_vector(Document.search_fields))
        return agencies[0], topics[0], terms[0], events[rows // 2]

    return fill


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: no page stored by an earlier test can answer for this one."""
    from django.core.cache import cache

    from core.generation import end_generation

    cache.clear()
    end_generation()  # forgets this process's last look at the generation too


@pytest.fixture
def cache_out_of_reach(settings):
    """The shared cache configured at a port where nothing answers, as when Redis is down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "gmg_portal.cache_backend.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


@pytest.fixture(autouse=True)
def language_reset():
    """Each test starts and ends in English: a request leaves its page's language active in the thread (Django's
    LocaleMiddleware activates it per request and leaves it), which a later test's commands would otherwise read."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
