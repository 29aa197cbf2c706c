"""{{ form|crispy_kept }}: a public filter form as {{ form|crispy }} renders it, each field's HTML kept for the
generation.

The events' archive is asked for with ever new combinations of its filters, but each filter's own value repeats (a
year, a kind, one of the members): crispy-forms rendered the nine fields through its templates for every page, 4.9
ms of a 26 ms page at the bench's size. A field's HTML depends on its form, its name, its value, its errors and the
language, and on its choices, which are the content's (QuickSelect keeps them for the generation): so it is kept,
among the pieces each process keeps (core.generation.remembered_piece), under those. For forms whose fields depend
on nothing else: the public filter forms, not a form with per-visitor fields.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form, uni_form_template
from crispy_forms.utils import TEMPLATE_PACK
from django import template
from django.utils.translation import get_language

from core.generation import generation_token, remembered_piece

register = template.Library()

FIELD_TEMPLATE = f"{TEMPLATE_PACK}/field.html"


@register.filter
def crispy_kept(form):
    if generation_token() is None:
        return as_crispy_form(form)
    # as_crispy_form's own context, but each field through kept_field.html, which includes FIELD_TEMPLATE kept
    context = {
        "field_class": "",
        "field_template": "includes/kept_field.html",
        "form_show_errors": True,
        "form_show_labels": True,
        "label_class": "",
        "form": form,
    }
    return uni_form_template(TEMPLATE_PACK).render(context)


@register.simple_tag(takes_context=True)
def kept_field(context):
    field = context["field"]
    form = field.form
    key = (
        "crispy field",
        get_language(),
        type(form).__module__,
        type(form).__qualname__,
        field.html_name,
        field.auto_id,
        form.is_bound,
        repr(field.value()),
        tuple(field.errors),
    )
    return remembered_piece(key, lambda: context.template.engine.get_template(FIELD_TEMPLATE).render(context))
