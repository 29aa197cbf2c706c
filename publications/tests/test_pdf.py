"""Every upload is checked as a real PDF, and what a reader would run or open is refused (publications/pdf.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from publications import pdf

from . import pdfs


def upload(content, name="report.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_pdf_gives_its_page_count_and_text():
    facts = pdf.inspect(upload(pdfs.text_pdf("Migration and climate change", "Durable solutions")))
    assert facts.pages == 2
    assert "Migration and climate change" in facts.text and "Durable solutions" in facts.text


@pytest.mark.parametrize(
    ("content", "told"),
    [
        (pdfs.with_javascript(), "This PDF runs JavaScript"),
        (pdfs.with_launch_action(), "This PDF has an action that launches a program"),
        (pdfs.with_embedded_file(), "This PDF carries embedded files"),
        (pdfs.encrypted(), "This PDF is encrypted or password-protected"),
        (pdfs.truncated(), "This PDF is damaged or incomplete"),
        (pdfs.renamed_executable(), "This is not a PDF file"),
        (b"", "The file is empty."),
    ],
    ids=["javascript", "launch", "embedded-file", "encrypted", "truncated", "executable", "empty"],
)
def test_a_hostile_or_broken_file_is_refused_with_a_clear_message(content, told):
    with pytest.raises(ValidationError) as refused:
        pdf.inspect(upload(content))
    assert refused.value.messages[0].startswith(told)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    content = pdfs.text_pdf("A page.")
    settings.DOCUMENT_MAX_BYTES = len(content) - 1
    with pytest.raises(ValidationError) as refused:
        pdf.inspect(upload(content))
    size, limit = filesizeformat(len(content)), filesizeformat(len(content) - 1)
    assert refused.value.messages == [f"The file is {size}; the largest accepted is {limit}."]


def test_a_file_that_takes_too_long_to_read_is_refused(monkeypatch):
    monkeypatch.setattr(pdf, "PROBE_SECONDS", 0.001)  # no file is read that fast: the limit is what is tested
    with pytest.raises(ValidationError) as refused:
        pdf.inspect(upload(pdfs.text_pdf("A page.")))
    assert "could not be read within" in refused.value.messages[0]
