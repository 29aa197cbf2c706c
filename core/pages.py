"""What every public page tells browsers and search engines about itself, and the admin's preview of it."""

import json

from django.db.models import Exists, OuterRef
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .preview import publication_state
from .templatetags.rich_text import plain_text
from .translation import plain, translated_names, written_languages

# What may not appear as such inside a <script> element, written as JSON escapes instead.
JSON_IN_HTML = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def json_ld(data):
    """schema.org data as JSON safe to place inside a <script type="application/ld+json"> element."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)


GROUP_NAME = _("Global Migration Group")  # the author of the feeds, the Organization of the home page's data
DEFAULT_DESCRIPTION = _(
    "The Global Migration Group: UN agencies, the World Bank and IOM working together on international migration."
)


def noting(queryset, *relations):
    """`queryset` with, on each record, `has_<relation>`: whether any record of each reverse relation points to it
    (a published one, for publishable records). A page that lists them only when there are any then spares the
    query for most records: an EXISTS in the record's own query costs a tenth of a query of its own."""
    annotations = {}
    for name in relations:
        relation = queryset.model._meta.get_field(name)
        related = relation.related_model._default_manager.all()
        if hasattr(related, "published"):
            related = related.published()
        annotations[f"has_{name}"] = Exists(related.filter(**{relation.field.name: OuterRef("pk")}))
    return queryset.annotate(**annotations)


def noted(record, relation, read):
    """read(), the records of the record's `relation`, or none when noting() found none; for a record not read
    through noting() (the admin's preview), read() all the same."""
    return read() if getattr(record, f"has_{relation}", True) else ()


class PageMixin:
    """One title and one description per page, used for <title>, the meta description and Open Graph alike. The
    description may be a record's Markdown: the page shows its words (plain_text)."""

    page_title = ""
    page_description = DEFAULT_DESCRIPTION
    section = ""  # the main navigation's entry to mark as current: members, chairmanships, topics, events

    def get_page_title(self):
        return self.page_title or str(getattr(self, "object", None) or "")

    def get_page_description(self):
        return self.page_description

    def get_page_languages(self):
        """The languages the page is written in, for hreflang: a record's page, those of the record; None (every
        language) for the others, whose texts are the interface's."""
        record = getattr(self, "object", None)
        return written_languages(record) if record is not None and translated_names(type(record)) else None

    def get_context_data(self, **kwargs):
        description = Truncator(plain_text(self.get_page_description())).chars(300)
        return super().get_context_data(
            page_title=plain(self.get_page_title()),  # in <title> and attributes: no language mark
            page_description=description or DEFAULT_DESCRIPTION,
            page_languages=self.get_page_languages(),
            section=self.section,
            **kwargs,
        )


class PreviewMixin:
    """Lets the admin show a record on its public page whatever its status (see PublishingAdmin.preview)."""

    preview_object = None

    def get_object(self, queryset=None):
        return self.preview_object or super().get_object(queryset)

    def get_context_data(self, **kwargs):
        if self.preview_object is None:
            return super().get_context_data(preview=False, **kwargs)
        state, note = publication_state(self.preview_object)
        return super().get_context_data(preview=True, preview_state=state, preview_note=note, **kwargs)
