"""Settings come from the environment; production refuses to start half-configured."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7#Qv9!mZ2xL0pR4tW8yB1nC5eG3hJ6sD0fA2uI9oP7lK4jH8gF5dS3aQ1wE6rT"
REDIS = "redis://127.0.0.1:6379/0"
OWN_VARIABLES = ("DJANGO_", "DATABASE_URL", "REDIS_URL")


def run_django(settings, code, **env):
    """Run Python code with Django set up in a fresh process, as a deployment would start it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    environment.update(DJANGO_SETTINGS_MODULE=f"gmg_portal.settings.{settings}", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_ALLOWED_HOSTS": "gmg.example.org", "REDIS_URL": REDIS},
            "DJANGO_SECRET_KEY must be set in production.",
        ),
        ({"DJANGO_SECRET_KEY": STRONG_KEY, "REDIS_URL": REDIS}, "DJANGO_ALLOWED_HOSTS must be set in production"),
        (
            {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "*", "REDIS_URL": REDIS},
            "must name the portal's hosts, not '*'",
        ),
        (
            {"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_ALLOWED_HOSTS": "gmg.example.org"},
            "REDIS_URL must be set in production",
        ),
    ],
)
def test_production_refuses_to_start_half_configured(env, message):
    result = run_django("production", "print('started')", **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "started" not in result.stdout


def test_production_passes_the_deployment_checklist():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    environment.update(
        DJANGO_SETTINGS_MODULE="gmg_portal.settings.production",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="gmg.example.org,www.gmg.example.org",
        REDIS_URL=REDIS,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_debug_is_off_unless_asked():
    code = "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    result = run_django(
        "production", code, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="a.example, b.example", REDIS_URL=REDIS
    )
    assert result.stdout.strip() == "False ['a.example', 'b.example']"


def test_a_malformed_debug_flag_is_refused_rather_than_guessed():
    result = run_django("development", "print('started')", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


@pytest.mark.parametrize("variable", ["DJANGO_NEW_PAGE_RATE", "DJANGO_API_RATE"])
@pytest.mark.parametrize("rate", ["1000", "120/minutes", "0/minute", "many/hour"])
def test_a_malformed_rate_is_refused_at_start_rather_than_on_every_page(variable, rate):
    result = run_django("development", "print('started')", **{variable: rate})
    assert result.returncode != 0
    assert f"{variable} must be a rate such as 120/minute" in result.stderr
    assert "started" not in result.stdout


def test_a_rate_is_read_as_given():
    code = "from django.conf import settings; print(settings.NEW_PAGE_RATE, settings.API_RATE)"
    result = run_django("development", code, DJANGO_NEW_PAGE_RATE=" 30/second", DJANGO_API_RATE="600/hour")
    assert result.stdout.split() == ["30/second", "600/hour"]


def test_without_database_url_the_database_is_sqlite_in_var():
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    result = run_django("development", code)
    assert result.stdout.split() == ["django.db.backends.sqlite3", str(BASE_DIR / "var" / "gmg_portal.sqlite3")]


def test_postgresql_connections_are_reused_and_health_checked():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = run_django("development", code, DATABASE_URL="postgres://postgres@127.0.0.1:5432/gmg")
    assert result.stdout.split() == ["django.db.backends.postgresql", "gmg", "127.0.0.1", "600", "True"]


@pytest.mark.django_db
def test_the_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_a_fresh_clone_gets_its_var_folder_for_sqlite(monkeypatch, tmp_path):
    from gmg_portal.settings import base

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(base, "VAR_DIR", tmp_path / "var")
    database = base.database_from_env()
    assert (tmp_path / "var").is_dir()
    assert database["NAME"] == str(tmp_path / "var" / "gmg_portal.sqlite3")


def test_the_admin_is_served_where_the_environment_says():
    code = "from django.urls import reverse; print(reverse('admin:index'), reverse('admin:login'))"
    assert run_django("development", code).stdout.split() == ["/admin/", "/admin/login/"]
    moved = run_django("development", code, DJANGO_ADMIN_URL="/office-7f3a/")
    assert moved.stdout.split() == ["/office-7f3a/", "/office-7f3a/login/"]


@pytest.mark.parametrize("address", ["events", "events/admin", "publications", "../admin", "a b", "/"])
def test_an_admin_address_that_would_hide_a_page_or_is_not_a_path_is_refused(address):
    result = run_django("development", "print('started')", DJANGO_ADMIN_URL=address)
    assert result.returncode != 0
    assert "DJANGO_ADMIN_URL must" in result.stderr
    assert "started" not in result.stdout


def test_the_documents_internal_location_is_taken_as_given():
    code = "from django.conf import settings; print(repr(settings.DOCUMENTS_ACCEL_REDIRECT))"
    assert run_django("development", code).stdout.strip() == "''"
    given = run_django("development", code, DJANGO_DOCUMENTS_ACCEL_REDIRECT="/protected-documents/")
    assert given.stdout.strip() == "'/protected-documents/'"


@pytest.mark.parametrize("prefix", ["/protected-documents", "protected-documents/", "protected-documents"])
def test_a_documents_internal_location_without_its_slashes_is_refused(prefix):
    """The file's name is appended to it: `/protected-documentsab12….pdf` would reach the portal again, a 404."""
    result = run_django("development", "print('started')", DJANGO_DOCUMENTS_ACCEL_REDIRECT=prefix)
    assert result.returncode != 0
    assert "DJANGO_DOCUMENTS_ACCEL_REDIRECT must start and end with /" in result.stderr
    assert "started" not in result.stdout


def test_the_cache_is_redis_when_given_else_this_process_memory():
    code = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c.get('LOCATION'))"
    assert run_django("development", code).stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "None"]
    assert run_django("development", code, REDIS_URL=REDIS).stdout.split() == [
        "gmg_portal.cache_backend.RedisCache",
        REDIS,
    ]


def test_the_development_server_with_debug_off_serves_the_stylesheets_of_its_pages(tmp_path):
    """`DJANGO_DEBUG=0` with the development settings, as a developer trying the error pages runs it: a page
    and every stylesheet it links, from `manage.py runserver` (no collectstatic in development)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(OWN_VARIABLES)}
    environment.update(
        DJANGO_SETTINGS_MODULE="gmg_portal.settings.development",
        DJANGO_DEBUG="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=BASE_DIR, env=environment, check=True, timeout=300)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        status, page = fetch_when_up(f"http://127.0.0.1:{port}/", deadline=time.monotonic() + 60)
        assert status == 200
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
        assert len(stylesheets) == 2  # Bootstrap and the portal's own
        for href in stylesheets:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{href}", timeout=20) as response:
                assert response.status == 200 and response.headers["Content-Type"].startswith("text/css")
                assert len(response.read()) > 1000
    finally:
        server.terminate()
        server.wait(timeout=30)


def fetch_when_up(url, deadline):
    while True:
        try:
            with urllib.request.urlopen(url, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)  # polling a starting server, not waiting on a guess
