"""CSV export of chairmanships (django-import-export)."""

from import_export import resources

from agencies.models import Agency
from core.resources import by_slug
from core.translation import columns

from .models import Chairmanship, Topic


class ChairmanshipResource(resources.ModelResource):
    agency = by_slug(Agency, "agency")
    topics = by_slug(Topic, "topics", many=True)

    class Meta:
        model = Chairmanship
        fields = [
            "slug",
            "agency",
            "starts_on",
            "ends_on",
            "status",
            *columns("theme_title", "theme_summary", "theme_description"),
            "topics",
        ]
        export_order = fields
