from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from agencies.models import Agency
from core.translation import written_languages
from events.models import Event, EventSeries
from publications.models import Document
from themes.models import Chairmanship, Topic


class Sitemap(DjangoSitemap):
    """Each page once per language, with its alternates in the five others and English as the x-default; a record's
    page in the languages it is written in only (core.translation.written_languages), as its hreflang says."""

    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def get_languages_for_item(self, record):
        return written_languages(record)

    def lastmod(self, record):
        """The record's last public change: its last saved edit, or the moment a scheduled publication came
        into effect when that was later."""
        return max(record.updated_at, record.publish_from or record.updated_at)


class AgencySitemap(PublishedSitemap):
    model = Agency


class ChairmanshipSitemap(PublishedSitemap):
    model = Chairmanship


class TopicSitemap(PublishedSitemap):
    model = Topic


class EventSitemap(PublishedSitemap):
    model = Event


class EventSeriesSitemap(PublishedSitemap):
    model = EventSeries


class DocumentSitemap(PublishedSitemap):
    model = Document


class PageSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "agencies:list",
            "themes:chairmanships",
            "themes:topics",
            "events:upcoming",
            "events:archive",
            "publications:list",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "members": AgencySitemap,
    "chairmanships": ChairmanshipSitemap,
    "topics": TopicSitemap,
    "events": EventSitemap,
    "event-series": EventSeriesSitemap,
    "publications": DocumentSitemap,
}
