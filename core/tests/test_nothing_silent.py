"""Nothing an editor writes is changed silently: a value too long for its field is a form error giving the limit,
never cut, and markup that the sanitiser leaves out is named after saving, under a help that says what is kept."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.messages import get_messages
from django.urls import reverse

import core.fields
from agencies.tests.factories import AgencyFactory
from core.fields import MARKDOWN_HELP, markdown_help
from core.publishing_admin import GuardedAdmin
from core.templatetags.rich_text import removed_markup
from events.models import Event
from testing import event_form, inline_management, term_change_form
from themes.tests.factories import ChairmanshipFactory

pytestmark = pytest.mark.django_db

ADD_EVENT = reverse("admin:events_event_add")


def notices(client, response):
    return [str(message) for message in get_messages(client.get(response.url).wsgi_request)]


def test_a_title_too_long_is_an_error_with_the_limit_and_is_never_cut(staff_client):
    title = "Consultation " * 30 + "on migration"  # 402 characters, of whole words
    response = staff_client.post(ADD_EVENT, event_form(title=title))
    assert response.status_code == 200
    assert "At most 300 characters (it has 402)." in response.context["adminform"].form.errors["title_en"]
    assert title in response.content.decode()  # shown again whole, for the editor to shorten
    assert not Event.objects.exists()


GUARDED = sorted(
    (model._meta.label, model_admin)
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, GuardedAdmin)
)


@pytest.mark.parametrize("label", [label for label, _ in GUARDED])
def test_no_admin_form_of_a_content_model_cuts_what_is_pasted(staff_client, label):
    """The browser's maxlength attribute cuts pasted text without a word: no input of any content form has it,
    in its inlines either, while every length limit stays a validator."""
    model_admin = dict(GUARDED)[label]
    opts = model_admin.model._meta
    page = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    request = page.wsgi_request
    assert page.status_code == 200
    assert "maxlength" not in page.content.decode()
    for field in opts.concrete_fields:
        if field.max_length and field.editable and not field.choices:
            formfield = model_admin.formfield_for_dbfield(field, request)
            if isinstance(formfield, forms.CharField):  # not a file's name
                assert "At most" in str(formfield.validators[-1].message)


def test_a_term_page_inline_events_are_not_cut_either(staff_client):
    term = ChairmanshipFactory()
    page = staff_client.get(reverse("admin:themes_chairmanship_change", args=[term.pk]))
    assert "maxlength" not in page.content.decode()
    member = AgencyFactory()
    page = staff_client.get(reverse("admin:agencies_agency_change", args=[member.pk]))  # its constituents, inline
    assert "maxlength" not in page.content.decode()


def test_removed_markup_is_named_after_saving_each_once(staff_client):
    description = (
        "Pasted: <b>bold</b> and **bold**.\n\n<table><tr><td>a</td></tr></table>\n\n<script>alert(1)</script>\n\n"
        "<table><tr><td>b</td></tr></table>\n\n<script>alert(2)</script>"
    )
    response = staff_client.post(ADD_EVENT, event_form(description=description))
    assert response.status_code == 302
    shown = notices(staff_client, response)
    assert shown[0].endswith("was added successfully.")
    assert shown[1:] == ["Removed from the description when shown: b, table, tr, td, script."]
    assert Event.objects.get().description == description  # kept as written; only its showing leaves them out


def test_a_clean_description_saves_without_a_warning(staff_client):
    response = staff_client.post(ADD_EVENT, event_form(description="**Bold**, *italic*, [a link](https://a.org)."))
    assert len(notices(staff_client, response)) == 1


def test_removed_markup_inline_is_named_with_its_record(staff_client):
    term = ChairmanshipFactory()
    form = {**term_change_form(term), **inline_management("events", total=1)}
    form.update({f"events-0-{name}": value for name, value in event_form(description="<iframe></iframe>").items()})
    response = staff_client.post(reverse("admin:themes_chairmanship_change", args=[term.pk]), form)
    assert response.status_code == 302, response.context["errors"]
    assert notices(staff_client, response)[1:] == [
        "Removed from the description of event “GMG Principals' Meeting” when shown: iframe."
    ]


@pytest.mark.parametrize(
    "text, removed",
    [
        ("*fine* **text** with a [link](https://example.org) and `code`", []),
        ('<a href="javascript:alert(1)">x</a> [y](javascript:alert(2))', ["javascript: links"]),
        ('<p onclick="alert(1)">x</p><img src="x" onerror="alert(1)">', ["onclick=", "img"]),
        ("# A big heading\n\n### A small one", ["h1"]),
    ],
)
def test_removed_markup_names_tags_attributes_and_links_the_sanitiser_drops(text, removed):
    assert removed_markup(text) == removed


def test_the_markdown_help_says_what_is_kept_from_the_allow_list(staff_client, monkeypatch):
    page = staff_client.get(ADD_EVENT).content.decode()
    assert "Shown as written: paragraphs, line breaks, *italic*, **bold**, [links](https://…), lists" in page
    assert "links only to http, https, mailto addresses" in page
    assert MARKDOWN_HELP in markdown_help()
    monkeypatch.setattr(core.fields, "TAGS", (core.fields.TAGS - {"blockquote"}) | {"table"})
    assert "> quotes" not in markdown_help()
    assert "<table>" in markdown_help()
