from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path

from core.csv_admin import CsvExportMixin
from core.nothing_silent import NothingSilentMixin
from core.publishing_admin import PublishingAdmin

from .models import Document, DocumentFile
from .resources import DocumentResource
from .views import DocumentDetailView, send


class DocumentFileInline(NothingSilentMixin, admin.TabularInline):
    model = DocumentFile
    verbose_name = "PDF file"
    verbose_name_plural = "PDF files, one per language"
    extra = 0
    fields = ["language", "file", "facts"]
    readonly_fields = ["facts"]

    @admin.display(description="checked")
    def facts(self, document_file):
        if document_file.pk is None:
            return "Checked when saved: a PDF only, without scripts, attachments or a password."
        return f"{document_file.pages} pages, {filesizeformat(document_file.size)}"


class DocumentAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("by_the_group") and not cleaned.get("authors"):
            self.add_error("authors", "Name the members who wrote it, or tick “by the Group as a whole”.")
        return cleaned


@admin.register(Document)
class DocumentAdmin(CsvExportMixin, PublishingAdmin):
    form = DocumentAdminForm
    preview_view = DocumentDetailView
    resource_classes = [DocumentResource]
    inlines = [DocumentFileInline]
    list_display = ["title", "kind", "date_column", "status"]
    list_filter = ["kind", "status", "topics", ("authors", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*Document.word_search_fields, "isbn", "doi"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "topics", "chairmanship", "event"]
    date_hierarchy = "issued_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "publish_from"]}),
        ("Date", {"fields": ["issued_on", "issued_precision"]}),
        ("Who", {"fields": ["by_the_group", "authors", "publisher"]}),
        ("About", {"fields": ["summary", "topics", "chairmanship", "event"]}),
        ("Identifiers", {"fields": ["isbn", "doi", "external_url"]}),
    ]

    @admin.display(description="date", ordering="issued_on")
    def date_column(self, document):
        return document.date_display

    def get_urls(self):
        stored = path(
            "stored/<str:name>", self.admin_site.admin_view(self.stored_view), name="publications_document_stored"
        )
        return [stored, *super().get_urls()]

    def stored_view(self, request, name):
        """A stored PDF or cover for staff who may view documents, whatever the document's state (a draft's too)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        found = DocumentFile.objects.select_related("document").filter(Q(file=name) | Q(cover=name)).first()
        if found is None:
            raise Http404("No such file.")
        if found.file.name == name:
            return send(found.file, "application/pdf", found.download_name, as_attachment=True)
        return send(found.cover, "image/png", f"{found.document.slug}-{found.language}.png", as_attachment=False)
