from datetime import date

import factory

from agencies.models import Agency, AgencyKind, Constituent
from core.publishing import Status


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency number {n}")
    acronym = factory.Sequence(lambda n: f"AG{n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    kind = AgencyKind.UN_ENTITY
    joined_on = date(2006, 1, 1)
    joined_precision = Agency.DatePrecision.YEAR
    summary = "Works on migration."
    account = "A longer account of its work on migration."
    status = Status.PUBLISHED


class ConstituentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constituent

    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.COMMISSION_GROUP)
    acronym = factory.Sequence(lambda n: f"EC{n}")
