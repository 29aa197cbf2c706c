"""Documents in six languages: the title and the summary in each language, English where one is missing, marked
as English on a page and plain in feeds, structured data and attributes; the admin, the history and the CSV carry
every language. Bibliographic sources keep their original language."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from publications.models import Document, Source
from testing import inline_management

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def page(address):
    response = Client().get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def structured_data(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_a_document_reads_in_the_page_s_language_and_in_marked_english_where_it_has_none():
    document = DocumentFactory(
        title_en="Migration and Climate Change",
        title_fr="Migrations et changement climatique",
        summary_en="A book on **climate** and migration.",
        slug="climate",
    )
    assert document.get_absolute_url() == "/en/publications/climate/"  # one slug, whatever the language
    assert "<h1>Migration and Climate Change</h1>" in page("/en/publications/climate/")
    french = page("/fr/publications/climate/")
    assert "<h1>Migrations et changement climatique</h1>" in french
    assert "<title>Migrations et changement climatique · " in french
    # The summary has no French yet: English, marked as such for screen readers, Markdown rendered.
    assert '<div lang="en" dir="ltr"><p>A book on <strong>climate</strong> and migration.</p></div>' in french
    arabic = page("/ar/publications/climate/")
    assert '<h1><span lang="en" dir="ltr">Migration and Climate Change</span></h1>' in arabic
    assert "<title>Migration and Climate Change · " in arabic  # no mark inside <title> or an attribute
    assert 'content="Migration and Climate Change"' in arabic
    assert 'content="A book on climate and migration."' in arabic  # the description: the summary's words
    assert structured_data(arabic)["name"] == "Migration and Climate Change"
    assert structured_data(arabic)["description"] == "A book on climate and migration."
    assert structured_data(french)["name"] == "Migrations et changement climatique"


def test_lists_show_the_title_in_the_page_s_language():
    DocumentFactory(title_en="Migration and Climate Change", title_es="Migración y cambio climático")
    assert "Migración y cambio climático" in page("/es/publications/")
    assert "Migración y cambio climático" in page("/es/")  # the home page's latest documents
    russian = page("/ru/publications/")
    assert '<span lang="en" dir="ltr">Migration and Climate Change</span>' in russian


def test_the_feeds_are_plain_text_in_every_language():
    DocumentFactory(title_en="Migration and Climate Change", summary_en="A book on *climate*.", slug="climate")
    for address in ["/ar/publications/feeds/new.rss", "/ar/publications/feeds/new.atom"]:
        feed = Client().get(address).content.decode()
        assert "<title>Migration and Climate Change</title>" in feed, address
        assert "span" not in feed and "dir=" not in feed and "dir=&quot;" not in feed, address  # no mark
        assert "&lt;em&gt;climate&lt;/em&gt;" in feed, address


def test_a_translated_text_is_written_by_its_language_s_column_only():
    document = DocumentFactory()
    with pytest.raises(AttributeError, match="title_en, title_fr"):
        document.title = "Which language?"
    assert str(DocumentFactory(title_en="Plain")) == "Plain"


def test_a_source_keeps_its_original_language():
    assert "title" in [field.name for field in Source._meta.get_fields()]
    assert not hasattr(Source, "title_fr")


def document_form(document, **changes):
    """The change form of a document without files, as its page posts it."""
    return {
        "title_en": document.title_en,
        "slug": document.slug,
        "kind": document.kind,
        "status": "draft",
        "issued_on": document.issued_on.isoformat(),
        "issued_precision": document.issued_precision,
        "by_the_group": "on",
        "authors": [],
        "publisher": "",
        "isbn": "",
        "doi": "",
        "external_url": "",
        "summary_en": document.summary_en,
        **{
            f"{name}_{code}": getattr(document, f"{name}_{code}")
            for name in ("title", "summary")
            for code in ("fr", "es", "ar", "zh_hans", "ru")
        },
        **inline_management("files"),
        **changes,
    }


def test_the_admin_groups_each_language_and_marks_its_boxes(staff_client):
    document = DocumentFactory(title_en="Migration and Climate Change")
    url = reverse("admin:publications_document_change", args=[document.pk])
    form = staff_client.get(url).content.decode()
    for code, direction in [("fr", "ltr"), ("ar", "rtl"), ("zh_hans", "ltr")]:
        language = code.replace("_", "-")
        box = re.search(rf'<input[^>]*name="title_{code}"[^>]*>', form)
        assert box, code
        assert f'lang="{language}"' in box.group(0) and f'dir="{direction}"' in box.group(0)
        summary = re.search(rf'<textarea[^>]*name="summary_{code}"[^>]*>', form)
        assert summary and f'lang="{language}"' in summary.group(0), code
    assert re.search(r'<input[^>]*name="title_en"', form)
    assert "<summary>" in form and "العربية (ar)" in form  # a folded section per language, no script
    assert 'name="isbn"' in form and 'name="isbn_fr"' not in form  # identifiers stay one


def test_the_list_filter_finds_what_is_missing_a_translation(staff_client):
    DocumentFactory(title_en="Data", title_fr="Données", summary_en="", slug="data")
    DocumentFactory(title_en="Labour", slug="labour")
    changelist = reverse("admin:publications_document_changelist")
    missing_french = staff_client.get(changelist, {"missing_translation": "fr"})
    assert [document.slug for document in missing_french.context["cl"].result_list] == ["labour"]
    missing_arabic = staff_client.get(changelist, {"missing_translation": "ar"})
    assert sorted(document.slug for document in missing_arabic.context["cl"].result_list) == ["data", "labour"]
    assert "missing a translation in" in staff_client.get(changelist).content.decode()
    # The admin's search finds a document by its title in any language.
    found = staff_client.get(changelist, {"q": "Données"})
    assert [document.slug for document in found.context["cl"].result_list] == ["data"]


def test_a_revert_from_the_history_brings_back_a_french_title(staff_client):
    document = DocumentFactory(title_fr="Migrations et climat", status="draft")
    url = reverse("admin:publications_document_change", args=[document.pk])
    saved = staff_client.post(url, document_form(document, title_fr="Climat"))
    assert saved.status_code == 302, saved.context and saved.context["adminform"].form.errors
    document.refresh_from_db()
    assert document.title_fr == "Climat"
    first = document.history.earliest()
    revert = reverse("admin:publications_document_simple_history", args=[document.pk, first.history_id])
    form = staff_client.get(revert).content.decode()
    assert re.search(r'name="title_fr"[^>]*value="Migrations et climat"', form)
    reverted = staff_client.post(revert, document_form(document, title_fr="Migrations et climat"))
    assert reverted.status_code == 302, reverted.context and reverted.context["adminform"].form.errors
    assert Document.objects.get(pk=document.pk).title_fr == "Migrations et climat"


def test_the_csv_export_has_a_column_per_language_and_opens_in_a_spreadsheet(staff_client):
    DocumentFactory(
        slug="climate",
        title_en="Migration and Climate Change",
        title_ar="الهجرة وتغير المناخ",
        summary_zh_hans="关于气候与移民的书。",
    )
    form = staff_client.get(reverse("admin:publications_document_export")).context["form"]
    fields = {name: "on" for name in form.fields if name.startswith("documentresource_")}
    response = staff_client.post(reverse("admin:publications_document_export"), {"format": "0", **fields})
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the byte-order mark: a spreadsheet reads UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0]["title_ar"] == "الهجرة وتغير المناخ" and rows[0]["summary_zh_hans"] == "关于气候与移民的书。"
    codes = ["en", "fr", "es", "ar", "zh_hans", "ru"]
    assert {f"{name}_{code}" for name in ("title", "summary") for code in codes} <= set(rows[0])
