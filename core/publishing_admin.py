"""What every content model's admin shares: who may publish, record stamps, bulk publishing,
a preview of the public page, and the history of changes (django-simple-history).

Editors add and change drafts; publishing, unpublishing, and changing or deleting what is
published take the model's publish_<model> permission (the Publishers group has it). The rules are
checked on the server: a field an editor may not change is read-only, so its posted value is ignored.
"""

from collections import defaultdict

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from .admin_words import counted
from .history import HistoryAdminMixin, describe
from .nothing_silent import NothingSilentMixin
from .preview import PreviewLinksMixin
from .proposal_admin import ProposalAdminMixin
from .publishing import Status
from .review_admin import ReviewWorkflowMixin
from .safe_save import SaveOnceMixin
from .staff_time import StaffTimeAdminMixin
from .translation_admin import TranslationAdminMixin

PUBLISHING_FIELDS = ["status", "publish_from", "unpublish_at"]
RECORD_FIELDS = ["created_at", "created_by", "updated_at", "updated_by"]
# What a list action did, for counted(): %(items)s is the model's name, in the singular or the plural as the count
# asks.
STATUS_CHANGED = {
    Status.PUBLISHED: ngettext_lazy("%(count)d %(items)s published.", "%(count)d %(items)s published.", "count"),
    Status.DRAFT: ngettext_lazy("%(count)d %(items)s back to draft.", "%(count)d %(items)s back to draft.", "count"),
}


# Inlines that an app higher up the house adds to the admin page of a model lower down: a member's page
# lists its terms as chair (themes), a term's page its events (events). The member's admin cannot name
# the inline itself, since `agencies` imports nothing from `themes`; so the higher app declares its inline
# with @inline_for(Model) beside the inline's own admin, and PublishingAdmin.get_inlines adds it. No app
# unregisters or replaces another app's admin.
CONTRIBUTED_INLINES = defaultdict(list)


def inline_for(model):
    def contribute(inline):
        CONTRIBUTED_INLINES[model].append(inline)
        return inline

    return contribute


# PostgreSQL's codes for a transaction it rolled back because of another one: deadlock_detected and
# serialization_failure. Run again, such a transaction sees what the other committed.
RETRYABLE_SQLSTATES = {"40P01", "40001"}


def lost_a_write_race(error):
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "pgcode", None) in RETRYABLE_SQLSTATES


def can_publish(request, model):
    return request.user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


class PublishRuleMixin:
    """Who may publish: the publish permission of `publish_model` (a constituent follows its agency),
    or of the admin's own model."""

    publish_model = None

    def has_publish_permission(self, request):
        return can_publish(request, self.publish_model or self.model)


class PublishPermissionMixin(PublishRuleMixin):
    """Status and publication time are read-only to those who may not publish."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += [name for name in PUBLISHING_FIELDS if name not in fields]
        return fields


class PublishingInlineMixin(NothingSilentMixin, PublishPermissionMixin):
    """Editors add drafts inline; rows already saved are changed on their own pages, where each is checked."""

    def has_change_permission(self, request, obj=None):
        return self.has_publish_permission(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_publish_permission(request) and super().has_delete_permission(request, obj)


class CheckedSelectionMixin:
    """An action on the records ticked in a list: Django's admin filters by the posted ids as they come, and a
    text that is no id answered 500. Every admin of the portal's site has it (gmg_portal/admin_site.py)."""

    def response_action(self, request, queryset):
        try:
            for selected in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                self.opts.pk.clean(selected, None)
        except ValidationError:
            raise BadRequest("The selection holds something that is not a record's id.") from None
        return super().response_action(request, queryset)


class GuardedAdmin(PublishRuleMixin, SaveOnceMixin, NothingSilentMixin, HistoryAdminMixin, SimpleHistoryAdmin):
    """Per-record publishing rules on every way of saving: the change form, list-editable columns and
    the history page's revert all end in save_model, which checks what the database holds.

    `is_published_record` says whether a record is public.
    """

    change_form_template = "admin/guarded_change_form.html"  # carries the form's save token (SaveOnceMixin)

    def is_published_record(self, obj):
        return obj is not None and obj.status == Status.PUBLISHED

    def has_change_permission(self, request, obj=None):
        if self.is_published_record(obj) and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self.is_published_record(obj) and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            before = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk is not None else None
            bringing_back = change and before is None  # a revert of a deleted record
            if bringing_back or self.is_published_record(before) or self.is_published_record(obj):
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (IntegrityError, OperationalError) as error:
            if request.method != "POST" or not lost_a_write_race(error):
                raise
            # Another save committed between this form's checks and its write, and the two break a rule the
            # database keeps (terms that overlap, a slug taken twice), or the database chose this save to break a
            # deadlock between the two (two overlapping terms inserted at once each wait on the other's check).
            # This save's transaction is rolled back whole; checked again, the form now sees the other record and
            # says what clashes, as clean() mirrors each rule. A second failure is no race but a rule clean()
            # misses, and stays an error.
            for upload in request.FILES.values():
                upload.seek(0)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        """The add form's values prefilled from its address (?agency=3), without those the field would refuse: an
        id that is no number reached the database as a query of the related records, and answered 500."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.auto_created and not field.concrete:
                continue  # a reverse relation: the form has no field for it
            checked = field.target_field if field.is_relation else field
            try:
                for item in value if isinstance(value, list) else [value]:
                    checked.clean(item, None)
            except ValidationError:
                del initial[name]
        return initial

    def history_view(self, request, object_id, extra_context=None):
        if not str(object_id).isdecimal():
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (str(object_id).isdecimal() and str(version_id).isdecimal()):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        compare = path(
            "<str:object_id>/history/compare/",
            self.admin_site.admin_view(self.history_compare_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_history_compare",
        )
        return [compare, *super().get_urls()]  # before the history's own "<id>/history/<version>/"

    def history_compare_view(self, request, object_id):
        """What changed between any two versions of a record, picked on its history page (?old=&new=),
        fields and many-to-many relations alike; the older is always shown first."""
        if not str(object_id).isdecimal():
            raise Http404
        versions = self.model.history.filter(**{self.opts.pk.attname: object_id})
        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:  # deleted: its history stays readable, as on the history page
            latest = versions.order_by("-history_date").first()
            if latest is None:
                raise Http404
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        picked = [request.GET.get("old", ""), request.GET.get("new", "")]
        if not all(value.isdecimal() and len(value) <= 18 for value in picked):
            raise BadRequest("Pick two versions to compare.")
        found = {
            record.history_id: record
            for record in versions.filter(history_id__in=picked).select_related("history_user")
        }
        if len(found) != len(set(picked)):
            raise Http404  # not a version of this record
        old, new = sorted(
            (found[int(value)] for value in picked), key=lambda record: (record.history_date, record.history_id)
        )
        delta = new.diff_against(old, foreign_keys_are_objs=True)
        changes = self.get_historical_record_context_helper(request, new).context_for_delta_changes(delta)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %(record)s") % {"record": obj},
            "opts": self.opts,
            "object": obj,
            "versions": [describe(old), describe(new)],
            "changes": changes,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/history_compare.html", context)


class PublishingAdmin(
    TranslationAdminMixin,
    PreviewLinksMixin,
    StaffTimeAdminMixin,
    ReviewWorkflowMixin,
    ProposalAdminMixin,
    PublishPermissionMixin,
    GuardedAdmin,
):
    change_form_template = "admin/publishing_change_form.html"
    actions = ["publish_selected", "unpublish_selected"]
    # The public page's view, for the preview: a DetailView with the PreviewMixin.
    preview_view = None

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *RECORD_FIELDS]

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *CONTRIBUTED_INLINES[self.model]]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((_("Record"), {"fields": RECORD_FIELDS, "classes": ["collapse"]}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed() and hasattr(inline_form.instance, "updated_by_id"):
                stamp(inline_form.instance, request.user)
        super().save_formset(request, form, formset, change)

    @admin.action(permissions=["publish"], description=gettext_lazy("Publish the selected %(verbose_name_plural)s"))
    def publish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.PUBLISHED)

    @admin.action(
        permissions=["publish"],
        description=gettext_lazy("Unpublish the selected %(verbose_name_plural)s (back to draft)"),
    )
    def unpublish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.DRAFT)

    def set_status(self, request, queryset, status):
        changed = 0
        for obj in queryset:
            if obj.status != status:
                with transaction.atomic():
                    before, obj.status = obj.status, status
                    self.leaving_review(request, obj, before)
                    stamp(obj, request.user)
                    obj.save()  # one by one, so that each change enters the history
                changed += 1
        self.message_user(request, counted(STATUS_CHANGED[status], changed, self.opts), messages.SUCCESS)

    def get_urls(self):
        if self.preview_view is None:
            return super().get_urls()
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview),
            name=f"{self.opts.app_label}_{self.opts.model_name}_preview",
        )
        return [preview, *super().get_urls()]

    def preview(self, request, object_id):
        """The record on its public page, whatever its status: for staff only, and never cached."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        response = self.preview_view.as_view(preview_object=obj)(request, slug=obj.slug)
        response.render()
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["has_preview"] = self.preview_view is not None and obj is not None
        return super().render_change_form(request, context, add, change, form_url, obj)


def stamp(obj, user):
    if obj.pk is None:
        obj.created_by = user
    obj.updated_by = user
