"""QuickSelect writes the HTML Django's Select writes, for every kind of choice and attribute a form gives it."""

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import QuickSelect

CHOICES = [
    ("", "Any kind"),
    ("a", "Plain"),
    ("b&c", 'Quotes " and <tags> & ampersands'),
    (3, "A number"),
    ("Group <1>", [("g1", "In a group"), ("g2", "Also in it")]),
]


def both(field, name, value, attrs=None):
    """(Django's HTML, QuickSelect's HTML) for the same field, value and attributes, parsed for comparison."""
    django_widget = forms.Select(attrs=field.widget.attrs)
    django_widget.choices = field.choices
    quick = QuickSelect(attrs=field.widget.attrs)
    quick.choices = field.choices
    return parse_html(django_widget.render(name, value, attrs)), parse_html(quick.render(name, value, attrs))


@pytest.mark.parametrize("value", [None, "", "a", "b&c", 3, "g2", "missing"])
@pytest.mark.parametrize(
    "attrs",
    [None, {"id": "id_kind", "class": "form-select", "required": True, "aria-describedby": "id_kind_help"}],
)
def test_the_same_html_as_djangos_select(value, attrs):
    expected, written = both(forms.ChoiceField(choices=CHOICES), "kind", value, attrs)
    assert written == expected


def test_its_own_attributes_and_disabled():
    field = forms.ChoiceField(choices=CHOICES, widget=QuickSelect(attrs={"dir": "auto", "disabled": True}))
    expected, written = both(field, "kind", "a", {"id": "id_kind"})
    assert written == expected
