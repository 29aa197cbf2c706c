"""The same event add form posted twice at the same moment (a double click) on an SQLite file database with the
portal's own settings. Run by test_safe_save.py in a process of its own, since the suite's SQLite database is in
memory, where two connections cannot wait for each other as they do in a file:

    python -m core.tests.concurrent_saves DATABASE_FILE

It prints one JSON line: each post's status and where it led, and the slugs of the events saved.
"""

import json
import os
import sys


def main(database_file):
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
    from testing import event_form, post_twice_at_once, save_token

    setup_test_environment()  # lets the test client's host in
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client = Client()
    client.force_login(user)
    url = "/admin/events/event/add/"
    form = event_form(_save_token=save_token(client.get(url)))
    connection.close()

    responses = post_twice_at_once(user, url, form)
    outcome = {
        "posts": sorted([response.status_code, response.get("Location", "")] for response in responses.values()),
        "saved": [[event.pk, event.slug] for event in Event.objects.all()],
    }
    sys.stdout.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
