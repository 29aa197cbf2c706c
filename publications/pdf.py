"""What an uploaded PDF is: checked before it is kept, and its text read for the search.

A PDF is refused when it is not one (a renamed executable, a truncated or empty file), too large, encrypted,
or when it carries what a reader would run or open: JavaScript, a launch action, embedded files. The
reading runs in a process of its own with limits on time, memory and text (PROBE_SECONDS, PROBE_MEMORY,
TEXT_LIMIT), so a hostile file can neither stall nor exhaust the admin's worker: past a limit, the file is
refused with a message that says why.
"""

import json
import resource
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

PROBE_SECONDS = 20
PROBE_MEMORY = 1024 * 1024 * 1024  # bytes of address space for the reading process
TEXT_LIMIT = 1_000_000  # characters of text kept for the search; the rest of a longer document is not indexed
# What pdf_probe.py finds that a reader would run or open, and the refusal an editor reads for it: a whole sentence
# each, for translators.
ACTIVE_CONTENT = {
    "javascript": _(
        "This PDF runs JavaScript, which the portal does not accept in a file it gives to the public. Save it again "
        "without it (for example, print it to a new PDF) and upload that."
    ),
    "launch": _(
        "This PDF has an action that launches a program, which the portal does not accept in a file it gives to the "
        "public. Save it again without it (for example, print it to a new PDF) and upload that."
    ),
    "embedded-file": _(
        "This PDF carries embedded files, which the portal does not accept in a file it gives to the public. Save it "
        "again without it (for example, print it to a new PDF) and upload that."
    ),
}
PROBE = Path(__file__).with_name("pdf_probe.py")
DAMAGED = _("This PDF is damaged or incomplete and cannot be read. Upload the whole file again.")


@dataclass
class PdfFacts:
    pages: int
    text: str
    cover: bytes | None  # the first page as a PNG image, when PDFium could render it


def inspect(upload):
    """The facts of a PDF upload (a Django File), or a ValidationError that tells the editor what is wrong."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(gettext("The file is empty."))
    if upload.size > limit:
        raise ValidationError(
            gettext("The file is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    upload.seek(0)
    with tempfile.TemporaryDirectory() as folder:
        copy, cover = Path(folder) / "upload.pdf", Path(folder) / "cover.png"
        with open(copy, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        upload.seek(0)
        with open(copy, "rb") as whole:
            start = whole.read(1024)
            whole.seek(max(0, upload.size - 1024))
            end = whole.read()
        if b"%PDF-" not in start:
            raise ValidationError(gettext("This is not a PDF file. Upload the document as a PDF."))
        if b"%%EOF" not in end:
            raise ValidationError(DAMAGED)
        try:
            done = subprocess.run(
                [sys.executable, str(PROBE), str(copy), str(TEXT_LIMIT), str(cover)],
                capture_output=True,
                timeout=PROBE_SECONDS,
                preexec_fn=limit_memory,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ValidationError(
                ngettext(
                    "The PDF could not be read within %(seconds)s second. Save it again as a new PDF and upload that.",
                    "The PDF could not be read within %(seconds)s seconds. Save it again as a new PDF and upload that.",
                    round(PROBE_SECONDS),  # plural rules take whole numbers; the limit may be a fraction
                )
                % {"seconds": PROBE_SECONDS}
            ) from error
        picture = cover.read_bytes() if cover.is_file() else None
    try:
        facts = json.loads(done.stdout)
    except ValueError:
        facts = {"problem": "unreadable"}
    problem = facts.get("problem")
    if problem == "encrypted":
        raise ValidationError(gettext("This PDF is encrypted or password-protected. Upload a copy without protection."))
    if problem in ACTIVE_CONTENT:
        raise ValidationError(ACTIVE_CONTENT[problem])
    if problem or done.returncode != 0:
        raise ValidationError(DAMAGED)
    return PdfFacts(pages=facts["pages"], text=facts["text"], cover=picture)


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (PROBE_MEMORY, PROBE_MEMORY))
