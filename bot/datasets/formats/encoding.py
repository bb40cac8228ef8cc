"""Opening a text source (CSV, TSV, JSONL): UTF-8, with or without a byte-order mark.

Excel's "CSV UTF-8" and Windows Notepad start a file with a byte-order mark (U+FEFF); read as
plain UTF-8 it becomes part of the first column's name, and the column is not found. Every
text reader opens its file here, which steps over the mark. A UTF-16 file (Excel's "Unicode
text") is refused in one line: read as UTF-8 it would be garbage, its NUL bytes dropped.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import TextIO

from bot.errors import SourceError

BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF_BYTES = 64


def open_source(path: Path) -> io.BufferedReader:
    """The file in binary, positioned after a UTF-8 byte-order mark if it starts with one."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SourceError(f"{path.name}: cannot open ({exc.strerror or exc})") from None
    head = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]  # no seek: the file may be a pipe
    if _looks_utf16(head):
        handle.close()
        raise SourceError(f"{path.name}: not UTF-8 (looks like UTF-16); save it as UTF-8")
    if head.startswith(BOM):
        handle.read(len(BOM))
    return handle


def open_source_text(path: Path) -> TextIO:
    """The file as text for the csv module.

    Invalid UTF-8 is kept as surrogates, so that the row holding it is skipped, not the file.
    """
    return io.TextIOWrapper(open_source(path), encoding="utf-8", errors="surrogateescape",
                            newline="")


def _looks_utf16(head: bytes) -> bool:
    """A UTF-16 byte-order mark, or ASCII text with a NUL byte after (or before) each letter."""
    if head.startswith(_UTF16_BOMS):
        return True
    if len(head) < 8:
        return False
    even, odd = any(head[0::2]), any(head[1::2])
    return even != odd  # NUL bytes on one side only (a file of NULs is not text at all)
