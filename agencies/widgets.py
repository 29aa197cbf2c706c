"""The logo in the admin: its thumbnail, with its description as alt text, where Django's file input shows
the stored file's random name (logos/3f2a…png) as its only sign of what is there."""

from django.contrib.admin.widgets import AdminFileWidget
from django.template.loader import render_to_string
from django.utils.html import format_html

from core.translation import plain


def logo_thumbnail(agency):
    if not agency.logo_thumbnail:
        return ""
    return format_html(
        '<img class="admin-logo" src="{}" alt="{}">',
        agency.logo_thumbnail.url,
        plain(agency.logo_alt or agency.name),  # an attribute: no language mark
    )


class LogoInput(AdminFileWidget):
    template_name = "admin/widgets/logo_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        agency = getattr(value, "instance", None)
        context["widget"]["thumbnail"] = logo_thumbnail(agency) if agency is not None else ""
        return context

    def _render(self, template_name, context, renderer=None):
        # The portal's templates directory, which the forms' default renderer does not search.
        return render_to_string(template_name, context)
