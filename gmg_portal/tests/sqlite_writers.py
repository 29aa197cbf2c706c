"""Two staff members save a new topic in the admin at the same moment, on an SQLite file database with the
portal's own settings. Run by test_sqlite_concurrency.py in a process of its own:

    python -m gmg_portal.tests.sqlite_writers DATABASE_FILE

It prints one JSON line: each request's status, the database's journal mode and the topics saved.

The two requests are interleaved the way that used to fail: the first has begun its transaction and read
(the form's unique checks), and only then does the second begin; the first writes once the second has
read as well, or once the second has asked for the write lock at the start of its transaction, where it
waits its turn. Nothing here waits on the clock.
"""

import json
import os
import sys
import threading

DEADLINE = 60  # seconds; only a hang would reach it


def main(database_file):
    os.environ["DJANGO_SETTINGS_MODULE"] = "gmg_portal.settings.development"
    os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import setup_test_environment

    from themes.models import Topic

    setup_test_environment()  # lets the test client's host in
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    connection.close()

    first_has_read = threading.Event()
    # The second request has read inside its transaction too, or has asked for the write lock as its
    # transaction began and waits there: either way the first may write now.
    second_is_in_the_way = threading.Event()
    statuses = {}

    def watch(name):
        """An execute wrapper that holds each request at its step of the interleaving."""
        in_transaction = False

        def wrapper(execute, sql, params, many, context):
            nonlocal in_transaction
            statement = sql.lstrip().upper()
            if statement.startswith("BEGIN"):
                in_transaction = True
                if name == "second":
                    if not first_has_read.wait(DEADLINE):
                        raise RuntimeError("the first request never read inside its transaction")
                    if statement != "BEGIN":  # BEGIN IMMEDIATE: the write lock, waited for until the first commits
                        second_is_in_the_way.set()
                return execute(sql, params, many, context)
            result = execute(sql, params, many, context)
            if in_transaction and statement.startswith("SELECT"):
                if name == "first" and not first_has_read.is_set():
                    first_has_read.set()
                    if not second_is_in_the_way.wait(DEADLINE):
                        raise RuntimeError("the second request never began its transaction")
                elif name == "second":
                    second_is_in_the_way.set()
            return result

        return wrapper

    def save_topic(name):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            with connections["default"].execute_wrapper(watch(name)):
                response = client.post(
                    "/admin/themes/topic/add/",
                    {
                        "name": f"Topic saved by the {name} request",
                        "slug": f"{name}-topic",
                        "position": "1",
                        "description": "",
                        "status": "draft",
                    },
                )
            statuses[name] = response.status_code
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=save_topic, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    saved = sorted(Topic.objects.values_list("slug", flat=True))
    sys.stdout.write(json.dumps({"statuses": statuses, "journal_mode": journal_mode, "saved": saved}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
