"""The scorer: typos, prefixes, word order, and no short-name trap."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from bot.search.scoring import popularity_bonus, rank_key, similarity
from bot.text.normalize import normalize_name

N = normalize_name


def best(query: str, names: list[str], tracks: dict[str, int] | None = None) -> str:
    tracks = tracks or {}
    return max(names, key=lambda n: rank_key(N(query), N(n), tracks.get(n, 1)))


NAMES = ["Radiohead", "Radio", "Ed", "Head", "Radiohearts", "The Beatles", "Beat", "Björk",
         "Bjarke", "Sigur Rós", "Simon & Garfunkel", "Simon", "Garfunkel", "AC/DC", "ABBA"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("radiohead", "Radiohead"),
        ("radiohed", "Radiohead"),  # one typo
        ("raidohead", "Radiohead"),  # transposition
        ("radioheda", "Radiohead"),
        ("radioh", "Radiohead"),  # a prefix, as typed into autocomplete
        ("beatles", "The Beatles"),  # "The" dropped
        ("beatles, the", "The Beatles"),  # "The" moved
        ("the beatels", "The Beatles"),
        ("bjork", "Björk"),  # missing accent
        ("sigur ros", "Sigur Rós"),
        ("simon and garfunkel", "Simon & Garfunkel"),
        ("garfunkel simon", "Simon & Garfunkel"),  # word order
        ("acdc", "AC/DC"),
    ],
)
def test_intended_name_ranks_first(query: str, expected: str) -> None:
    assert best(query, NAMES) == expected


def test_short_names_inside_the_query_do_not_win() -> None:
    # WRatio gives 90 to "ed", "hed" and "radio" for "radiohed": close to the 94 of the
    # intended name, so popularity or noise decides. The scorer keeps them far apart.
    for short in ("ed", "hed", "radio"):
        assert fuzz.WRatio("radiohed", short) == 90
        assert similarity("radiohed", short) < similarity("radiohed", "radiohead") - 15


def test_exact_match_beats_prefix_and_prefix_beats_nothing() -> None:
    assert similarity("radio", "radio") == 100
    assert 80 < similarity("radio", "radiohead") < 100
    assert similarity("radiohead", "radio") < 75


def test_popularity_breaks_ties_but_never_beats_a_closer_spelling() -> None:
    assert popularity_bonus(0) == 0
    assert popularity_bonus(10**9) == pytest.approx(1.5)
    # Equally close spellings: the artist with more tracks first.
    assert best("radiohxad", ["Radiohead", "Radiohxyd"], {"Radiohead": 5000}) == "Radiohead"
    # A one-letter-closer spelling wins over 100,000 tracks.
    assert best("radiohed", ["Radiohead", "Radioheat"], {"Radioheat": 100_000}) == "Radiohead"


def test_scores_stay_within_0_and_100() -> None:
    for query in ("a", "radiohead", "x" * 80):
        for name in NAMES:
            assert 0 <= similarity(N(query), N(name)) <= 100


def test_vectorized_similarities_equal_the_scalar_formula() -> None:
    import random

    from bot.search.scoring import similarities

    rng = random.Random(5)
    words = ["radio", "head", "radiohead", "beatles", "the", "simon", "and", "garfunkel",
             "bjork", "ab", "a", "radiohed", "sigur ros", "ac dc", "x" * 30]
    names = [" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(2000)]
    for query in ["radiohed", "ra", "r", "simon garfunkel", "the beatles", "radiohead", "sigur"]:
        vector = similarities(query, names)
        assert [similarity(query, name) for name in names] == vector.tolist()
