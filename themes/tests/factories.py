from datetime import date

import factory

from agencies.tests.factories import AgencyFactory
from core.publishing import Status
from testing import TranslatedFactory
from themes.models import Chairmanship, Topic


class TopicFactory(TranslatedFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic number {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    position = factory.Sequence(lambda n: n)
    status = Status.PUBLISHED


class ChairmanshipFactory(TranslatedFactory):
    """Consecutive half-year terms in the 20th century, so that the terms of a test never overlap (up to 200 of
    them) and are all past whatever the date: the sequence runs on through the whole session (195 terms in one
    run of the suite, as far as 1997), so it starts again at 1900 rather than reach today."""

    class Meta:
        model = Chairmanship

    agency = factory.SubFactory(AgencyFactory)
    slug = factory.Sequence(lambda n: f"term-{n}")
    starts_on = factory.Sequence(lambda n: date(1900 + n % 200 // 2, 1 + 6 * (n % 2), 1))
    ends_on = factory.LazyAttribute(
        lambda term: (
            date(term.starts_on.year, 6, 30) if term.starts_on.month == 1 else date(term.starts_on.year, 12, 31)
        )
    )
    theme_title = factory.Sequence(lambda n: f"Theme number {n}")
    theme_description = "What the Group works on during the term."
    status = Status.PUBLISHED
