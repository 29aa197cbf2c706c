from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.dates import iso
from core.pages import PageMixin, PreviewMixin, json_ld
from core.templatetags.rich_text import plain_text
from core.translation import plain

from .filters import DocumentFilter
from .models import Citation, Document, DocumentFile

PER_PAGE = 20
SCHEMA_TYPES = {"book": "Book", "report": "Report"}


class DocumentListView(PageMixin, FilterView):
    template_name = "publications/document_list.html"
    context_object_name = "documents"
    page_title = _("Statements and publications")
    page_description = _(
        "Joint statements, reports, books and other publications of the Global Migration Group and its members."
    )
    section = "publications"
    paginate_by = PER_PAGE
    filterset_class = DocumentFilter

    def get_queryset(self):
        return Document.objects.published().newest_first().for_listing()

    def get_context_data(self, **kwargs):
        filtered = any(value for name, value in self.request.GET.items() if name in self.filterset_class.base_filters)
        return super().get_context_data(filtered=filtered, **kwargs)


class DocumentDetailView(PreviewMixin, PageMixin, DetailView):
    template_name = "publications/document_detail.html"
    context_object_name = "document"
    section = "publications"

    def get_queryset(self):
        return Document.objects.published().for_page()

    def get_page_description(self):
        document = self.object
        kind = document.get_kind_display().lower()
        # Translators: a document's title, then its kind ("joint statement"), date and authors.
        return document.summary or gettext("%(title)s (%(kind)s, %(date)s) by %(authors)s.") % {
            "title": document,
            "kind": kind,
            "date": document.date_display,
            "authors": document.authors_text,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            structured_data=self.structured_data(),
            citations=self.object.citations.select_related("source__document"),
            cited_by=Citation.objects.citing(self.object),
            **kwargs,
        )

    def structured_data(self):
        """schema.org data of the document for search engines: a Book, a Report or another CreativeWork."""
        document = self.object
        data = {
            "@context": "https://schema.org",
            "@type": SCHEMA_TYPES.get(document.kind, "CreativeWork"),
            "name": plain(document.title),
            "url": self.request.build_absolute_uri(document.get_absolute_url()),
            "datePublished": iso(document.issued_on, document.issued_precision),
            "author": [{"@type": "Organization", "name": name} for name in document.author_names],
            "inLanguage": [file.language for file in document.files.all()],
        }
        if document.summary:
            data["description"] = plain_text(document.summary)
        if document.publisher:
            data["publisher"] = {"@type": "Organization", "name": document.publisher}
        if document.isbn:
            data["isbn"] = document.isbn
        if document.doi:
            data["sameAs"] = f"https://doi.org/{document.doi}"
        return json_ld(data)


def public_file(slug, language):
    """A public document's file in one language: its document must be public, whoever asks (the admin shows staff a
    draft's files itself)."""
    return get_object_or_404(
        DocumentFile.objects.select_related("document").filter(document__in=Document.objects.published()),
        document__slug=slug,
        language=language,
    )


def send(stored, content_type, filename, as_attachment):
    """The stored file as the answer, named `filename`. In production the web server sends the bytes
    (X-Accel-Redirect, docs/deployment.md); the portal has checked the document first."""
    if settings.DOCUMENTS_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        response["X-Accel-Redirect"] = settings.DOCUMENTS_ACCEL_REDIRECT + stored.name
        return response
    try:
        stream = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    return FileResponse(stream, content_type=content_type, as_attachment=as_attachment, filename=filename)


def download(request, slug, language):
    document_file = public_file(slug, language)
    return send(document_file.file, "application/pdf", document_file.download_name, as_attachment=True)


def cover(request, slug, language):
    """The first page of a public document's file, as an image."""
    document_file = public_file(slug, language)
    if not document_file.cover:
        raise Http404("This file has no cover image.")
    return send(document_file.cover, "image/png", document_file.cover_download_name, as_attachment=False)
