"""Records may leave the public site at a set time (unpublish_at), are dated by their first publication
(published_at, filled for those already published) and keep who sent them for review and the publisher's
comment. On SQLite the new constraint rebuilds themes_chairmanship, which drops the triggers that keep terms
from overlapping (0002): they are created again at the end, as in 0004."""

import importlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_operations import fill_published_at

recreate_overlap_triggers = importlib.import_module("themes.migrations.0004_status_in_review").recreate_overlap_triggers


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0004_record_states'),
        ('themes', '0004_status_in_review'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='chairmanship',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='chairmanship',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='chairmanship',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='chairmanship',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='chairmanship',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='historicalchairmanship',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalchairmanship',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='historicalchairmanship',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='historicalchairmanship',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='historicalchairmanship',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='topic',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='topic',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='topic',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='topic',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='topic',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddConstraint(
            model_name='chairmanship',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='themes_chairmanship_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='themes_topic_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        fill_published_at('themes', 'Topic', 'Chairmanship'),
        migrations.RunPython(recreate_overlap_triggers, migrations.RunPython.noop),
    ]
