"""My settings: each staff member's own page for their StaffSettings, linked beside "Change password"."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import StaffSettings
from .zones import ZoneField


class StaffSettingsForm(forms.ModelForm):
    # The venue's picker: a city, a country or a zone's name finds the zone.
    time_zone = ZoneField(label=gettext_lazy("My time zone"))

    class Meta:
        model = StaffSettings
        fields = ["time_zone", "language", "review_emails"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].help_text = StaffSettings._meta.get_field("time_zone").help_text


def my_settings(request):
    """The signed-in staff member's own settings; there is no way to name another's."""
    staff_settings = StaffSettings.for_user(request.user)
    form = StaffSettingsForm(request.POST or None, instance=staff_settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Your settings were saved. Times in the admin are now in %(zone)s.") % {"zone": form.instance.time_zone},
        )
        return redirect("my_settings")
    context = {
        **admin.site.each_context(request),
        "title": _("My settings"),
        "form": form,
        "portal_time_zone": settings.TIME_ZONE,
    }
    request.current_app = admin.site.name
    return TemplateResponse(request, "admin/my_settings.html", context)


my_settings_view = admin.site.admin_view(my_settings)
