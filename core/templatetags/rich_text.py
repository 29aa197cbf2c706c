"""Long texts are written in Markdown and shown through an allow-list sanitiser (nh3).

Whatever an editor types, only these tags and attributes reach a visitor, links only to http(s) and
mailto addresses: a <script>, an onerror= attribute or a javascript: link is dropped.
"""

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render(text):
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow"
    )


@register.filter
def rich_text(text):
    return mark_safe(render(text))  # nh3 has removed everything outside the allow-list
