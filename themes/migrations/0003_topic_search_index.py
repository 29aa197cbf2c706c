"""The site search's index of topics, on PostgreSQL (agencies/search.py)."""

from django.db import migrations

from core.search import add_search_index


class Migration(migrations.Migration):
    dependencies = [("themes", "0002_chairmanship_terms_do_not_overlap"), ("agencies", "0002_agency_search_index")]

    operations = [add_search_index("themes.Topic", "themes_topic_search_idx", [["name"], ["description"]])]
