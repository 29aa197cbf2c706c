"""`make bench`'s data generator keeps up with the models (it went stale once, unseen until a bench run)."""

import io

from django.core.management import call_command

from agencies.models import Agency
from bench.management.commands.make_bench_data import Command
from events.models import Event
from themes.models import Chairmanship, Topic


def test_the_bench_data_fills_an_empty_database_that_the_pages_and_the_api_read(client, db):
    call_command(Command(), agencies=12, terms=4, topics=3, events=40, stdout=io.StringIO())
    assert (Agency.objects.count(), Chairmanship.objects.count(), Topic.objects.count(), Event.objects.count()) == (
        12,
        4,
        3,
        40,
    )
    event = Event.objects.published().first()
    for url in ["/en/events/past/", event.get_absolute_url(), "/en/api/v1/events/", "/en/topics/"]:
        assert client.get(url).status_code == 200, url
