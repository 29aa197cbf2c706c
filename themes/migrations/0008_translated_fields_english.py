"""Topics and chairmanships in six languages (issue 13): each text becomes its English column, with its data;
0009 adds the other five languages' columns, empty."""

from django.db import migrations, models

RENAMED = {
    "topic": ["name", "description"],
    "chairmanship": ["theme_title", "theme_summary", "theme_description"],
}

# The topics' order index names the column: it is dropped before the rename and made again after it.
operations = [
    migrations.RemoveIndex(model_name="topic", name="themes_topic_order_idx"),
    *[
        migrations.RenameField(model_name=prefix + model, old_name=name, new_name=f"{name}_en")
        for model, names in RENAMED.items()
        for prefix in ("", "historical")
        for name in names
    ],
    migrations.AddIndex(
        model_name="topic", index=models.Index(fields=["position", "name_en"], name="themes_topic_order_idx")
    ),
]


class Migration(migrations.Migration):
    dependencies = [("themes", "0007_seed_topic_links")]
    operations = operations
