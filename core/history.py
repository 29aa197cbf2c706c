"""History that reads: one entry per admin save, with its author and the editor's change message, and
each change shown whole (texts with a word-level difference, times labelled with their zone).

GuardedAdmin (core/publishing_admin.py) takes HistoryAdminMixin; the history list and the compare page
show what ReadableHistory gives them.
"""

from datetime import date, datetime

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.dispatch import receiver
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from simple_history.signals import post_create_historical_record
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_field_name

from .diffs import word_diff
from .nothing_silent import limit_without_cutting
from .publishing import moment_text

CHANGE_MESSAGE = "history_change_message"
# Marked here, translated where shown (gettext): the constants stay plain text for those who compare with them.
NO_ACCOUNT = gettext_noop("the system (seed, import or command) or an account since deleted")
EMPTY = gettext_noop("(empty)")


# An instant in the viewer's active time zone, with the zone named: "15 Nov 2011 09:30 (Europe/Paris)".
when = moment_text


def author(record):
    user = record.history_user
    if user is None:
        return _(NO_ACCOUNT)
    return user.get_full_name() or user.get_username()


def describe(record):
    """What the history list and the compare page say of a version besides its changes."""
    record.author = author(record)
    record.when = when(record.history_date)
    record.message = record.history_change_reason or ""
    return record


# One admin save is one entry. The admin saves the record (django-simple-history writes its entry then),
# then its many-to-many relations, each of whose changes would write an entry of its own (a removal and an
# addition per relation: up to five for one save of an event). So once the record is saved, the relations'
# changes write nothing, and when the admin logs the save, the entry it wrote takes the relations as saved.


@receiver(post_create_historical_record)
def remember_entry(sender, instance, history_instance, **kwargs):
    instance._history_entry = history_instance


def hold_history(obj):
    """Whatever this save still does to `obj` (its relations, inline saves) joins the entry just written."""
    obj.skip_history_when_saving = True


def complete_history(obj):
    """The entry written by the save of `obj` takes its many-to-many relations as they now stand."""
    if not hasattr(obj, "skip_history_when_saving"):
        return
    del obj.skip_history_when_saving
    entry = getattr(obj, "_history_entry", None)
    if entry is None:
        return
    for field in entry._history_m2m_fields:
        through = field.remote_field.through
        snapshot = getattr(type(entry), field.name).model
        snapshot.objects.filter(history=entry).delete()
        rows = through._default_manager.filter(**{get_m2m_field_name(field): obj})
        snapshot.objects.bulk_create(
            snapshot(history=entry, **{column.attname: getattr(row, column.attname) for column in through._meta.fields})
            for row in rows
        )


class HistoryAdminMixin:
    """An admin whose saves make one history entry each, with an optional change message.

    `history_values` maps a field's name to a function (historical record) -> text that shows its value in
    the history, where the value needs the record's other fields (an event's times, in its venue's zone).
    """

    history_values = {}

    def change_message_field(self):
        length = self.model.history.model._meta.get_field("history_change_reason").max_length
        return limit_without_cutting(  # an error past the limit, never a message cut short as it is pasted
            forms.CharField(
                label=_("Change message"),
                required=False,
                max_length=length,
                widget=forms.TextInput(attrs={"class": "vTextField"}),
                help_text=ngettext(
                    "Optional: what you changed and why, for the history (at most %(limit)d character).",
                    "Optional: what you changed and why, for the history (at most %(limit)d characters).",
                    length,
                )
                % {"limit": length},
            )
        )

    def offers_change_message(self, request, obj):
        if getattr(request, "proposal_for", None) is not None:
            return False  # kept as a proposed change (core/proposal_admin.py): the history is written when published
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if self.offers_change_message(request, obj):
            fieldsets.append((_("History"), {"fields": [CHANGE_MESSAGE]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields", ()) is None or not self.offers_change_message(request, obj):
            return super().get_form(request, obj, change, **kwargs)  # get_fields' look at the model form
        fields = kwargs.pop("fields", None) or flatten_fieldsets(self.get_fieldsets(request, obj))
        form = super().get_form(
            request, obj, change, fields=[name for name in fields if name != CHANGE_MESSAGE], **kwargs
        )
        return type(form.__name__, (form,), {CHANGE_MESSAGE: self.change_message_field()})

    def save_model(self, request, obj, form, change):
        message = (form.cleaned_data.get(CHANGE_MESSAGE) or "").strip() if form is not None else ""
        if message:
            obj._change_reason = message
        super().save_model(request, obj, form, change)
        hold_history(obj)

    def construct_change_message(self, request, form, formsets, add=False):
        # The message is the history's, not a field of the record: the admin's log names no change to it.
        message = super().construct_change_message(request, form, formsets, add)
        label = str(form.fields[CHANGE_MESSAGE].label) if CHANGE_MESSAGE in form.fields else None
        for entry in message:
            fields = entry.get("changed", {}).get("fields")
            if fields and label in fields:
                fields.remove(label)
        return [entry for entry in message if entry.get("changed", {}).get("fields", True)]

    def log_addition(self, request, obj, message):
        complete_history(obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        complete_history(obj)
        return super().log_change(request, obj, message)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record, values=self.history_values)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            describe(record)
            # The oldest entry of a page has no older one here to be compared with: its changes are unknown.
            record.compared = hasattr(record, "history_delta_changes")


class ReadableHistory(HistoricalRecordContextHelper):
    """Each change whole: a text with its word-level difference, any other value as old → new, shown as a
    person reads it (choices by their label, times in a named zone, relations by name)."""

    def __init__(self, model, historical_record, *, values=None):
        super().__init__(model, historical_record)
        self.values = values or {}

    def context_for_delta_changes(self, delta):
        return [self.change(delta, change) for change in delta.changes]

    def change(self, delta, change):
        field = self.model._meta.get_field(change.field)
        old = self.shown(delta.old_record, field, change, change.old)
        new = self.shown(delta.new_record, field, change, change.new)
        is_text = isinstance(field, (models.CharField, models.TextField)) and not field.choices
        return {
            "field": str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
            "old": old,
            "new": new,
            "diff": word_diff(change.old or "", change.new or "") if is_text else None,
        }

    def shown(self, record, field, change, value):
        if field.name in self.values:
            return self.values[field.name](record)
        if isinstance(field, models.ManyToManyField):
            names = [str(related) for related in self.prepare_delta_change_value(change, value)]
            return ", ".join(names) or _(EMPTY)
        return value_text(field, value)


def value_text(field, value):
    if value is None or value == "":
        return _(EMPTY)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)
