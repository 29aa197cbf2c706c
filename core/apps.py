from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every content app shares (publishing, review, Markdown, search, page
    mixins, CSV admin) and each staff member's settings. It imports no content app."""

    name = "core"
    verbose_name = _("Portal machinery")

    def ready(self):
        from . import staff_time  # noqa: F401 (connects its signals)
