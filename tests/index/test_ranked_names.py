"""Scoring from the in-memory name arrays gives the same answers as reading every candidate's
row, and indexes built before the arrays existed still answer."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.config import load_config
from bot.datasets.manifest import load_manifest
from bot.devtools.queries import artist_queries
from bot.devtools.synth import write_corpus
from bot.index.builder import build_index
from bot.index.reader import IndexReader
from bot.index.schema import NameKind
from bot.search.searcher import Searcher


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("ranked")
    write_corpus(out, 20_000, ["all"], seed=11)
    config = load_config(out / "config.yaml")
    build_index(config, load_manifest(config.manifest_path))
    without = out / "without-arrays.sqlite"
    shutil.copy(config.index_path, without)
    conn = sqlite3.connect(without)
    removed = conn.execute("DELETE FROM meta WHERE key LIKE '%\\_norm%' ESCAPE '\\' "
                           "OR key IN ('artists_tracks', 'titles_tracks')").rowcount
    conn.commit()
    conn.close()
    assert removed == 6
    return config.index_path, without


def test_the_arrays_hold_every_name_in_rank_order(indexes: tuple[Path, Path]) -> None:
    reader = IndexReader(indexes[0])
    conn = sqlite3.connect(indexes[0])
    for kind in NameKind:
        rows = conn.execute(f"SELECT rank, norm, tracks FROM {kind.table} ORDER BY rank").fetchall()
        names = reader.ranked_names(kind)
        assert names is not None
        assert names.norms([rank for rank, _, _ in rows]) == [norm for _, norm, _ in rows]
        assert names.tracks.tolist() == [tracks for _, _, tracks in rows]
    assert IndexReader(indexes[1]).ranked_names(NameKind.ARTIST) is None


def test_lookups_agree_with_and_without_the_arrays(indexes: tuple[Path, Path]) -> None:
    fast, slow = (Searcher(IndexReader(path)) for path in indexes)
    conn = sqlite3.connect(indexes[0])
    artists = [row[0] for row in conn.execute("SELECT name FROM artists ORDER BY rank")]
    titles = [row[0] for row in conn.execute("SELECT name FROM titles ORDER BY rank LIMIT 300")]
    queries = [q.text for q in artist_queries(artists, seed=4, count=150)]
    for query in queries:
        assert fast.lookup_artist(query) == slow.lookup_artist(query), query
        assert (fast.suggest(NameKind.ARTIST, query[:5])
                == slow.suggest(NameKind.ARTIST, query[:5])), query
    for title, artist in zip(titles, queries, strict=False):
        assert fast.lookup_song(title) == slow.lookup_song(title), title
        assert fast.lookup_song(title[:-1], artist=artist) == slow.lookup_song(
            title[:-1], artist=artist), title
