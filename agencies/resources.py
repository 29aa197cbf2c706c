"""CSV export of members (django-import-export)."""

from import_export import resources

from .models import Agency


class AgencyResource(resources.ModelResource):
    class Meta:
        model = Agency
        fields = [
            "slug",
            "name",
            "acronym",
            "kind",
            "status",
            "joined_on",
            "joined_precision",
            "left_on",
            "summary",
            "account",
            "website",
        ]
        export_order = fields
