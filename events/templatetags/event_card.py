from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.generation import remembered_piece

register = template.Library()


@register.simple_tag
def event_card(event):
    """An event's card (events/includes/card.html). One event is on many lists (its members', its topics', its
    chairmanship's, the archive's filters, the home page): its card is made once a generation in each language."""
    return remembered_piece(
        ("event card", get_language(), event.pk),
        lambda: render_to_string("events/includes/card.html", {"event": event}),
    )
