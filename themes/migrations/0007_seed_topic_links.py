"""Six links between topics and members that the article's texts support and the first seed left out (audited in
themes/tests/test_topic_evidence.py), for databases loaded from that seed: added where both records exist."""

from django.db import migrations

LINKS = [
    ("migration-and-children", "undesa"),
    ("migration-and-governance", "undesa"),
    ("labour-migration", "unesco"),
    ("labour-migration", "unicef"),
    ("migration-and-governance", "undp"),
    ("migration-and-governance", "unhcr"),
]


def link(apps, schema_editor):
    Topic = apps.get_model("themes", "Topic")
    Agency = apps.get_model("agencies", "Agency")
    for topic_slug, agency_slug in LINKS:
        topic = Topic.objects.filter(slug=topic_slug).first()
        agency = Agency.objects.filter(slug=agency_slug).first()
        if topic and agency:
            topic.agencies.add(agency)


class Migration(migrations.Migration):
    dependencies = [("themes", "0006_topic_members_described"), ("agencies", "0008_seed_alternative_names")]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
