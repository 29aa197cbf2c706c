"""A database migrated and filled by the previous release keeps working after an upgrade.

The previous release's code (PREVIOUS_RELEASE, taken from this repository's history with `git archive`)
migrates a new database, loads the seed content as a deployment does and edits an event, as staff would, so
that the database holds history. Then this code migrates the same database, as an upgrade does, and must find
every record, every row of history and every many-to-many link the previous release left, and show every
published record on its page. Both releases run in their own processes with the development settings, on
SQLite or, when the suite runs on PostgreSQL, on a new PostgreSQL database of that server.

When a release lands, the next one sets PREVIOUS_RELEASE to it.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

from testing import SEED

from .pages import require

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS_RELEASE = "a036be05f1da85fcde41c92d05ae429f11d3782e"  # issue 11 resolved, issue 12's publications landed

# Run with `manage.py shell -c` by both releases: every table of the content apps (history and links
# included) by its row count, and every record by its natural key with the number of its history rows.
INVENTORY = """
import json
from django.apps import apps
content = [model for model in apps.get_models(include_auto_created=True)
           if model._meta.app_label in {"agencies", "themes", "events", "publications"}]
print(json.dumps({
    "rows": {model._meta.label: model._default_manager.count() for model in content},
    "records": {
        f"{model._meta.label} {'/'.join(map(str, record.natural_key()))}":
            record.history.count() if hasattr(record, "history") else None
        for model in content if hasattr(model, "natural_key") for record in model._default_manager.all()
    },
}))
"""

# A staff edit, as the previous release made it: a save through the model, which history records.
EDIT_AN_EVENT = """
from events.models import Event
event = Event.objects.get(slug="gmg-principals-meeting-2011")
event.venue = "Palais des Nations"
event.save()
"""

# The new code finds every record by its natural key and shows every published one on its page.
SHOW_EVERYTHING = """
import json
from django.apps import apps
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
shown = []
for model in apps.get_models():
    if model._meta.app_label in {"agencies", "themes", "events", "publications"} and hasattr(model, "natural_key"):
        for record in model._default_manager.all():
            assert model._default_manager.get_by_natural_key(*record.natural_key()).pk == record.pk, record
            if getattr(record, "is_published", False) and hasattr(record, "get_absolute_url"):
                shown.append([record.get_absolute_url(), client.get(record.get_absolute_url()).status_code])
from agencies.models import Agency
from events.models import Event
print(json.dumps({
    "shown": shown,
    "venue": Event.objects.get(slug="gmg-principals-meeting-2011").venue,
    "organiser": Event.objects.get(slug="escwa-interregional-workshop-2011").public_organiser,
    "joined": {slug: str(day) for slug, day in Agency.objects.exclude(joined_on=None).values_list("slug", "joined_on")},
    "alternative": [Agency.objects.get(slug="undesa").alternative_names,
                    Agency.objects.get(slug="regional-commissions").constituents.get(acronym="ESCWA").alternative_names],
    "found": client.get("/en/search/", {"q": "climate change"}).content.decode().count(
        'href="/en/publications/migration-and-climate-change-2011/"'
    ),
}))
"""


def manage(code_dir, database_url, *arguments):
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))},
        "DJANGO_SETTINGS_MODULE": "gmg_portal.settings.development",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=code_dir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"manage.py {arguments[0]} in {code_dir}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def previous_release(destination):
    """The previous release's files, from git; skipped outside a clone with history."""
    require(shutil.which("git") and (ROOT / ".git").exists(), "the upgrade check needs this repository's history")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS_RELEASE], capture_output=True, timeout=120
    )
    require(archive.returncode == 0, f"commit {PREVIOUS_RELEASE} is not in this clone: {archive.stderr.decode()}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")
    return destination


@pytest.fixture
def upgrade_database(tmp_path):
    """A new, empty database of the kind the suite runs on: its URL."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    name = f"gmg_upgrade_{uuid.uuid4().hex[:12]}"
    server = {"user": database["USER"], "host": database["HOST"] or "127.0.0.1", "port": database["PORT"] or 5432}
    admin = psycopg2.connect(dbname="postgres", password=database["PASSWORD"], **server)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_a_database_of_the_previous_release_upgrades_with_every_record_and_its_history(tmp_path, upgrade_database):
    old = previous_release(tmp_path / "previous")
    manage(old, upgrade_database, "migrate", "--noinput")
    manage(old, upgrade_database, "loaddata", *[name for name in SEED if (old / "fixtures" / f"{name}.json").exists()])
    manage(old, upgrade_database, "shell", "--no-imports", "-c", EDIT_AN_EVENT)
    before = json.loads(manage(old, upgrade_database, "shell", "--no-imports", "-c", INVENTORY))
    assert before["rows"]["events.Event"] == 4
    assert before["records"]["events.Event gmg-principals-meeting-2011"] >= 2  # its load and the edit

    manage(ROOT, upgrade_database, "migrate", "--noinput")
    after = json.loads(manage(ROOT, upgrade_database, "shell", "--no-imports", "-c", INVENTORY))
    assert after["records"] == before["records"]
    # Every row stays, and none is added.
    assert {label: after["rows"].get(label) for label in before["rows"]} == before["rows"]

    result = json.loads(manage(ROOT, upgrade_database, "shell", "--no-imports", "-c", SHOW_EVERYTHING))
    assert result["venue"] == "Palais des Nations"
    assert result["organiser"] == "ESCWA, for the United Nations Regional Commissions"  # events 0011
    assert result["found"] >= 1  # a document the previous release's seed loaded is in the search (publications 0003)
    # The seed's 16 members, the Group, 2 terms, 13 topics, 4 events, a series and 3 documents.
    assert len(result["shown"]) == 40
    assert [page for page in result["shown"] if page[1] != 200] == []
    # The old seed's joining dates that the article does not give are gone; UN Women's and WHO's stay.
    assert result["joined"] == {"un-women": "2010-09-01", "who": "2010-09-01"}
    assert result["alternative"] == ["UN/DESA", "UN-ESCWA"]  # the article's spellings (agencies 0008)
    # The seed of this release loads into the upgraded database (`make reseed`), its new kinds of content included.
    manage(ROOT, upgrade_database, "loaddata", *SEED)
    # The new code's models match the upgraded schema: nothing is left for makemigrations to write.
    manage(ROOT, upgrade_database, "makemigrations", "--check", "--dry-run")
