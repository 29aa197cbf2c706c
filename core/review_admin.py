"""The review of drafts in the admin, and the state every record shows.

A draft goes for review ("Submit for review", by anyone who may change it); a publisher then publishes
it or sends it back with a comment, which the editor sees at the top of the record's page. Each step is
a POST of its own, checked on the server: CSRF by Django's middleware, permission and state here.

An editor may still change a draft while it waits in review: it is not public, and the publisher decides
on what the record holds when they decide. The status itself stays read-only to editors.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from .notifications import notify_published, notify_sent_back, notify_submitted
from .publishing import State, Status, state_q

COMMENT_LIMIT = 2000


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in State.values:
            return queryset.none()
        return queryset.filter(state_q(State(value)))


class ReviewWorkflowMixin:
    """For PublishingAdmin: the state column and filter, "unpublish at" beside "publish from", and the
    review steps (their addresses, the panel at the top of the change form, and their views)."""

    class Media:
        css = {"all": ["css/review.css"]}

    def get_list_display(self, request):
        """The state in place of the raw status, second, after the column that links to the record: on a narrow
        screen it is in sight without scrolling."""
        columns = list(super().get_list_display(request))
        if "status" not in columns:
            return columns
        columns.remove("status")
        return [*columns[:1], "state_column", *columns[1:]]

    def get_list_filter(self, request):
        return [StateFilter if name == "status" else name for name in super().get_list_filter(request)]

    @admin.display(description=gettext_lazy("state"), ordering="status")
    def state_column(self, obj):
        return obj.state_display

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = list(options.get("fields", []))
            if "publish_from" in fields and "unpublish_at" not in fields:
                fields.insert(fields.index("publish_from") + 1, "unpublish_at")
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        steps = [
            path(
                f"<path:object_id>/review/{step}/",
                self.admin_site.admin_view(require_POST(getattr(self, f"review_{step.replace('-', '_')}_view"))),
                name="{}_{}_review_{}".format(*info, step.replace("-", "_")),
            )
            for step in ("submit", "publish", "send-back")
        ]
        return [*steps, *super().get_urls()]

    def review_steps(self, request, obj):
        """The review steps this user may take on this record now."""
        if obj is None or obj.pk is None:
            return set()
        steps = set()
        if obj.status == Status.DRAFT and self.has_change_permission(request, obj):
            steps.add("submit")
        if obj.status == Status.IN_REVIEW and self.has_publish_permission(request):
            steps |= {"publish", "send_back"}
        return steps

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            info = self.opts.app_label, self.opts.model_name
            context["review"] = {
                "record": obj,
                "steps": self.review_steps(request, obj),
                "urls": {
                    step: reverse(
                        "admin:{}_{}_review_{}".format(*info, step), args=[obj.pk], current_app=self.admin_site.name
                    )
                    for step in ("submit", "publish", "send_back")
                },
                "comment_limit": COMMENT_LIMIT,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def review_step(self, request, object_id, step):
        """The record, locked for the step, once the request is known to be allowed to take it."""
        obj = self.get_queryset(request).select_for_update().filter(pk=unquote(object_id)).first()
        if obj is None:
            raise Http404
        if step not in self.review_steps(request, obj):
            raise PermissionDenied
        return obj

    def back_to_record(self, request, obj, message, level=messages.SUCCESS):
        self.message_user(request, message, level)
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(
            reverse("admin:{}_{}_change".format(*info), args=[obj.pk], current_app=self.admin_site.name)
        )

    def save_model(self, request, obj, form, change):
        before = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
        self.leaving_review(request, obj, before)
        super().save_model(request, obj, form, change)

    def leaving_review(self, request, obj, before):
        """A record in review published or put back to draft another way than by the review buttons (its form, a
        list action): call before saving it. Its editor hears of it as from the buttons, once the save commits;
        put back to draft, it waits in their queue as sent back."""
        if before != Status.IN_REVIEW or obj.status == before:
            return
        actor = request.user
        if obj.status == Status.PUBLISHED:
            transaction.on_commit(lambda: notify_published(obj, actor, request=request))
        elif obj.status == Status.DRAFT:
            obj.review_comment = obj.review_comment or f"Put back to draft by {actor.get_username()}, with no comment."
            transaction.on_commit(lambda: notify_sent_back(obj, actor, obj.review_comment, request=request))

    def take_step(self, request, obj, reason):
        obj._change_reason = reason  # the history's entry for this save
        obj.updated_by = request.user
        obj.save()
        self.log_change(request, obj, reason)

    def review_submit_view(self, request, object_id):
        with transaction.atomic():
            obj = self.review_step(request, object_id, "submit")
            obj.status = Status.IN_REVIEW
            obj.submitted_at = now()
            obj.submitted_by = request.user
            obj.review_comment = ""
            self.take_step(request, obj, "Submitted for review")
        notify_submitted(obj, request.user, request=request)
        return self.back_to_record(
            request, obj, _("“%(record)s” was submitted for review. The publishers have been told.") % {"record": obj}
        )

    def review_publish_view(self, request, object_id):
        with transaction.atomic():
            obj = self.review_step(request, object_id, "publish")
            obj.status = Status.PUBLISHED
            self.take_step(request, obj, "Published after review")
        notify_published(obj, request.user, request=request)
        return self.back_to_record(
            request,
            obj,
            _("“%(record)s” was published. State: %(state)s.") % {"record": obj, "state": obj.state_display},
        )

    def review_send_back_view(self, request, object_id):
        comment = request.POST.get("comment", "").strip()
        with transaction.atomic():
            obj = self.review_step(request, object_id, "send_back")
            if not comment or len(comment) > COMMENT_LIMIT:
                message = ngettext(
                    "Say what the editor should change (up to %(limit)d character) before sending it back.",
                    "Say what the editor should change (up to %(limit)d characters) before sending it back.",
                    COMMENT_LIMIT,
                ) % {"limit": COMMENT_LIMIT}
                return self.back_to_record(request, obj, message, messages.ERROR)
            obj.status = Status.DRAFT
            obj.review_comment = comment
            self.take_step(request, obj, "Sent back to the editor")
        notify_sent_back(obj, request.user, comment, request=request)
        return self.back_to_record(
            request, obj, _("“%(record)s” was sent back to its editor with your comment.") % {"record": obj}
        )
