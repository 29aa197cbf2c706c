"""Documents loaded from fixtures (the seed, by `loaddata`) before the portal indexed raw saves have no search
vector on PostgreSQL, so the search did not find them: write each one's vector as a save writes it
(Document.index_text: title A, summary and publisher B, the files' text C, at most 300,000 characters)."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations, models
from django.db.models import Value

from core.search import SEARCH_CONFIG, weighted_vector

FIELDS = [["title"], ["summary", "publisher"]]
INDEXED_TEXT = 300_000


def index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Document = apps.get_model("publications", "Document")
    DocumentFile = apps.get_model("publications", "DocumentFile")
    for pk in Document.objects.filter(search_vector__isnull=True).values_list("pk", flat=True):
        text = "\n".join(DocumentFile.objects.filter(document_id=pk).values_list("text", flat=True))[:INDEXED_TEXT]
        files = SearchVector(Value(text, output_field=models.TextField()), weight="C", config=SEARCH_CONFIG)
        Document.objects.filter(pk=pk).update(search_vector=weighted_vector(FIELDS) + files)


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_editorial_roles")]

    operations = [migrations.RunPython(index, migrations.RunPython.noop)]
