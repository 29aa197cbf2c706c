import operator
import uuid
import zoneinfo
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, Max, Min, OuterRef, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agencies.models import Agency, Constituent
from core.fields import MARKDOWN_HELP, WebAddressField
from core.publishing import Publishable, PublishableQuerySet, Status, min_moment
from core.references import RememberingQuerySet
from core.search import containing, word_search_fields
from core.translation import FallbackText, Translated, active_language, plain, separator, unique_translations
from themes.models import Chairmanship, Topic

from .venue_time import venue_clock, venue_days

# The IANA zones of places, by region, leaving out the database's legacy aliases (US/Pacific, PRC,
# Etc/GMT+5, ...) that would crowd an editor's list; UTC stays for events with no venue.
VENUE_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
VENUE_TIMEZONES = frozenset(
    name for name in zoneinfo.available_timezones() if name.split("/")[0] in VENUE_REGIONS and "/" in name
) | {"UTC"}


def validate_timezone(value):
    if value not in VENUE_TIMEZONES:
        raise ValidationError(
            gettext("%(value)s is not the time zone of a place, such as Europe/Paris or America/New_York."),
            params={"value": value},
            code="invalid_timezone",
        )


# Addresses under /events/ that an event's slug must not take.
RESERVED_SLUGS = {"past", "feeds", "calendar", "series"}


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            gettext("“%(value)s” is a page of the portal's own; choose another slug."),
            params={"value": value},
            code="reserved",
        )


# The years that forms and filters accept: wide enough for any event of the Group, far from the
# ends of Python's calendar, where a day's arithmetic across time zones overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2100
# A validator's message is made once, at import: the year goes into it when it is shown, in the language of the day.
with_year = lazy(operator.mod, str)
DATE_BOUNDS = [
    MinValueValidator(date(FIRST_YEAR, 1, 1), with_year(_("Give a date from %(year)s on."), {"year": FIRST_YEAR})),
    MaxValueValidator(date(LAST_YEAR, 12, 31), with_year(_("Give a date up to %(year)s."), {"year": LAST_YEAR})),
]


class EventQuerySet(RememberingQuerySet, PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def upcoming(self, now=None):
        """Events that have not ended yet: those still under way count as upcoming."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__gt=now) | Q(ends_at__isnull=True, starts_at__gte=now))

    def past(self, now=None):
        """Events that have ended."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__lte=now) | Q(ends_at__isnull=True, starts_at__lt=now))

    # The two orders of every list of events, each walking the index of starts_at and title.

    def soonest_first(self):
        return self.order_by("starts_at", "title_en")

    def newest_first(self):
        return self.order_by("-starts_at", "-title_en")

    def matching(self, words):
        """Events with every word in their text or their organiser's name, in English or the active language: the
        event lists' and calendars' word filter, and the admin's search."""
        return containing(self, word_search_fields(self.model, active_language()), words)

    def next_change(self, after):
        """Besides a scheduled publication or expiry, an event starting or ending changes the lists it is in."""
        moments = self.filter(status=Status.PUBLISHED).aggregate(
            **self.publication_moments(after),
            start=Min("starts_at", filter=Q(starts_at__gt=after)),
            end=Min("ends_at", filter=Q(ends_at__gt=after)),
        )
        return min_moment(moments)

    # The days at the venue are stored (Event.start_date, end_date), so these filters are plain SQL on indexes.

    def in_year(self, year):
        """Events that start in `year` at their venue, which near New Year is not always their year in UTC."""
        return self.filter(start_date__year=year)

    # Many-to-many filters as subqueries, not joins: no event is listed twice without a DISTINCT, which made
    # the archive's count wrap the whole filtered list in a subquery.

    def with_topic(self, topic):
        return self.filter(Exists(self.model.topics.through.objects.filter(event=OuterRef("pk"), topic=topic)))

    def with_participant(self, agency):
        return self.filter(Exists(self.model.participants.through.objects.filter(event=OuterRef("pk"), agency=agency)))

    def on_or_after(self, day):
        """Events whose last day at the venue is `day` or later."""
        return self.filter(end_date__gte=day)

    def on_or_before(self, day):
        """Events whose first day at the venue is `day` or earlier."""
        return self.filter(start_date__lte=day)

    def years(self):
        """The years, newest first, in which events start at their venues.

        Two queries that read one index entry per year, not every event: the first and last day, then,
        for each year between them, whether any event starts in it (DISTINCT on the year would read them all).
        """
        span = self.aggregate(first=Min("start_date"), last=Max("start_date"))
        if span["first"] is None:
            return []
        probes = {
            f"in_{year}": Exists(self.filter(start_date__year=year))
            for year in range(span["first"].year, span["last"].year + 1)
        }
        found = self.order_by().values(**probes)[:1]
        return sorted((int(name[3:]) for row in found for name, held in row.items() if held), reverse=True)

    def nearest(self, limit, now=None):
        """At most `limit` events, in date order: the upcoming ones, soonest first, then as many past ones,
        latest first.

        What a calendar subscription holds: what is coming, then what just happened, in a file of bounded size.
        """
        now = now or timezone.now()
        events = list(self.upcoming(now).soonest_first()[:limit])
        if len(events) < limit:
            events += self.past(now).newest_first()[: limit - len(events)]
        return sorted(events, key=lambda event: (event.starts_at, event.pk))

    def for_listing(self):
        """What an event card, a feed or a calendar shows: organiser, chair agency and the published topics
        only, from the tables kept for the generation (core/references.py): two queries whatever the number."""
        return self.remembering("organiser", "organising_body", "chairmanship__agency", "topics")

    def for_page(self):
        """An event's page and its API record: what a card shows, its series and its published participants."""
        return self.for_listing().remembering("series", "participants")


# The fields the days at the venue are computed from, and the rule they keep (a constraint and clean()).
DAY_SOURCES = frozenset({"starts_at", "ends_at", "all_day", "timezone"})
DAYS_IN_ORDER = _(
    "An event's last day at its venue cannot be before its first: an all-day event ends at the midnight "
    "after its last day."
)


class EventSeriesQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def undated(self, at=None):
        """Series with no published event: the public knows of them, but of no date. The past events' page lists
        them apart, so that a series the sources name without dates (the article's "GFMD Thematic Meetings")
        is not missing from it."""
        events = Event.objects.published(at=at).filter(series=OuterRef("pk"))
        return self.filter(~Exists(events))


class EventSeries(Publishable):
    """Events held under one name, such as the GFMD's thematic meetings: a series may be known, from its sources,
    before or without the dates of any of its events, which an Event cannot be."""

    name = Translated(models.CharField(_("name"), max_length=200, unique=True))
    slug = models.SlugField(max_length=120, unique=True, verbose_name=_("slug"))
    summary = Translated(models.TextField(_("summary"), blank=True, help_text=MARKDOWN_HELP))
    topics = models.ManyToManyField(Topic, related_name="event_series", blank=True, verbose_name=_("topics"))

    objects = EventSeriesQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[topics])

    search_fields = [["name_en"], ["summary_en"]]  # core/search.py

    class Meta(Publishable.Meta):
        verbose_name = _("event series")
        # Translators: the plural, which in English is the same word as the singular.
        verbose_name_plural = pgettext_lazy("plural", "event series")
        permissions = [("publish_eventseries", "Can publish, unpublish and delete published event series")]
        ordering = ["name_en"]  # the unique name's index serves it
        constraints = [*Publishable.Meta.constraints, *unique_translations("events_eventseries", "name")]

    def __str__(self):
        return plain(self.name)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["themes.topic"]

    def get_absolute_url(self):
        return reverse("events:series", kwargs={"slug": self.slug})


class EventKind(models.TextChoices):
    PRINCIPALS_MEETING = "principals-meeting", pgettext_lazy("event kind", "Principals' meeting")
    SYMPOSIUM = "symposium", pgettext_lazy("event kind", "Symposium")
    WORKSHOP = "workshop", pgettext_lazy("event kind", "Workshop")
    FORUM_DEBATE = "forum-debate", pgettext_lazy("event kind", "Forum debate")
    MEETING = "meeting", pgettext_lazy("event kind", "Meeting")
    CONFERENCE = "conference", pgettext_lazy("event kind", "Conference")
    OTHER = "other", pgettext_lazy("event kind", "Other")


class Event(Publishable):
    """A meeting, symposium, workshop or debate of the Group or one it takes part in.

    `starts_at` and `ends_at` are instants (stored in UTC). An all-day event runs from midnight at
    its venue on its first day to midnight after its last day, so `ends_at` is exclusive, as in
    iCalendar; `start_date` and `end_date` are its first and last day as the venue sees them, computed
    from the instants on every save (events/venue_time.py) and stored, so that lists filter by them in SQL.
    """

    Kind = EventKind

    title = Translated(models.CharField(_("title"), max_length=300))
    slug = models.SlugField(max_length=120, unique=True, validators=[validate_not_reserved], verbose_name=_("slug"))
    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("kind"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(default=False, verbose_name=_("all day"))
    # Derived from the instants and the zone on every save (see keep_venue_days), never entered.
    start_date = models.DateField(_("first day at the venue"), editable=False, blank=True)
    end_date = models.DateField(_("last day at the venue"), editable=False, blank=True)
    timezone = models.CharField(
        _("time zone of the venue"),
        max_length=64,
        validators=[validate_timezone],
        help_text=_("An IANA name such as Europe/Paris."),
    )
    venue = Translated(models.CharField(_("venue"), max_length=200, blank=True))
    city = Translated(models.CharField(_("city"), max_length=100, blank=True))
    country = Translated(models.CharField(_("country"), max_length=100, blank=True))
    organiser = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="organised_events",
        null=True,
        blank=True,
        help_text=_("The member agency that organises it, if a member does."),
        verbose_name=_("organiser"),
    )
    organising_body = models.ForeignKey(
        Constituent,
        on_delete=models.PROTECT,
        related_name="organised_events",
        null=True,
        blank=True,
        help_text=_(
            "When one of the bodies the member is made of organises it, e.g. ESCWA for the Regional Commissions."
        ),
        verbose_name=_("organising body"),
    )
    organiser_name = Translated(
        models.CharField(
            _("organiser (not a member)"),
            max_length=200,
            blank=True,
            help_text=_("Only when the organiser is not a member, e.g. the Global Forum on Migration and Development."),
        )
    )
    participants = models.ManyToManyField(
        Agency, related_name="participated_events", blank=True, verbose_name=_("participating agencies")
    )
    chairmanship = models.ForeignKey(
        Chairmanship,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("chairmanship"),
    )
    topics = models.ManyToManyField(Topic, related_name="events", blank=True, verbose_name=_("topics"))
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        help_text=_("The series this event belongs to, if any, such as the GFMD's thematic meetings."),
        verbose_name=_("series"),
    )
    description = Translated(models.TextField(_("description"), help_text=MARKDOWN_HELP))
    external_url = WebAddressField(_("external link"), blank=True)
    cancelled = models.BooleanField(
        default=False,
        help_text=_("A cancelled event stays on the site and in calendars, marked as cancelled."),
        verbose_name=_("cancelled"),
    )
    # For calendars: UID stays the same for the event's life, so that subscribers' calendars update
    # it rather than add a copy; SEQUENCE and LAST-MODIFIED follow every edit (RFC 5545).
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[participants, topics])

    # The site search's document by weight, its English columns; each other language reads its own (core/search.py).
    search_fields = [["title_en"], ["description_en"], ["venue_en", "city_en", "country_en", "organiser_name_en"]]
    stored_documents = True  # on PostgreSQL, each language's document is kept in a column (migration 0016)
    # Every word search of events (EventQuerySet.matching, the admin's): the ranked document's fields, and the
    # organising member's names, which the document leaves out because an index cannot reach another table.
    word_search_fields = [
        *(field for group in search_fields for field in group),
        "organiser__name_en",
        "organiser__acronym",
    ]

    class Meta(Publishable.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", "Can publish, unpublish and delete published events")]
        ordering = ["starts_at", "title_en"]
        indexes = [
            models.Index(fields=["starts_at", "title_en"], name="events_event_order_idx"),
            models.Index(fields=["ends_at"], name="events_event_ends_idx"),  # upcoming() and past()
            # in_year(), on_or_before(), years() and the admin's date hierarchy; on_or_after()
            models.Index(fields=["start_date"], name="events_event_start_date_idx"),
            models.Index(fields=["end_date"], name="events_event_end_date_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="events_event_days_in_order",
                violation_error_message=DAYS_IN_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(all_day=False) | Q(ends_at__isnull=False),
                name="events_event_all_day_has_end",
                violation_error_message=_("An all-day event needs its last day."),
            ),
            models.CheckConstraint(
                condition=Q(organiser__isnull=True) | Q(organiser_name_en=""),
                name="events_event_single_organiser",
                violation_error_message=_("Give either an organising member or an organiser's name, not both."),
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="events_event_kind_valid"),
        ]

    def __str__(self):
        return plain(self.title)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.sequence += 1  # and Publishable.save() stamps updated_at: calendars see the edit
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        if kwargs.get("update_fields") is not None and DAY_SOURCES.intersection(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "start_date", "end_date"}
        super().save(*args, **kwargs)

    def set_venue_days(self):
        self.start_date, self.end_date = venue_days(*self.instants(), self.all_day, self.timezone)

    def instants(self):
        """(starts_at, ends_at) as the database will store them: the ORM also takes text, and naive times in the
        default zone (with a warning)."""
        for name in ("starts_at", "ends_at"):
            moment = self._meta.get_field(name).to_python(getattr(self, name))
            yield timezone.make_aware(moment) if moment is not None and timezone.is_naive(moment) else moment

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["agencies.agency", "themes.topic", "themes.chairmanship", "events.eventseries"]

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def duplicate(self, user=None):
        """A draft copy, with its own slug and calendar identity, the same people and topics."""
        copy = Event.objects.get(pk=self.pk)
        participants, topics = list(self.participants.all()), list(self.topics.all())
        base = f"{self.slug[:110]}-copy"
        taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        copy.slug = next(
            slug for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))] if slug not in taken
        )
        copy.pk = None
        copy._state.adding = True
        # Translators: the title of a new draft copied from an event; the editor renames it.
        copy.title_en = (gettext("%(title)s (copy)") % {"title": self.title_en})[:300]
        copy.status, copy.publish_from, copy.cancelled = Status.DRAFT, None, False
        copy.uid, copy.sequence = uuid.uuid4(), 0
        copy.created_at = copy.updated_at = timezone.now()
        copy.created_by = copy.updated_by = user
        copy.save()
        copy.participants.set(participants)
        copy.topics.set(topics)
        return copy

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def venue_clock(self):
        """The event as its venue's clock shows it, as the admin's form and the CSV columns give it."""
        return venue_clock(self.starts_at, self.ends_at, self.all_day, self.timezone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def place(self):
        """Where the event is, as one line: "Palais des Nations, Geneva, Switzerland", or "France" alone."""
        parts = [part for part in (self.venue, self.city, self.country) if part]
        # In English where every part is (none written in the page's language yet): marked as English.
        if parts and all(isinstance(part, FallbackText) for part in parts):
            return FallbackText(", ".join(parts))
        return separator().join(parts)

    @property
    def organiser_display(self):
        return self.organiser_text(str(self.organiser)) if self.organiser_id else self.organiser_name

    @property
    def public_organiser(self):
        """The organiser as the public may see it: a member only once its own record is published; one of its
        bodies as "ESCWA, for the United Nations Regional Commissions"."""
        if self.organiser_id:
            return self.organiser_text(self.organiser.name) if self.organiser.is_published else ""
        return self.organiser_name

    def organiser_text(self, member):
        if not self.organising_body_id:
            return member
        # Translators: an event's organiser: one of the bodies a member is made of, for that member, e.g.
        # "ESCWA, for the United Nations Regional Commissions".
        return gettext("%(body)s, for the %(member)s") % {"body": self.organising_body.acronym, "member": member}

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = gettext("An event must end after it starts.")
        if self.all_day and not self.ends_at:
            errors["ends_at"] = gettext("An all-day event needs its last day.")
        if self.starts_at and self.timezone in VENUE_TIMEZONES:
            self.set_venue_days()
            if self.end_date < self.start_date and "ends_at" not in errors:
                errors["end_date"] = DAYS_IN_ORDER  # the field of the constraint, which then is not checked twice
        if self.organiser_id and self.organiser_name_en:
            errors["organiser_name_en"] = gettext("Give either an organising member or an organiser's name, not both.")
        if self.organising_body_id and self.organising_body.agency_id != self.organiser_id:
            errors["organising_body"] = gettext(
                "%(body)s is one of the bodies of %(member)s: choose that member as the organiser, or leave the body "
                "empty."
            ) % {"body": self.organising_body, "member": self.organising_body.agency}
        if errors:
            raise ValidationError(errors)


@receiver(pre_save, sender=Event)
def keep_venue_days(sender, instance, **kwargs):
    """The days follow the instants on every save. A signal, because loaddata's raw saves skip save()."""
    instance.set_venue_days()
