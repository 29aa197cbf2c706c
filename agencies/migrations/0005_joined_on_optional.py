"""A member's joining date is recorded only where a source gives it (issue 12 §4): it may be empty, and a member
with none may have left."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0004_record_states'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='agency',
            name='agencies_agency_leaves_after_joining',
        ),
        migrations.AlterField(
            model_name='agency',
            name='joined_on',
            field=models.DateField(blank=True, help_text='Only as a source gives it; leave empty when none does. When only the month or the year is known, enter its first day and say so below.', null=True, verbose_name='joined the Group on'),
        ),
        migrations.AlterField(
            model_name='historicalagency',
            name='joined_on',
            field=models.DateField(blank=True, help_text='Only as a source gives it; leave empty when none does. When only the month or the year is known, enter its first day and say so below.', null=True, verbose_name='joined the Group on'),
        ),
        migrations.AddConstraint(
            model_name='agency',
            constraint=models.CheckConstraint(condition=models.Q(('left_on__isnull', True), ('joined_on__isnull', True), ('left_on__gt', models.F('joined_on')), _connector='OR'), name='agencies_agency_leaves_after_joining', violation_error_message='A member cannot leave the Group before it joined.'),
        ),
    ]
