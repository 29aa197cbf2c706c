from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agencies.models import Agency
from events.models import Event, EventSeries
from publications.models import Document
from themes.models import Chairmanship, Topic


class PublishedSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")


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
