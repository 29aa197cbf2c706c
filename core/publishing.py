"""Publication and record-keeping shared by every public record of the portal."""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication state", "Draft")
    IN_REVIEW = "review", pgettext_lazy("publication state", "In review")
    PUBLISHED = "published", pgettext_lazy("publication state", "Published")


class State(models.TextChoices):
    """What a record is to the public right now: its status read with its publication times."""

    DRAFT = "draft", pgettext_lazy("publication state", "Draft")
    IN_REVIEW = "review", pgettext_lazy("publication state", "In review")
    SCHEDULED = "scheduled", pgettext_lazy("publication state", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("publication state", "Published")
    EXPIRED = "expired", pgettext_lazy("publication state", "Expired")


UNPUBLISH_AFTER_PUBLISH = gettext_lazy("“Unpublish at” must come after “publish from”.")


def published_q(prefix="", at=None):
    """The rule for what the public may see, as a filter: published, and the publication time reached.

    A scheduled record (published, with a time still to come) becomes public at that moment by
    itself, and a record with "unpublish at" leaves at that moment: the rule is evaluated on every
    request, with no job to run. `prefix` applies the rule to a related record, e.g. "agency__".
    """
    at = at or now()
    return (
        Q(**{f"{prefix}status": Status.PUBLISHED})
        & (Q(**{f"{prefix}publish_from__isnull": True}) | Q(**{f"{prefix}publish_from__lte": at}))
        & (Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": at}))
    )


def state_q(state, at=None):
    """The records in one State, as a filter (the admin's list filter)."""
    at = at or now()
    published = Q(status=Status.PUBLISHED)
    return {
        State.DRAFT: Q(status=Status.DRAFT),
        State.IN_REVIEW: Q(status=Status.IN_REVIEW),
        State.SCHEDULED: published & Q(publish_from__gt=at),
        State.PUBLISHED: published_q(at=at),
        State.EXPIRED: published & Q(unpublish_at__lte=at) & ~Q(publish_from__gt=at),
    }[state]


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        return self.filter(published_q(at=at))

    def prefetch_published(self, *lookups):
        """Prefetch related records (a to-many relation of this model each), keeping only those the public
        may see: the page then shows what it is given, and no template or feed filters drafts itself."""
        return self.prefetch_related(
            *(
                Prefetch(lookup, queryset=self.model._meta.get_field(lookup).related_model.objects.published())
                for lookup in lookups
            )
        )

    def next_change(self, after):
        """The first moment after `after` when what the public sees of these records changes with no
        save (a scheduled publication or an expiry), or None. The page cache keeps pages until then at most."""
        return min_moment(self.filter(status=Status.PUBLISHED).aggregate(**self.publication_moments(after)))

    @staticmethod
    def publication_moments(after):
        return {
            "publication": Min("publish_from", filter=Q(publish_from__gt=after)),
            "expiry": Min("unpublish_at", filter=Q(unpublish_at__gt=after)),
        }


def min_moment(moments):
    return min((moment for moment in moments.values() if moment is not None), default=None)


class Publishable(models.Model):
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=gettext_lazy("Only published records are ever shown to the public."),
        verbose_name=gettext_lazy("status"),
    )
    publish_from = models.DateTimeField(
        gettext_lazy("publish from"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Optional. A published record with a time here is hidden until that time, then shows by itself."
        ),
    )
    unpublish_at = models.DateTimeField(
        gettext_lazy("unpublish at"),
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "Optional. A published record with a time here leaves the public site by itself at that time."
        ),
    )
    # When the record first became public (its publish_from when that came later): what feeds date it by.
    published_at = models.DateTimeField(gettext_lazy("published at"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(gettext_lazy("submitted for review at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=gettext_lazy("submitted for review by"),
    )
    review_comment = models.TextField(
        gettext_lazy("publisher's comment"),
        blank=True,
        default="",
        editable=False,
        help_text=gettext_lazy("Why a publisher sent this draft back; cleared when it is submitted again."),
    )
    created_at = models.DateTimeField(default=now, editable=False, verbose_name=gettext_lazy("created at"))
    updated_at = models.DateTimeField(default=now, editable=False, verbose_name=gettext_lazy("updated at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=pgettext_lazy("the staff member who", "created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=pgettext_lazy("the staff member who", "updated by"),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(publish_from__isnull=True)
                | Q(unpublish_at__gt=F("publish_from")),
                name="%(app_label)s_%(class)s_unpublish_after_publish",
                violation_error_message=UNPUBLISH_AFTER_PUBLISH,
            ),
        ]

    def save(self, *args, **kwargs):
        stamped = []
        if not self._state.adding:
            self.updated_at = now()
            stamped.append("updated_at")
        if self.stamp_published_at():
            stamped.append("published_at")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *stamped}
        super().save(*args, **kwargs)

    def stamp_published_at(self):
        """Note when the record first becomes public. A record still waiting for its publish_from (or
        rescheduled before it came) takes that time; once public, the moment is kept for good."""
        if self.status != Status.PUBLISHED:
            return False
        moment = now()
        if self.published_at is not None and self.published_at <= moment:
            return False
        self.published_at = max(moment, self.publish_from or moment)
        return True

    def clean(self):
        super().clean()
        if self.publish_from and self.unpublish_at and self.unpublish_at <= self.publish_from:
            raise ValidationError({"unpublish_at": UNPUBLISH_AFTER_PUBLISH})

    @property
    def is_published(self):
        return self.state == State.PUBLISHED

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_from is not None and self.publish_from > now()

    @property
    def is_expired(self):
        return self.status == Status.PUBLISHED and self.unpublish_at is not None and self.unpublish_at <= now()

    @property
    def state(self):
        if self.status != Status.PUBLISHED:
            return State(self.status)
        if self.is_scheduled:
            return State.SCHEDULED
        if self.is_expired:
            return State.EXPIRED
        return State.PUBLISHED

    @property
    def state_display(self):
        """The state as lists and record pages show it: "Scheduled: 3 Dec 2026 09:00 (UTC)", "Published until …"."""
        state = self.state
        if state == State.SCHEDULED:
            return _("Scheduled: %(moment)s") % {"moment": moment_text(self.publish_from)}
        if state == State.PUBLISHED and self.unpublish_at is not None:
            return _("Published until %(moment)s") % {"moment": moment_text(self.unpublish_at)}
        if state == State.EXPIRED:
            return _("Expired: %(moment)s") % {"moment": moment_text(self.unpublish_at)}
        return str(state.label)


def moment_text(moment):
    """A time in the current time zone (the staff member's, where it is activated), with the zone named:
    "3 Dec 2026 09:00 (Europe/Zurich)"."""
    return _("%(moment)s (%(zone)s)") % {
        "moment": date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT"),
        "zone": timezone.get_current_timezone_name(),
    }


def next_public_change(after):
    """The first moment after `after` when a public page changes by itself, with no save: the next
    midnight (membership and terms change by date), or the earliest moment any publishable model's
    QuerySet names in `next_change` (a scheduled publication or an expiry; for events, a start or an end too).
    The page cache keeps pages until then at most."""
    midnight = datetime.combine(
        timezone.localdate(after) + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
    )
    moments = [midnight]
    for model in apps.get_models():
        if issubclass(model, Publishable):
            moments.append(model.objects.next_change(after))
    return min(moment for moment in moments if moment is not None)
