"""Events and event series in six languages (issue 13): each text becomes its English column, with its data;
0013 adds the other five languages' columns, empty.

The GIN search
indexes (0003, 0008, PostgreSQL only) are expressions over the columns, which a rename keeps working."""

from django.db import migrations, models

RENAMED = {
    "event": ["title", "venue", "city", "country", "organiser_name", "description"],
    "eventseries": ["name", "summary"],
}

# The order index and the single-organiser check name renamed columns: dropped before the renames, made again after.
operations = [
    migrations.RemoveIndex(model_name="event", name="events_event_order_idx"),
    migrations.RemoveConstraint(model_name="event", name="events_event_single_organiser"),
    *[
        migrations.RenameField(model_name=prefix + model, old_name=name, new_name=f"{name}_en")
        for model, names in RENAMED.items()
        for prefix in ("", "historical")
        for name in names
    ],
    migrations.AddIndex(
        model_name="event", index=models.Index(fields=["starts_at", "title_en"], name="events_event_order_idx")
    ),
    migrations.AddConstraint(
        model_name="event",
        constraint=models.CheckConstraint(
            condition=models.Q(organiser__isnull=True) | models.Q(organiser_name_en=""),
            name="events_event_single_organiser",
            violation_error_message="Give either an organising member or an organiser's name, not both.",
        ),
    ),
]


class Migration(migrations.Migration):
    dependencies = [("events", "0011_seed_escwa_workshop_body")]
    operations = operations
