"""The GIN index of each document's title and summary in French, Spanish, Russian and Arabic (core/search.py):
a search in one of them reads the record's columns in that language, in its configuration, as well as the
English document."""

from django.db import migrations

from core.search import add_language_search_indexes

CONFIGS = {"fr": "gmg_french", "es": "gmg_spanish", "ru": "russian", "ar": "arabic"}


class Migration(migrations.Migration):
    dependencies = [("publications", "0005_translated_fields"), ("core", "0005_search_configurations")]

    operations = [
        *add_language_search_indexes(
            "publications.Document", "publications_doc_search", [["title"], ["summary"]], CONFIGS
        ),
    ]
