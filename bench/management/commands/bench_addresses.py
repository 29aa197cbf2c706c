"""The addresses `make bench` asks for when the page cache cannot help: one file per scenario, one path a line,
in a random order (fixed by --seed), each read once by bench/new-addresses.lua.

- events: every public event's page in the six languages (120,000 addresses at 20,000 events);
- members, topics, chairmanships: every public record's page in the six languages (few enough that a run would
  come round to them again: the bench asks for these with a session cookie, so that none is served from the cache);
- searches: two words of the Group's prose (the seed's long texts), as a visitor would type them;
- filters: the past events' archive with a random combination of year, kind, topic, member and chairmanship.
"""

import random
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency
from events.models import Event, EventKind
from themes.models import Chairmanship, Topic

from .make_bench_data import WORDS

LANGUAGES = [code for code, _ in settings.LANGUAGES]
SEARCHES = 50_000
FILTERS = 50_000


def pages(queryset, rng):
    slugs = list(queryset.values_list("slug", flat=True))
    paths = []
    for code in LANGUAGES:
        with translation.override(code):
            paths += [queryset.model(slug=slug).get_absolute_url() for slug in slugs]
    rng.shuffle(paths)
    return paths


def searches(rng, code="en"):
    words = sorted({word.lower() for word in WORDS if len(word) > 3})
    with translation.override(code):
        base = reverse("search")
    return [f"{base}?{urlencode({'q': ' '.join(rng.sample(words, 2))})}" for _ in range(SEARCHES)]


def filters(rng, code="en"):
    """Combinations of one to four of the archive's filters; each of them narrows what the others found."""
    years = Event.objects.published().values_list("start_date__year", flat=True)
    choices = {
        "year": [str(year) for year in sorted(set(years))],
        "kind": list(EventKind.values),
        "topic": list(Topic.objects.published().values_list("slug", flat=True)),
        "participant": list(Agency.objects.published().values_list("slug", flat=True)),
        "chairmanship": list(Chairmanship.objects.published().values_list("slug", flat=True)),
    }
    with translation.override(code):
        base = reverse("events:archive")
    found = set()
    while len(found) < FILTERS:
        names = rng.sample(sorted(choices), rng.randint(1, 4))
        found.add(f"{base}?{urlencode({name: rng.choice(choices[name]) for name in sorted(names)})}")
    paths = sorted(found)
    rng.shuffle(paths)
    return paths


class Command(BaseCommand):
    help = "Write the benchmark's never-asked-before addresses, one file per scenario."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, directory, seed, **options):
        rng = random.Random(seed)
        directory.mkdir(parents=True, exist_ok=True)
        scenarios = {
            "events": pages(Event.objects.published(), rng),
            "members": pages(Agency.objects.published(), rng),
            "topics": pages(Topic.objects.published(), rng),
            "chairmanships": pages(Chairmanship.objects.published(), rng),
            "searches": searches(rng),
            "filters": filters(rng),
        }
        for name, paths in scenarios.items():
            (directory / f"{name}.txt").write_text("\n".join(paths) + "\n")
        self.stdout.write(", ".join(f"{len(paths)} {name}" for name, paths in scenarios.items()))
