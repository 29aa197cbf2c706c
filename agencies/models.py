from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import DatePrecision, check_precision, shown
from core.fields import MARKDOWN_HELP, WebAddressField
from core.publishing import Publishable, PublishableQuerySet
from core.translation import Translated, plain, unique_translations

from .images import LogoField, store_logo, validate_logo


class AgencyQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def current_members(self, on=None):
        """Agencies that are members of the Group on the given day (today by default): those that joined on or
        before it and had not left by it. A member whose joining date is not recorded counts from any day until it
        leaves, since no source says when it joined; one whose date is known is no member before that date."""
        on = on or timezone.localdate()
        return self.filter(
            Q(joined_on__isnull=True) | Q(joined_on__lte=on),
            Q(left_on__isnull=True) | Q(left_on__gt=on),
        )

    def former_members(self, on=None):
        on = on or timezone.localdate()
        return self.filter(left_on__lte=on)


class AgencyKind(models.TextChoices):
    UN_ENTITY = "un-entity", _("UN entity")
    WORLD_BANK = "world-bank", _("World Bank")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organization")
    COMMISSION_GROUP = "commission-group", _("Group of commissions")


class Agency(Publishable):
    """A member of the Group: a UN entity, the World Bank, IOM, or a group of commissions."""

    Kind = AgencyKind
    DatePrecision = DatePrecision

    name = Translated(models.CharField(_("name"), max_length=200, unique=True))
    acronym = models.CharField(
        max_length=30, blank=True, help_text=_("As the Group writes it, e.g. UNHCR."), verbose_name=_("acronym")
    )
    alternative_names = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Other spellings of its name that sources use, separated by commas, e.g. UN/DESA: the site search "
            "finds the member by them."
        ),
        verbose_name=_("alternative names"),
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Part of the member's web address."), verbose_name=_("slug")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    joined_on = models.DateField(
        _("joined the Group on"),
        null=True,
        blank=True,
        help_text=_(
            "Only as a source gives it; leave empty when none does. When only the month or the year is known, "
            "enter its first day and say so below."
        ),
    )
    joined_precision = models.CharField(
        # Translators: a field label; the editor then chooses "Day", "Month" or "Year".
        _("joining date known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    left_on = models.DateField(_("left the Group on"), null=True, blank=True)
    summary = Translated(
        models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences, shown in lists."))
    )
    account = Translated(models.TextField(_("account of its work on migration"), help_text=MARKDOWN_HELP))
    website = WebAddressField(blank=True, verbose_name=_("website"))
    logo = LogoField(
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 2 MB and 4000 × 4000 pixels."),
        verbose_name=_("logo"),
    )
    logo_alt = Translated(
        models.CharField(
            _("logo description"),
            max_length=200,
            blank=True,
            help_text=_("What the logo shows, for people who cannot see it, e.g. “UNHCR logo”."),
        )
    )
    logo_thumbnail = models.ImageField(upload_to="logos/", blank=True, editable=False, verbose_name=_("logo thumbnail"))

    objects = AgencyQuerySet.as_manager()
    history = HistoricalRecords()

    # The site search: fields by weight, the first counting most (core/search.py; indexed on PostgreSQL).
    search_fields = [["name_en", "acronym", "alternative_names"], ["summary_en"], ["account_en"]]
    # The bodies a member is made of find it by their names too (ESCWA, UN-ESCWA): the word search reaches them
    # across the relation; the ranked search matches their own document (Constituent.search_fields), which an
    # index of this table cannot hold (gmg_portal/search.py, ranked).
    searched_relations = ["constituents"]
    word_search_fields = [
        *(field for group in search_fields for field in group),
        "constituents__acronym",
        "constituents__name_en",
        "constituents__alternative_names",
    ]

    class Meta(Publishable.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        permissions = [("publish_agency", "Can publish, unpublish and delete published agencies")]
        ordering = ["name_en"]
        constraints = [
            *Publishable.Meta.constraints,
            *unique_translations("agencies_agency", "name"),
            models.UniqueConstraint(
                fields=["acronym"],
                condition=~Q(acronym=""),
                name="agencies_agency_acronym_unique",
                violation_error_message=_("Another member already uses this acronym."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="agencies_agency_leaves_after_joining",
                violation_error_message=_("A member cannot leave the Group before it joined."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AgencyKind.values),
                name="agencies_agency_kind_valid",
            ),
        ]

    def __str__(self):
        return plain(self.short_name)

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("agencies:detail", kwargs={"slug": self.slug})

    @property
    def short_name(self):
        """The acronym, else the name in the active language (marked as English where it has none yet)."""
        return self.acronym or self.name

    @property
    def joined_display(self):
        """The joining date as far as it is known, or "" when no source gives it."""
        return shown(self.joined_on, self.joined_precision) if self.joined_on else ""

    def is_member_on(self, day):
        """As AgencyQuerySet.current_members: with no recorded joining date, a member until it leaves; with one,
        not before it."""
        joined = self.joined_on is None or self.joined_on <= day
        return joined and (self.left_on is None or self.left_on > day)

    @property
    def is_current_member(self):
        return self.is_member_on(timezone.localdate())

    @property
    def representative(self):
        """The constituent body that speaks for a member made of several, such as ESCWA."""
        return next((body for body in self.constituents.all() if body.is_representative), None)

    def clean(self):
        super().clean()
        check_precision(self.joined_on, self.joined_precision, "joined_on")
        if self.joined_on and self.left_on and self.left_on <= self.joined_on:
            raise ValidationError({"left_on": gettext("A member cannot leave the Group before it joined.")})
        if self.logo and not self.logo_alt_en.strip():
            raise ValidationError({"logo_alt_en": gettext("Describe the logo for people who cannot see it.")})

    def store_uploads(self):
        """A new logo, written anew (core/proposals.py calls this for a proposed change, which is not saved)."""
        store_logo(self)

    def save(self, *args, **kwargs):
        store_logo(self)
        super().save(*args, **kwargs)


class ConstituentQuerySet(models.QuerySet):
    def get_by_natural_key(self, acronym):
        return self.get(acronym=acronym)


class Constituent(models.Model):
    """One of several bodies that together make one member, such as ESCWA among the Regional Commissions."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="constituents", verbose_name=_("agency"))
    acronym = models.CharField(max_length=30, unique=True, verbose_name=_("acronym"))
    name = Translated(models.CharField(_("name"), max_length=200, blank=True))
    alternative_names = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "Other spellings of its name that sources use, separated by commas, e.g. UN-ESCWA: the site search "
            "finds its member by them."
        ),
        verbose_name=_("alternative names"),
    )
    is_representative = models.BooleanField(
        _("represents the member"),
        default=False,
        help_text=_("The body that currently represents the member in the Group. At most one per member."),
    )

    objects = ConstituentQuerySet.as_manager()
    history = HistoricalRecords()

    search_fields = [["acronym", "name_en", "alternative_names"]]  # its member's search (Agency.searched_relations)

    class Meta:
        verbose_name = _("constituent")
        verbose_name_plural = _("constituents")
        ordering = ["acronym"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=Q(is_representative=True),
                name="agencies_constituent_one_representative",
                violation_error_message=_("A member has one representative body at most."),
            ),
        ]

    def __str__(self):
        return self.acronym

    def save(self, *args, **kwargs):
        # Ticking a new representative unticks the old one first, so that the one-representative rule
        # holds after every single save, whatever order an admin page saves its rows in.
        if self.is_representative:
            Constituent.objects.filter(agency_id=self.agency_id, is_representative=True).exclude(pk=self.pk).update(
                is_representative=False
            )
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.acronym,)

    natural_key.dependencies = ["agencies.agency"]


class GroupProfileQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class GroupProfile(Publishable):
    """The Global Migration Group itself: who created it, why, and how it relates to the GFMD."""

    name = Translated(models.CharField(_("name"), max_length=200))
    acronym = models.CharField(max_length=30, verbose_name=_("acronym"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    founded_in = models.PositiveSmallIntegerField(_("created in (year)"))
    founded_by = models.CharField(_("created by"), max_length=200)  # shown on no page: not translated
    summary = Translated(
        models.CharField(_("summary"), max_length=300, help_text=_("One sentence, shown where space is short."))
    )
    introduction = Translated(models.TextField(_("introduction")))
    aims = Translated(models.TextField(_("aims")))
    chair_rotation = Translated(models.TextField(_("how the Group is chaired")))
    gfmd_relation = Translated(models.TextField(_("relation to the Global Forum on Migration and Development")))

    objects = GroupProfileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(Publishable.Meta):
        permissions = [("publish_groupprofile", "Can publish and unpublish the Group introduction")]
        verbose_name = _("Group introduction")
        verbose_name_plural = _("Group introduction")
        ordering = ["slug"]

    def __str__(self):
        return plain(self.name)

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("home")
