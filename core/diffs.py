"""A word-level difference between two texts, as HTML a person can read, and a screen reader too.

Deleted words are struck (<del>), inserted words underlined (<ins>), and each run is introduced by words
that are hidden on screen but read aloud ("deleted:", "inserted:"), so that no change is told by colour
or line style alone. Whitespace counts as a word of its own: a changed line break shows, and the text
between changes comes back whole, with the breaks it had.
"""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

TOKENS = re.compile(r"\s+|[^\s]+")


def words(text):
    return TOKENS.findall(text or "")


def marked(tag, label, tokens):
    return f'<{tag}><span class="visually-hidden">{escape(label)} </span>{escape("".join(tokens))}</{tag}>'


def word_diff(old, new):
    """The new text with what changed since the old one marked, word by word, as safe HTML."""
    before, after = words(old), words(new)
    parts = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(after[new_start:new_end])))
            continue
        if operation in ("delete", "replace"):
            # Translators: read aloud before words removed from a text (hidden on screen).
            parts.append(marked("del", _("deleted:"), before[old_start:old_end]))
        if operation in ("insert", "replace"):
            # Translators: read aloud before words added to a text (hidden on screen).
            parts.append(marked("ins", _("inserted:"), after[new_start:new_end]))
    return mark_safe("".join(parts))  # every piece of text above is escaped
