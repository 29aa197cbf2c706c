"""Members, their bodies and the Group's introduction in six languages (issue 13): each text becomes its English
column, with its data; 0010 adds the other five languages' columns, empty. No index names these columns by name:
the members' search index (0002, 0007) is an expression over them, which PostgreSQL keeps through a rename."""

from django.db import migrations

RENAMED = {
    "agency": ["name", "summary", "account", "logo_alt"],
    "constituent": ["name"],
    "groupprofile": ["name", "summary", "introduction", "aims", "chair_rotation", "gfmd_relation"],
}


class Migration(migrations.Migration):
    dependencies = [("agencies", "0008_seed_alternative_names")]

    operations = [
        migrations.RenameField(model_name=prefix + model, old_name=name, new_name=f"{name}_en")
        for model, names in RENAMED.items()
        for prefix in ("", "historical")
        for name in names
    ]
