from django.db import models


class WebAddressField(models.URLField):
    """A URL field whose form takes "example.org" as https://example.org, as Django 6 will by default."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
