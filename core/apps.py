from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every content app shares (publishing, review, Markdown, search, page
    mixins, CSV admin) and each staff member's settings. It imports no content app."""

    name = "core"
    verbose_name = "Portal machinery"

    def ready(self):
        from . import staff_time  # noqa: F401 (connects its signals)
