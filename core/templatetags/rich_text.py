"""Long texts are written in Markdown and shown through an allow-list sanitiser (nh3).

Whatever an editor types, only these tags and attributes reach a visitor, links only to http(s) and
mailto addresses: a <script>, an onerror= attribute or a javascript: link is dropped.
"""

import functools
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h3", "h4", "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# What each kept tag is to an editor, for the Markdown help under each field (core.fields.markdown_help), in
# the order the help names them; tags that share a name are named once.
KEPT_AS = {
    "p": "paragraphs",
    "br": "line breaks",
    "em": "*italic*",
    "strong": "**bold**",
    "a": "[links](https://…)",
    "ul": "lists",
    "ol": "lists",
    "li": "lists",
    "blockquote": "> quotes",
    "h3": "### and #### headings",
    "h4": "### and #### headings",
    "code": "`code`",
    "pre": "`code`",
    "hr": "--- lines",
}


def to_html(text):
    return markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")


def render(text):
    html = to_html(text)
    return nh3.clean(
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow"
    )


class RemovedMarkup(HTMLParser):
    """What render() leaves out of the HTML that a text's Markdown makes: tags and attributes outside the
    allow-list, links to other schemes. Each named once, in the order it first appears."""

    def __init__(self, html):
        super().__init__()
        self.found = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.found[tag] = None
            return
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, ()):
                self.found[f"{name}="] = None
            elif name == "href" and urlsplit((value or "").strip()).scheme.lower() not in {"", *URL_SCHEMES}:
                self.found[f"{urlsplit(value.strip()).scheme.lower()}: links"] = None

    handle_startendtag = handle_starttag


def removed_markup(text):
    """The names of what render(text) removes, e.g. ["script", "table", "tr", "td", "onclick="]."""
    return list(RemovedMarkup(to_html(text)).found)


class Words(HTMLParser):
    """The words of render()'s HTML, a list per block (paragraph, list item, heading, quote, code)."""

    BLOCKS = {"p", "li", "blockquote", "h3", "h4", "pre", "ul", "ol", "hr", "br"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.blocks = [[]]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs=()):
        if tag in self.BLOCKS:
            self.blocks.append([])

    handle_endtag = handle_starttag

    def handle_data(self, data):
        self.blocks[-1].append(data)


def plain_text(text, paragraphs=False):
    """A Markdown text as the words a reader sees, without its syntax: for a meta or Open Graph description,
    structured data and a calendar's DESCRIPTION (one line, or with paragraphs=True its blocks separated by
    blank lines). The one function for every place that wants plain text."""
    return _plain_text(str(text or ""), paragraphs)


@functools.lru_cache(maxsize=1024)  # an event page asks twice (its description, its data); 0.2 ms each time
def _plain_text(text, paragraphs):
    blocks = [" ".join("".join(block).split()) for block in Words(render(text)).blocks]
    return ("\n\n" if paragraphs else " ").join(block for block in blocks if block)


@register.filter
def rich_text(text):
    html = render(text)
    language = getattr(text, "language", None)  # a FallbackText (core/translation.py): English on another's page
    if language and html:
        html = f'<div lang="{language}" dir="ltr">{html}</div>'
    return mark_safe(html)  # nh3 has removed everything outside the allow-list
