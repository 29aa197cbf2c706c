"""Documents and their files: dates known to a day, a month or a year, identifiers, one file per language."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.dates import DatePrecision
from publications.models import DocumentFile, isbn_is_valid

from .factories import DocumentFactory, DocumentFileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        (date(2010, 9, 1), DatePrecision.MONTH, "September 2010"),
        (date(2011, 1, 1), DatePrecision.YEAR, "2011"),
        (date(2011, 11, 15), DatePrecision.DAY, "15 November 2011"),
    ],
)
def test_a_date_shows_as_far_as_it_is_known(day, precision, shown):
    assert DocumentFactory.build(issued_on=day, issued_precision=precision).date_display == shown


@pytest.mark.parametrize(
    ("day", "precision", "told"),
    [
        (date(2010, 9, 15), DatePrecision.MONTH, "Known to the month: enter the first day of that month."),
        (date(2011, 3, 1), DatePrecision.YEAR, "Known to the year: enter 1 January of that year."),
    ],
)
def test_a_date_known_to_the_month_or_year_is_its_first_day_in_the_form_and_the_database(day, precision, told):
    document = DocumentFactory.build(issued_on=day, issued_precision=precision)
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["issued_on"] == [told]
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


@pytest.mark.parametrize(
    ("isbn", "valid"),
    [
        ("978-0-521-76243-9", False),
        ("978-1-107-00943-1", True),
        ("0-306-40615-2", True),
        ("0-306-40615-3", False),
        ("not an isbn", False),
    ],
)
def test_an_isbn_is_checked_by_its_check_digit(isbn, valid):
    assert isbn_is_valid(isbn) is valid


def test_a_document_has_one_file_per_language_and_the_file_is_checked_and_renamed(documents_root):
    first = DocumentFileFactory()
    assert first.pages == 1 and first.size > 0 and "Text of" in first.text
    assert first.file.name.endswith(".pdf") and "upload" not in first.file.name  # a name of its own
    assert (documents_root / first.file.name).is_file()
    with pytest.raises(ValidationError) as refused:
        DocumentFile(document=first.document, language="en", file=first.file).validate_constraints()
    assert refused.value.messages == ["The document already has a file in this language."]
    DocumentFileFactory(document=first.document, language="fr")
    assert [row.language for row in first.document.files.all()] == ["en", "fr"]
