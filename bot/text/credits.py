"""Every credited artist of a track, from its credit strings and its title.

A search for "Garfunkel" should find tracks credited to "Simon & Garfunkel", and a search for
a featured singer should find the tracks they sing on; so a credit yields the whole group
name first and then each person in it, all as display names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.text.normalize import clean_display, normalize_name, strip_topic_suffix

_FEAT_WORD = r"(?:featuring|feat|ft|with)(?:\.|\b)"
# "A (feat. B)" is unwrapped to "A feat. B" so one inline split handles both spellings.
_BRACKETED_FEAT = re.compile(r"[(\[{]\s*(" + _FEAT_WORD + r"[^)\]}]*)[)\]}]", re.IGNORECASE)
# Whitespace (or an unclosed bracket) before the word: "With Confidence" is a band, not a split.
_INLINE_FEAT = re.compile(r"\s*[(\[{]\s*" + _FEAT_WORD + r"\s*|\s+" + _FEAT_WORD + r"\s*",
                          re.IGNORECASE)
_JOINER = r"\s(?:&|and|x|×|vs\.?|\+)\s"
# ", The" ending a name is a catalog's article ("Beatles, The"), not a second artist.
_ARTICLE_COMMA = r",(?=\s*the(?:\s*$|" + _JOINER + r"|\s*[,;/]))"
_GROUP_SEPARATOR = re.compile(
    r"\s*(?:(?!" + _ARTICLE_COMMA + r")[,;]\s*(?:(?:and|&)\s+)?|" + _JOINER + r")\s*",
    re.IGNORECASE,
)
_SLASH = re.compile(r"(\s*/\s*)")
_LONE_SEPARATOR = re.compile(r"(?:[&+,;/×]+|and|vs\.?)", re.IGNORECASE)
# In titles a bare "with" is too common a word ("Dancing with Myself"); only bracketed counts.
_TITLE_BRACKETED_FEAT = re.compile(
    r"[(\[{]\s*" + _FEAT_WORD + r"\s*([^)\]}]*)[)\]}]", re.IGNORECASE
)
_TITLE_INLINE_FEAT = re.compile(
    r"\s(?:featuring|feat|ft)(?:\.|\b)\s*(.+?)\s*(?=\s[-–—]\s|[(\[{|]|//|$)", re.IGNORECASE
)
_SHORT_SIDE = 2  # "AC/DC": a slash between such short parts is part of the name
# Fast paths, exact supersets of what the patterns above can split on.
_MAY_FEATURE = re.compile(r"\b(?:feat|ft|with)", re.IGNORECASE)
_PLAIN_CREDIT = re.compile(r"(?:(?!feat|ft|with|and\b|vs\b|x\b)[^\W\d_]|[ .'\-0-9])+",
                           re.IGNORECASE)


def split_credit(credit: str) -> list[str]:
    """Artists in one credit string: the main credit whole, its members, then featured ones."""
    return list(_split_credit(credit))


@lru_cache(maxsize=65_536)
def _split_credit(credit: str) -> tuple[str, ...]:
    """Cached: an artist's credit string repeats on every one of their tracks."""
    if "  " not in credit and _PLAIN_CREDIT.fullmatch(credit):
        name = _tidy(credit)
        return (name,) if name and normalize_name(name) else ()
    text = strip_topic_suffix(_clean(credit))
    text = _BRACKETED_FEAT.sub(lambda match: f" {match.group(1)} ", text)
    main, *featured = _INLINE_FEAT.split(text)
    names: list[str] = []
    main = _tidy(main)
    if main:
        names.append(main)
        names.extend(_group_members(main))
    for segment in featured:
        names.extend(_trim_brackets(name) for name in _group_members(segment))
    return tuple(_distinct(names))


def may_credit_in_title(title: str) -> bool:
    """False when a title certainly credits no artist: no "feat", "ft" or "with" in it."""
    return _MAY_FEATURE.search(title) is not None


def featured_in_title(title: str) -> list[str]:
    """Artists a title credits: "Song (feat. X & Y)" -> ["X", "Y"], "Song ft. X" -> ["X"]."""
    if not may_credit_in_title(title):
        return []
    text = _clean(title)
    segments = [match.group(1) for match in _TITLE_BRACKETED_FEAT.finditer(text)]
    remainder = _TITLE_BRACKETED_FEAT.sub(" ", text)
    segments.extend(match.group(1) for match in _TITLE_INLINE_FEAT.finditer(remainder))
    return _distinct(name for segment in segments for name in _group_members(segment))


def track_artists(credits: Sequence[str], title: str) -> list[str]:
    """All distinct artists of a track, lead artist first, featured-in-title ones last."""
    names = [name for credit in credits for name in split_credit(credit)]
    names.extend(featured_in_title(title))
    return _distinct(names)


def _clean(text: str) -> str:
    """Display-clean without truncating: a cut-off name is worse than a long one."""
    return clean_display(text, max_len=max(len(text), 1))


def _group_members(text: str) -> list[str]:
    """Split a group credit on "&", "and", ",", "x", "vs", "+", ";" and "/"."""
    members: list[str] = []
    for part in _GROUP_SEPARATOR.split(text):
        members.extend(_split_slashes(part))
    return [member for member in map(_tidy, members) if member]


def _split_slashes(text: str) -> list[str]:
    """Split on "/" unless a side is too short to be a name of its own ("AC/DC")."""
    pieces = _SLASH.split(text)
    parts = [pieces[0]]
    previous = pieces[0]
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if len(previous.strip()) <= _SHORT_SIDE or len(piece.strip()) <= _SHORT_SIDE:
            parts[-1] += separator + piece
        else:
            parts.append(piece)
        previous = piece
    return parts


def _tidy(name: str) -> str:
    """Strip stray separators and the " - Topic" suffix; "" for a lone separator."""
    name = strip_topic_suffix(name.strip(" ,;&"))
    return "" if _LONE_SEPARATOR.fullmatch(name) else name


def _trim_brackets(name: str) -> str:
    """Drop a bracket left unbalanced by splitting a featured credit: "B)" -> "B"."""
    for opening, closing in ("()", "[]", "{}"):
        if name.endswith(closing) and name.count(closing) > name.count(opening):
            name = name[:-1].rstrip()
        if name.startswith(opening) and name.count(opening) > name.count(closing):
            name = name[1:].lstrip()
    return name


def _distinct(names: Iterable[str]) -> list[str]:
    """Keep the first of names that share a matching key, and drop keyless ones."""
    seen: set[str] = set()
    kept: list[str] = []
    for name in names:
        key = normalize_name(name)
        if name and key and key not in seen:
            seen.add(key)
            kept.append(name)
    return kept
