"""Character trigrams: the key of the candidate index, shared by the builder and the search.

Names are padded at the start only, so a query typed as a prefix (autocomplete) shares all
its grams with the full name, and the grams of a one- or two-letter query are the postings
of names that start with those letters.
"""

from __future__ import annotations

PAD = "\x02\x02"
MAX_CHARS = 64  # longer names are matched on their first 64 characters


def grams(norm: str) -> list[str]:
    """Distinct trigrams of a normalized name, in order of first appearance."""
    padded = PAD + norm[:MAX_CHARS]
    return list(dict.fromkeys(padded[i : i + 3] for i in range(len(padded) - 2)))
