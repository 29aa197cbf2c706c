"""RSS 2.0 and Atom feeds of the Group's events, with Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.pages import GROUP_NAME
from core.templatetags.rich_text import render
from core.translation import plain

from .models import Event
from .templatetags.event_time import when_text

FEED_SIZE = 50


class UpcomingEventsFeed(Feed):
    title = _("Global Migration Group: upcoming events")
    link = reverse_lazy("events:upcoming")
    description = _("Meetings, symposia, workshops and debates of the Global Migration Group that have not ended yet.")
    author_name = GROUP_NAME  # Atom requires an author (RFC 4287, 4.1.1): the Group, for the feed and its entries

    def items(self):
        return Event.objects.published().upcoming().soonest_first().for_listing()[:FEED_SIZE]

    def item_title(self, event):
        if event.cancelled:
            return gettext("Cancelled: %(title)s") % {"title": plain(event.title)}
        return plain(event.title)

    def item_description(self, event):
        """The when and where, then the description as the event page shows it: sanitised HTML."""
        where = f", {plain(event.place)}" if event.place else ""
        return f"<p>{escape(when_text(event) + where)}.</p>{render(plain(event.description))}"

    def item_guid(self, event):
        return f"urn:uuid:{event.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        """When the event was first published, not when its draft was begun (a record loaded from a
        fixture has no such moment: then when it was added)."""
        return event.published_at or event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [plain(topic.name) for topic in event.topics.all()]


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed
    subtitle = UpcomingEventsFeed.description


class ChangedEventsFeed(UpcomingEventsFeed):
    title = _("Global Migration Group: events added or changed")
    link = reverse_lazy("events:archive")
    description = _("The Group's events, past and upcoming, most recently added or changed first.")

    def items(self):
        return Event.objects.published().for_listing().order_by("-updated_at", "-pk")[:FEED_SIZE]


class ChangedEventsAtomFeed(ChangedEventsFeed):
    feed_type = Atom1Feed
    subtitle = ChangedEventsFeed.description
