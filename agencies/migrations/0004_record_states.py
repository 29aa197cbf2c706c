"""Records may leave the public site at a set time (unpublish_at), are dated by their first publication
(published_at, filled for those already published) and keep who sent them for review and the publisher's
comment."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_operations import fill_published_at


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0003_status_in_review'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='agency',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='agency',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='agency',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='agency',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='groupprofile',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='groupprofile',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='groupprofile',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='groupprofile',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='groupprofile',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddField(
            model_name='historicalgroupprofile',
            name='published_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at'),
        ),
        migrations.AddField(
            model_name='historicalgroupprofile',
            name='review_comment',
            field=models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment"),
        ),
        migrations.AddField(
            model_name='historicalgroupprofile',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at'),
        ),
        migrations.AddField(
            model_name='historicalgroupprofile',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by'),
        ),
        migrations.AddField(
            model_name='historicalgroupprofile',
            name='unpublish_at',
            field=models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at'),
        ),
        migrations.AddConstraint(
            model_name='agency',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='agencies_agency_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        migrations.AddConstraint(
            model_name='groupprofile',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='agencies_groupprofile_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        fill_published_at('agencies', 'Agency', 'GroupProfile'),
    ]
