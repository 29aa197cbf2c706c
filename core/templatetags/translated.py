from django import template
from django.utils.text import Truncator

from core import translation
from core.translation import FallbackText

register = template.Library()


def marked_like(text, short):
    """A shortened text, keeping the language mark of a text shown in English on another language's page."""
    return FallbackText(short) if isinstance(text, FallbackText) else short


@register.filter
def words(text, count):
    """Django's truncatewords, keeping the language mark."""
    return marked_like(text, Truncator(text).words(int(count), truncate=" …"))


@register.filter
def chars(text, count):
    """Django's truncatechars, keeping the language mark."""
    return marked_like(text, Truncator(text).chars(int(count)))


@register.filter
def plain(text):
    """A translated text without its language mark, for an attribute (alt, title, aria-label, content)."""
    return translation.plain(text)
