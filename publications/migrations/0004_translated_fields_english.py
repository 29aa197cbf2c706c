"""Documents in six languages (issue 13): the title and the summary become their English columns, with their
data; 0005 adds the other five languages' columns, empty. Sources keep their original language."""

from django.db import migrations, models

RENAMED = ["title", "summary"]

# The documents' order index names the title's column: it is dropped before the rename and made again after it.
operations = [
    migrations.RemoveIndex(model_name="document", name="publications_doc_order_idx"),
    *[
        migrations.RenameField(model_name=prefix + "document", old_name=name, new_name=f"{name}_en")
        for prefix in ("", "historical")
        for name in RENAMED
    ],
    migrations.AddIndex(
        model_name="document",
        index=models.Index(fields=["-issued_on", "title_en"], name="publications_doc_order_idx"),
    ),
]


class Migration(migrations.Migration):
    dependencies = [("publications", "0003_index_loaded_documents")]
    operations = operations
