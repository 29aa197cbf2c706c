"""Content in the six languages: one column per language for each public text field (django-translated-fields).

`name = Translated(models.CharField(...))` gives a model the columns name_en, name_fr, name_es, name_ar,
name_zh_hans and name_ru, and an attribute `name` that reads the column of the active language. English is
required where the field is; the other five may stay empty. Where one is empty, `name` reads the English text
as FallbackText, which marks itself in a page as English (`<span lang="en" dir="ltr">`, WCAG 3.1.2), so that a
screen reader reads it as English; as plain text (feeds, calendars, JSON-LD, attributes) it is the text alone.
`name` cannot be set: code writes the column of the language it means (name_en, name_fr…).

Why this library: its columns are ordinary fields of the model, so the history (django-simple-history) and the
CSV import and export (django-import-export) carry every language with no adapter (README, "Languages").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from translated_fields import TranslatedField, to_attribute

DEFAULT_LANGUAGE = "en"
# English first: the language every record is written in, and the fallback of the others.
CONTENT_LANGUAGES = [DEFAULT_LANGUAGE] + [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]
OTHER_LANGUAGES = CONTENT_LANGUAGES[1:]
LANGUAGE_NAMES = dict(settings.LANGUAGES)


class FallbackText(str):
    """A text shown in English where the page's language has none yet."""

    language = DEFAULT_LANGUAGE

    def __html__(self):
        return format_html('<span lang="{}" dir="ltr">{}</span>', self.language, str(self))


def plain(text):
    """The text without its language mark: for an attribute, a <title>, an <option>, a record's name (__str__)."""
    return str.__str__(text) if isinstance(text, FallbackText) else text


def separator():
    """What separates the items of a list in the active language: ", ", Arabic's "، ", Chinese's "，"."""
    # Translators: between the items of a list ("UNHCR, IOM"). Arabic writes "، " and Chinese "，".
    return pgettext("list separator", ", ")


def active_language():
    code = get_language()
    return code if code in CONTENT_LANGUAGES else DEFAULT_LANGUAGE


def reading(name, field):
    def getter(record):
        code = active_language()
        value = getattr(record, to_attribute(name, code))
        if value or code == DEFAULT_LANGUAGE:
            return value
        english = getattr(record, to_attribute(name, DEFAULT_LANGUAGE))
        return FallbackText(english) if english else english

    return getter


def not_writing(name, field):
    def setter(record, value):
        raise AttributeError(f"{name} is read in the active language: set {name}_en, {name}_fr… instead")

    return setter


class Translated(TranslatedField):
    """A text field in the six languages. A unique field stays unique in English; in the other languages
    unique_translations() gives constraints that let any number of records leave the language empty."""

    def __init__(self, field):
        others = {"blank": True}
        if field.deconstruct()[3].get("unique"):  # not field.unique: Django caches it, and the copies would keep it
            others["unique"] = False
        super().__init__(
            field,
            {code: dict(others) for code in OTHER_LANGUAGES},
            languages=CONTENT_LANGUAGES,
            attrgetter=reading,
            attrsetter=not_writing,
        )

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        self.admin_order_field = to_attribute(name, DEFAULT_LANGUAGE)  # a list's column sorts by the English text


def columns(*names):
    """Every language's column of each translated field, language by language: name_en, name_fr…"""
    return [to_attribute(name, code) for name in names for code in CONTENT_LANGUAGES]


def column(name, code=DEFAULT_LANGUAGE):
    return to_attribute(name, code)


def unique_translations(prefix, name):
    """Named constraints: a translation of `name` other than the English one is unique when it is written."""
    return [
        models.UniqueConstraint(
            fields=[to_attribute(name, code)],
            condition=~Q(**{to_attribute(name, code): ""}),
            name=f"{prefix}_{to_attribute(name, code)}_unique",
        )
        for code in OTHER_LANGUAGES
    ]


def translated_names(model):
    """The names of the model's translated fields, in their order."""
    return [name for name, value in vars(model).items() if isinstance(value, TranslatedField)]


def written_languages(record):
    """The languages a record is written in, in the site's order: English, and each language its first text (its
    name or title) is written in. Its page in another language exists too, in English under that language's
    interface, but is no translation of it: hreflang (templates/base.html, core.pages.PageMixin) and the sitemap
    (gmg_portal/sitemaps.py) name only these."""
    first = translated_names(type(record))[0]
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == DEFAULT_LANGUAGE or getattr(record, to_attribute(first, code))
    ]


def missing(model, code):
    """Records with a text in English that is not yet written in `code`."""
    condition = Q()
    for name in translated_names(model):
        condition |= Q(**{to_attribute(name, code): ""}) & ~Q(**{to_attribute(name, DEFAULT_LANGUAGE): ""})
    return condition
