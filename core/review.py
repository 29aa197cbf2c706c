"""What waits for each staff member, shown on the admin's front page (templates/admin/index.html).

The queue has four sections. Each is filled by *sources*: functions of the request that return rows
(QueueRow), one source per kind of item. Drafts of every publishing model are the sources here; another
kind of item under review (a proposed change to a live record, say) joins a section with
`@source("in_review")` on a function of its own, and the front page shows its rows with the others.

Every source runs a fixed number of queries, one per model at most, however many records there are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from .models import ChangeProposal
from .publishing import Status
from .publishing_admin import PublishingAdmin

# How many rows the sections of what is scheduled and what was published lately show; what waits for
# review is shown up to REVIEW_LIMIT per kind of record, oldest first.
RECENT_LIMIT = 8
REVIEW_LIMIT = 50


@dataclass(frozen=True)
class QueueRow:
    title: str
    url: str
    kind: str  # what the item is, as staff call it: "event", "agency", "proposed change to an event"
    author: str  # who is behind it (who submitted it, or who last changed it), or ""
    since: datetime  # when it was submitted, published, or is scheduled to change
    note: str = ""  # a word on the moment: "goes live", "leaves the site", the publisher's comment


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    empty: str  # what the section says when it has no rows
    when: str  # the heading of the column of `since`
    rows: list


SECTIONS = {
    # Each: the section's heading, what it says when empty, and the heading of its column of moments.
    "in_review": (
        gettext_lazy("Waiting for your review"),
        gettext_lazy("Nothing waits for your review."),
        pgettext_lazy("review queue column", "submitted"),
    ),
    "sent_back": (
        gettext_lazy("Sent back to you"),
        gettext_lazy("Nothing was sent back to you."),
        pgettext_lazy("review queue column", "sent back"),
    ),
    "scheduled": (
        gettext_lazy("Scheduled next"),
        gettext_lazy("Nothing is scheduled."),
        pgettext_lazy("review queue column", "at"),
    ),
    "published": (
        gettext_lazy("Published lately"),
        gettext_lazy("Nothing was published lately."),
        pgettext_lazy("review queue column", "published"),
    ),
}
SOURCES = {key: [] for key in SECTIONS}


def source(section):
    def register(function):
        SOURCES[section].append(function)
        return function

    return register


def review_queue(request, site=None):
    """The sections this staff member sees, each with its rows: the in-review section only for those who
    may publish something (an editor has nothing to decide)."""
    sections = []
    for key, (title, empty, when) in SECTIONS.items():
        if key == "in_review" and not any(
            model_admin.has_publish_permission(request) for _model, model_admin in admins(request, site)
        ):
            continue
        rows = [row for function in SOURCES[key] for row in function(request, site)]
        rows.sort(key=lambda row: row.since, reverse=key in {"sent_back", "published"})
        if key in {"scheduled", "published"}:
            rows = rows[:RECENT_LIMIT]
        sections.append(Section(key, title, empty, when, rows))
    return sections


def admins(request, site=None):
    """The publishing models' admins that this staff member may see, in the admin's order."""
    site = site or admin.site
    return [
        (model, model_admin)
        for model, model_admin in sorted(site._registry.items(), key=lambda item: item[0]._meta.label)
        if isinstance(model_admin, PublishingAdmin) and model_admin.has_view_or_change_permission(request)
    ]


def records(model, model_admin):
    related = model_admin.list_select_related
    related = related if isinstance(related, list | tuple) else []
    return model._default_manager.select_related("submitted_by", "updated_by", *related)


def row_for(record, model_admin, since, author=None, note=""):
    opts = record._meta
    return QueueRow(
        title=str(record),
        url=reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=[record.pk],
            current_app=model_admin.admin_site.name,
        ),
        kind=str(opts.verbose_name),
        author=name_of(author),
        since=since,
        note=note,
    )


def name_of(user):
    return (user.get_full_name() or user.get_username()) if user is not None else ""


@source("in_review")
def drafts_in_review(request, site=None):
    return [
        row_for(record, model_admin, record.submitted_at or record.updated_at, record.submitted_by)
        for model, model_admin in admins(request, site)
        if model_admin.has_publish_permission(request)
        for record in records(model, model_admin)
        .filter(status=Status.IN_REVIEW)
        .order_by("submitted_at", "pk")[:REVIEW_LIMIT]
    ]


@source("sent_back")
def drafts_sent_back(request, site=None):
    return [
        row_for(record, model_admin, record.updated_at, record.updated_by, note=record.review_comment)
        for model, model_admin in admins(request, site)
        for record in records(model, model_admin)
        .filter(status=Status.DRAFT, submitted_by=request.user)
        .exclude(review_comment="")
        .order_by("-updated_at", "-pk")[:REVIEW_LIMIT]
    ]


@source("scheduled")
def scheduled_records(request, site=None):
    moment = now()
    rows = []
    for model, model_admin in admins(request, site):
        published = records(model, model_admin).filter(status=Status.PUBLISHED)
        for record in published.filter(publish_from__gt=moment).order_by("publish_from", "pk")[:RECENT_LIMIT]:
            # Translators: a scheduled record "goes live" at the time shown after it.
            note = _("goes live")
            rows.append(row_for(record, model_admin, record.publish_from, record.updated_by, note=note))
        for record in published.filter(unpublish_at__gt=moment).order_by("unpublish_at", "pk")[:RECENT_LIMIT]:
            note = _("leaves the site")
            rows.append(row_for(record, model_admin, record.unpublish_at, record.updated_by, note=note))
    return rows


@source("published")
def published_lately(request, site=None):
    moment = now()
    return [
        row_for(record, model_admin, record.published_at, record.updated_by)
        for model, model_admin in admins(request, site)
        for record in records(model, model_admin)
        .filter(status=Status.PUBLISHED, published_at__lte=moment)
        .order_by("-published_at", "-pk")[:RECENT_LIMIT]
    ]


# Proposed changes to published records (core/proposals.py) wait in the same sections as drafts.


def proposals_of(request, site=None, publishing_only=False):
    """The proposals of the models this staff member may see (or, with publishing_only, may publish), with
    their records fetched once per model, whatever their number."""
    models = [
        model
        for model, model_admin in admins(request, site)
        if not publishing_only or model_admin.has_publish_permission(request)
    ]
    if not models:
        return ChangeProposal.objects.none()
    kinds = ContentType.objects.get_for_models(*models).values()
    return ChangeProposal.objects.filter(content_type__in=kinds).select_related("author", "content_type")


def proposal_row(proposal, since, note=""):
    return QueueRow(
        title=str(proposal.record),
        url=proposal.get_admin_url(),
        kind=_("proposed change to %(kind)s") % {"kind": proposal.content_type.model_class()._meta.verbose_name},
        author=name_of(proposal.author),
        since=since,
        note=note,
    )


@source("in_review")
def proposals_in_review(request, site=None):
    waiting = proposals_of(request, site, publishing_only=True).in_review()[:REVIEW_LIMIT]
    return [
        proposal_row(proposal, proposal.submitted_at)
        for proposal in waiting.prefetch_related("record")
        if proposal.record is not None
    ]


@source("sent_back")
def proposals_sent_back(request, site=None):
    returned = proposals_of(request, site).sent_back_to(request.user)[:REVIEW_LIMIT]
    return [
        proposal_row(proposal, proposal.decided_at, note=proposal.comment)
        for proposal in returned.prefetch_related("record")
        if proposal.record is not None
    ]
