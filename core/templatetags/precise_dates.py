from django import template

from core.dates import iso

register = template.Library()


@register.filter
def iso_at(day, precision):
    """{{ document.issued_on|iso_at:document.issued_precision }}: see core.dates.iso."""
    return iso(day, precision) if day else ""
