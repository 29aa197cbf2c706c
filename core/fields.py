from django.db import models
from django.utils.translation import gettext, gettext_noop

from .templatetags.rich_text import KEPT_AS, TAGS, URL_SCHEMES

# The help text of every Markdown field, and so its mark: the admin shows markdown_help() under such a field and
# names what the sanitiser removed from it after a save (core/nothing_silent.py). The models keep this short text
# so that their migrations need not change whenever the allow-list does. It stays English (gettext_noop marks it for
# the catalogues): it is the mark is_markdown() finds, and markdown_help() translates it where it is shown.
MARKDOWN_HELP = gettext_noop(
    # Translators: keep the Markdown marks (*, **, [ ](), -) as they are; translate the words they show.
    "Markdown: a blank line between paragraphs, *italic*, **bold**, [link text](https://…), "
    "lists with - at the start of lines."
)


def is_markdown(db_field):
    return getattr(db_field, "help_text", None) == MARKDOWN_HELP


def markdown_help():
    """MARKDOWN_HELP and what is kept when the text is shown, read from the sanitiser's allow-list."""
    ordered = [tag for tag in KEPT_AS if tag in TAGS] + sorted(TAGS - KEPT_AS.keys())
    kept = list(dict.fromkeys(KEPT_AS.get(tag, f"<{tag}>") for tag in ordered))
    schemes = ", ".join(sorted(URL_SCHEMES))
    shown = gettext(
        # Translators: kept lists Markdown marks and HTML tags; schemes lists address schemes, e.g. "http, https".
        "Shown as written: %(kept)s; links only to %(schemes)s addresses. Anything else (other HTML, such as a "
        "table, an image or a script) is removed when shown; saving tells you what was."
    ) % {"kept": ", ".join(kept), "schemes": schemes}
    return f"{gettext(MARKDOWN_HELP)} {shown}"


class WebAddressField(models.URLField):
    """A URL field whose form takes "example.org" as https://example.org, as Django 6 will by default."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
