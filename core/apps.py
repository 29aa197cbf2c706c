from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: what every content app shares (publishing, review, Markdown, search, page
    mixins, CSV admin). It has no model of its own and imports no content app."""

    name = "core"
    verbose_name = "Portal machinery"
