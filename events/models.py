import uuid
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agencies.models import Agency
from core.fields import MARKDOWN_HELP, WebAddressField
from core.publishing import Publishable, PublishableQuerySet, Status
from core.search import containing
from themes.models import Chairmanship, Topic

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
            "%(value)s is not the time zone of a place, such as Europe/Paris or America/New_York.",
            params={"value": value},
            code="invalid_timezone",
        )


# Addresses under /events/ that an event's slug must not take.
RESERVED_SLUGS = {"past", "feeds", "calendar"}


def validate_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(value)s” is a page of the portal's own; choose another slug.", params={"value": value}, code="reserved"
        )


def venue_date(moment, zone_name):
    """The day it is at the venue at that instant."""
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name)).date()


ONE_DAY = timedelta(days=1)
# The years that forms and filters accept: wide enough for any event of the Group, far from the
# ends of Python's calendar, where a day's arithmetic across time zones overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2100
DATE_BOUNDS = [
    MinValueValidator(date(FIRST_YEAR, 1, 1), f"Give a date from {FIRST_YEAR} on."),
    MaxValueValidator(date(LAST_YEAR, 12, 31), f"Give a date up to {LAST_YEAR}."),
]


def utc_midnight(day):
    return datetime.combine(day, time.min, tzinfo=UTC)


def all_day_bounds(first_day, last_day, zone):
    """The instants that bound whole days at a venue: its first midnight, and the midnight after its last day."""
    return (
        datetime.combine(first_day, time.min, tzinfo=zone),
        datetime.combine(last_day + ONE_DAY, time.min, tzinfo=zone),
    )


class EventQuerySet(PublishableQuerySet):
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
        return self.order_by("starts_at", "title")

    def newest_first(self):
        return self.order_by("-starts_at", "-title")

    def matching(self, words):
        """Events with every word in their text or their organiser's name: the event lists' and calendars'
        word filter, the admin's search, and the site search where PostgreSQL does not rank."""
        return containing(self, self.model.word_search_fields, words)

    def next_change(self, after):
        """Besides a scheduled publication, an event starting or ending changes the lists it is in."""
        moments = self.filter(status=Status.PUBLISHED).aggregate(
            publication=Min("publish_from", filter=Q(publish_from__gt=after)),
            start=Min("starts_at", filter=Q(starts_at__gt=after)),
            end=Min("ends_at", filter=Q(ends_at__gt=after)),
        )
        return min((moment for moment in moments.values() if moment is not None), default=None)

    def _keep(self, candidates, test):
        """Narrow to the candidates that pass a test on venue dates, which SQL cannot compute per venue."""
        dates = (
            candidates.select_related(None).prefetch_related(None).only("starts_at", "ends_at", "all_day", "timezone")
        )
        kept = [event.pk for event in dates if test(event)]
        return self.filter(pk__in=kept)

    # Every venue is within a day of UTC, so a window a day wider than asked finds every candidate.

    def in_year(self, year):
        """Events that start in `year` at their venue, which near New Year is not always their year in UTC."""
        candidates = self.filter(
            starts_at__gte=utc_midnight(date(year, 1, 1)) - ONE_DAY,
            starts_at__lt=utc_midnight(date(year + 1, 1, 1)) + ONE_DAY,
        )
        return self._keep(candidates, lambda event: event.start_date.year == year)

    def on_or_after(self, day):
        """Events whose last day at the venue is `day` or later."""
        window = utc_midnight(day) - ONE_DAY
        candidates = self.filter(Q(ends_at__gte=window) | Q(ends_at__isnull=True, starts_at__gte=window))
        return self._keep(candidates, lambda event: event.end_date >= day)

    def on_or_before(self, day):
        """Events whose first day at the venue is `day` or earlier."""
        candidates = self.filter(starts_at__lt=utc_midnight(day) + 2 * ONE_DAY)
        return self._keep(candidates, lambda event: event.start_date <= day)

    def years(self):
        """The years, newest first, in which events start at their venues."""
        return sorted({venue_date(*start).year for start in self.values_list("starts_at", "timezone")}, reverse=True)

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
        only, in two queries whatever the number."""
        return self.select_related("organiser", "chairmanship__agency").prefetch_published("topics")


class EventKind(models.TextChoices):
    PRINCIPALS_MEETING = "principals-meeting", "Principals' meeting"
    SYMPOSIUM = "symposium", "Symposium"
    WORKSHOP = "workshop", "Workshop"
    FORUM_DEBATE = "forum-debate", "Forum debate"
    MEETING = "meeting", "Meeting"
    CONFERENCE = "conference", "Conference"
    OTHER = "other", "Other"


class Event(Publishable):
    """A meeting, symposium, workshop or debate of the Group or one it takes part in.

    `starts_at` and `ends_at` are instants (stored in UTC). An all-day event runs from midnight at
    its venue on its first day to midnight after its last day, so `ends_at` is exclusive, as in
    iCalendar; `start_date` and `end_date` give the days as the venue sees them.
    """

    Kind = EventKind

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True, validators=[validate_not_reserved])
    kind = models.CharField(max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    all_day = models.BooleanField(default=False)
    timezone = models.CharField(
        "time zone of the venue",
        max_length=64,
        validators=[validate_timezone],
        help_text="An IANA name such as Europe/Paris.",
    )
    venue = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    organiser = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="organised_events",
        null=True,
        blank=True,
        help_text="The member agency that organises it, if a member does.",
    )
    organiser_name = models.CharField(
        "organiser (not a member)",
        max_length=200,
        blank=True,
        help_text="Only when the organiser is not a member, e.g. the Global Forum on Migration and Development.",
    )
    participants = models.ManyToManyField(
        Agency, related_name="participated_events", blank=True, verbose_name="participating agencies"
    )
    chairmanship = models.ForeignKey(
        Chairmanship, on_delete=models.PROTECT, related_name="events", null=True, blank=True
    )
    topics = models.ManyToManyField(Topic, related_name="events", blank=True)
    description = models.TextField(help_text=MARKDOWN_HELP)
    external_url = WebAddressField("external link", blank=True)
    cancelled = models.BooleanField(
        default=False, help_text="A cancelled event stays on the site and in calendars, marked as cancelled."
    )
    # For calendars: UID stays the same for the event's life, so that subscribers' calendars update
    # it rather than add a copy; SEQUENCE and LAST-MODIFIED follow every edit (RFC 5545).
    uid = models.UUIDField("calendar UID", default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField("calendar revision", default=0, editable=False)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[participants, topics])

    search_fields = [["title"], ["description"], ["venue", "city", "country", "organiser_name"]]  # core/search.py
    # Every word search of events (EventQuerySet.matching, the admin's): the ranked document's fields, and the
    # organising member's names, which the document leaves out because an index cannot reach another table.
    word_search_fields = [
        *(field for group in search_fields for field in group),
        "organiser__name",
        "organiser__acronym",
    ]

    class Meta(Publishable.Meta):
        permissions = [("publish_event", "Can publish, unpublish and delete published events")]
        ordering = ["starts_at", "title"]
        indexes = [
            models.Index(fields=["starts_at", "title"], name="events_event_order_idx"),
            models.Index(fields=["ends_at"], name="events_event_ends_idx"),  # upcoming() and past()
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="events_event_ends_after_start",
                violation_error_message="An event must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(all_day=False) | Q(ends_at__isnull=False),
                name="events_event_all_day_has_end",
                violation_error_message="An all-day event needs its last day.",
            ),
            models.CheckConstraint(
                condition=Q(organiser__isnull=True) | Q(organiser_name=""),
                name="events_event_single_organiser",
                violation_error_message="Give either an organising member or an organiser's name, not both.",
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="events_event_kind_valid"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.sequence += 1  # and Publishable.save() stamps updated_at: calendars see the edit
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["agencies.agency", "themes.topic", "themes.chairmanship"]

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
        copy.title = f"{self.title} (copy)"[:300]
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
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def start_date(self):
        return venue_date(self.starts_at, self.timezone)

    @property
    def end_date(self):
        """The last day of the event at its venue (inclusive)."""
        if self.ends_at is None:
            return self.start_date
        if self.all_day:
            return self.local_end.date() - timedelta(days=1)
        return self.local_end.date()

    @property
    def place(self):
        """Where the event is, as one line: "Palais des Nations, Geneva, Switzerland", or "France" alone."""
        return ", ".join(part for part in (self.venue, self.city, self.country) if part)

    @property
    def organiser_display(self):
        return str(self.organiser) if self.organiser_id else self.organiser_name

    @property
    def public_organiser(self):
        """The organiser as the public may see it: a member only once its own record is published."""
        if self.organiser_id:
            return self.organiser.name if self.organiser.is_published else ""
        return self.organiser_name

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "An event must end after it starts."
        if self.all_day and not self.ends_at:
            errors["ends_at"] = "An all-day event needs its last day."
        if self.organiser_id and self.organiser_name:
            errors["organiser_name"] = "Give either an organising member or an organiser's name, not both."
        if errors:
            raise ValidationError(errors)
