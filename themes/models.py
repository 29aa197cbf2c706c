from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import now
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from core.fields import MARKDOWN_HELP
from core.publishing import Publishable, PublishableQuerySet, published_q
from core.translation import Translated, plain, unique_translations

# The name of the database rule that keeps two terms from overlapping: an exclusion constraint on
# PostgreSQL, a pair of triggers on SQLite (see migration 0002). It is not in Meta.constraints
# because Django's ExclusionConstraint exists only for PostgreSQL; clean() mirrors it on both.
NO_OVERLAP_CONSTRAINT = "themes_chairmanship_terms_do_not_overlap"


# A number of the portal's own for PostgreSQL's advisory lock on writing terms (see hold_the_terms).
TERMS_LOCK = 0x474D4701


def hold_the_terms():
    """Until this transaction ends, no other one checks terms for overlaps. Two publishers saving overlapping
    terms at once then take turns: the second check waits for the first save's commit, sees its term and says
    so, instead of both checks passing and the saves meeting at the database's rule (where PostgreSQL may
    also find them deadlocked on each other's check). SQLite's writers already take turns (IMMEDIATE)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TERMS_LOCK])


def terms_overlap(first, second):
    """Whether two (first day, last day) periods share a day: the rule that terms never break."""
    return first[0] <= second[1] and second[0] <= first[1]


class TopicQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(Publishable):
    """One of the "GMG Topics", with the members whose account of their work on migration names its subject."""

    name = Translated(models.CharField(_("name"), max_length=200, unique=True))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Topics are listed by this number, then by name."), verbose_name=_("position")
    )
    description = Translated(models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP))
    agencies = models.ManyToManyField(
        Agency,
        related_name="topics",
        blank=True,
        verbose_name=_("members whose work on migration covers it"),
        help_text=_(
            "Link a member when its account of its work on migration (on its page) names this topic's subject."
        ),
    )

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[agencies])

    search_fields = [["name_en"], ["description_en"]]  # the site search (core/search.py)

    class Meta(Publishable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        permissions = [("publish_topic", "Can publish, unpublish and delete published topics")]
        ordering = ["position", "name_en"]
        indexes = [models.Index(fields=["position", "name_en"], name="themes_topic_order_idx")]
        constraints = [*Publishable.Meta.constraints, *unique_translations("themes_topic", "name")]

    def __str__(self):
        return plain(self.name)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["agencies.agency"]

    def get_absolute_url(self):
        return reverse("themes:topic", kwargs={"slug": self.slug})


class ChairmanshipQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self, at=None):
        """Published terms of published agencies: a term is never shown without its chair."""
        at = at or now()
        return super().published(at=at).filter(published_q("agency__", at=at))

    def for_listing(self):
        """What a term's line shows wherever terms are listed: its chair's name beside its theme."""
        return self.select_related("agency")

    def overlapping(self, starts_on, ends_on):
        """Terms that share at least one day with the period from starts_on to ends_on, both included."""
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gte=on)

    def ended(self, on=None):
        """Terms over by the given day (today by default), the latest first."""
        on = on or timezone.localdate()
        return self.filter(ends_on__lt=on).order_by("-ends_on")


class Chairmanship(Publishable):
    """One member agency's term as chair of the Group, with the theme it adopted."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="chairmanships", verbose_name=_("agency"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"), help_text=_("The last day of the term."))
    theme_title = Translated(models.CharField(_("theme title"), max_length=200))
    theme_summary = Translated(
        models.CharField(_("theme summary"), max_length=300, blank=True, help_text=_("One sentence, shown in lists."))
    )
    theme_description = Translated(models.TextField(_("theme description"), help_text=MARKDOWN_HELP))
    topics = models.ManyToManyField(Topic, related_name="chairmanships", blank=True, verbose_name=_("topics"))

    objects = ChairmanshipQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    # The site search (core/search.py): the term's own document, kept in a column on PostgreSQL (migration 0012),
    # and its chair's names, which no column or index of this table can hold, made at search time in weight A.
    search_fields = [["theme_title_en"], ["theme_summary_en"], ["theme_description_en"]]
    stored_documents = True
    joined_search_fields = [["agency__name_en", "agency__acronym"]]

    class Meta(Publishable.Meta):
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")
        permissions = [("publish_chairmanship", "Can publish, unpublish and delete published chairmanships")]
        ordering = ["-starts_on"]
        indexes = [models.Index(F("starts_on").desc(), name="themes_chair_starts_desc_idx")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="themes_chairmanship_ends_after_start",
                violation_error_message=_("A term must end after it starts."),
            ),
        ]

    def __str__(self):
        # Translators: a term as the admin names it: its chair, its first and last months, then its theme.
        return gettext("%(chair)s (%(start)s – %(end)s): %(theme)s") % {
            "chair": self.agency,
            "start": date_format(self.starts_on, "YEAR_MONTH_FORMAT"),
            "end": date_format(self.ends_on, "YEAR_MONTH_FORMAT"),
            "theme": plain(self.theme_title),
        }

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["agencies.agency", "themes.topic"]

    def get_absolute_url(self):
        return reverse("themes:chairmanship", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return super().is_published and self.agency.is_published

    def is_current_on(self, day):
        return self.starts_on <= day <= self.ends_on

    @property
    def is_current(self):
        return self.is_current_on(timezone.localdate())

    @property
    def in_whole_months(self):
        """A term from the first of a month to the last of one, as the article gives terms ("July – December 2011"):
        its pages name the months, not days no source gives (themes/includes/term_dates.html)."""
        return self.starts_on.day == 1 and (self.ends_on + timedelta(days=1)).day == 1

    def clean(self):
        super().clean()
        if not (self.starts_on and self.ends_on):
            return
        if self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": gettext("A term must end after it starts.")})
        hold_the_terms()
        clash = Chairmanship.objects.overlapping(self.starts_on, self.ends_on).exclude(pk=self.pk).first()
        if clash:
            raise ValidationError(
                gettext("This term overlaps %(chair)s's term from %(start)s to %(end)s: two terms never overlap.")
                % {
                    "chair": clash.agency,
                    "start": date_format(clash.starts_on, "DATE_FORMAT"),
                    "end": date_format(clash.ends_on, "DATE_FORMAT"),
                }
            )
