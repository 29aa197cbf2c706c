"""A large, realistic data set for the benchmark: made-up records, never for a real deployment.

200 agencies, 400 six-month chairmanships (one after another, as the Group's rotation goes), 50
topics and 20,000 events from 20 years ago to a year ahead, each with an organiser, a term when one covers it, one to
three topics and one to four participants; about 3% of each are drafts and 1% scheduled. Records are
written in bulk, so no history or signal fires; the page cache is emptied at the end.
"""

import json
import random
import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from agencies.models import Agency
from core.publishing import Status
from events.models import Event, EventKind
from themes.models import Chairmanship, Topic

ZONES = ["Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Bangkok", "Europe/Paris", "America/Santiago"]
CITIES = ["Geneva", "New York", "Nairobi", "Bangkok", "Paris", "Santiago"]


def seed_words():
    """The words of the seed content's long texts, in order: runs of them read like the Group's own prose,
    and search for a word matches about as many records as it would in the real portal."""
    words = []
    for fixture in sorted(settings.FIXTURE_DIRS[0].glob("*.json")):
        for record in json.loads(fixture.read_text()):
            for value in record["fields"].values():
                if isinstance(value, str) and len(value) > 40:
                    words += re.findall(r"[A-Za-z][A-Za-z'-]+", value)
    return words


WORDS = seed_words()


def sentence(rng, words=12):
    start = rng.randrange(len(WORDS) - words)
    return " ".join(WORDS[start : start + words]).capitalize() + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng) for _ in range(sentences))


class Command(BaseCommand):
    help = "Fill an empty database with the benchmark's large data set."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=200)
        parser.add_argument("--terms", type=int, default=400)
        parser.add_argument("--topics", type=int, default=50)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2006)

    def handle(self, *args, **options):
        if Agency.objects.exists():
            raise CommandError("This database already holds members; the benchmark data goes into an empty one.")
        rng = random.Random(options["seed"])
        with transaction.atomic():
            counts = self.fill(rng, options)
        cache.clear()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))

    def status(self, rng, now):
        """(status, publish_from): mostly published, some drafts, a few scheduled for the coming weeks."""
        roll = rng.random()
        if roll < 0.03:
            return Status.DRAFT, None
        if roll < 0.04:
            return Status.PUBLISHED, now + timedelta(days=rng.randint(1, 60))
        return Status.PUBLISHED, None

    def fill(self, rng, options):
        now = datetime.now(UTC)
        agencies = Agency.objects.bulk_create(
            Agency(
                name_en=f"Agency for {rng.choice(WORDS)} {n}",
                acronym=f"AG{n}",
                slug=f"agency-{n}",
                kind=rng.choice(Agency.Kind.values),
                joined_on=date(2006, 1, 1) + timedelta(days=rng.randint(0, 4000)),
                summary_en=sentence(rng, 20),
                account_en=paragraph(rng, 8),
                **dict(zip(["status", "publish_from"], self.status(rng, now), strict=True)),
            )
            for n in range(options["agencies"])
        )
        topics = Topic.objects.bulk_create(
            Topic(
                name_en=f"{rng.choice(WORDS).capitalize()} topic {n}",
                slug=f"topic-{n}",
                position=n,
                description_en=paragraph(rng, 3),
                **dict(zip(["status", "publish_from"], self.status(rng, now), strict=True)),
            )
            for n in range(options["topics"])
        )
        # Terms of six months, back to back, the last one current.
        first_year = now.year - options["terms"] // 2 + 1
        terms = Chairmanship.objects.bulk_create(
            Chairmanship(
                agency=rng.choice(agencies),
                slug=f"term-{n}",
                starts_on=date(first_year + n // 2, 1 if n % 2 == 0 else 7, 1),
                ends_on=date(first_year + n // 2, 6, 30) if n % 2 == 0 else date(first_year + n // 2, 12, 31),
                theme_title_en=sentence(rng, 6),
                theme_summary_en=sentence(rng, 15),
                theme_description_en=paragraph(rng, 6),
                **dict(zip(["status", "publish_from"], self.status(rng, now), strict=True)),
            )
            for n in range(options["terms"])
        )
        term_by_half = {(term.starts_on.year, term.starts_on.month): term for term in terms}

        start = now - timedelta(days=365 * 20)
        span = timedelta(days=365 * 21).total_seconds()
        events = []
        for n in range(options["events"]):
            zone_index = rng.randrange(len(ZONES))
            zone = zoneinfo.ZoneInfo(ZONES[zone_index])
            local_day = (start + timedelta(seconds=rng.uniform(0, span))).astimezone(zone).date()
            all_day = rng.random() < 0.2
            if all_day:
                starts_at = datetime.combine(local_day, time.min, tzinfo=zone)
                ends_at = starts_at + timedelta(days=rng.randint(1, 3))
            else:
                starts_at = datetime.combine(local_day, time(rng.randint(8, 16)), tzinfo=zone)
                ends_at = starts_at + timedelta(hours=rng.randint(1, 8))
            events.append(
                Event(
                    title_en=f"{sentence(rng, 5)[:-1]} ({n})",
                    slug=f"event-{n}",
                    kind=rng.choice(EventKind.values),
                    starts_at=starts_at,
                    ends_at=ends_at,
                    all_day=all_day,
                    timezone=ZONES[zone_index],
                    venue_en="Conference centre",
                    city_en=CITIES[zone_index],
                    country_en="",
                    organiser=rng.choice(agencies),
                    chairmanship=term_by_half.get((local_day.year, 1 if local_day.month <= 6 else 7)),
                    description_en=paragraph(rng, 6),
                    cancelled=rng.random() < 0.02,
                    **dict(zip(["status", "publish_from"], self.status(rng, now), strict=True)),
                )
            )
        for event in events:
            event.set_venue_days()  # bulk_create skips save() and its signals, which set them
        events = Event.objects.bulk_create(events, batch_size=2000)

        Event.topics.through.objects.bulk_create(
            (
                Event.topics.through(event=event, topic=topic)
                for event in events
                for topic in rng.sample(topics, rng.randint(1, 3))
            ),
            batch_size=5000,
        )
        Event.participants.through.objects.bulk_create(
            (
                Event.participants.through(event=event, agency=agency)
                for event in events
                for agency in rng.sample(agencies, rng.randint(1, 4))
            ),
            batch_size=5000,
        )
        Topic.agencies.through.objects.bulk_create(
            Topic.agencies.through(topic=topic, agency=agency)
            for topic in topics
            for agency in rng.sample(agencies, rng.randint(3, 12))
        )
        Chairmanship.topics.through.objects.bulk_create(
            Chairmanship.topics.through(chairmanship=term, topic=topic)
            for term in terms
            for topic in rng.sample(topics, rng.randint(1, 3))
        )
        return {"agencies": len(agencies), "chairmanships": len(terms), "topics": len(topics), "events": len(events)}
