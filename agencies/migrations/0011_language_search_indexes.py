"""The GIN index of each member's document in French, Spanish, Russian and Arabic (core/search.py):
a search in one of them reads the record's columns in that language, in its configuration, as well as the
English document."""

from django.db import migrations

from core.search import add_language_search_indexes

CONFIGS = {"fr": "gmg_french", "es": "gmg_spanish", "ru": "russian", "ar": "arabic"}


class Migration(migrations.Migration):
    dependencies = [("agencies", "0010_translated_fields"), ("core", "0005_search_configurations")]

    operations = [
        *add_language_search_indexes(
            "agencies.Agency", "agencies_agency_search", [["name"], ["summary"], ["account"]], CONFIGS
        ),
    ]
