"""Documents in the admin: an editor adds one with its PDFs; a bad file is a form error and nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.publishing import Status
from publications.models import Document
from testing import inline_management

from . import pdfs

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:publications_document_add")


def document_form(**changes):
    return {
        "title_en": "Migration and Climate Change",
        "slug": "migration-and-climate-change",
        "kind": "book",
        "issued_on": "2011-01-01",
        "issued_precision": "year",
        "authors": [],
        "publisher": "UNESCO / Cambridge University Press",
        "isbn": "",
        "doi": "",
        "external_url": "",
        "summary_en": "",
        "by_the_group": "on",
        **inline_management("files"),
        **changes,
    }


def with_file(content, language="en"):
    return {
        **inline_management("files", total=1),
        "files-0-language": language,
        "files-0-file": SimpleUploadedFile("Migration & Climate (final).pdf", content, content_type="application/pdf"),
    }


def test_an_editor_adds_a_draft_document_with_its_pdf(client, staff, documents_root):
    staff("Editors")
    response = client.post(ADD_URL, document_form(**with_file(pdfs.text_pdf("Climate and migration"))))
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.status == Status.DRAFT  # an editor's record waits for a publisher
    (stored,) = document.files.all()
    assert (stored.language, stored.pages) == ("en", 1) and "Climate and migration" in stored.text
    stored_names = sorted(path.name for path in documents_root.iterdir())
    assert stored_names == sorted([stored.file.name, stored.cover.name])  # no name of the uploader's


@pytest.mark.parametrize(
    ("content", "told"),
    [
        (pdfs.with_javascript(), "This PDF runs JavaScript"),
        (pdfs.renamed_executable(), "This is not a PDF file"),
    ],
)
def test_a_refused_file_is_a_form_error_and_nothing_is_written(client, staff, documents_root, content, told):
    staff("Editors")
    response = client.post(ADD_URL, document_form(**with_file(content)))
    assert response.status_code == 200
    assert told in response.content.decode()
    assert not Document.objects.exists()
    assert not documents_root.exists() or list(documents_root.iterdir()) == []


def test_a_document_names_its_authors_the_group_or_its_publisher(client, staff):
    staff("Editors")
    response = client.post(ADD_URL, document_form(by_the_group="", publisher=""))
    told = "Name the members who wrote it, tick “by the Group as a whole”, or give its publisher."
    assert told in response.content.decode()
    assert not Document.objects.exists()


def test_a_publisher_publishes_it_and_exports_the_list_as_csv(client, staff):
    staff("Publishers")
    response = client.post(ADD_URL, document_form(status="published", **with_file(pdfs.text_pdf("A page."), "fr")))
    assert response.status_code == 302
    page = client.get(reverse("admin:publications_document_changelist")).content.decode()
    assert "Migration and Climate Change" in page and "2011" in page
    url = reverse("admin:publications_document_export")
    fields = {name: "on" for name in client.get(url).context["form"].fields if name.startswith("documentresource_")}
    body = client.post(url, {"format": "0", **fields}).content.decode()
    # The title in each language (English, then five empty ones), then its kind and state.
    row = body.splitlines()[1]
    assert row.startswith("migration-and-climate-change,Migration and Climate Change,,,,,,book,published")
    assert row.endswith(",fr")  # the languages of its files


def test_staff_open_a_drafts_file_and_cover_from_its_change_page_and_its_preview(client, staff):
    staff("Editors")
    client.post(ADD_URL, document_form(**with_file(pdfs.text_pdf("Draft text"))))
    document = Document.objects.get()
    stored = document.files.get()
    page = client.get(reverse("admin:publications_document_change", args=[document.pk])).content.decode()
    assert f'href="{stored.file.url}"' in page
    download = client.get(stored.file.url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    preview = client.get(reverse("admin:publications_document_preview", args=[document.pk])).content.decode()
    assert f'href="{stored.file.url}"' in preview and f'src="{stored.cover.url}"' in preview
    for name in ["nothing.pdf", f"{'0' * 32}.pdf", "..%2Fsettings.py"]:
        assert client.get(reverse("admin:publications_document_stored", args=[name])).status_code == 404, name
    assert client.get(reverse("admin:publications_document_stored", args=["a\x00.pdf"])).status_code == 400  # guard
    client.logout()
    assert client.get(stored.file.url).status_code == 302  # to the sign-in page
    assert client.get(stored.get_absolute_url()).status_code == 404  # a draft's file is no one's download
