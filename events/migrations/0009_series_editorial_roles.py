"""Editors and Publishers (events 0002) get event series as every other kind of content: editors add, change and
view them and delete drafts; publishers also publish them (publish_eventseries)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["eventseries"]
EDITOR_ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make this app's now, so the groups can hold them.
    config = apps.get_app_config("events")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="events", content_type__model__in=MODELS)
    editing = ours.filter(codename__in=[f"{action}_{model}" for model in MODELS for action in EDITOR_ACTIONS])
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*editing)
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.add(*editing, *ours.filter(codename="publish_eventseries"))


def withdraw(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="events", content_type__model__in=MODELS)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.remove(*ours)


class Migration(migrations.Migration):
    dependencies = [("events", "0008_event_series")]

    operations = [migrations.RunPython(grant, withdraw)]
