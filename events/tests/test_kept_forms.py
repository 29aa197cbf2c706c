"""The archive's filter form is rendered as crispy-forms renders it, each field's HTML kept for the generation
(core/templatetags/kept_forms.py): the same HTML, whatever the values and errors, and no field made twice."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.http import QueryDict
from django.test.signals import template_rendered
from django.utils import translation

from agencies.tests.factories import AgencyFactory
from core.generation import generation_token
from core.templatetags.kept_forms import FIELD_TEMPLATE, crispy_kept
from events.filters import EventFilter
from events.models import Event
from publications.filters import DocumentFilter
from publications.models import Document
from themes.tests.factories import ChairmanshipFactory, TopicFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "year=2019",
    "year=2019&kind=workshop&topic=trafficking&participant=unhcr",
    "chairmanship=unhcr-2019-01&organiser=unhcr&after=2019-01-01&before=2019-12-31",
    "q=mixed+movements&kind=symposium",
    "year=abc&topic=no-such-topic&kind=party",
    "after=2020-01-01&before=2019-01-01",
    "organiser=x%00y&q=%3Cscript%3E",
    "member=unhcr&language=fr&year=2010",
]


@pytest.fixture
def choices():
    AgencyFactory(slug="unhcr", acronym="UNHCR")
    TopicFactory(slug="trafficking")
    ChairmanshipFactory(slug="unhcr-2019-01")


def field_renders(render):
    rendered = []

    def count(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count)
    try:
        html = render()
    finally:
        template_rendered.disconnect(count)
    return html, rendered.count(FIELD_TEMPLATE)


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize(("filterset", "model"), [(EventFilter, Event), (DocumentFilter, Document)])
def test_a_kept_form_is_the_form_crispy_renders_and_each_field_is_made_once(choices, filterset, model, code):
    assert generation_token() is not None
    with translation.override(code):
        for query in QUERIES:
            form = filterset(QueryDict(query), queryset=model.objects.all()).form
            expected, plain = field_renders(lambda form=form: as_crispy_form(form))
            first, _ = field_renders(lambda form=form: crispy_kept(form))
            again = filterset(QueryDict(query), queryset=model.objects.all()).form
            second, made = field_renders(lambda form=again: crispy_kept(form))
            assert first == second == expected, query
            assert plain == len(form.fields) and made == 0, query
