from django import template
from django.contrib import admin

from core.translation_admin import translation_counts as counts

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_counts(context):
    """The admin front page's table of what misses a translation, per kind of record and language."""
    return counts(context["request"], admin.site)
