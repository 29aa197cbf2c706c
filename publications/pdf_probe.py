"""Reads one PDF and prints what publications/pdf.py needs to know, as JSON: run as a process of its own.

`python pdf_probe.py FILE TEXT_LIMIT` (no Django here) prints {"pages": n, "text": "..."} or {"problem": "..."}.
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
    sys.stdout.write(json.dumps(probe(sys.argv[1], int(sys.argv[2]))))
