"""Form widgets of the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .generation import remembered


class QuickSelect(forms.Select):
    """A drop-down list written out in Python: the HTML of Django's Select, made in a fraction of its time.

    Django's Select renders each option through a template of its own (select_option.html, and attrs.html within
    it). A public filter form lists every member, topic and chairmanship: at the benchmark's size (200 members,
    400 chairmanships) its options took most of the time of the events' archive, 250 of its 295 ms under the
    profiler. Options in groups, and the required, disabled and other attributes, are written as Django writes them.
    Given a name to `remember` its options by, it reads and writes them once a generation.
    """

    def __init__(self, attrs=None, choices=(), remember=None):
        """remember: a name for the options, unique in the program, to keep them for the rest of the content's
        generation (core/generation.py), language by language: a list of every member, say, is then read and
        written once, not for each page that shows it."""
        super().__init__(attrs, choices)
        self.remember = remember

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        attributes["name"] = name
        if self.allow_multiple_selected:
            attributes["multiple"] = True
        chosen = set(self.format_value(value))
        parts = [f"<select{flatatt(attributes)}>"]
        for option_value, start, end in self.written_options():
            parts.append(f"{start} selected{end}" if option_value in chosen else start + end)
        parts.append("</select>")
        return mark_safe("\n".join(parts))

    def written_options(self):
        if self.remember is None:
            return self.write_options()
        return remembered(("QuickSelect", self.remember, get_language()), self.write_options)

    def write_options(self):
        """[(value, HTML before the place of " selected", HTML after it)]; an optgroup's tags have no value."""
        written = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                written.append((None, f'<optgroup label="{conditional_escape(option_value)}">', ""))
                written += [self.option(value, label) for value, label in label]
                written.append((None, "</optgroup>", ""))
            else:
                written.append(self.option(option_value, label))
        return written

    @staticmethod
    def option(value, label):
        value = "" if value is None else str(value)
        return value, f'<option value="{conditional_escape(value)}"', f">{conditional_escape(label)}</option>"
