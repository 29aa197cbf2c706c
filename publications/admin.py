from django import forms
from django.contrib import admin
from django.template.defaultfilters import filesizeformat

from core.csv_admin import CsvExportMixin
from core.nothing_silent import NothingSilentMixin
from core.publishing_admin import PublishingAdmin

from .models import Document, DocumentFile
from .resources import DocumentResource


class DocumentFileInline(NothingSilentMixin, admin.TabularInline):
    model = DocumentFile
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
