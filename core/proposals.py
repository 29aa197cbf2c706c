"""Proposed changes to published records: what a proposal holds, and each step of its life.

An editor may not change what is public. Their change to a published record is kept aside as a
ChangeProposal (core/models.py): the record, its public page and its history stay as they are until a
publisher publishes the change. Each transition below is the one place that moves a proposal from one
state to the next; the admin's views (proposal_admin.py) send the review workflow's emails after each step.

    draft ──submit──▶ in review ──publish──▶ published
      ▲                 │
      └──(edited)── sent back ◀──send back──┘        any open state ──withdraw──▶ withdrawn
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _

from .diffs import word_diff
from .models import OPEN_PROPOSAL_STATES, ChangeProposal, ProposalState
from .publishing import Publishable, Status

RECORD_STAMPS = {"created_at", "created_by", "updated_at", "updated_by"}
# A record's publication (status, publish from, and whatever Publishable gains) is a publisher's decision of its
# own: a proposal never carries it, and a revert from history never brings an old one back.
PUBLICATION_FIELDS = [field.name for field in Publishable._meta.fields if field.name not in RECORD_STAMPS]
NOT_PROPOSED = {*PUBLICATION_FIELDS, *RECORD_STAMPS}


def proposed_fields(model):
    """The fields a proposal carries: what an editor can change, and the files stored with an upload (a logo's
    thumbnail). Fields computed on saving (an event's days at its venue) follow when the proposal is applied."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in NOT_PROPOSED
        and (field.editable or isinstance(field, models.FileField))
    ]


def proposed_relations(model):
    return [field for field in model._meta.many_to_many if field.editable]


def is_published(record):
    return record.status == Status.PUBLISHED


def can_propose(user, record):
    """An editor (who may change the model, not publish it) on a published record."""
    opts = record._meta
    return (
        record.pk is not None
        and is_published(record)
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        and not user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")
    )


def may_publish(user, record):
    return user.has_perm(f"{record._meta.app_label}.publish_{record._meta.model_name}")


def store_uploads(record):
    """Write a new upload to storage under a new random name, never over what the live record uses. A model
    that stores its uploads its own way (an agency's logo, re-encoded with a thumbnail) names it in
    `store_uploads`."""
    own_way = getattr(record, "store_uploads", None)
    if own_way is not None:
        own_way()
    for field in proposed_fields(type(record)):
        upload = getattr(record, field.name) if isinstance(field, models.FileField) else None
        if upload and not upload._committed:
            upload.save(f"{uuid.uuid4().hex}{PurePosixPath(upload.name).suffix.lower()}", upload.file, save=False)


def as_text(field, record):
    value = field.value_from_object(record)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return field.value_to_string(record)


def values_of(record, relations):
    """A proposal's values: the edited, unsaved record's fields and the many-to-many ids it is to have
    (`relations`: field name to the related records or their ids)."""
    store_uploads(record)
    values = {field.name: as_text(field, record) for field in proposed_fields(type(record))}
    for name, related in relations.items():
        values[name] = sorted(getattr(item, "pk", item) for item in related)
    return values


def changes_anything(record, relations):
    """Whether the edited, unsaved `record` with these relations (as for values_of) differs from its live version.
    Values are compared as Python values: an instant is the same whatever zone it is written in."""
    live = type(record)._default_manager.get(pk=record.pk)
    if any(field.value_from_object(record) != field.value_from_object(live) for field in proposed_fields(type(live))):
        return True
    return any(
        {getattr(item, "pk", item) for item in related} != set(getattr(live, name).values_list("pk", flat=True))
        for name, related in relations.items()
    )


def proposed_record(proposal, live):
    """The live record as the proposal would leave it: unsaved, its many-to-many relations (through
    `.all()`) the proposed ones. Returns the record and the proposed ids per relation."""
    record = type(live)._default_manager.get(pk=live.pk)
    relations = {}
    for field in proposed_fields(type(live)):
        if field.name in proposal.values:
            value = field.to_python(proposal.values[field.name])
            setattr(record, field.attname, value)
    record._prefetched_objects_cache = {}
    for field in proposed_relations(type(live)):
        if field.name in proposal.values:
            relations[field.name] = proposal.values[field.name]
            record._prefetched_objects_cache[field.name] = field.related_model._default_manager.filter(
                pk__in=relations[field.name]
            )
    return record, relations


def open_proposal(record):
    if record is None or record.pk is None:
        return None
    return ChangeProposal.objects.open().for_record(record).select_related("author", "decided_by").first()


def is_stale(proposal, live):
    """Whether the live record was saved since the proposal was made."""
    return live.updated_at != proposal.based_on


def propose(record, relations, user):
    """Keep the edited, unsaved `record` as the open proposal for its live version (made, or updated);
    the live record is not touched. A draft is edited directly, so a proposal for one is refused."""
    with transaction.atomic():
        live = type(record)._default_manager.select_for_update().filter(pk=record.pk).first()
        if live is None or live.status != Status.PUBLISHED:
            raise ValidationError(_("Only a published record takes a proposed change; a draft is edited directly."))
        values = values_of(record, relations)
        proposal = open_proposal(live) or ChangeProposal(record=live)
        # One open proposal per record: whoever saves it last wrote what it now holds, and is its author.
        proposal.author = user
        proposal.values = values
        if proposal.pk is None:
            proposal.based_on = live.updated_at  # the version it was made from, whatever it becomes later
        proposal.updated_at = now()
        if proposal.state == ProposalState.SENT_BACK:
            proposal.state = ProposalState.DRAFT  # changed as asked: it goes for review again when submitted
        proposal.full_clean()
        proposal.save()
    return proposal


def check_state(proposal, *states):
    if proposal.state not in states:
        # Translators: %(state)s is the proposal's state in lower case ("withdrawn", "published", "in review").
        raise ValidationError(_("This proposed change is %(state)s.") % {"state": proposal.get_state_display().lower()})


def submit(proposal, user):
    check_state(proposal, ProposalState.DRAFT, ProposalState.SENT_BACK)
    proposal.state = ProposalState.IN_REVIEW
    proposal.submitted_at = proposal.updated_at = now()
    proposal.save()


def withdraw(proposal, user):
    check_state(proposal, *OPEN_PROPOSAL_STATES)
    proposal.state = ProposalState.WITHDRAWN
    proposal.updated_at = now()
    proposal.save()


def send_back(proposal, user, comment):
    check_state(proposal, ProposalState.IN_REVIEW)
    if not may_publish(user, proposal.record):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say what should change, for the editor."))
    proposal.state = ProposalState.SENT_BACK
    proposal.comment = comment.strip()
    proposal.decided_by, proposal.decided_at = user, now()
    proposal.updated_at = proposal.decided_at
    proposal.save()


def publish(proposal, user):
    """Apply the proposal to the live record in one transaction, through the model's full_clean: the record's
    history gets one entry, by the publisher, naming the proposal's author. Its publication is left as it is."""
    check_state(proposal, ProposalState.IN_REVIEW)
    model = proposal.content_type.model_class()
    with transaction.atomic():
        live = model._default_manager.select_for_update().get(pk=proposal.object_id)
        if not may_publish(user, live):
            raise PermissionDenied
        record, relations = proposed_record(proposal, live)
        record.updated_by = user
        record.full_clean()
        # The relations first, unrecorded; the save then records the whole new version, relations included, once.
        record._prefetched_objects_cache = {}  # set() compares with what the database holds, not the proposal
        record.skip_history_when_saving = True
        for name, ids in relations.items():
            getattr(record, name).set(ids)
        del record.skip_history_when_saving
        record._history_user = user
        author = proposal.author.get_username() if proposal.author else "a former staff member"
        record._change_reason = f"Proposed change by {author}, published"[:100]
        record.save()
        proposal.state = ProposalState.PUBLISHED
        proposal.decided_by, proposal.decided_at = user, now()
        proposal.updated_at = proposal.decided_at
        proposal.save()
    return record


def differences(proposal, live):
    """What the proposal changes, field by field against the live record as it is now: (label, old, new) with
    old and new as text, and for a text field the word difference as HTML in `words`."""
    record, relations = proposed_record(proposal, live)
    rows = []
    for field in proposed_fields(type(live)):
        if not field.editable:
            continue
        old, new = as_text(field, live), as_text(field, record)
        if old == new:
            continue
        row = {"label": field.verbose_name, "old": shown(field, live), "new": shown(field, record)}
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            row["words"] = word_diff(row["old"], row["new"])
        rows.append(row)
    for field in proposed_relations(type(live)):
        if field.name not in relations:
            continue
        old_ids = set(getattr(live, field.name).values_list("pk", flat=True))
        new_ids = set(relations[field.name])
        if old_ids != new_ids:
            related = field.related_model._default_manager.filter(pk__in=old_ids | new_ids)
            names = {item.pk: str(item) for item in related}
            rows.append(
                {
                    "label": field.verbose_name,
                    "old": ", ".join(sorted(names[pk] for pk in old_ids)),
                    "new": ", ".join(sorted(names[pk] for pk in new_ids if pk in names)),
                }
            )
    return rows


def shown(field, record):
    """A field's value as a person reads it: a choice by its label, a related record by its name."""
    value = getattr(record, field.name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return value.name
    return str(value)
