"""Publication and record-keeping shared by every public record of the portal."""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Min, Prefetch, Q
from django.utils import timezone
from django.utils.timezone import now


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"


def published_q(prefix="", at=None):
    """The rule for what the public may see, as a filter: published, and the publication time reached.

    A scheduled record (published, with a time still to come) becomes public at that moment by
    itself: the rule is evaluated on every request, with no job to run. `prefix` applies the rule
    to a related record, e.g. "agency__".
    """
    at = at or now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_from__isnull": True}) | Q(**{f"{prefix}publish_from__lte": at})
    )


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
        save (a scheduled publication), or None. The page cache keeps pages until then at most."""
        return self.filter(status=Status.PUBLISHED, publish_from__gt=after).aggregate(at=Min("publish_from"))["at"]


class Publishable(models.Model):
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published records are ever shown to the public.",
    )
    publish_from = models.DateTimeField(
        "publish from",
        null=True,
        blank=True,
        help_text="Optional. A published record with a time here is hidden until that time, then shows by itself.",
    )
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(default=now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values),
                name="%(app_label)s_%(class)s_status_valid",
            ),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.updated_at = now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and (self.publish_from is None or self.publish_from <= now())

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_from is not None and self.publish_from > now()


def next_public_change(after):
    """The first moment after `after` when a public page changes by itself, with no save: the next
    midnight (membership and terms change by date), or the earliest moment any publishable model's
    QuerySet names in `next_change` (a scheduled publication; for events, a start or an end too).
    The page cache keeps pages until then at most."""
    midnight = datetime.combine(
        timezone.localdate(after) + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
    )
    moments = [midnight]
    for model in apps.get_models():
        if issubclass(model, Publishable):
            moments.append(model.objects.next_change(after))
    return min(moment for moment in moments if moment is not None)
