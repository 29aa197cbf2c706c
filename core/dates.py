"""Dates known to a day, a month or a year ("September 2010" is a month): how they are kept and shown.

The day is stored as the first of its month or year when only that is known; a named constraint, mirrored by
`check_precision`, keeps it so, so that ordering and filtering by the stored day stay right.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


# The language's named formats (gmg_portal/formats/en keeps English as "September 2010", "15 November 2011"); a year
# alone is its number in every language.
PATTERNS = {DatePrecision.YEAR: "Y", DatePrecision.MONTH: "YEAR_MONTH_FORMAT", DatePrecision.DAY: "DATE_FORMAT"}
ISO_LENGTH = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10}


def iso(day, precision):
    """The date in ISO 8601 as far as it is known ("2011", "2010-09", "2011-11-15"): for <time datetime> and
    schema.org, which would otherwise claim a day that no source gives."""
    return day.isoformat()[: ISO_LENGTH.get(precision, 10)]


def shown(day, precision):
    """The date as far as it is known: "2011", "September 2010", "15 November 2011"."""
    return date_format(day, PATTERNS.get(precision, PATTERNS[DatePrecision.DAY]))


def precision_constraint(date_field, precision_field, name):
    return models.CheckConstraint(
        condition=Q(**{precision_field: DatePrecision.DAY})
        | Q(**{precision_field: DatePrecision.MONTH, f"{date_field}__day": 1})
        | Q(**{precision_field: DatePrecision.YEAR, f"{date_field}__day": 1, f"{date_field}__month": 1}),
        name=name,
        violation_error_message=_("A date known to the month is its first day; to the year, 1 January."),
    )


def check_precision(day, precision, field):
    """clean()'s side of precision_constraint, as a form error on the date's field."""
    if day is None:
        return
    if precision == DatePrecision.MONTH and day.day != 1:
        raise ValidationError({field: gettext("Known to the month: enter the first day of that month.")})
    if precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1):
        raise ValidationError({field: gettext("Known to the year: enter 1 January of that year.")})
