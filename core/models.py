"""What the ground floor keeps of its own: each staff member's settings for the back office."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def validate_zone_name(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError("%(value)s is not a time zone.", params={"value": value}, code="invalid_timezone")


class StaffSettings(models.Model):
    """A staff member's own choices: the time zone the admin shows and takes times in, and whether the
    review workflow emails them. A staff member without a row has the defaults (`for_user`)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_settings")
    time_zone = models.CharField(
        "my time zone",
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_zone_name],
        help_text="Times in the admin (publish from, unpublish at, history) are entered and shown in this zone.",
    )
    review_emails = models.BooleanField(
        "email me about reviews",
        default=True,
        help_text="Emails when something waits for your review, or when your work is published or sent back.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "staff settings"

    def __str__(self):
        return f"Settings of {self.user}"

    @classmethod
    def for_user(cls, user):
        """The user's settings, saved or (for a user who never changed them) the defaults, unsaved."""
        if not getattr(user, "is_authenticated", False):
            return cls()
        try:
            return user.staff_settings
        except cls.DoesNotExist:
            return cls(user=user)


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
        return f"Save of {self.content_type} {self.object_id or '(not saved)'}"
