from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.models import Agency
from agencies.tests.factories import AgencyFactory, ConstituentFactory
from core.publishing import Status

pytestmark = pytest.mark.django_db


def test_current_members_counts_the_joining_day_and_not_the_leaving_day():
    founder = AgencyFactory(joined_on=date(2006, 1, 1))
    newcomer = AgencyFactory(joined_on=date(2010, 9, 1), joined_precision=Agency.DatePrecision.MONTH)
    leaver = AgencyFactory(joined_on=date(2006, 1, 1), left_on=date(2012, 1, 1))

    assert set(Agency.objects.current_members(on=date(2010, 8, 31))) == {founder, leaver}
    assert set(Agency.objects.current_members(on=date(2010, 9, 1))) == {founder, newcomer, leaver}
    assert set(Agency.objects.current_members(on=date(2012, 1, 1))) == {founder, newcomer}
    assert list(Agency.objects.former_members(on=date(2012, 1, 1))) == [leaver]
    assert not leaver.is_member_on(date(2012, 1, 1))
    assert newcomer.is_member_on(date(2010, 9, 1))


def test_a_member_with_no_recorded_joining_date_is_a_member_until_it_leaves():
    undated = AgencyFactory(joined_on=None)
    undated_leaver = AgencyFactory(joined_on=None, left_on=date(2012, 1, 1))
    newcomer = AgencyFactory(joined_on=date(2010, 9, 1), joined_precision=Agency.DatePrecision.MONTH)

    assert set(Agency.objects.current_members(on=date(2006, 1, 1))) == {undated, undated_leaver}
    assert set(Agency.objects.current_members(on=date(2011, 1, 1))) == {undated, undated_leaver, newcomer}
    assert set(Agency.objects.current_members(on=date(2012, 1, 1))) == {undated, newcomer}
    assert list(Agency.objects.former_members(on=date(2012, 1, 1))) == [undated_leaver]
    assert undated.is_member_on(date(2006, 1, 1)) and undated_leaver.is_member_on(date(2011, 12, 31))
    assert not undated_leaver.is_member_on(date(2012, 1, 1))
    assert not newcomer.is_member_on(date(2010, 8, 31))
    assert undated.joined_display == ""


def test_a_member_with_no_recorded_joining_date_may_have_left():
    agency = AgencyFactory.build(joined_on=None, left_on=date(2012, 1, 1))
    agency.full_clean()
    agency.save()
    assert Agency.objects.get(pk=agency.pk).left_on == date(2012, 1, 1)


@time_machine.travel(date(2011, 6, 1))
def test_current_means_today_by_default():
    AgencyFactory(joined_on=date(2011, 6, 2))
    today_member = AgencyFactory(joined_on=date(2011, 6, 1))
    assert list(Agency.objects.current_members()) == [today_member]
    assert today_member.is_current_member


def test_published_leaves_drafts_out():
    published = AgencyFactory()
    AgencyFactory(status=Status.DRAFT)
    assert list(Agency.objects.published()) == [published]


@pytest.mark.parametrize(
    ("precision", "shown"),
    [
        (Agency.DatePrecision.YEAR, "2010"),
        (Agency.DatePrecision.MONTH, "September 2010"),
        (Agency.DatePrecision.DAY, "1 September 2010"),
    ],
)
def test_joining_date_is_shown_to_the_precision_known(precision, shown):
    assert AgencyFactory.build(joined_on=date(2010, 9, 1), joined_precision=precision).joined_display == shown


def test_a_joining_date_known_to_the_month_is_entered_as_its_first_day():
    with pytest.raises(ValidationError) as error:
        AgencyFactory.build(joined_on=date(2010, 9, 15), joined_precision=Agency.DatePrecision.MONTH).full_clean()
    assert error.value.message_dict == {"joined_on": ["Known to the month: enter the first day of that month."]}
    AgencyFactory.build(joined_on=None, joined_precision=Agency.DatePrecision.MONTH).full_clean()


def test_leaving_before_joining_is_refused_by_the_form_rule_and_the_database():
    agency = AgencyFactory.build(joined_on=date(2010, 9, 1), left_on=date(2010, 8, 1))
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert error.value.message_dict == {"left_on": ["A member cannot leave the Group before it joined."]}
    with pytest.raises(IntegrityError, match="agencies_agency_leaves_after_joining"), transaction.atomic():
        agency.save()


def test_acronyms_are_unique_but_may_be_left_empty():
    AgencyFactory(acronym="")
    AgencyFactory(acronym="")
    AgencyFactory(acronym="UNHCR")
    duplicate = AgencyFactory.build(acronym="UNHCR")
    with pytest.raises(ValidationError, match="Another member already uses this acronym"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_member_has_one_representative_body_at_most():
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    eca = ConstituentFactory(agency=escwa.agency, acronym="ECA")
    assert escwa.agency.representative == escwa
    rival = ConstituentFactory.build(agency=escwa.agency, acronym="ECE", is_representative=True)
    with pytest.raises(ValidationError, match="one representative body at most"):
        rival.full_clean()
    with pytest.raises(IntegrityError, match="agencies_constituent"), transaction.atomic():
        type(eca).objects.filter(pk=eca.pk).update(is_representative=True)


def test_ticking_a_new_representative_unticks_the_old_one():
    escwa = ConstituentFactory(acronym="ESCWA", is_representative=True)
    eca = ConstituentFactory(agency=escwa.agency, acronym="ECA", is_representative=True)
    escwa.refresh_from_db()
    assert not escwa.is_representative
    assert escwa.agency.representative == eca


def test_natural_keys_find_the_same_records():
    agency = AgencyFactory(slug="unodc")
    body = ConstituentFactory(acronym="ESCWA")
    assert Agency.objects.get_by_natural_key(*agency.natural_key()) == agency
    assert type(body).objects.get_by_natural_key(*body.natural_key()) == body


def test_short_name_prefers_the_acronym():
    assert str(AgencyFactory.build(name="World Health Organization", acronym="WHO")) == "WHO"
    assert str(AgencyFactory.build(name="World Bank", acronym="")) == "World Bank"
