"""The article's other spellings of two seed records, for databases loaded from an earlier seed: UNDESA is also
written "UN/DESA" and ESCWA "UN-ESCWA". Set only where the record exists and has no alternative names yet."""

from django.db import migrations

MEMBERS = {"undesa": "UN/DESA"}
BODIES = {"ESCWA": "UN-ESCWA"}


def fill(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    Constituent = apps.get_model("agencies", "Constituent")
    for slug, names in MEMBERS.items():
        Agency.objects.filter(slug=slug, alternative_names="").update(alternative_names=names)
    for acronym, names in BODIES.items():
        Constituent.objects.filter(acronym=acronym, alternative_names="").update(alternative_names=names)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0007_alternative_names")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
