from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.pages import PageMixin, PreviewMixin

from .filters import DocumentFilter
from .models import Document, DocumentFile

PER_PAGE = 20


class DocumentListView(PageMixin, FilterView):
    template_name = "publications/document_list.html"
    context_object_name = "documents"
    page_title = "Statements and publications"
    page_description = (
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
        return self.object.summary or f"{self.object.get_kind_display()}, {self.object.date_display}."


def download(request, slug, language):
    """A public document's file in one language, as a download: its document must be public, whoever asks (the
    admin shows staff a draft's files itself). In production the web server sends the bytes (X-Accel-Redirect,
    docs/deployment.md); the portal has checked the document first."""
    document_file = get_object_or_404(
        DocumentFile.objects.select_related("document").filter(document__in=Document.objects.published()),
        document__slug=slug,
        language=language,
    )
    headers = {"Content-Disposition": f'attachment; filename="{document_file.download_name}"'}
    if settings.DOCUMENTS_ACCEL_REDIRECT:
        response = HttpResponse(content_type="application/pdf", headers=headers)
        response["X-Accel-Redirect"] = settings.DOCUMENTS_ACCEL_REDIRECT + document_file.file.name
        return response
    try:
        stream = document_file.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing from storage.") from error
    response = FileResponse(stream, content_type="application/pdf", as_attachment=True)
    response["Content-Disposition"] = headers["Content-Disposition"]
    return response
