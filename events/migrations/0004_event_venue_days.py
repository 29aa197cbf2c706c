"""Each event's first and last day at its venue, stored beside its instants (issue #10): added empty, then
filled for every event and every version of it in the history. 0005 makes them required."""

import zoneinfo
from datetime import timedelta

from django.db import migrations, models

BATCH = 500


def days_at_venue(event):
    """The rule as it stands in events/venue_time.py today, written out here so that a later change there
    cannot change what this migration does. A zone this Python does not know counts as UTC: a row that
    cannot be placed must not stop an upgrade."""
    try:
        zone = zoneinfo.ZoneInfo(event.timezone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        zone = zoneinfo.ZoneInfo("UTC")
    first = event.starts_at.astimezone(zone).date()
    if event.ends_at is None:
        return first, first
    last = event.ends_at.astimezone(zone).date() - (timedelta(days=1) if event.all_day else timedelta(0))
    # An all-day event saved without the form could end short of a midnight; it still lasts its first day.
    return first, max(first, last)


def fill_days(apps, schema_editor):
    for name in ["Event", "HistoricalEvent"]:
        model = apps.get_model("events", name)
        records = model._default_manager.only("pk", "starts_at", "ends_at", "all_day", "timezone").order_by("pk")
        batch = []
        for record in records.iterator(chunk_size=BATCH):
            record.start_date, record.end_date = days_at_venue(record)
            batch.append(record)
            if len(batch) == BATCH:
                model._default_manager.bulk_update(batch, ["start_date", "end_date"])
                batch = []
        model._default_manager.bulk_update(batch, ["start_date", "end_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_search_and_end_indexes"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name=name,
                field=models.DateField(blank=True, editable=False, null=True, verbose_name=label),
            )
            for model in ["event", "historicalevent"]
            for name, label in [("start_date", "first day at the venue"), ("end_date", "last day at the venue")]
        ),
        migrations.RunPython(fill_days, migrations.RunPython.noop, elidable=False),
    ]
