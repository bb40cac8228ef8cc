"""Query mixes for quality tests and benchmarks: names as people mistype them.

Deterministic for a seed, so a recall figure can be asserted and compared across runs.
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.text.normalize import normalize_name

QueryKind = Literal["exact", "typo1", "typo2", "no-accents", "the-moved", "prefix", "absent"]


@dataclass(frozen=True, slots=True)
class Query:
    """A query and the normalized name it should find (None: it should find nothing)."""

    text: str
    kind: QueryKind
    expected: str | None


def known_artists(index: Path, count: int = 200_000) -> list[str]:
    """The `count` best-known artist names of an index, most tracks first (query material)."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    try:
        return [str(name) for (name,) in conn.execute(
            "SELECT name FROM artists ORDER BY rank LIMIT ?", (count,))]
    finally:
        conn.close()


def misspell(name: str, rng: random.Random, edits: int) -> str:
    """Apply `edits` random single-character edits: substitute, delete, insert or swap.

    Edits land on letters away from the first one, as typos mostly do; names too short to
    take them are returned unchanged.
    """
    chars = list(name)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(edits):
        positions = [i for i, c in enumerate(chars) if c.isalpha() and i > 0]
        if len(positions) < 2:
            break
        i = rng.choice(positions)
        operation = rng.choice(("substitute", "delete", "insert", "swap"))
        if operation == "substitute":
            chars[i] = rng.choice([c for c in letters if c != chars[i].lower()])
        elif operation == "delete":
            del chars[i]
        elif operation == "insert":
            chars.insert(i, rng.choice(letters))
        elif i + 1 < len(chars) and chars[i + 1] != chars[i]:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            chars[i] = rng.choice([c for c in letters if c != chars[i].lower()])
    return "".join(chars)


def strip_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def artist_queries(names: list[str], seed: int, count: int) -> list[Query]:
    """A mix over the given indexed display names, spread evenly over the query kinds.

    Typos are made only on names whose key has at least 6 letters (two typos: 9), since a
    two-letter name with a typo is another name.
    """
    rng = random.Random(seed)
    usable = [n for n in names if len(normalize_name(n)) >= 6 and normalize_name(n).isascii()]
    queries: list[Query] = []
    while len(queries) < count and usable:
        name = rng.choice(usable)
        key = normalize_name(name)
        kind: QueryKind = rng.choice(("typo1", "typo1", "typo2", "prefix", "no-accents", "exact"))
        if kind == "typo1":
            text = misspell(name, rng, 1)
        elif kind == "typo2" and len(key) >= 9:
            text = misspell(name, rng, 2)
        elif kind == "prefix":
            text = name[: max(5, int(len(name) * 0.7))]
        elif kind == "no-accents":
            text = strip_accents(name).lower()
        else:
            kind, text = "exact", name
        if normalize_name(text) and (kind != "typo1" or normalize_name(text) != key):
            queries.append(Query(text, kind, key))
    return queries


# Letters and syllables rare in names of any script the corpora use: what comes out reads like
# a name but is no indexed one.
_ABSENT_ONSETS = ("qu", "zw", "xh", "kv", "jy", "vr", "zd", "qo", "wx", "fj")
_ABSENT_VOWELS = ("y", "u", "oy", "ei", "ix", "uz")


def absent_queries(seed: int, count: int) -> list[Query]:
    """Made-up two-word names that should find nothing ("Quzwoy Kvjyix")."""
    rng = random.Random(seed)
    queries: list[Query] = []
    for _ in range(count):
        words = [
            "".join(rng.choice(_ABSENT_ONSETS) + rng.choice(_ABSENT_VOWELS)
                    for _ in range(rng.randint(2, 3))).capitalize()
            for _ in range(2)
        ]
        queries.append(Query(" ".join(words), "absent", None))
    return queries
