from datetime import UTC, datetime, timedelta

import factory

from core.publishing import Status
from events.models import Event, EventKind, EventSeries
from testing import TranslatedFactory


class EventFactory(TranslatedFactory):
    """A two-hour meeting in Geneva, one a day from 1 March 2011 on."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event number {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.MEETING
    starts_at = factory.Sequence(lambda n: datetime(2011, 3, 1, 8, tzinfo=UTC) + timedelta(days=n))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    timezone = "Europe/Zurich"
    venue = "Palais des Nations"
    city = "Geneva"
    country = "Switzerland"
    description = "An event of the Group."
    status = Status.PUBLISHED


class EventSeriesFactory(TranslatedFactory):
    class Meta:
        model = EventSeries

    name = factory.Sequence(lambda n: f"Series number {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    status = Status.PUBLISHED
