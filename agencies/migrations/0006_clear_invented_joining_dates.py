"""The earlier seed gave fourteen members a joining date of 2006 (to the year), which the article does not give:
it names a date for UN Women and WHO only. Where a deployed database still holds exactly that invented value for
one of those fourteen, the date is cleared (and its precision set back to the default); a date staff entered
stays. The record's history keeps the old value."""

from datetime import date

from django.db import migrations

SEEDED_WITHOUT_A_SOURCE = [
    "ilo",
    "iom",
    "ohchr",
    "unctad",
    "undesa",
    "undp",
    "unesco",
    "unfpa",
    "unhcr",
    "unicef",
    "unitar",
    "unodc",
    "regional-commissions",
    "world-bank",
]


def clear(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    Agency.objects.filter(
        slug__in=SEEDED_WITHOUT_A_SOURCE, joined_on=date(2006, 1, 1), joined_precision="year"
    ).update(joined_on=None, joined_precision="day")


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_joined_on_optional")]

    # Going back cannot tell a cleared invention from a date never recorded, so it restores nothing.
    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
