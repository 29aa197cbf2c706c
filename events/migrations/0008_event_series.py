"""Event series (issue 12 §4): events held under one name, which the portal can hold without a date of its own, and
an event's optional series; the site search's index of series on PostgreSQL, as events 0003 made the events'."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from core.search import add_search_index


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_record_states'),
        ('themes', '0005_record_states'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EventSeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10)),
                ('publish_from', models.DateTimeField(blank=True, help_text='Optional. A published record with a time here is hidden until that time, then shows by itself.', null=True, verbose_name='publish from')),
                ('unpublish_at', models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at')),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at')),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at')),
                ('review_comment', models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment")),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('name', models.CharField(max_length=200, unique=True)),
                ('slug', models.SlugField(max_length=120, unique=True)),
                ('summary', models.TextField(blank=True, help_text='Markdown: a blank line between paragraphs, *italic*, **bold**, [link text](https://…), lists with - at the start of lines.')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by')),
                ('topics', models.ManyToManyField(blank=True, related_name='event_series', to='themes.topic')),
                ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'event series',
                'verbose_name_plural': 'event series',
                'ordering': ['name'],
                'permissions': [('publish_eventseries', 'Can publish, unpublish and delete published event series')],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='event',
            name='series',
            field=models.ForeignKey(blank=True, help_text="The series this event belongs to, if any, such as the GFMD's thematic meetings.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='events.eventseries'),
        ),
        migrations.AddField(
            model_name='historicalevent',
            name='series',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The series this event belongs to, if any, such as the GFMD's thematic meetings.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.eventseries'),
        ),
        migrations.CreateModel(
            name='HistoricalEventSeries',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published')], db_index=True, default='draft', help_text='Only published records are ever shown to the public.', max_length=10)),
                ('publish_from', models.DateTimeField(blank=True, help_text='Optional. A published record with a time here is hidden until that time, then shows by itself.', null=True, verbose_name='publish from')),
                ('unpublish_at', models.DateTimeField(blank=True, help_text='Optional. A published record with a time here leaves the public site by itself at that time.', null=True, verbose_name='unpublish at')),
                ('published_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='published at')),
                ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review at')),
                ('review_comment', models.TextField(blank=True, default='', editable=False, help_text='Why a publisher sent this draft back; cleared when it is submitted again.', verbose_name="publisher's comment")),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('name', models.CharField(db_index=True, max_length=200)),
                ('slug', models.SlugField(max_length=120)),
                ('summary', models.TextField(blank=True, help_text='Markdown: a blank line between paragraphs, *italic*, **bold**, [link text](https://…), lists with - at the start of lines.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted for review by')),
                ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical event series',
                'verbose_name_plural': 'historical event series',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalEventSeries_topics',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                ('eventseries', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='events.eventseries')),
                ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='events.historicaleventseries')),
                ('topic', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='themes.topic')),
            ],
            options={
                'verbose_name': 'HistoricalEventSeries_topics',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='eventseries',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'review', 'published'])), name='events_eventseries_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='eventseries',
            constraint=models.CheckConstraint(condition=models.Q(('unpublish_at__isnull', True), ('publish_from__isnull', True), ('unpublish_at__gt', models.F('publish_from')), _connector='OR'), name='events_eventseries_unpublish_after_publish', violation_error_message='“Unpublish at” must come after “publish from”.'),
        ),
        add_search_index("events.EventSeries", "events_series_search_idx", [["name"], ["summary"]]),
    ]
