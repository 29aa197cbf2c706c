"""CSV export of members (django-import-export); the same columns import, a row matched by its slug.

An empty joining date is a date no source gives: it exports as an empty cell and an empty cell imports as none.
"""

from import_export import resources

from core.translation import columns

from .models import Agency


class AgencyResource(resources.ModelResource):
    class Meta:
        model = Agency
        import_id_fields = ["slug"]
        clean_model_instances = True  # a row is checked as the admin checks the form
        fields = [
            "slug",
            *columns("name"),
            "acronym",
            "alternative_names",
            "kind",
            "status",
            "joined_on",
            "joined_precision",
            "left_on",
            *columns("summary", "account"),
            "website",
        ]
        export_order = fields
