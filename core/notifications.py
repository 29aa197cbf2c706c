"""Emails of the review workflow: publishers hear when something waits for them, and the editor who
submitted a record hears when it is published or sent back.

Each function takes any record with an admin page (a draft, or another kind of item under review) and the
staff member who acted; the actor is never told of their own step. A staff member who turned review emails
off (core.models.StaffSettings.review_emails) gets none. Mail goes through Django's email backend: the
console in development, SMTP in production (docs/deployment.md).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import StaffSettings

logger = logging.getLogger("gmg_portal.notifications")


def notify_submitted(obj, actor, request=None, record=None):
    """`record` is the record the item concerns, when `obj` is not itself one (a proposed change)."""
    record = record or obj
    recipients = publishers_of(type(record)).exclude(pk=actor.pk)
    words = {"actor": name_of(actor), "record": record, "kind": verbose_name(record)}
    send(
        recipients,
        _("For review: %(record)s") % words,
        _("%(actor)s submitted “%(record)s” (%(kind)s) for review.") % words
        + "\n\n"
        + _("Review it: %(link)s") % {"link": admin_link(obj, request)}
        + "\n",
    )


def notify_published(obj, actor, request=None, record=None):
    record = record or obj
    words = {"actor": name_of(actor), "record": record, "kind": verbose_name(record)}
    send(
        editor_of(obj, actor),
        _("Published: %(record)s") % words,
        _("%(actor)s published “%(record)s” (%(kind)s).") % words
        + "\n\n"
        + _("State: %(state)s") % {"state": record.state_display}
        + f"\n{admin_link(obj, request)}\n",
    )


def notify_sent_back(obj, actor, comment, request=None, record=None):
    record = record or obj
    words = {"actor": name_of(actor), "record": record, "kind": verbose_name(record)}
    send(
        editor_of(obj, actor),
        _("Sent back: %(record)s") % words,
        _("%(actor)s sent “%(record)s” (%(kind)s) back to you with this comment:") % words
        + f"\n\n{comment}\n\n"
        + _("Change it and submit it again: %(link)s") % {"link": admin_link(obj, request)}
        + "\n",
    )


def publishers_of(model):
    """Active staff who may publish records of `model`: through a group, their own permission, or as superusers."""
    permission = Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=f"publish_{model._meta.model_name}"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
    )


def editor_of(obj, actor):
    """Who submitted a draft, or who wrote a proposed change."""
    editor_id = getattr(obj, "submitted_by_id", None) or getattr(obj, "author_id", None)
    if editor_id is None or editor_id == actor.pk:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(pk=editor_id, is_active=True)


def send(users, subject, body):
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in users.exclude(email="").select_related("staff_settings")
        if StaffSettings.for_user(user).review_emails
    ]
    if not messages:
        return
    try:
        get_connection().send_messages(messages)
    except Exception:  # the step is taken and saved: a mail server out of reach must not undo it for the editor
        logger.exception("could not send %d review emails (%s)", len(messages), subject)


def admin_link(obj, request):
    """The item's admin page: a record's change form, or the page of an item with one of its own (a proposal's)."""
    if hasattr(obj, "get_admin_url"):
        url = obj.get_admin_url()
    else:
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return request.build_absolute_uri(url) if request is not None else url


def name_of(user):
    return user.get_full_name() or user.get_username()


def verbose_name(record):
    return record._meta.verbose_name
