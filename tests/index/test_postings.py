"""The vectorized postings writer stores exactly the grams `bot.text.grams` gives a query."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np

from bot.index.postings import PostingsWriter, decode_ranks
from bot.text.grams import grams

NAMES = [
    "a", "ab", "abc", "aaaa", "aaaaaaaa", "the velvet lanterns", "sigur ros", "björk",
    "坂本龍一", "한국 가수", "мумий тролль", "🎵🎵 ok", "𝄞 clef", "x" * 70, "ab" * 40,
    "ﬁne ligature", "a b c d e f g",
]


def written(names: list[str], tmp_path: Path, chunk: int, buffer_pairs: int) -> tuple[
    dict[str, list[int]], list[int]
]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE g(gram TEXT NOT NULL, ranks BLOB NOT NULL)")  # rowid: as written
    writer = PostingsWriter(tmp_path, buffer_pairs=buffer_pairs)
    for start in range(0, len(names), chunk):
        writer.add(names[start : start + chunk])
    writer.write(conn, "g")
    stored = {gram: decode_ranks(blob).tolist() for gram, blob in conn.execute(
        "SELECT gram, ranks FROM g ORDER BY rowid")}
    return stored, writer.gram_counts.tolist()


def expected(names: list[str]) -> tuple[dict[str, list[int]], list[int]]:
    lists: dict[str, list[int]] = {}
    for rank, name in enumerate(names):
        for gram in grams(name):
            lists.setdefault(gram, []).append(rank)
    return lists, [min(len(grams(name)), 255) for name in names]


def test_every_gram_of_every_name_in_rank_order(tmp_path: Path) -> None:
    stored, counts = written(NAMES, tmp_path, chunk=5, buffer_pairs=20)
    assert (stored, counts) == expected(NAMES)


def test_many_names_across_chunks_and_runs(tmp_path: Path) -> None:
    rng = random.Random(5)
    alphabet = "abcdefghijklmnopqrstuvwxyz  éøß日本🎸"
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80))).strip() or "z"
             for _ in range(3_000)]
    stored, counts = written(names, tmp_path, chunk=700, buffer_pairs=10_000)
    reference, reference_counts = expected(names)
    assert counts == reference_counts
    assert stored == reference
    # Lists are ascending and rows are stored in gram order, as the search reads them.
    assert all(np.all(np.diff(ranks) > 0) for ranks in stored.values())
    assert list(stored) == sorted(stored)
