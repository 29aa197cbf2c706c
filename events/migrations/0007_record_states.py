"""Records may leave the public site at a set time (unpublish_at), are dated by their first publication
(published_at, filled for those already published) and keep who sent them for review and the publisher's
comment."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_operations import fill_published_at


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0004_record_states'),
        ('events', '0006_status_in_review'),
        ('themes', '0005_record_states'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='event',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='event',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='event',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='event',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='events_event_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        fill_published_at('events', 'Event'),
    ]
