"""Nothing an editor writes is changed behind their back.

A value longer than its field is a form error that gives the limit and the length, never cut: the browser's
maxlength attribute, which cuts pasted text without a word, is left off the inputs. Markdown fields say under
them what is kept when shown, and after a save the editor is told what the sanitiser will leave out.
"""

from django import forms
from django.contrib import messages
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .fields import is_markdown, markdown_help
from .templatetags.rich_text import removed_markup

# Not ngettext_lazy: the message is read as text before it has its numbers (core/tests/test_nothing_silent.py).
TOO_LONG = gettext_lazy("At most %(limit_value)d characters (it has %(show_value)d).")


def limit_without_cutting(formfield):
    """The form field's length limit as a validator only, with a message that gives both numbers."""
    limit = getattr(formfield, "max_length", None)
    if limit is None or not isinstance(formfield, forms.CharField):  # a file field's limit is on its name
        return formfield
    formfield.widget.attrs.pop("maxlength", None)
    others = [validator for validator in formfield.validators if not isinstance(validator, MaxLengthValidator)]
    formfield.validators = [*others, MaxLengthValidator(limit, message=TOO_LONG)]
    return formfield


def removed_markup_notices(obj, naming=None):
    """One warning per Markdown field of obj whose text loses markup when shown; `naming` ({"kind", "record"})
    names the inline's record the field belongs to."""
    for field in obj._meta.concrete_fields:
        if is_markdown(field):
            removed = removed_markup(field.value_from_object(obj))
            if removed:
                if naming:
                    yield _("Removed from the %(field)s of %(kind)s “%(record)s” when shown: %(markup)s.") % {
                        "field": field.verbose_name,
                        "markup": ", ".join(removed),
                        **naming,
                    }
                else:
                    yield _("Removed from the %(field)s when shown: %(markup)s.") % {
                        "field": field.verbose_name,
                        "markup": ", ".join(removed),
                    }


class NothingSilentMixin:
    """For a ModelAdmin or an inline: no value cut, Markdown help from the allow-list, removed markup named."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and is_markdown(db_field):
            formfield.help_text = markdown_help()
        return formfield and limit_without_cutting(formfield)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Told once the form is saved whole: a save rolled back and tried again (GuardedAdmin.changeform_view)
        # starts its list anew, and a form with errors tells nothing.
        request.removed_markup_notices = []
        response = super().changeform_view(request, object_id, form_url, extra_context)
        for notice in request.removed_markup_notices:
            self.message_user(request, notice, messages.WARNING)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.note_removed_markup(request, obj)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if inline_form.has_changed() and inline_form not in formset.deleted_forms:
                instance = inline_form.instance
                self.note_removed_markup(request, instance, {"kind": instance._meta.verbose_name, "record": instance})

    def note_removed_markup(self, request, obj, naming=None):
        if hasattr(request, "removed_markup_notices"):  # a save by the change form, not a list's or history's
            request.removed_markup_notices += removed_markup_notices(obj, naming)
