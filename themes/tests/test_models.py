from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agencies.tests.factories import AgencyFactory
from themes.models import NO_OVERLAP_CONSTRAINT, Chairmanship, Topic
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db


def term(starts_on, ends_on, **fields):
    return ChairmanshipFactory.build(agency=AgencyFactory(), starts_on=starts_on, ends_on=ends_on, **fields)


def test_back_to_back_terms_are_allowed():
    term(date(2011, 1, 1), date(2011, 6, 30)).save()
    following = term(date(2011, 7, 1), date(2011, 12, 31))
    following.full_clean()
    following.save()
    assert Chairmanship.objects.count() == 2


def test_an_overlapping_term_gets_a_readable_error():
    first = term(date(2011, 1, 1), date(2011, 6, 30))
    first.save()
    clash = term(date(2011, 6, 30), date(2011, 12, 31))
    with pytest.raises(ValidationError) as error:
        clash.full_clean()
    assert error.value.messages == [
        f"This term overlaps {first.agency}'s term from 1 January 2011 to 30 June 2011: two terms never overlap."
    ]


def test_editing_a_term_does_not_clash_with_itself():
    existing = term(date(2011, 1, 1), date(2011, 6, 30))
    existing.save()
    existing.ends_on = date(2011, 6, 29)
    existing.full_clean()
    existing.save()


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (date(2011, 6, 30), date(2011, 7, 1)),  # shares the last day
        (date(2010, 12, 1), date(2011, 1, 1)),  # shares the first day
        (date(2011, 2, 1), date(2011, 3, 1)),  # inside
        (date(2010, 1, 1), date(2012, 1, 1)),  # around
    ],
)
def test_the_database_itself_refuses_overlapping_terms(starts_on, ends_on):
    term(date(2011, 1, 1), date(2011, 6, 30)).save()
    with pytest.raises(IntegrityError, match=NO_OVERLAP_CONSTRAINT), transaction.atomic():
        term(starts_on, ends_on).save()


def test_the_database_refuses_moving_a_term_onto_another():
    term(date(2011, 1, 1), date(2011, 6, 30)).save()
    later = term(date(2011, 7, 1), date(2011, 12, 31))
    later.save()
    with pytest.raises(IntegrityError, match=NO_OVERLAP_CONSTRAINT), transaction.atomic():
        Chairmanship.objects.filter(pk=later.pk).update(starts_on=date(2011, 6, 1))


@pytest.mark.parametrize("ends_on", [date(2011, 1, 1), date(2010, 12, 31)])
def test_a_term_ends_after_it_starts(ends_on):
    backwards = term(date(2011, 1, 1), ends_on)
    with pytest.raises(ValidationError) as error:
        backwards.full_clean()
    assert error.value.message_dict == {"ends_on": ["A term must end after it starts."]}
    with pytest.raises(IntegrityError, match="themes_chairmanship_ends_after_start"), transaction.atomic():
        backwards.save()


def test_current_term_follows_the_day():
    first = ChairmanshipFactory(starts_on=date(2011, 1, 1), ends_on=date(2011, 6, 30))
    second = ChairmanshipFactory(starts_on=date(2011, 7, 1), ends_on=date(2011, 12, 31))
    assert list(Chairmanship.objects.current(on=date(2011, 6, 30))) == [first]
    assert list(Chairmanship.objects.current(on=date(2011, 7, 1))) == [second]
    assert not Chairmanship.objects.current(on=date(2012, 1, 1)).exists()
    with time_machine.travel(date(2011, 3, 1)):
        assert list(Chairmanship.objects.current()) == [first]
        assert first.is_current and not second.is_current


def test_terms_are_listed_newest_first():
    older = ChairmanshipFactory(starts_on=date(2011, 1, 1), ends_on=date(2011, 6, 30))
    newer = ChairmanshipFactory(starts_on=date(2011, 7, 1), ends_on=date(2011, 12, 31))
    assert list(Chairmanship.objects.all()) == [newer, older]


def test_topics_are_listed_by_position_then_name():
    last = TopicFactory(name="Other Issues", position=13)
    second = TopicFactory(name="Migration Data", position=2)
    first = TopicFactory(name="Migration and the Economic Crisis", position=1)
    assert list(Topic.objects.all()) == [first, second, last]
