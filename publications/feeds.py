"""RSS 2.0 and Atom feeds of the Group's new documents, with Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.pages import GROUP_NAME
from core.templatetags.rich_text import render
from core.translation import plain

from .models import Document

FEED_SIZE = 50


class NewDocumentsFeed(Feed):
    title = _("Global Migration Group: statements and publications")
    link = reverse_lazy("publications:list")
    description = _(
        "Joint statements, reports, books and other publications of the Global Migration Group, newest first."
    )
    author_name = GROUP_NAME

    def items(self):
        newest = F("published_at").desc(nulls_last=True)
        return Document.objects.published().for_listing().order_by(newest, "-pk")[:FEED_SIZE]

    def item_title(self, document):
        return plain(document.title)  # a feed is plain text: no language mark

    def item_description(self, document):
        """Its kind, date and authors, then its summary as its page shows it: sanitised HTML."""
        facts = gettext("%(kind)s, %(date)s, by %(authors)s.") % {
            "kind": document.get_kind_display(),
            "date": document.date_display,
            "authors": document.authors_text,
        }
        return f"<p>{escape(facts)}</p>{render(plain(document.summary))}"

    def item_author_name(self, document):
        return document.authors_text

    def item_pubdate(self, document):
        """When the document was first published on the portal (a fixture's record: when it was added)."""
        return document.published_at or document.created_at

    def item_updateddate(self, document):
        return document.updated_at

    def item_categories(self, document):
        return [document.get_kind_display()]


class NewDocumentsAtomFeed(NewDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = NewDocumentsFeed.description
