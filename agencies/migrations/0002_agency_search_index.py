"""The site search's index of members, on PostgreSQL (agencies/search.py)."""

from django.db import migrations

from core.search import add_search_index


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]

    operations = [
        add_search_index("agencies.Agency", "agencies_agency_search_idx", [["name", "acronym"], ["summary"], ["account"]]),
    ]
