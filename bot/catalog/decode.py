"""Turning an uploaded catalog file's bytes into text, or one sentence saying why not.

Catalogs come from spreadsheets and label systems, so the usual encodings are accepted:
UTF-8 (with or without BOM), UTF-16 with a BOM, and Windows-1252 when it decodes cleanly.
Anything else is refused rather than guessed, since a wrong guess silently garbles names.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata
from dataclasses import dataclass

from bot.errors import TrainedOnError

log = logging.getLogger(__name__)

# How much of the text is inspected to decide whether it "looks like text".
_SAMPLE_CHARS = 20_000
_MAX_CONTROL_SHARE = 0.001
_MIN_TEXT_SHARE = 0.9
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")

# Files people upload by mistake, named so the message can say what the file really is
# (the middle word is the kind's name in the bot's message catalogue).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"),
    (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF8", "gif", "a GIF image"),
    (b"%PDF", "pdf", "a PDF document"),
    (b"PK\x03\x04", "zip", "a ZIP archive (an Excel .xlsx? export it as CSV)"),
    (b"\xd0\xcf\x11\xe0", "office", "an Office document (export it as CSV)"),
    (b"\x1f\x8b", "gzip", "a gzip archive"),
    (b"SQLite format 3\x00", "sqlite", "an SQLite database"),
)


class CatalogError(TrainedOnError):
    """A catalog file cannot be read at all; the message is one sentence for a person."""


def max_catalog_bytes(max_file_mb: float) -> int:
    """The configured limit (catalog.max_file_mb) in bytes."""
    return int(max_file_mb * 1024 * 1024)


def check_catalog_size(size: int, filename: str, max_file_mb: float, *, known: bool = True
                       ) -> None:
    """Refuse a catalog over the limit, for the CLI and the bot alike.

    `known=False` when `size` is only what a capped read got: a pipe or a device has no size.
    """
    if size <= max_catalog_bytes(max_file_mb):
        return
    if not known:
        raise CatalogError(
            f"{filename} is larger than the {max_file_mb:g} MB limit: split it into smaller files.",
            key="error-catalog-over-limit", filename=filename, limit=max_file_mb,
        )
    raise CatalogError(
        f"{filename} is {size / 1024 / 1024:.1f} MB; the limit is {max_file_mb:g} MB: "
        "split it into smaller files.",
        key="error-catalog-too-large", filename=filename, size=round(size / 1024 / 1024, 1),
        limit=max_file_mb,
    )


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A catalog's text and the encoding it was read with."""

    text: str
    encoding: str


def decode_catalog(data: bytes, filename: str) -> DecodedText:
    """Decode as UTF-8, else BOM-marked UTF-16, else clean cp1252; raise CatalogError if none."""
    for magic, kind, what in _MAGIC:
        if data.startswith(magic):
            raise CatalogError(f"{filename} is {what}, not a CSV or text list of songs.",
                               key="error-catalog-file-kind", filename=filename, kind=kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = _decode_utf16(data, filename)
    elif data.startswith(codecs.BOM_UTF8):
        decoded = _strict(data, "utf-8-sig", filename)
    elif b"\x00" in data:
        raise _nul_error(data, filename)
    else:
        decoded = _utf8_or_cp1252(data, filename)
    if not decoded.text.strip():
        raise CatalogError(f"{filename} is empty.", key="error-catalog-empty", filename=filename)
    if not looks_like_text(decoded.text):
        raise _binary_error(filename)
    return decoded


def looks_like_text(text: str) -> bool:
    """Mostly letters, digits, spaces and punctuation, and next to no control characters."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return True
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    if controls > max(1, len(sample) * _MAX_CONTROL_SHARE):
        return False
    textual = sum(1 for c in sample if c.isprintable() or c in _ALLOWED_CONTROLS)
    return textual >= len(sample) * _MIN_TEXT_SHARE


def _decode_utf16(data: bytes, filename: str) -> DecodedText:
    decoded = _strict(data, "utf-16", filename)
    if "\x00" in decoded.text:
        raise _binary_error(filename)
    return decoded


def _utf8_or_cp1252(data: bytes, filename: str) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise _encoding_error(filename) from None
    if not looks_like_text(text):
        raise _encoding_error(filename)
    log.debug("%s: not UTF-8; read as Windows-1252", filename)  # a name people chose: not at INFO
    return DecodedText(text, "Windows-1252")


def _strict(data: bytes, codec: str, filename: str) -> DecodedText:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise _encoding_error(filename) from None
    return DecodedText(text.removeprefix("\ufeff"), "UTF-16" if codec == "utf-16" else "UTF-8")


def _nul_error(data: bytes, filename: str) -> CatalogError:
    """UTF-16 without a BOM has NULs at every other byte; anything else with NULs is binary."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    for half in (even, odd):
        if half and half.count(0) >= len(half) * 0.8:
            return _encoding_error(filename, without_bom=True)
    return _binary_error(filename)


def _binary_error(filename: str) -> CatalogError:
    return CatalogError(f"{filename} is a binary file, not a CSV or text list of songs.",
                        key="error-catalog-binary", filename=filename)


def _encoding_error(filename: str, *, without_bom: bool = False) -> CatalogError:
    hint = " (UTF-16 needs a byte-order mark)" if without_bom else ""
    return CatalogError(
        f"{filename} is not UTF-8 or UTF-16 text{hint}: save it as UTF-8 and try again.",
        key="error-catalog-utf16-without-bom" if without_bom else "error-catalog-encoding",
        filename=filename,
    )
