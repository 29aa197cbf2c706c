"""The GIN index of each event's and each series' document in French, Spanish, Russian and Arabic (core/search.py):
a search in one of them reads the record's columns in that language, in its configuration, as well as the
English document."""

from django.db import migrations

from core.search import add_language_search_indexes

CONFIGS = {"fr": "gmg_french", "es": "gmg_spanish", "ru": "russian", "ar": "arabic"}


class Migration(migrations.Migration):
    dependencies = [("events", "0013_translated_fields"), ("core", "0005_search_configurations")]

    operations = [
        *add_language_search_indexes(
            "events.Event",
            "events_event_search",
            [["title"], ["description"], ["venue", "city", "country", "organiser_name"]],
            CONFIGS,
        ),
        *add_language_search_indexes("events.EventSeries", "events_series_search", [["name"], ["summary"]], CONFIGS),
    ]
