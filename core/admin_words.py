"""How the admin words what it counts: "1 chairmanship", "2 chairmanships", never "1 chairmanships"."""


def counted(count, opts):
    """A count of a model's records, with its verbose name in the singular or the plural (`opts` is a
    model's _meta)."""
    return f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"
