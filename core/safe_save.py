"""A form saves once: a double-clicked Save, or Back then Save, makes one record and one history entry.

Each admin add or change form carries a one-time token (a hidden field). Posting it claims the token with a
SaveReceipt, in the save's own transaction and before anything else is written; the save then notes on the
receipt which record it made. The same form posted again finds the receipt and lands on that record with a
notice instead of saving a second time. Two posts at the same moment take turns at the claim: on SQLite the
second waits for the write lock (BEGIN IMMEDIATE) and finds the receipt inside its own transaction; on
PostgreSQL its claim waits on the unique index until the first commits, then finds the receipt the first wrote.
A form that was not valid gives its claim back, so the token is free again.

An add form is known by what it holds rather than by its token: Back in the browser fetches the add page anew,
with a new token, while restoring what the editor had typed, and Save then sent the same event again (and met
its own slug). So the claim of an add form is a digest of its user, model and posted values: the same person
posting the same new record twice within a day lands on the first, even from a page loaded again.

static/js/save-once.js also disables the Save buttons once the form is sent, where JavaScript runs.
"""

import hashlib
import json
import re
import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest
from django.db import router, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import SaveReceipt

TOKEN_FIELD = "_save_token"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{20,64}")
RECEIPTS_KEPT = timedelta(days=1)
NOT_THE_FORMS_VALUES = {"csrfmiddlewaretoken", TOKEN_FIELD, "_save", "_continue", "_addanother"}
ALREADY_SAVED = gettext_lazy("This form was already saved: here is the %(name)s it saved.")


class SaveOnceMixin:
    """For a ModelAdmin: every add and change form saves at most once (see the module's docstring)."""

    @property
    def media(self):
        return super().media + forms.Media(js=["js/save-once.js"])

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
        if not TOKEN_PATTERN.fullmatch(token):  # a form without a token (an older page, a test) saves as before
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is None:
            token = self.add_form_digest(request)
        with transaction.atomic(using=router.db_for_write(self.model)):
            receipt = self.claim(request, token, object_id)
            if receipt.object_id and self.model._default_manager.filter(pk=receipt.object_id).exists():
                return self.already_saved(request, receipt)
            receipt.object_id = ""  # a record saved by this form and deleted since may be added again
            request.save_receipt = receipt
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if not receipt.object_id:  # nothing saved (the form had errors): give the token back
                receipt.delete()
            return response

    def add_form_digest(self, request):
        values = sorted((name, value) for name, values in request.POST.lists() for value in values)
        files = sorted((name, upload.name, upload.size) for name, upload in request.FILES.items())
        form = [request.user.pk, self.opts.label, [item for item in values if item[0] not in NOT_THE_FORMS_VALUES]]
        return "add-" + hashlib.sha256(json.dumps([*form, files], default=str).encode()).hexdigest()[:60]

    def claim(self, request, token, object_id):
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        receipt, created = SaveReceipt.objects.get_or_create(
            token=token,
            defaults={"content_type": content_type, "user": request.user, "object_id": ""},
        )
        if not created and (receipt.user_id != request.user.pk or receipt.content_type_id != content_type.pk):
            raise BadRequest("This form's save token belongs to another form.")
        if created:
            SaveReceipt.objects.filter(created__lt=timezone.now() - RECEIPTS_KEPT).delete()
        return receipt

    def already_saved(self, request, receipt):
        self.message_user(request, ALREADY_SAVED % {"name": self.opts.verbose_name}, messages.INFO)
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(receipt.object_id)],
            current_app=self.admin_site.name,
        )
        return HttpResponseRedirect(url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        receipt = getattr(request, "save_receipt", None)
        if receipt is not None and not receipt.object_id:
            receipt.object_id = str(obj.pk)
            receipt.save(update_fields=["object_id"])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["save_token"] = secrets.token_urlsafe(32)
        return super().render_change_form(request, context, add, change, form_url, obj)
