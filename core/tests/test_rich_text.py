"""Long texts are Markdown shown through nh3's allow-list: hostile input never reaches a visitor."""

import pytest

from agencies.tests.factories import AgencyFactory
from core.templatetags.rich_text import render
from events.tests.factories import EventFactory
from themes.tests.factories import ChairmanshipFactory, TopicFactory

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">click me</a>',
    '<a href="JaVaScRiPt:alert(1)">click me</a>',
    '<a href="&#106;avascript:alert(1)">click me</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://example.org"></iframe>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">styled</p>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://example.org"><input name="password"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="https://example.org" onmouseover="alert(1)">fine link</a>',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "javascript:",
    "<iframe",
    "<svg",
    "style=",
    "<object",
    "<embed",
    "<form",
    "<input",
    "data:text/html",
    "<img",
    "<math",
    "<style",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markup_is_dropped(hostile):
    html = render(f"Before.\n\n{hostile}\n\nAfter.").lower()
    assert not [danger for danger in FORBIDDEN if danger in html], html
    assert "<p>before.</p>" in html


def test_markdown_gives_paragraphs_emphasis_lists_and_safe_links():
    html = render("First *idea*.\n\nSecond **point**:\n\n- one\n- two\n\n[UNHCR](https://www.unhcr.org)")
    assert "<p>First <em>idea</em>.</p>" in html
    assert "<strong>point</strong>" in html and "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert '<a href="https://www.unhcr.org" rel="noopener noreferrer nofollow">UNHCR</a>' in html


def test_a_heading_cannot_compete_with_the_page_s_own():
    html = render("# Shouting\n\n### A section")
    assert "<h1>" not in html and "Shouting" in html and "<h3>A section</h3>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (AgencyFactory, "account"),
        (ChairmanshipFactory, "theme_description"),
        (TopicFactory, "description"),
        (EventFactory, "description"),
    ],
)
def test_no_public_page_shows_what_an_editor_typed_as_code(client, make, field):
    record = make(**{field: "Safe words.\n\n" + "\n\n".join(HOSTILE)})
    page = client.get(record.get_absolute_url()).content.decode().lower()
    body = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "safe words." in body
    assert not [danger for danger in FORBIDDEN if danger in body]
