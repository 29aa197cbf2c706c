from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site-wide parts that need hooks at start-up: the page cache's invalidation."""

    name = "gmg_portal"
    verbose_name = _("GMG Portal")

    def ready(self):
        from core.generation import content_changed

        # Connected here rather than in the middleware, so that saves from management commands
        # (loaddata, shell) end the generation too.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"page_cache_{signal}")


class PortalAdminConfig(AdminConfig):
    """Django's admin on the portal's own site (admin_site.py), as admin.site wherever models are registered."""

    default_site = "gmg_portal.admin_site.PortalAdminSite"
