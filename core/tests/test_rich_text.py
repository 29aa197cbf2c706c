"""Long texts are Markdown shown through nh3's allow-list: hostile input never reaches a visitor."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agencies.tests.factories import AgencyFactory
from core.templatetags.rich_text import plain_text, render
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


# Markdown made of the syntax editors use, around words with no syntax of their own.
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzàéçñ", min_size=1, max_size=8)
PHRASE = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
INLINE = st.one_of(
    PHRASE,
    PHRASE.map(lambda words: f"**{words}**"),
    PHRASE.map(lambda words: f"*{words}*"),
    PHRASE.map(lambda words: f"_{words}_"),
    PHRASE.map(lambda words: f"`{words}`"),
    PHRASE.map(lambda words: f"[{words}](https://example.org/{len(words)})"),
    PHRASE.map(lambda words: f"<https://example.org/{words.replace(' ', '-')}>"),
)
LINE = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)
BLOCK = st.one_of(
    LINE,
    LINE.map(lambda line: f"### {line}"),
    LINE.map(lambda line: f"#### {line}"),
    LINE.map(lambda line: f"> {line}"),
    st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "\n".join(f"- {line}" for line in lines)),
    st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "\n".join(f"1. {line}" for line in lines)),
    st.just("---"),
)
MARKDOWN = st.lists(BLOCK, min_size=1, max_size=5).map("\n\n".join)
SYNTAX = re.compile(r"\*|`|\]\(|<|>|^#|^- |^1\. |^---|(^|\s)_|_($|\s)", re.MULTILINE)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN, st.booleans())
def test_plain_text_keeps_the_words_and_drops_every_markdown_syntax(markdown, paragraphs):
    text = plain_text(markdown, paragraphs=paragraphs)
    assert not SYNTAX.search(text), text
    # The same words in the same order; a link's address is not among them, and an address shown as such is left out.
    words = re.findall(r"[a-zàéçñ]+", re.sub(r"\(https://[^)]*\)|<https://[^>]*>", "", markdown))
    assert re.findall(r"[a-zàéçñ]+", re.sub(r"https://\S+", "", text)) == words
    if not paragraphs:
        assert "\n" not in text
