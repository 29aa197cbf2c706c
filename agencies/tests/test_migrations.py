from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agencies.models import Agency


@pytest.mark.django_db(transaction=True)
def test_the_upgrade_clears_the_old_seed_s_invented_joining_dates_and_keeps_every_other():
    before, executor = [("agencies", "0005_joined_on_optional")], MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    rows = {
        "ilo": (date(2006, 1, 1), "year"),  # the old seed's invention: cleared
        "world-bank": (date(2006, 1, 1), "year"),  # the same: cleared
        "unhcr": (date(2006, 1, 1), "day"),  # a day staff entered: kept
        "unicef": (date(2007, 1, 1), "year"),  # another year: kept
        "who": (date(2010, 9, 1), "month"),  # the article's date: kept
        "new-member": (date(2006, 1, 1), "year"),  # not one of the seed's fourteen: kept
    }
    try:
        executor.migrate(before)
        OldAgency = executor.loader.project_state(before).apps.get_model("agencies", "Agency")
        for slug, (joined_on, precision) in rows.items():
            OldAgency.objects.create(
                name=slug,
                acronym=slug.upper(),
                slug=slug,
                kind="un-entity",
                joined_on=joined_on,
                joined_precision=precision,
                summary="Before the upgrade.",
                account="Before the upgrade.",
                status="published",
            )
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        after = {
            slug: (joined_on, precision)
            for slug, joined_on, precision in Agency.objects.filter(slug__in=rows).values_list(
                "slug", "joined_on", "joined_precision"
            )
        }
        assert after == rows | {"ilo": (None, "day"), "world-bank": (None, "day")}
    finally:
        Agency.objects.filter(slug__in=rows).delete()
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
