import re

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.csv_admin import CsvExportMixin
from core.nothing_silent import NothingSilentMixin
from core.publishing_admin import GuardedAdmin, PublishingAdmin, can_publish
from core.translation import columns

from .models import CITED_RECORDS, Citation, Document, DocumentFile, Source
from .resources import DocumentResource
from .views import DocumentDetailView, send

STORED_NAME = re.compile(r"[0-9a-f]{32}\.(pdf|png)")


class DocumentFileInline(NothingSilentMixin, admin.TabularInline):
    model = DocumentFile
    verbose_name = gettext_lazy("PDF file")
    verbose_name_plural = gettext_lazy("PDF files, one per language")
    extra = 0
    view_on_site = False  # a file's public address answers only once its document is public; its link is above
    fields = ["language", "file", "facts"]
    readonly_fields = ["facts"]

    @admin.display(description=gettext_lazy("checked"))
    def facts(self, document_file):
        if document_file.pk is None:
            return _("Checked when saved: a PDF only, without scripts, attachments or a password.")
        return ngettext("%(pages)d page, %(size)s", "%(pages)d pages, %(size)s", document_file.pages) % {
            "pages": document_file.pages,
            "size": filesizeformat(document_file.size),
        }


class DocumentAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("by_the_group") or cleaned.get("authors") or cleaned.get("publisher")):
            self.add_error(
                "authors", _("Name the members who wrote it, tick “by the Group as a whole”, or give its publisher.")
            )
        return cleaned


@admin.register(Document)
class DocumentAdmin(CsvExportMixin, PublishingAdmin):
    form = DocumentAdminForm
    preview_view = DocumentDetailView
    resource_classes = [DocumentResource]
    inlines = [DocumentFileInline]
    list_display = ["title", "kind", "date_column", "status"]
    list_filter = ["kind", "status", "topics", ("authors", admin.RelatedOnlyFieldListFilter)]
    search_fields = [*columns("title", "summary"), "publisher", "files__text", "isbn", "doi"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["authors", "topics", "chairmanship", "event"]
    date_hierarchy = "issued_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "publish_from"]}),
        (gettext_lazy("Date"), {"fields": ["issued_on", "issued_precision"]}),
        (gettext_lazy("Who"), {"fields": ["by_the_group", "authors", "publisher"]}),
        (gettext_lazy("About"), {"fields": ["summary", "topics", "chairmanship", "event"]}),
        (gettext_lazy("Identifiers"), {"fields": ["isbn", "doi", "external_url"]}),
    ]

    @admin.display(description=gettext_lazy("date"), ordering="issued_on")
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
        if not STORED_NAME.fullmatch(name):  # the names file_name and cover_name give; nothing else reaches the query
            raise Http404("No such file.")
        found = DocumentFile.objects.select_related("document").filter(Q(file=name) | Q(cover=name)).first()
        if found is None:
            raise Http404("No such file.")
        if found.file.name == name:
            return send(found.file, "application/pdf", found.download_name, as_attachment=True)
        return send(found.cover, "image/png", found.cover_download_name, as_attachment=False)


class CitationInline(NothingSilentMixin, admin.StackedInline):
    """Where a source is cited: one record of any kind per row, with what the source supports there. What the
    public sees changes with it, so publishers alone attach and detach sources; editors see them."""

    model = Citation
    fields = [("position", "supports"), *CITED_RECORDS]
    autocomplete_fields = [name for name in CITED_RECORDS if name != "group_profile"]  # the Group is one record
    extra = 0
    verbose_name = gettext_lazy("record citing it")
    verbose_name_plural = gettext_lazy("records citing it (choose one record in each)")

    def has_add_permission(self, request, obj=None):
        return can_publish(request, Document) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_publish(request, Document) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request, Document) and super().has_delete_permission(request, obj)


@admin.register(Source)
class SourceAdmin(GuardedAdmin):
    """A source cited by any record shows on public pages: once cited, only publishers change it."""

    publish_model = Document
    inlines = [CitationInline]
    list_display = ["citation_text", "key", "year", "cited"]
    search_fields = ["key", "authors", "title", "publication", "publisher"]
    prepopulated_fields = {"key": ["authors", "year"]}
    autocomplete_fields = ["document"]
    fieldsets = [
        (None, {"fields": ["authors", "year", "title", "key"]}),
        (
            gettext_lazy("Where it appears"),
            {"fields": ["publication", "volume", "pages", "publisher", "url", "consulted_on"]},
        ),
        (gettext_lazy("On the portal"), {"fields": ["document"]}),
    ]

    def is_published_record(self, obj):
        return obj is not None and obj.pk is not None and obj.citations.exists()

    @admin.display(description=gettext_lazy("citation"), ordering="authors")
    def citation_text(self, source):
        return source.citation_text

    @admin.display(description=gettext_lazy("cited by"))
    def cited(self, source):
        return len(source.citations.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("citations")
