"""Previews of records on their public pages, offered wherever staff look at a record that the public
cannot see: the change form's Preview button, "View on site", and a link on each list row.

The preview itself is PublishingAdmin.preview (the page, for staff only, never cached, noindex); this
module says where it is and what state the previewed record is in.
"""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .publishing import State

# What each state means for the public, under the preview's banner.
PUBLIC_SEES = {
    State.DRAFT: gettext_lazy("The public does not see it until it is published."),
    State.IN_REVIEW: gettext_lazy("The public does not see it until a publisher publishes it."),
    State.SCHEDULED: gettext_lazy("The public sees it from then."),
    State.PUBLISHED: gettext_lazy("The public sees it as it is here."),
    State.EXPIRED: gettext_lazy("The public no longer sees it."),
}


def publication_state(obj):
    """The record's state in words (with its moment, in the zone active for this request) and what it means for
    the public, as its preview's banner says them."""
    return obj.state_display, PUBLIC_SEES[obj.state]


class PreviewLinksMixin:
    """For a PublishingAdmin with a `preview_view`: where its preview of `obj` is, offered on the change
    form (Preview), by "View on site" for a record the public cannot see, and on each list row."""

    def preview_url(self, obj):
        if getattr(self, "preview_view", None) is None or obj is None or obj.pk is None:
            return None
        try:
            return reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_preview", args=[obj.pk]
            )
        except NoReverseMatch:
            return None

    def view_on_site(self, obj):
        """The public page of a public record; a preview of any other (a public page that would be a 404), or
        nothing where the model has no preview."""
        if obj.is_published and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return self.preview_url(obj)

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if getattr(self, "preview_view", None) is not None and "preview_link" not in list_display:
            list_display.append("preview_link")
        return list_display

    @admin.display(description=gettext_lazy("page"))
    def preview_link(self, obj):
        if obj.is_published:
            return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("View on site"))
        return format_html(
            '<a href="{}" target="_blank" rel="noopener" aria-label="{}">{}</a>',
            self.preview_url(obj),
            _("Preview %(record)s") % {"record": obj},
            _("Preview"),
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["preview_url"] = self.preview_url(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
