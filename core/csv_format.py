"""The admin's CSV: UTF-8 with a byte-order mark, so that a spreadsheet (Excel among them) opens an export with its
Arabic, Chinese and Russian intact; an import reads a file with or without the mark."""

from import_export.formats.base_formats import CSV

BOM = "\ufeff"


class SpreadsheetCSV(CSV):
    def export_data(self, dataset, **kwargs):
        return BOM + super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode("utf-8-sig")
        return super().create_dataset(in_stream.removeprefix(BOM), **kwargs)
