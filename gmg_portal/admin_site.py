"""The admin site: the portal's names, and its content first on the front page and in the sidebar."""

from django.contrib import admin


class PortalAdminSite(admin.AdminSite):
    site_header = "GMG Portal administration"
    site_title = "GMG Portal"
    index_title = "Content of the Global Migration Group"
    # What staff work on every day comes first, in the public site's order; accounts and sign-in records after.
    content_apps = ["agencies", "themes", "events", "publications"]

    def get_app_list(self, request, app_label=None):
        def place(app):
            label = app["app_label"]
            return self.content_apps.index(label) if label in self.content_apps else len(self.content_apps)

        return sorted(super().get_app_list(request, app_label), key=place)  # the rest stays in name order
