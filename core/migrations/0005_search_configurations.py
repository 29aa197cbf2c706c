"""The portal's text search configurations (core/search.py SEARCH_CONFIGS), on PostgreSQL: French and Spanish as
PostgreSQL has them, with accents folded first by the unaccent dictionary, so that "refugies" finds "Réfugiés"
and "educacion" finds "educación". Russian, Arabic and English are PostgreSQL's own.

unaccent is a trusted extension (PostgreSQL 13 and later): the owner of the database may create it."""

from django.db import migrations

FOLDED = {"gmg_french": "french", "gmg_spanish": "spanish"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, language in FOLDED.items():
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {language}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in FOLDED:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_staff_language")]

    operations = [migrations.RunPython(create, drop)]
