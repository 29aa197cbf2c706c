"""CSV import and export in the admin (django-import-export), with the limits a shared server needs.

A bad filter in an export address, a confirmation sent twice or an oversized file gets a message
and a way back, never a server error.
"""

import logging

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin
from import_export.tmp_storages import CacheStorage

MAX_IMPORT_BYTES = 512 * 1024
MAX_IMPORT_ROWS = 1000


def admin_url(model_admin, view):
    return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_{view}")


logger = logging.getLogger(__name__)


class UploadNotKept(Exception):
    """The uploaded file could not be kept for the confirmation: the cache is out of reach or full."""


class UploadInCache(CacheStorage):
    """An uploaded CSV file waiting for the editor's confirmation, in the shared cache, for an hour.

    A file already imported, expired or evicted reads as missing, which process_import answers.
    """

    CACHE_LIFETIME = 60 * 60

    def save(self, data):
        try:
            super().save(data)
        except Exception as error:
            raise UploadNotKept from error

    def read(self):
        data = super().read()
        if data is None:
            raise FileNotFoundError(self.name)
        return data


class CsvExportMixin(ExportMixin):
    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            messages.error(request, "These filters cannot be used for an export; choose them on the list again.")
            return redirect(admin_url(self, "changelist"))


class CsvImportExportMixin(ImportMixin, CsvExportMixin):
    def import_action(self, request, **kwargs):
        upload = request.FILES.get("import_file") if request.method == "POST" else None
        if upload is not None:
            problem = None
            if upload.size > MAX_IMPORT_BYTES:
                problem = (
                    f"The file is {upload.size / 1024:.0f} KB; the largest accepted is {MAX_IMPORT_BYTES // 1024} KB."
                )
            else:
                rows = sum(1 for _ in upload.open()) - 1
                upload.seek(0)
                if rows > MAX_IMPORT_ROWS:
                    problem = f"The file has {rows} rows; import at most {MAX_IMPORT_ROWS} at a time."
            if problem:
                messages.error(request, problem)
                return redirect(admin_url(self, "import"))
        try:
            return super().import_action(request, **kwargs)
        except UploadNotKept:
            logger.exception("an uploaded CSV file could not be kept for its confirmation")
            messages.error(
                request, "The file could not be kept for your confirmation just now. Try again in a few minutes."
            )
            return redirect(admin_url(self, "import"))

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(request, "This import was already carried out, or has expired: upload the file again.")
            return redirect(admin_url(self, "import"))
