"""On PostgreSQL, each chairmanship's own document (its theme's title, summary and description) in English, French,
Spanish, Russian and Arabic kept in a generated column (search_en, search_fr…) with a GIN index
(core.search.store_documents), as events' are (events 0016). The chair's names, in another table, are matched at
search time (Chairmanship.joined_search_fields): with them in one document made anew for every term, a search spent
40 of its 100 ms on the chairmanships at the bench's size. Nothing changes on SQLite, which searches the rows' words."""

from django.db import migrations

from core.search import store_documents

CONFIGS = {"en": "english", "fr": "gmg_french", "es": "gmg_spanish", "ru": "russian", "ar": "arabic"}


class Migration(migrations.Migration):
    dependencies = [("themes", "0011_field_labels"), ("core", "0005_search_configurations")]

    operations = [
        store_documents(
            "themes.Chairmanship",
            "themes_chairmanship_search",
            [["theme_title"], ["theme_summary"], ["theme_description"]],
            CONFIGS,
        ),
    ]
