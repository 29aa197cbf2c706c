"""Indexes the public pages need at scale (checked with EXPLAIN at 20,000 events: bench/):
the end of events, for upcoming() and past(), and the site search's index of events on PostgreSQL."""

from django.db import migrations, models

from core.search import add_search_index


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_editorial_roles"),
        ("agencies", "0002_agency_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["ends_at"], name="events_event_ends_idx"),
        ),
        add_search_index(
            "events.Event",
            "events_event_search_idx",
            [["title"], ["description"], ["venue", "city", "country", "organiser_name"]],
        ),
    ]
