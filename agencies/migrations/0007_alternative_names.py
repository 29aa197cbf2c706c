"""Alternative names of members and of the bodies they are made of (UN/DESA, UN-ESCWA), which the site search finds
them by: a member's names are its document's first weight, so its search index is built anew."""

from django.db import migrations, models

from core.search import add_search_index, remove_search_index


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0006_clear_invented_joining_dates'),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='alternative_names',
            field=models.CharField(blank=True, help_text='Other spellings of its name that sources use, separated by commas, e.g. UN/DESA: the site search finds the member by them.', max_length=200),
        ),
        migrations.AddField(
            model_name='constituent',
            name='alternative_names',
            field=models.CharField(blank=True, help_text='Other spellings of its name that sources use, separated by commas, e.g. UN-ESCWA: the site search finds its member by them.', max_length=200),
        ),
        migrations.AddField(
            model_name='historicalagency',
            name='alternative_names',
            field=models.CharField(blank=True, help_text='Other spellings of its name that sources use, separated by commas, e.g. UN/DESA: the site search finds the member by them.', max_length=200),
        ),
        migrations.AddField(
            model_name='historicalconstituent',
            name='alternative_names',
            field=models.CharField(blank=True, help_text='Other spellings of its name that sources use, separated by commas, e.g. UN-ESCWA: the site search finds its member by them.', max_length=200),
        ),
        remove_search_index("agencies.Agency", "agencies_agency_search_idx", [["name", "acronym"], ["summary"], ["account"]]),
        add_search_index(
            "agencies.Agency",
            "agencies_agency_search_idx",
            [["name", "acronym", "alternative_names"], ["summary"], ["account"]],
        ),
    ]
