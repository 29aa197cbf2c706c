from django.db import models

MARKDOWN_HELP = (
    "Markdown: a blank line between paragraphs, *italic*, **bold**, [link text](https://…), "
    "lists with - at the start of lines."
)


class WebAddressField(models.URLField):
    """A URL field whose form takes "example.org" as https://example.org, as Django 6 will by default."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
