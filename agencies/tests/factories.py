import factory

from agencies.models import Agency, AgencyKind, Constituent, GroupProfile
from core.publishing import Status
from testing import TranslatedFactory


class AgencyFactory(TranslatedFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency number {n}")
    acronym = factory.Sequence(lambda n: f"AG{n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    kind = AgencyKind.UN_ENTITY
    joined_on = None  # as for most members, no source gives the day it joined
    summary = "Works on migration."
    account = "A longer account of its work on migration."
    status = Status.PUBLISHED


class ConstituentFactory(TranslatedFactory):
    class Meta:
        model = Constituent

    agency = factory.SubFactory(AgencyFactory, kind=AgencyKind.COMMISSION_GROUP)
    acronym = factory.Sequence(lambda n: f"EC{n}")


class GroupProfileFactory(TranslatedFactory):
    """The Group's one introduction, in short words."""

    class Meta:
        model = GroupProfile
        django_get_or_create = ["slug"]

    name = "Global Migration Group"
    acronym = "GMG"
    slug = "gmg"
    founded_in = 2006
    founded_by = "Kofi Annan, then UN Secretary-General"
    summary = "Agencies working together on migration."
    introduction = "About the Group."
    aims = "Its aims."
    chair_rotation = "Every six months."
    gfmd_relation = "It feeds the Global Forum's work."
    status = "published"
