"""Differences between two versions of a text, word by word, for people to read: a proposed change
against the live record, or two versions from a record's history."""

import difflib
import re

from django.utils.html import format_html, format_html_join

# A word with the spaces after it, so that the text comes back whole when the pieces are joined again.
WORDS = re.compile(r"\S+\s*|\s+")


def word_diff(old, new):
    """The pieces of `new` and `old` in reading order, as (kind, text) with kind "same", "removed" or
    "added"; a replaced run of words is its removed words, then its added ones."""
    old_words, new_words = WORDS.findall(old or ""), WORDS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    pieces = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("same", "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            pieces.append(("removed", "".join(old_words[old_start:old_end])))
        if new_end > new_start:
            pieces.append(("added", "".join(new_words[new_start:new_end])))
    return pieces


TAGS = {"same": "{}", "removed": "<del>{}</del>", "added": "<ins>{}</ins>"}


def word_diff_html(old, new):
    """The word difference as escaped HTML: removed words in <del>, added ones in <ins>."""
    return format_html_join("", "{}", ((format_html(TAGS[kind], text),) for kind, text in word_diff(old, new)))
