"""The two staff roles, so that every deployment has them.

Editors add, change and view every kind of content, and delete drafts; what is published they can
only view. Publishers also publish and unpublish (the publish_<model> permissions) and change or
delete what is published. The admin enforces the difference (agencies/publishing_admin.py).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "agencies": ["agency", "constituent", "groupprofile"],
    "themes": ["topic", "chairmanship"],
    "events": ["event"],
}
PUBLISHABLE = ["agency", "groupprofile", "topic", "chairmanship", "event"]
EDITOR_ACTIONS = ["add", "change", "delete", "view"]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now, so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codenames):
        return Permission.objects.filter(
            content_type__app_label__in=CONTENT, codename__in=codenames
        ).filter(content_type__model__in=[model for models in CONTENT.values() for model in models])

    editing = [f"{action}_{model}" for models in CONTENT.values() for model in models for action in EDITOR_ACTIONS]
    publishing = [f"publish_{model}" for model in PUBLISHABLE]
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions(editing))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(permissions(editing + publishing))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Publishers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("agencies", "0001_initial"),
        ("themes", "0002_chairmanship_terms_do_not_overlap"),
        ("events", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
