"""Two posts of the admin's add form at the same moment, on an SQLite file database with the portal's own
settings, through testing.post_twice_at_once (whose docstring says how the two are interleaved; nothing waits on
the clock). The suite's SQLite database is in memory, where two connections cannot wait for each other as they
do in a file, so the tests run this in a process of their own:

    python -m gmg_portal.tests.sqlite_writers DATABASE_FILE topics   # two staff members, two new topics
    python -m gmg_portal.tests.sqlite_writers DATABASE_FILE event    # one event's form twice (a double click)

It prints one JSON line: each post's status and where it led, the database's journal mode and the slugs saved
(with their primary keys).
"""

import json
import os
import sys


def main(database_file, scenario):
    os.environ["DJANGO_SETTINGS_MODULE"] = "gmg_portal.settings.development"
    os.environ["DATABASE_URL"] = f"sqlite:///{database_file}"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from events.models import Event
    from testing import PASSWORD, event_form, post_twice_at_once, save_token
    from themes.models import Topic

    setup_test_environment()  # lets the test client's host in
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    if scenario == "topics":
        url, model = "/admin/themes/topic/add/", Topic
        forms = [
            {
                "name_en": f"Topic saved by the {name} post",
                "slug": f"{name}-topic",
                "position": "1",
                "description_en": "",
                "status": "draft",
            }
            for name in ("first", "second")
        ]
    else:
        url, model = "/admin/events/event/add/", Event
        client = Client()
        client.force_login(user)
        forms = [event_form(_save_token=save_token(client.get(url)))]
    connection.close()

    responses = post_twice_at_once(user, url, *forms)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    outcome = {
        "posts": sorted([response.status_code, response.get("Location", "")] for response in responses.values()),
        "journal_mode": journal_mode,
        "saved": [[record.pk, record.slug] for record in model.objects.order_by("slug")],
    }
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
