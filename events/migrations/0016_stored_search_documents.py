"""On PostgreSQL, each event's document in English, French, Spanish, Russian and Arabic kept in a generated column
(search_en, search_fr…), indexed under the names the indexes of the documents' expressions had (0003, 0014), which
it replaces (core.search.store_documents): a search ranks its matches by the stored documents instead of making each
one's anew from its text. Nothing changes on SQLite, which searches the rows' words."""

from django.db import migrations

from core.search import store_documents

CONFIGS = {"en": "english", "fr": "gmg_french", "es": "gmg_spanish", "ru": "russian", "ar": "arabic"}


class Migration(migrations.Migration):
    dependencies = [("events", "0015_field_labels")]

    operations = [
        store_documents(
            "events.Event",
            "events_event_search",
            [["title"], ["description"], ["venue", "city", "country", "organiser_name"]],
            CONFIGS,
        ),
    ]
