"""Writing CSV that spreadsheets open safely: UTF-8 with a BOM, no cell read as a formula.

Titles and artist names come from scraped datasets and from uploads, so any of them may begin
with "=" or "@"; Excel and LibreOffice would run such a cell as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence

# OWASP's list: a formula starts with = + - @, and a leading tab or carriage return can hide
# one from the eye while a spreadsheet still reads it. A line feed is added for the same
# reason. "|" is not there: it only matters inside a formula (DDE), after one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Looked for after NFKC, which turns fullwidth and small forms (＝ ﹦ ＋ － ＠) into these, as
# spreadsheets that take East Asian input may. U+2212 MINUS SIGN has no NFKC form; it is
# guarded too, since an apostrophe before text that only looks like a formula costs nothing.
_FORMULA_CHARS = frozenset("=+-@\u2212")
Cell = str | int | float | None


def safe_cell(value: Cell) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet could read a formula.

    Numbers are written as they are ("-5" stays a number): only text can carry a formula.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    return "'" + value if reads_as_formula(value) else value


def reads_as_formula(text: str) -> bool:
    """Whether the text starts a formula, once leading spaces and invisible characters go."""
    if text.startswith(FORMULA_STARTS):
        return True
    head = _first_visible(text)
    return bool(head) and unicodedata.normalize("NFKC", head)[:1] in _FORMULA_CHARS


def _first_visible(text: str) -> str:
    """The first character that is neither whitespace nor a format character (e.g. U+200B)."""
    for char in text:
        if not char.isspace() and unicodedata.category(char) != "Cf":
            return char
    return ""


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A whole CSV file, every cell guarded, encoded as UTF-8 with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
