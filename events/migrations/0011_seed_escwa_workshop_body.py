"""The seed's UN-ESCWA workshop, in databases loaded from an earlier seed, is organised by ESCWA for the Regional
Commissions, as its title says: set where the event still has the Commissions as organiser and no body."""

from django.db import migrations


def fill(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Constituent = apps.get_model("agencies", "Constituent")
    escwa = Constituent.objects.filter(acronym="ESCWA", agency__slug="regional-commissions").first()
    if escwa:
        Event.objects.filter(
            slug="escwa-interregional-workshop-2011", organiser=escwa.agency_id, organising_body=None
        ).update(organising_body=escwa)


class Migration(migrations.Migration):
    dependencies = [("events", "0010_event_organising_body")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
