"""CSV export of documents (django-import-export): related records by slug, files by language."""

from import_export import fields, resources

from agencies.models import Agency
from core.resources import SlugsWidget, SlugWidget
from core.translation import columns
from events.models import Event
from themes.models import Chairmanship, Topic

from .models import Document


class DocumentResource(resources.ModelResource):
    authors = fields.Field("authors", "authors", SlugsWidget(Agency, field="slug", separator="|"))
    topics = fields.Field("topics", "topics", SlugsWidget(Topic, field="slug", separator="|"))
    chairmanship = fields.Field("chairmanship", "chairmanship", SlugWidget(Chairmanship, field="slug"))
    event = fields.Field("event", "event", SlugWidget(Event, field="slug"))
    languages = fields.Field(column_name="languages", readonly=True)

    class Meta:
        model = Document
        fields = [
            "slug",
            *columns("title"),
            "kind",
            "status",
            "issued_on",
            "issued_precision",
            "by_the_group",
            "authors",
            "publisher",
            "isbn",
            "doi",
            "external_url",
            "topics",
            "chairmanship",
            "event",
            *columns("summary"),
            "languages",
        ]
        export_order = fields

    def dehydrate_languages(self, document):
        return "|".join(file.language for file in document.files.all())
