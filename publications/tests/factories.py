from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from core.dates import DatePrecision
from core.publishing import Status
from publications.models import Document, DocumentFile, DocumentKind, Language
from testing import TranslatedFactory

from .pdfs import text_pdf


def pdf_upload(*pages):
    return SimpleUploadedFile("upload.pdf", text_pdf(*pages), content_type="application/pdf")


class DocumentFactory(TranslatedFactory):
    class Meta:
        model = Document

    kind = DocumentKind.REPORT
    title = factory.Sequence(lambda n: f"Report number {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    issued_on = date(2010, 9, 1)
    issued_precision = DatePrecision.MONTH
    summary = "What the report finds."
    by_the_group = True
    status = Status.PUBLISHED


class DocumentFileFactory(factory.django.DjangoModelFactory):
    """A real PDF, checked as the admin checks an upload."""

    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    language = Language.ENGLISH
    file = factory.LazyAttribute(
        lambda row: SimpleUploadedFile("upload.pdf", text_pdf(f"Text of {row.document.title}"))
    )
