"""Helpers that tests of several apps share; their fixtures live in conftest.py beside this file.

Test modules import from here, never from one another.
"""

import csv
import io
import time

import factory

PASSWORD = "a-long-test-password"  # every staff account's that tests make

# The seed content's fixtures, in the order a deployment loads them (the `seeded` fixture loads them).
SEED = ["agencies", "themes", "events", "publications"]


class TranslatedFactory(factory.django.DjangoModelFactory):
    """A factory that takes a translated text by its name (title="…") for its English column (title_en)."""

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        return in_english(cls._meta.model, kwargs)


def inline_management(prefix, total=0, initial=0):
    """The hidden fields that an admin page's inline formset posts along with the form."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def in_english(model, values):
    """A record's texts given by their names (title=…) as their English columns (title_en), as the model, the
    admin's form and the CSV name them."""
    from core.translation import column, translated_names

    names = translated_names(model)
    return {column(key) if key in names else key: value for key, value in values.items()}


def event_in_english(values):
    from django.apps import apps

    return in_english(apps.get_model("events", "Event"), values)


def event_form(**overrides):
    """The event add form as an editor fills it in for the seed's Principals' Meeting, with some fields changed
    (a text by its name, title=…, for its English column)."""
    overrides = event_in_english(overrides)
    data = {
        "title_en": "GMG Principals' Meeting",
        "slug": "gmg-principals-meeting-2011",
        "kind": "principals-meeting",
        "status": "published",
        "start_date": "2011-11-15",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "timezone": "Europe/Paris",
        "venue_en": "UNESCO Headquarters",
        "city_en": "Paris",
        "country_en": "France",
        "organiser": "",
        "organiser_name_en": "",
        "description_en": "Held by UNESCO as GMG Chair.",
        "external_url": "",
    }
    if "timezone" in overrides and "country_en" not in overrides:
        data["country_en"] = ""  # another zone than Paris's: France would not be its country (events/forms.py)
    data.update(overrides)
    return data


def form_for(event, **changes):
    """The change form as the admin fills it in for this event, with some fields changed."""
    when = {"start_date": event.start_date.isoformat(), "end_date": event.end_date.isoformat()}
    if not event.all_day:
        when.update(start_time=event.local_start.strftime("%H:%M"), end_time=event.local_end.strftime("%H:%M"))
    fields = {
        "title_en": event.title_en,
        "slug": event.slug,
        "kind": event.kind,
        "description_en": event.description_en,
        "timezone": event.timezone,
        "country_en": event.country_en,
        "status": event.status,
        **when,
    }
    return event_form(**{**fields, **changes})


def poll(read, until, *, seconds, every=0.1):
    """Calls read() until until(result) holds and returns that result. The deadline only bounds how long a
    failure takes to report, on however loaded a machine: a test asserts on the result, never on the time."""
    deadline = time.monotonic() + seconds
    while True:
        result = read()
        if until(result) or time.monotonic() > deadline:
            return result
        time.sleep(every)


def import_row(slug, **values):
    """One row of an events CSV file as staff would write it: a workshop in Geneva, with some columns changed (a
    text by its name, title=…, for its English column)."""
    return {
        "slug": slug,
        "title_en": f"Event {slug}",
        "kind": "workshop",
        "status": "published",
        "start_date": "2027-03-01",
        "timezone": "Europe/Zurich",
        "city_en": "Geneva",
        "description_en": "Imported.",
        "cancelled": "0",
    } | event_in_english(values)


def events_csv(*rows):
    """The text of an events CSV file with every column of the import, empty where a row gives none."""
    from events.resources import EventResource

    columns = list(EventResource.Meta.fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(dict.fromkeys(columns, "") | event_in_english(row))
    return buffer.getvalue()


def term_change_form(term):
    """A chairmanship's change form as posted unchanged, before its inlines' fields are added."""
    return {
        "agency": term.agency.pk,
        "starts_on": term.starts_on,
        "ends_on": term.ends_on,
        "status": "published",
        "theme_title_en": term.theme_title_en,
        "slug": term.slug,
        "theme_summary_en": "",
        "theme_description_en": "About.",
    }


def agency_change_form(agency, **changes):
    """A member's change form as the admin fills it in, with some fields changed; its inlines posted unchanged."""
    fields = {
        "name_en": agency.name_en,
        "acronym": agency.acronym,
        "alternative_names": agency.alternative_names,
        "slug": agency.slug,
        "kind": agency.kind,
        "status": agency.status,
        "joined_on": agency.joined_on.isoformat() if agency.joined_on else "",
        "joined_precision": agency.joined_precision,
        "left_on": agency.left_on.isoformat() if agency.left_on else "",
        "summary_en": agency.summary_en,
        "account_en": agency.account_en,
        "website": agency.website,
        "logo_alt_en": agency.logo_alt_en,
        **inline_management("constituents"),
        **inline_management("chairmanships"),
    }
    return fields | changes


def unchanged_form(response):
    """The admin change form `response` shows, as a browser posts it without a change: every field, inlines too."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data


def save_token(response):
    """The one-time save token of the admin form a response shows (core/safe_save.py)."""
    import re

    found = re.search(r'name="_save_token" value="([^"]+)"', response.content.decode())
    assert found, "the page has no save token"
    return found.group(1)


def post_twice_at_once(user, url, form, second_form=None, *, seconds=60):
    """Posts the same admin form twice at the same moment, as a double click does (or, given second_form, two
    forms, as two staff members saving at once), each post in a thread of its own with its own database
    connection, and returns both responses ({"first": …, "second": …}).

    The posts are interleaved the way that used to fail: the second is sent once the first has read inside its
    transaction (the form's checks), and the first goes on only once the second has read inside its own
    transaction too, or has asked for SQLite's write lock as its transaction began and waits there. Nothing
    waits on the clock; `seconds` only bounds how long a hang takes to report.
    """
    import threading

    from django.db import connections
    from django.test import Client

    first_has_read, second_is_in_the_way = threading.Event(), threading.Event()
    responses, failures = {}, []
    forms = {"first": form, "second": form if second_form is None else second_form}
    clients = {name: Client(raise_request_exception=False) for name in forms}
    for client in clients.values():
        client.force_login(user)  # before either post: signing in writes, and would wait for the first's lock

    def watch(name):
        def wrapper(execute, sql, params, many, context):
            statement = sql.lstrip().upper()
            if statement.startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE waits here until the first commits
                if name == "second":
                    second_is_in_the_way.set()
                return execute(sql, params, many, context)
            result = execute(sql, params, many, context)
            if context["connection"].in_atomic_block and statement.startswith("SELECT"):
                if name == "first" and not first_has_read.is_set():
                    first_has_read.set()
                    if not second_is_in_the_way.wait(seconds):
                        raise RuntimeError("the second post never began its transaction")
                elif name == "second":
                    second_is_in_the_way.set()
            return result

        return wrapper

    def post(name):
        try:
            if name == "second" and not first_has_read.wait(seconds):
                raise RuntimeError("the first post never read inside its transaction")
            with connections["default"].execute_wrapper(watch(name)):
                responses[name] = clients[name].post(url, forms[name])
        except Exception as error:  # reported by the caller's thread
            failures.append(error)
            first_has_read.set()
            second_is_in_the_way.set()
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=post, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds)
    if failures:
        raise failures[0]
    return responses


def make_editorial_roles():
    """The Editors and Publishers groups, as migration events 0002 makes them, for a transactional test (whose end
    empties every table, groups included). The migration's function marks each app as having no models while it
    makes permissions; run on the project's own app registry, that mark is taken back here, or Django would never
    make content types and permissions again after a later test empties the tables (every later browser test's
    editor then had no permission, and admin saves failed their foreign keys)."""
    import importlib

    from django.apps import apps

    modules = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        importlib.import_module("events.migrations.0002_editorial_roles").create_roles(apps, None)
        importlib.import_module("publications.migrations.0002_editorial_roles").grant(apps, None)
        importlib.import_module("events.migrations.0009_series_editorial_roles").grant(apps, None)
    finally:
        for config in apps.get_app_configs():
            config.models_module = modules[config.label]


def staff_member(username, role=None, *, zone=None, **fields):
    """A staff account that signs in with PASSWORD: a superuser when no role is given, else a member of the
    Editors or Publishers group as migration events 0002 makes it (made again where a transactional test's flush
    emptied it). `zone` is the time zone of their My settings; `fields` go to the user (first_name, ...)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.models import StaffSettings

    users = get_user_model().objects
    if role is None:
        user = users.create_superuser(username, f"{username}@example.org", PASSWORD, **fields)
    else:
        if not Group.objects.filter(name=role).exists():
            make_editorial_roles()
        user = users.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True, **fields)
        user.groups.add(Group.objects.get(name=role))
    if zone:
        StaffSettings.objects.create(user=user, time_zone=zone)
    return user


def production_environment(database, redis_url, **extra):
    """The environment an app server runs in, as production sets it, on the test database (a connection's
    settings_dict) and the shared Redis."""
    import os
    import secrets

    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="gmg_portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # one for every server of a test, as sessions need
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
            f"/{database['NAME']}"
        ),
        REDIS_URL=redis_url,
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
        **extra,
    )
    return environment


def collect_static(environment):
    """As a deployment does before starting its servers: the production storage serves hashed names only."""
    import subprocess
    import sys

    from django.conf import settings

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        timeout=300,
    )


def start_app_server(environment, log):
    """A gunicorn app server, as production runs it (deploy/gunicorn.conf.py), answering on 127.0.0.1: (the
    process, its base address). Its log goes to a file: a pipe nobody reads would fill up and stall it."""
    import socket
    import subprocess
    import sys
    import urllib.error
    import urllib.request
    from pathlib import Path

    from django.conf import settings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "gmg_portal.wsgi"],
        cwd=settings.BASE_DIR,
        env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def health():
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, ConnectionError):
            return None

    status = poll(health, lambda status: status == 200 or server.poll() is not None, seconds=120)
    if server.poll() is not None:
        raise AssertionError(f"the app server stopped; its log: {log.name}")
    assert status == 200, f"the app server did not answer /healthz; its log: {log.name}"
    return server, base


def stop_app_server(server):
    import os
    import signal

    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def api_schema():
    """The API's committed OpenAPI schema, loaded for Schemathesis with the portal's expectations: a parameter of
    the right form that names no public record (a topic slug no topic has) is refused with a 400 or a 404 by
    design, so those count as answers to valid data; and an address too long for the web server gets its 414."""
    import schemathesis
    from django.conf import settings

    negative = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429", "5xx"]
    return schemathesis.openapi.from_path(
        settings.BASE_DIR / "openapi.yaml",
        config=schemathesis.config.SchemathesisConfig.from_dict(
            {
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]},
                    "negative_data_rejection": {"expected-statuses": negative},
                }
            }
        ),
    )
