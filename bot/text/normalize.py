"""Matching keys for artist names and song titles, and the cleaned form shown to people.

Keys are only compared, never displayed: the original text is kept beside them. Index builds
call the normalizers tens of millions of times, so regexes are compiled once, character work
goes through `str.translate`, pure-ASCII text skips `unicodedata`, and results are cached.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_CACHE_SIZE = 65_536  # bounded: builds stream tens of millions of names
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Control characters that are really line or column breaks become a space, not nothing,
# so "A\nB" never glues into "AB".
_BREAKING_CONTROLS = "\t\n\v\f\r\x85"
_APOSTROPHES = "'’ʼ`‘"


def _invisible_table() -> dict[int, str | None]:
    """Delete controls, zero-width and bidi characters; breaking controls become spaces."""
    table: dict[int, str | None] = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])
    table.update(dict.fromkeys(map(ord, _ZERO_WIDTH + _BIDI_CONTROLS)))
    table.update(dict.fromkeys(map(ord, _BREAKING_CONTROLS), " "))
    return table


_INVISIBLE = _invisible_table()


class _DisplayTable(dict[int, str | None]):
    """_INVISIBLE, plus every other format character (Unicode category Cf), classified lazily.

    Format characters are invisible by definition: the Arabic letter mark (a bidi control),
    soft hyphens, tag characters (which can smuggle hidden ASCII text) and the rest of them,
    with no list to keep up to date. Only display text: keys keep their own table.
    """

    def __missing__(self, code_point: int) -> str | None:
        value = None if unicodedata.category(chr(code_point)) == "Cf" else chr(code_point)
        self[code_point] = value
        return value


_SHOWN = _DisplayTable(_INVISIBLE)
# Keys also drop the soft hyphen, and read the acute accent as an apostrophe ("Don´t"),
# because NFKC would otherwise turn it into a space plus a combining mark.
_KEY_INVISIBLE: dict[int, str | None] = {**_INVISIBLE, 0xAD: None, 0xB4: "'"}
# Letters that NFKD does not decompose but that people type without the stroke or ligature.
_LETTER_FOLDS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "đ": "d", "ł": "l", "þ": "th",
                               "ı": "i"})


class _KeyTable(dict[int, str | None]):
    """Punctuation and symbols (P*, S*) become a space, classified lazily per code point.

    A full table would mean classifying all of Unicode at import; `str.translate` looks keys
    up through `__getitem__`, so each code point is classified once, the first time it is seen.
    """

    def __missing__(self, code_point: int) -> str | None:
        char = chr(code_point)
        value = " " if unicodedata.category(char)[0] in "PS" else char
        self[code_point] = value
        return value


_KEY_TABLE = _KeyTable(dict.fromkeys(map(ord, _APOSTROPHES)))
_KEY_TABLE.update({ord("&"): "&", ord("+"): "+"})  # kept for the " and " rule

_TOPIC_SUFFIX = re.compile(r"\s+-\s+topic\s*$", re.IGNORECASE)
_INNER_PERIOD = re.compile(r"(?<=\w)\.(?=\w)")
_AMPERSAND = re.compile(r"(?<=[^\s&+])\s*[&+]\s*(?=[^\s&+])")
_TRAILING_THE = re.compile(r"(?<=\S)\s*,\s*the\s*$")
_LEADING_THE = re.compile(r"^\s*the\s+(?=\S)")
_SEPARATOR_TAIL = re.compile(r"(?<=\S)\s*(?:\||//).*$", re.DOTALL)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_INLINE_FEAT = re.compile(r"(?<=\S)[\s(\[{]+(?:featuring|feat|ft)(?:\.|\b).*$", re.DOTALL)
# Greedy head: the match splits at the last dash, so suffixes are peeled from the end.
_DASH_TAIL = re.compile(r"(.*\S)\s+[-‐‑‒–—―−]\s+(.*)$", re.DOTALL)
_TITLE_NOISE = re.compile(
    r"\b(?:remaster(?:ed)?|radio edit|edit|version|mix|remix|mono|stereo|single"
    r"|acoustic|demo|instrumental|official|video|audio|lyrics?|explicit|clean|bonus track"
    r"|(?:19|20)\d\d)\b"
)
# "Live" is a note only alone or as "live at/in/from ..." ("Oasis - Live Forever" is a song).
_LIVE_NOTE = re.compile(r"^\s*live(?:\s+(?:at|in|from|on|session|recording)\b.*)?\s*$", re.DOTALL)


def clean_display(text: str, max_len: int = 300) -> str:
    """Make text safe to show: no invisible or control characters, one-line, bounded length."""
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    if len(text) <= max_len and text.isprintable() and "  " not in text and text == text.strip():
        return text  # nothing to remove: the common case, kept cheap
    cleaned = " ".join(text.translate(_SHOWN).split())
    if len(cleaned) > max_len:
        return cleaned[: max_len - 1].rstrip() + "…"
    return cleaned


def strip_topic_suffix(text: str) -> str:
    """Drop YouTube's auto-generated " - Topic" channel suffix ("Björk - Topic" is Björk)."""
    if "topic" not in text[-16:].casefold():
        return text
    return _TOPIC_SUFFIX.sub("", text)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalize_name(text: str) -> str:
    """Key for an artist name: "The Beatles", "Beatles, The" and "beatles" all match."""
    folded = _fold(strip_topic_suffix(text))
    key = _finish(_drop_article(folded))
    if not key:  # "The !!!": the article was all there was to keep
        key = _finish(folded)
    return key or _fallback(text)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalize_title(text: str) -> str:
    """Key for a song title, without version notes, featured credits or channel noise."""
    folded = _fold(text)
    key = _finish(_strip_title_noise(folded))
    if not key:  # "(Intro)": the whole title was a note, so the note is the title
        key = _finish(folded)
    return key or _fallback(text)


def _fold(text: str) -> str:
    """Remove invisibles, apply NFKC and casefold, strip Latin/Greek/Cyrillic diacritics."""
    if text.isascii():
        if not text.isprintable():
            text = text.translate(_KEY_INVISIBLE)
        return text.lower()
    text = unicodedata.normalize("NFKC", text.translate(_KEY_INVISIBLE)).casefold()
    return _strip_marks(text).translate(_LETTER_FOLDS)


def _strip_marks(text: str) -> str:
    """Drop accents (and enclosing marks) of Latin, Greek and Cyrillic letters only.

    Marks carry meaning elsewhere (Devanagari vowel signs, Japanese dakuten, Arabic and
    Hebrew vowels), so they stay. Marks on punctuation, symbols or spaces (emoji variation
    selectors, keycaps) are dropped too, since their base becomes a space anyway.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    drop_nonspacing = drop_all = True  # a mark with no base at all is noise
    for char in decomposed:
        category = unicodedata.category(char)
        if category[0] == "M":
            if drop_all or (drop_nonspacing and category != "Mc"):
                continue
        else:
            code_point = ord(char)
            drop_nonspacing = code_point < 0x530 or 0x1E00 <= code_point <= 0x1FFF
            drop_all = category[0] in "PSZC"
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _finish(text: str) -> str:
    """Turn punctuation into word breaks, "&"/"+" into "and", and collapse whitespace."""
    if "." in text:
        text = _INNER_PERIOD.sub("", text)
    text = text.translate(_KEY_TABLE)
    if "&" in text or "+" in text:
        text = _AMPERSAND.sub(" and ", text).replace("&", " ").replace("+", " ")
    return " ".join(text.split())


def _fallback(text: str) -> str:
    """Key for text that is all punctuation or emoji ("!!!", "🎵🎵"): keep the symbols."""
    folded = unicodedata.normalize("NFKC", text.translate(_KEY_INVISIBLE)).casefold()
    return " ".join(folded.split())


def _drop_article(name: str) -> str:
    """Drop a leading "the " or a trailing ", the", the two ways catalogs file band names."""
    if "the" not in name:
        return name
    without_trailing = _TRAILING_THE.sub("", name)
    if without_trailing != name:
        return without_trailing
    return _LEADING_THE.sub("", name)


def _strip_title_noise(title: str) -> str:
    """Remove bracketed notes, featured credits, channel separators and version suffixes."""
    if "|" in title or "//" in title:
        title = _SEPARATOR_TAIL.sub("", title)
    while "(" in title or "[" in title or "{" in title:
        unbracketed = _BRACKETED.sub(" ", title)
        if unbracketed == title:  # only unbalanced brackets are left
            break
        title = unbracketed
    if "ft" in title or "feat" in title:
        title = _INLINE_FEAT.sub("", title)
    while match := _DASH_TAIL.match(title):
        if not (_TITLE_NOISE.search(match.group(2)) or _LIVE_NOTE.match(match.group(2))):
            break
        title = match.group(1)
    return title
