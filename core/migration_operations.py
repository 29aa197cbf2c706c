"""Operations that the content apps' migrations share."""

from django.db import migrations
from django.db.models import Min


def fill_published_at(app_label, *model_names):
    """A RunPython that dates the records already published: when their history first shows them published,
    else when they were created (records loaded from fixtures, which leave no history)."""

    def fill(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            history = apps.get_model(app_label, f"Historical{name}")
            first_published = dict(
                history.objects.filter(status="published")
                .values_list("id")
                .annotate(first=Min("history_date"))
                .values_list("id", "first")
            )
            for record in model.objects.filter(status="published", published_at__isnull=True).only(
                "pk", "created_at", "publish_from"
            ):
                moment = first_published.get(record.pk, record.created_at)
                if record.publish_from is not None and record.publish_from > moment:
                    moment = record.publish_from
                model.objects.filter(pk=record.pk).update(published_at=moment)

    return migrations.RunPython(fill, migrations.RunPython.noop)
