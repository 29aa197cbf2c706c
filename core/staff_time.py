"""Times in the admin in each staff member's own zone (StaffSettings.time_zone), and the admin in their
language (StaffSettings.language; when they chose none, their browser's, as LocaleMiddleware found it).

The middleware activates both for the admin only: public pages stay in the portal's zone
(settings.TIME_ZONE) and in the language of their address, so that the page cache never holds a page per
user. With the zone active, Django takes every admin date and time in it and shows every one in it (forms,
lists, history), and the admin's "now" shortcut and its server-time note go by it too.
"""

import contextlib

from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext

from .models import StaffSettings


def zone_cache_key(user_id):
    return f"staff-settings:{user_id}"


def staff_preferences(user):
    """(zone name, language code or ""), from the shared cache (the admin asks on every request) or the database."""
    key = zone_cache_key(user.pk)
    try:
        preferences = cache.get(key)
    except Exception:  # the cache out of reach: staff keep working, at the cost of a query
        preferences = None
    if preferences is None:
        staff_settings = StaffSettings.for_user(user)
        preferences = (staff_settings.time_zone, staff_settings.language)
        with contextlib.suppress(Exception):
            cache.set(key, preferences, 24 * 60 * 60)
    return preferences


def staff_time_zone(user):
    return staff_preferences(user)[0]


@receiver(post_save, sender=StaffSettings)
@receiver(post_delete, sender=StaffSettings)
def forget_zone(sender, instance, **kwargs):
    with contextlib.suppress(Exception):  # out of reach, the cache forgets it by age (a day)
        cache.delete(zone_cache_key(instance.user_id))


@receiver(user_logged_in)
def remember_zone(sender, request, user, **kwargs):
    if user.is_staff:  # looked up once at sign-in, so that admin pages cost no query for it
        staff_preferences(user)


class StaffTimeZoneMiddleware:
    """Activates a signed-in staff member's own zone and chosen language for admin requests, and only for them.
    The language stays active to the end of the request, so that LocaleMiddleware's Content-Language names it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not (request.path.startswith(reverse("admin:index")) and user is not None and user.is_staff):
            return self.get_response(request)
        zone, language = staff_preferences(user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def zone_help():
    return format_html(
        # Translators: under a date and time field in the admin; {zone} is a zone's name, e.g. Europe/Zurich.
        gettext('In your time zone, {zone} (<a href="{url}">change it in My settings</a>).'),
        zone=timezone.get_current_timezone_name(),
        url=reverse("my_settings"),
    )


def with_zone_help(help_text):
    return format_html("{} {}", help_text, zone_help()) if help_text else zone_help()


class StaffTimeAdminMixin:
    """Every date and time field of a record's admin page labelled with the zone it is entered and shown in.

    The labels go in the form's help texts, which the admin shows under an editable field and a read-only
    one alike (publish from as an editor sees it, the record's stamps), on the change form and on the
    history's revert form, which builds its form here too.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = kwargs.get("form") or self.form
        help_texts = dict(getattr(getattr(form, "Meta", None), "help_texts", None) or {})
        for field in self.opts.concrete_fields:
            if isinstance(field, models.DateTimeField):
                help_texts[field.name] = with_zone_help(help_texts.get(field.name, field.help_text))
        return super().get_form(request, obj, change, **{**kwargs, "help_texts": help_texts})
