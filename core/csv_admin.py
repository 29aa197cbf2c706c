"""CSV import and export in the admin (django-import-export), with the limits a shared server needs.

A bad filter in an export address, a confirmation sent twice or an oversized file gets a message
and a way back, never a server error. The preview shows each row's errors in that row, says which rows
arrive as drafts, and a file that changes nothing says so instead of asking for a confirmation.
"""

import logging

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportMixin
from import_export.results import RowResult
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
            messages.error(request, _("These filters cannot be used for an export; choose them on the list again."))
            return redirect(admin_url(self, "changelist"))


def changes(result):
    return sum(result.totals[kind] for kind in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE))


def nothing_changed(result, model):
    rows = len(result.rows)
    return ngettext(
        "Nothing changed: the file's row matches the %(name)s the portal holds.",
        "Nothing changed: the file's %(count)d rows match the %(name)s the portal holds.",
        rows,
    ) % {"count": rows, "name": model._meta.verbose_name if rows == 1 else model._meta.verbose_name_plural}


def drafted(result):
    count = sum(1 for row in result.valid_rows() if getattr(row, "arrives_as_draft", False))
    return count and ngettext(
        "%(count)d row is marked published or in review; it arrives as a draft: only a publisher can publish.",
        "%(count)d rows are marked published or in review; they arrive as drafts: only a publisher can publish.",
        count,
    ) % {"count": count}


def invalid_lines(result):
    """The columns of the file, and each invalid row with its values and its errors, every one named by the
    file's column, for the preview to show in the row itself: the package hid them behind a badge, called the
    row's own "non field specific", and showed every column of the resource, "---" for those the file has not."""
    given = set(getattr(result, "file_columns", None) or result.diff_headers)
    shown = [index for index, column in enumerate(result.diff_headers) if column in given]
    columns = [result.diff_headers[index] for index in shown]
    lines = []
    for row in result.invalid_rows:
        errors = row.error_dict
        named = sorted(
            (name for name in errors if name != NON_FIELD_ERRORS),
            key=lambda name: columns.index(name) if name in columns else len(columns),
        )
        if NON_FIELD_ERRORS in errors:
            named.append(NON_FIELD_ERRORS)  # the row's own errors, named by no column, come last
        lines.append(
            {
                "number": row.number,
                "errors": [("" if name == NON_FIELD_ERRORS else name, errors[name]) for name in named],
                "cells": [(row.values[index], result.diff_headers[index] in errors) for index in shown],
            }
        )
    return columns, lines


class CsvImportExportMixin(ImportMixin, CsvExportMixin):
    # The package's ImportMixin shows only the Import button (and ImportExportMixin is what would show both):
    # the events list had no Export button.
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"

    def import_action(self, request, **kwargs):
        upload = request.FILES.get("import_file") if request.method == "POST" else None
        if upload is not None:
            problem = None
            if upload.size > MAX_IMPORT_BYTES:
                problem = _("The file is %(size)s KB; the largest accepted is %(limit)d KB.") % {
                    "size": f"{upload.size / 1024:.0f}",
                    "limit": MAX_IMPORT_BYTES // 1024,
                }
            else:
                rows = sum(1 for _line in upload.open()) - 1
                upload.seek(0)
                if rows > MAX_IMPORT_ROWS:
                    problem = _("The file has %(rows)d rows; import at most %(limit)d at a time.") % {
                        "rows": rows,
                        "limit": MAX_IMPORT_ROWS,
                    }
            if problem:
                messages.error(request, problem)
                return redirect(admin_url(self, "import"))
        try:
            response = super().import_action(request, **kwargs)
        except UploadNotKept:
            logger.exception("an uploaded CSV file could not be kept for its confirmation")
            messages.error(
                request, _("The file could not be kept for your confirmation just now. Try again in a few minutes.")
            )
            return redirect(admin_url(self, "import"))
        result = getattr(response, "context_data", {}).get("result")
        if result is not None:
            if result.has_validation_errors():
                response.context_data["file_columns"], response.context_data["invalid_lines"] = invalid_lines(result)
            elif not result.has_errors():
                response.context_data["drafted"] = drafted(result)
                if not changes(result):
                    response.context_data.pop("confirm_form", None)  # nothing to confirm
                    response.context_data["nothing_changed"] = nothing_changed(result, self.model)
        return response

    def add_success_message(self, result, request):
        if not changes(result):
            messages.info(request, nothing_changed(result, self.model))
        else:
            totals = result.totals
            messages.success(
                request,
                _("Import finished: %(new)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "new": totals[RowResult.IMPORT_TYPE_NEW],
                    "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                    "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
                },
            )
        if drafted(result):
            messages.warning(request, drafted(result))

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:
            messages.error(request, _("This import was already carried out, or has expired: upload the file again."))
            return redirect(admin_url(self, "import"))
