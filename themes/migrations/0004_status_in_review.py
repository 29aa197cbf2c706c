"""Records may wait "in review". On SQLite, replacing the status rule rebuilds themes_chairmanship, which
drops the triggers that keep terms from overlapping (0002): they are created again at the end."""

from django.conf import settings
import importlib

from django.db import migrations, models

overlap_rule = importlib.import_module("themes.migrations.0002_chairmanship_terms_do_not_overlap")


def recreate_overlap_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {overlap_rule.NAME}_{event};")
            schema_editor.execute(overlap_rule.SQLITE_TRIGGER.format(name=overlap_rule.NAME, event=event))


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_status_in_review'),
        ('themes', '0003_topic_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='chairmanship',
            name='themes_chairmanship_status_valid',
        ),
        migrations.RemoveConstraint(
            model_name='topic',
            name='themes_topic_status_valid',
        ),
        migrations.AlterField(
            model_name='chairmanship',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalchairmanship',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10),
        ),
        migrations.AlterField(
            model_name='historicaltopic',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10),
        ),
        migrations.AlterField(
            model_name='topic',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='chairmanship',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'review', 'published'])), name='themes_chairmanship_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'review', 'published'])), name='themes_topic_status_valid'),
        ),
        migrations.RunPython(recreate_overlap_triggers, migrations.RunPython.noop),
    ]
