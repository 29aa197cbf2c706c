"""How the admin words what it counts: "1 chairmanship", "2 chairmanships", never "1 chairmanships"."""

from django.contrib.admin.utils import model_ngettext


def counted(message, count, opts):
    """`message` (an ngettext_lazy keyed on "count", with %(count)d and %(items)s) for a count of a model's
    records, its verbose name in the singular or the plural as the language has it (`opts` is a model's _meta)."""
    return message % {"count": count, "items": model_ngettext(opts, count)}
