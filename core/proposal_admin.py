"""The admin's side of proposed changes (core/proposals.py): an editor's change form on a published record
keeps their change aside instead of saving it; a publisher reviews it against the live version, then
publishes it or sends it back; a revert from history of a published record becomes a proposed change.

A request that proposes carries the live record in `request.proposal_for`, set by changeform_view or
history_form_view: only those two views save a proposal. Every other way of saving a published record
(list-editable columns, a crafted post) still ends in GuardedAdmin.save_model's refusal.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import proposals
from .models import ChangeProposal, ProposalState
from .notifications import notify_published, notify_sent_back, notify_submitted

NOTHING_MESSAGE = gettext_lazy("Nothing was changed, so there is no change to propose: the public page stays as it is.")
WITHDRAWN_MESSAGE = gettext_lazy(
    "Your proposed change now matches the live record, so it was withdrawn: the public page stays as it is."
)
KEPT_MESSAGE = gettext_lazy(
    "Your changes are kept as a proposed change until a publisher accepts them; the public page stays as it is."
)
PUBLIC_NOTICE = gettext_lazy(
    "This record is public. Your changes are kept as a proposed change until a publisher accepts them; the public "
    "page stays as it is."
)


class ProposalAdminMixin:
    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/proposals.css"]})

    def proposing(self, request):
        return getattr(request, "proposal_for", None) is not None

    def has_change_permission(self, request, obj=None):
        if obj is not None and proposals.can_propose(request.user, obj):
            # The editor's form is open; what they save becomes a proposal (save_model).
            return request.user.has_perm(f"{self.opts.app_label}.{get_permission_codename('change', self.opts)}")
        return super().has_change_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None:
            live = self.get_object(request, unquote(object_id))
            if live is not None and proposals.can_propose(request.user, live):
                request.proposal_for = live
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        live = self.get_object(request, unquote(object_id)) if str(object_id).isdecimal() else None
        if live is not None:
            # The version's fields come back; its publication does not: the form starts from the live one's.
            request.reverting_onto = live
            if proposals.can_propose(request.user, live) or (
                proposals.is_published(live) and proposals.may_publish(request.user, live)
            ):
                request.proposal_for = live
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        live = getattr(request, "reverting_onto", None)
        if live is not None and obj is not None and obj is not live:
            # simple-history's revert view builds its form on this very instance (the old version), so its
            # publication is set here, before the form reads it: the form shows and saves the live one's.
            for name in proposals.PUBLICATION_FIELDS:
                setattr(obj, name, getattr(live, name))
        return super().get_form(request, obj, change, **kwargs)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        live = getattr(request, "proposal_for", None)
        if obj is not None and live is not None and obj.pk == live.pk and not hasattr(request, "reverting_onto"):
            proposal = proposals.open_proposal(obj)
            if proposal is not None:
                obj, _relations = proposals.proposed_record(proposal, obj)  # the editor goes on from their proposal
        return obj

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if self.proposing(request):
            for inline in inlines:  # a proposal carries the record's own fields: its inlines stay as they are
                inline.has_add_permission = inline.has_change_permission = inline.has_delete_permission = refuse
        return inlines

    def save_model(self, request, obj, form, change):
        if not (change and self.proposing(request)):
            super().save_model(request, obj, form, change)
            return
        relations = {
            field.name: form.cleaned_data[field.name]
            for field in proposals.proposed_relations(self.model)
            if field.name in form.cleaned_data
        }
        # The form's relations are the proposal's; neither the change form nor the history's revert may write
        # them to the live record.
        form.save_m2m = lambda: None
        if not proposals.changes_anything(obj, relations):
            # A save with nothing changed leaves no empty proposal to review; one changed back by its author goes.
            open_one = proposals.open_proposal(obj)
            withdrawn = open_one is not None and open_one.author_id == request.user.pk
            if withdrawn:
                proposals.withdraw(open_one, request.user)
            request.nothing_proposed = WITHDRAWN_MESSAGE if withdrawn else NOTHING_MESSAGE
            return
        request.proposal = proposals.propose(obj, relations, request.user)
        reverted_by_a_publisher = hasattr(request, "reverting_onto") and proposals.may_publish(request.user, obj)
        if reverted_by_a_publisher and request.proposal.state != ProposalState.IN_REVIEW:
            proposals.submit(request.proposal, request.user)  # it waits for their decision on the next page

    def save_related(self, request, form, formsets, change):
        if not self.proposing(request):
            super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        if hasattr(request, "nothing_proposed"):  # the admin's log names no proposal that was not made
            return None
        return super().log_change(request, obj, message)

    def construct_change_message(self, request, form, formsets, add=False):
        if self.proposing(request):  # the inlines were not saved, so they have no saved rows to name
            return "Proposed a change (the live record is unchanged)."
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        if hasattr(request, "nothing_proposed"):
            messages.info(request, request.nothing_proposed)
            return HttpResponseRedirect(self.change_url(obj))
        proposal = getattr(request, "proposal", None)
        if proposal is None:
            return super().response_change(request, obj)
        if proposal.state == ProposalState.IN_REVIEW and proposals.may_publish(request.user, obj):
            messages.info(request, _("The version you chose is ready. Publish it to make it the live record."))
            return HttpResponseRedirect(self.proposal_url(proposal))
        messages.success(request, KEPT_MESSAGE)
        return HttpResponseRedirect(self.change_url(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and proposals.is_published(obj):
            proposal = proposals.open_proposal(obj)
            context["proposal"] = proposal
            context["proposal_url"] = proposal and self.proposal_url(proposal)
            context["proposal_stale"] = proposal is not None and proposals.is_stale(proposal, obj)
            context["proposing"] = self.proposing(request)
            context["proposal_notice"] = PUBLIC_NOTICE
            context["may_publish"] = proposals.may_publish(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def proposal_url(self, proposal):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_proposal", args=[proposal.object_id, proposal.pk]
        )

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        urls = [
            path(
                "<str:object_id>/proposal/<int:proposal_id>/",
                self.admin_site.admin_view(self.proposal_view),
                name=f"{info}_proposal",
            ),
        ]
        if getattr(self, "preview_view", None) is not None:
            urls.append(
                path(
                    # Not ".../preview/": PublishingAdmin's "<path:object_id>/preview/" would take that address.
                    "<str:object_id>/proposal/<int:proposal_id>/preview-page/",
                    self.admin_site.admin_view(self.proposal_preview),
                    name=f"{info}_proposal_preview",
                )
            )
        return [*urls, *super().get_urls()]

    def proposal_and_record(self, request, object_id, proposal_id):
        if not object_id.isdecimal():
            raise Http404
        live = self.get_queryset(request).filter(pk=object_id).first()
        if live is None:
            raise Http404
        if not self.has_view_or_change_permission(request, live):
            raise PermissionDenied
        proposal = get_object_or_404(
            ChangeProposal.objects.for_record(live).select_related("author", "decided_by"), pk=proposal_id
        )
        return proposal, live

    def proposal_view(self, request, object_id, proposal_id):
        """The proposed change against the live record, and what the staff member may do with it."""
        proposal, live = self.proposal_and_record(request, object_id, proposal_id)
        if request.method == "POST":
            return self.act_on_proposal(request, proposal, live)
        may_publish = proposals.may_publish(request.user, live)
        may_edit = proposals.can_propose(request.user, live)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Proposed change to %(record)s") % {"record": live},
            "opts": self.opts,
            "object": live,
            "proposal": proposal,
            "stale": proposal.is_open and proposals.is_stale(proposal, live),
            "changes": proposals.differences(proposal, live),
            "may_publish": may_publish and proposal.state == ProposalState.IN_REVIEW,
            "may_submit": may_edit and proposal.state in (ProposalState.DRAFT, ProposalState.SENT_BACK),
            "may_withdraw": proposal.is_open and (may_publish or proposal.author_id == request.user.pk),
            "has_preview": getattr(self, "preview_view", None) is not None,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/proposal.html", context)

    def act_on_proposal(self, request, proposal, live):
        action = request.POST.get("action")
        change_url = self.change_url(live)
        may_publish = proposals.may_publish(request.user, live)
        try:
            if action == "submit":
                if not (proposals.can_propose(request.user, live) or may_publish):
                    raise PermissionDenied
                proposals.submit(proposal, request.user)
                notify_submitted(proposal, request.user, request=request, record=live)
                messages.success(request, _("Your proposed change is submitted for review."))
                return HttpResponseRedirect(change_url)
            if action == "withdraw":
                if not (may_publish or proposal.author_id == request.user.pk):
                    raise PermissionDenied
                proposals.withdraw(proposal, request.user)
                messages.success(request, _("The proposed change is withdrawn; the record is as it is public."))
                return HttpResponseRedirect(change_url)
            if not may_publish or action not in ("publish", "send_back"):
                raise PermissionDenied
            if action == "publish":
                record = proposals.publish(proposal, request.user)
                notify_published(proposal, request.user, request=request, record=record)
                messages.success(request, _("The change is published: “%(record)s” now shows it.") % {"record": live})
                return HttpResponseRedirect(change_url)
            proposals.send_back(proposal, request.user, request.POST.get("comment", ""))
            notify_sent_back(proposal, request.user, proposal.comment, request=request, record=live)
            messages.success(request, _("The proposed change is sent back to its author with your comment."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return HttpResponseRedirect(self.proposal_url(proposal))

    def proposal_preview(self, request, object_id, proposal_id):
        """The public page as the proposal would leave it: for staff only, and never cached."""
        proposal, live = self.proposal_and_record(request, object_id, proposal_id)
        record, _relations = proposals.proposed_record(proposal, live)
        response = self.preview_view.as_view(preview_object=record)(request, slug=live.slug)
        response.render()
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


def refuse(*args, **kwargs):
    return False
