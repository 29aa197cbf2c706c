"""{% kept_include "template" name=record %}: a record's piece of a page (an event's card, a chairmanship's line, a
search result's line), made once a generation per language and kept among the pieces each process keeps
(core.generation.remembered_piece).

One record is on many pages (an event on its members', its topics', its chairmanship's lists, the archive's filters,
the home page, searches), and on each of them the same piece: rendering it from its template each time cost 0.2 to
0.6 ms a piece, most of a list's time at the bench's size (twenty event cards, 12.5 ms). The piece may depend only on
its records, the language and the day, which all end a generation: its template is given the records by name and
the language's list separator (`comma`, as every page's context has it), nothing else of the page.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from core.generation import remembered_piece
from core.translation import separator

register = template.Library()


@register.simple_tag
def kept_include(template_name, **records):
    key = (
        "kept include",
        template_name,
        get_language(),
        *((name, record._meta.label, record.pk) for name, record in sorted(records.items())),
    )
    return remembered_piece(key, lambda: render_to_string(template_name, {**records, "comma": separator()}))
