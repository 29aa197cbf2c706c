"""Reads one PDF and prints what publications/pdf.py needs to know, as JSON: run as a process of its own.

`python pdf_probe.py FILE TEXT_LIMIT COVER` (no Django here) prints {"pages": n, "text": "..."} or
{"problem": "..."}, and for a PDF it accepts, writes its first page as a PNG image to COVER when PDFium (pypdfium2)
can render it: a cover that cannot be made is no reason to refuse the file.
Only what the file's trailer reaches is read: what nothing refers to, no reader ever runs.
"""

import json
import logging
import sys

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACTIVE_KEYS = {"/JS": "javascript", "/JavaScript": "javascript", "/EmbeddedFiles": "embedded-file"}
ACTIVE_VALUES = {
    ("/S", "/JavaScript"): "javascript",
    ("/S", "/Launch"): "launch",
    ("/Type", "/EmbeddedFile"): "embedded-file",
    ("/Subtype", "/FileAttachment"): "embedded-file",
}
OBJECT_LIMIT = 500_000
COVER_WIDTH = 400  # pixels


def active_content(reader):
    """The first kind of active content reachable from the trailer, or None."""
    seen = set()
    stack = [reader.trailer]
    while stack:
        if len(seen) > OBJECT_LIMIT:
            return "unreadable"
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for name, value in item.items():
                if name in ACTIVE_KEYS:
                    return ACTIVE_KEYS[name]
                if name == "/EF":  # a file specification's file itself; its name alone is harmless
                    return "embedded-file"
                if isinstance(value, str) and (name, value) in ACTIVE_VALUES:
                    return ACTIVE_VALUES[(name, value)]
                if name not in ("/Parent", "/P"):  # back up the page tree: reached from above anyway
                    stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def render_cover(path, cover):
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(path)
        page = document[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return
        image = page.render(scale=min(COVER_WIDTH / width, 4.0)).to_pil()
        image.thumbnail((COVER_WIDTH, COVER_WIDTH * 3))  # a page far taller than wide stays a reasonable image
        image.save(cover, "PNG", optimize=True)
    except Exception:  # no cover: the page shows a typographic card instead
        return


def probe(path, text_limit):
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {"problem": "encrypted"}
        problem = active_content(reader)
        if problem:
            return {"problem": problem}
        pages = len(reader.pages)
        if pages == 0:
            return {"problem": "unreadable"}
        text, length = [], 0
        for page in reader.pages:
            if length >= text_limit:
                break
            words = page.extract_text() or ""
            text.append(words)
            length += len(words)
        return {"pages": pages, "text": "\n".join(text)[:text_limit]}
    except Exception:  # anything a damaged file makes the reader raise: it is unreadable, and said so
        return {"problem": "unreadable"}


if __name__ == "__main__":
    logging.disable(logging.CRITICAL)  # pypdf's warnings on odd files are not the answer
    facts = probe(sys.argv[1], int(sys.argv[2]))
    if "problem" not in facts:
        render_cover(sys.argv[1], sys.argv[3])
    sys.stdout.write(json.dumps(facts))
