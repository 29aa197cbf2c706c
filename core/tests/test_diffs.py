"""core/diffs.py: a word-level difference, marked for the eye and for screen readers."""

from core.diffs import word_diff

DELETED = '<del><span class="visually-hidden">deleted: </span>'
INSERTED = '<ins><span class="visually-hidden">inserted: </span>'


def test_a_changed_word_is_struck_and_its_replacement_marked_the_rest_kept_whole():
    html = word_diff("In order to protect refugees, the Group meets.", "In order to protect migrants, the Group meets.")
    assert html == f"In order to protect {DELETED}refugees,</del>{INSERTED}migrants,</ins> the Group meets."


def test_words_added_or_removed_alone_are_marked_alone():
    assert word_diff("one two", "one two three") == f"one two{INSERTED} three</ins>"
    assert word_diff("one two three", "one three") == f"one {DELETED}two </del>three"


def test_no_change_has_no_mark_and_an_empty_side_is_all_inserted_or_deleted():
    assert word_diff("Same text.", "Same text.") == "Same text."
    assert word_diff("", "New text") == f"{INSERTED}New text</ins>"
    assert word_diff("Old text", None) == f"{DELETED}Old text</del>"


def test_markup_in_either_text_is_escaped_and_line_breaks_are_kept():
    html = word_diff("<b>bold</b>\nline", "<script>x</script>\nline")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert html.endswith("\nline")
