"""What the ground floor keeps of its own: each staff member's settings for the back office, and the
proposed changes to published records."""

import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


def validate_zone_name(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            gettext("%(value)s is not a time zone."), params={"value": value}, code="invalid_timezone"
        )


class StaffSettings(models.Model):
    """A staff member's own choices: the time zone the admin shows and takes times in, its language, and
    whether the review workflow emails them. A staff member without a row has the defaults (`for_user`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_settings", verbose_name=_("user")
    )
    time_zone = models.CharField(
        _("my time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_zone_name],
        help_text=_("Times in the admin (publish from, unpublish at, history) are entered and shown in this zone."),
    )
    language = models.CharField(
        _("language of the admin"),
        max_length=16,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: the language your browser asks for."),
    )
    review_emails = models.BooleanField(
        _("email me about reviews"),
        default=True,
        help_text=_("Emails when something waits for your review, or when your work is published or sent back."),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("staff settings")

    def __str__(self):
        return gettext("Settings of %(user)s") % {"user": self.user}

    @classmethod
    def for_user(cls, user):
        """The user's settings, saved or (for a user who never changed them) the defaults, unsaved."""
        if not getattr(user, "is_authenticated", False):
            return cls()
        try:
            return user.staff_settings
        except cls.DoesNotExist:
            return cls(user=user)


class ProposalState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposed change state", "Draft")
    IN_REVIEW = "review", pgettext_lazy("proposed change state", "In review")
    SENT_BACK = "sent-back", pgettext_lazy("proposed change state", "Sent back")
    PUBLISHED = "published", pgettext_lazy("proposed change state", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposed change state", "Withdrawn")


OPEN_PROPOSAL_STATES = [ProposalState.DRAFT, ProposalState.IN_REVIEW, ProposalState.SENT_BACK]


class ChangeProposalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN_PROPOSAL_STATES)

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)

    def in_review(self):
        """What waits for a publisher, oldest first."""
        return self.filter(state=ProposalState.IN_REVIEW).order_by("submitted_at", "pk")

    def sent_back_to(self, user):
        return self.filter(state=ProposalState.SENT_BACK, author=user).order_by("-decided_at", "-pk")


class ChangeProposal(models.Model):
    """A change to a published record, kept aside until a publisher accepts it: the record, its public page
    and its history stay as they are meanwhile (core/proposals.py holds the transitions)."""

    State = ProposalState

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    record = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("The proposed record: each field as text, each many-to-many relation as ids."),
        verbose_name=_("values"),
    )
    based_on = models.DateTimeField(
        help_text=_("When the live record was last saved before the proposal was made."), verbose_name=_("based on")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="change_proposals",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(default=now, editable=False)
    state = models.CharField(
        max_length=10, choices=ProposalState.choices, default=ProposalState.DRAFT, verbose_name=_("state")
    )
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    comment = models.TextField(_("publisher's comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    objects = ChangeProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed change")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="core_proposal_created"),
            models.Index(fields=["state", "submitted_at"], name="core_proposal_state_submitted"),
            models.Index(fields=["content_type", "object_id"], name="core_proposal_record"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=OPEN_PROPOSAL_STATES),
                name="core_changeproposal_one_open_per_record",
                violation_error_message=_("This record already has an open proposed change."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=ProposalState.values), name="core_changeproposal_state_valid"
            ),
        ]

    def __str__(self):
        # Translators: e.g. "Proposed change to event #12": the kind of record, then its number.
        return gettext("Proposed change to %(kind)s #%(number)s") % {
            "kind": self.content_type.name,
            "number": self.object_id,
        }

    def get_admin_url(self):
        """The proposal's page in the admin: where a publisher reviews it and its author follows it."""
        opts = self.content_type.model_class()._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[self.object_id, self.pk])

    @property
    def is_open(self):
        return self.state in OPEN_PROPOSAL_STATES

    def clean(self):
        super().clean()
        if self.is_open and self.content_type_id and self.object_id:
            others = ChangeProposal.objects.open().filter(content_type=self.content_type_id, object_id=self.object_id)
            if others.exclude(pk=self.pk).exists():
                raise ValidationError(gettext("This record already has an open proposed change."))


class SaveReceipt(models.Model):
    """One admin form's one-time token, kept with the record its save made or changed, so that the same form
    posted again (a double click, Back then Save) lands on that record instead of saving twice. Written in
    the save's own transaction; receipts older than a day are deleted as new ones are written."""

    token = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        if not self.object_id:
            return gettext("Save of %(kind)s (not saved)") % {"kind": self.content_type}
        return gettext("Save of %(kind)s %(number)s") % {"kind": self.content_type, "number": self.object_id}
