"""SQLite takes two saves at once: the second waits for the first instead of answering 500 "database is locked".

The test database of the suite is in memory, where the problem cannot show, and the suite may be running
on PostgreSQL; so the two saves run in a process of their own (sqlite_writers.py), against an SQLite file
with the settings a developer's `make run` uses, through the admin's add form, each request in its own
thread with its own connection.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def test_two_staff_members_saving_at_the_same_moment_on_sqlite_both_succeed(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "-m", "gmg_portal.tests.sqlite_writers", str(tmp_path / "portal.sqlite3"), "topics"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome["posts"] == [[302, "/admin/themes/topic/"], [302, "/admin/themes/topic/"]], result.stderr[-3000:]
    assert [slug for _, slug in outcome["saved"]] == ["first-topic", "second-topic"]
    assert outcome["journal_mode"] == "wal"  # readers go on reading while a save is written
