"""The admin site: the portal's names, its content first on the front page and in the sidebar, and the same
guard of ticked selections on every list, Django's own (accounts, sign-in records) included."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from core.publishing_admin import CheckedSelectionMixin


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("GMG Portal administration")
    site_title = gettext_lazy("GMG Portal")
    index_title = gettext_lazy("Content of the Global Migration Group")
    # What staff work on every day comes first, in the public site's order; accounts and sign-in records after.
    content_apps = ["agencies", "themes", "events", "publications"]

    def get_app_list(self, request, app_label=None):
        def place(app):
            label = app["app_label"]
            return self.content_apps.index(label) if label in self.content_apps else len(self.content_apps)

        return sorted(super().get_app_list(request, app_label), key=place)  # the rest stays in name order

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedSelectionMixin):
            admin_class = type(
                admin_class.__name__, (CheckedSelectionMixin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)
