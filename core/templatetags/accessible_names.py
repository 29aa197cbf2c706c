"""Names for form inputs that a template shows without a label of their own (templates/admin/edit_inline/
tabular.html: a column heading names the inputs below it to the eye only)."""

from django import template

register = template.Library()


@register.filter
def named(bound_field, name):
    """The field's input, named `name` for assistive technology."""
    return bound_field.as_widget(attrs={"aria-label": name})
