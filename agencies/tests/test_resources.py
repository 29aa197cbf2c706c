from datetime import date

import pytest
import tablib

from agencies.models import Agency
from agencies.resources import AgencyResource
from agencies.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def row(**changes):
    fields = {
        "slug": "ilo",
        "name_en": "ILO",
        "acronym": "ILO",
        "alternative_names": "",
        "kind": "un-entity",
        "status": "draft",
        "joined_on": "",
        "joined_precision": "day",
        "left_on": "",
        "summary_en": "ILO, the UN specialized agency on labour issues, began working on migration in 1919.",
        "account_en": "ILO, the UN specialized agency on labour issues, began working on migration in 1919.",
        "website": "",
    }
    return fields | changes


def test_a_missing_joining_date_exports_as_an_empty_cell():
    AgencyFactory(slug="ilo", joined_on=None)
    AgencyFactory(slug="who", joined_on=date(2010, 9, 1), joined_precision=Agency.DatePrecision.MONTH)
    exported = {line["slug"]: line["joined_on"] for line in AgencyResource().export().dict}
    assert exported == {"ilo": "", "who": "2010-09-01"}


def test_an_empty_joining_date_cell_imports_as_no_date():
    lines = [row(), row(slug="who", name_en="WHO", acronym="WHO", joined_on="2010-09-01", joined_precision="month")]
    dataset = tablib.Dataset(*[list(line.values()) for line in lines], headers=list(lines[0]))
    result = AgencyResource().import_data(dataset, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert dict(Agency.objects.values_list("slug", "joined_on")) == {"ilo": None, "who": date(2010, 9, 1)}


def test_alternative_names_export_and_import():
    AgencyFactory(slug="undesa", acronym="UNDESA", alternative_names="UN/DESA")
    (exported,) = AgencyResource().export().dict
    assert exported["alternative_names"] == "UN/DESA"
    line = row(slug="undesa", name_en="UNDESA", acronym="UNDESA", alternative_names="UN/DESA, DESA")
    dataset = tablib.Dataset(list(line.values()), headers=list(line))
    AgencyResource().import_data(dataset, raise_errors=True)
    assert Agency.objects.get(slug="undesa").alternative_names == "UN/DESA, DESA"
