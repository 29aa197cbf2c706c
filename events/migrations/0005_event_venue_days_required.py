"""The days at the venue, filled by 0004, become required, in order, and indexed for the lists' filters."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_event_venue_days"),
    ]

    operations = [
        *(
            migrations.AlterField(
                model_name=model,
                name=name,
                field=models.DateField(blank=True, editable=False, verbose_name=label),
            )
            for model in ["event", "historicalevent"]
            for name, label in [("start_date", "first day at the venue"), ("end_date", "last day at the venue")]
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["start_date"], name="events_event_start_date_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["end_date"], name="events_event_end_date_idx"),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.CheckConstraint(
                condition=models.Q(("end_date__gte", models.F("start_date"))),
                name="events_event_days_in_order",
                violation_error_message=(
                    "An event's last day at its venue cannot be before its first: an all-day event ends at the "
                    "midnight after its last day."
                ),
            ),
        ),
    ]
