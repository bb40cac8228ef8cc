"""The benchmark of issue #4 in small: 200,000 synthetic tracks, the seeded query mix, and the
quality targets only — rank-1 recall on typos, and agreement with an exhaustive scan. Never a
time: `bench/lookup_latency.py` and `bench/full_scale.py` measure those.

Select it alone with `pytest -m smoke`; it also runs in the default `pytest` (CI).
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.config import load_config
from bot.datasets.manifest import load_manifest
from bot.devtools import exhaustive
from bot.devtools.benchmark import LookupBenchmark, artists_for, run_benchmark
from bot.devtools.synth import FORMATS, write_corpus
from bot.index.builder import build_index
from bot.index.schema import NameKind
from bot.search.scoring import popularity_bonus, rank_key, similarity
from bot.search.searcher import Searcher
from bot.text.normalize import normalize_name, normalize_title

pytestmark = pytest.mark.smoke

TRACKS = 200_000
SEED = 4
QUERIES = 1000
AGREEMENT_QUERIES = 300


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    out = tmp_path_factory.mktemp("smoke-corpus")
    summary = write_corpus(out, TRACKS, ["all"], seed=SEED, n_artists=artists_for(TRACKS))
    assert summary.config_path is not None
    config = load_config(summary.config_path)
    report = build_index(config, load_manifest(config.manifest_path))
    assert {d.id for d in report.datasets if d.status == "built"} == {
        summary.dataset_id(f) for f in FORMATS}
    assert report.tracks > 0.99 * TRACKS
    return Searcher.open(config)


@pytest.fixture(scope="module")
def bench(searcher: Searcher) -> LookupBenchmark:
    result = run_benchmark(searcher, queries=QUERIES, baseline_queries=50,
                           agreement_queries=AGREEMENT_QUERIES, seed=SEED)
    print(result.table())
    return result


def test_the_whole_mix_ran(bench: LookupBenchmark) -> None:
    assert len(bench.artist.ms) == len(bench.suggest.ms) == QUERIES
    assert len(bench.song.ms) == len(bench.song_with_artist.ms) == QUERIES
    assert bench.typo_recall.total > 0.4 * QUERIES
    assert bench.artist_agreement.total == bench.song_agreement.total == AGREEMENT_QUERIES


def test_rank_one_recall_on_typo_queries(bench: LookupBenchmark) -> None:
    assert bench.typo_recall.value >= 0.95, bench.typo_recall


def test_the_index_loses_nothing_against_an_exhaustive_scan(bench: LookupBenchmark) -> None:
    assert bench.artist_agreement.value >= 0.98, bench.disagreements
    assert bench.song_agreement.value >= 0.98, bench.disagreements


def test_the_exhaustive_scan_ranks_as_the_scalar_scorer_does(
    searcher: Searcher, bench: LookupBenchmark
) -> None:
    """The yardstick itself: vectorized scan == `rank_key` over every name, ties by rank."""
    conn = exhaustive.open_index(searcher.reader.path)
    artists = exhaustive.load_names(conn, NameKind.ARTIST)
    titles = exhaustive.load_names(conn, NameKind.TITLE)
    largest_song = exhaustive.best_song_tracks(conn, titles).tolist()
    conn.close()
    song_bonus = exhaustive.bonuses(np.array(largest_song))
    for text in bench.artist_texts[:4]:
        query = normalize_name(text)
        scalar = max(range(len(artists)), key=lambda r, q=query: (
            rank_key(q, artists.norms[r], int(artists.tracks[r])), -r))
        assert exhaustive.best_name(query, artists) == scalar, text
        song_query = normalize_title(text)
        scalar = min(range(len(titles)), key=lambda r, q=song_query: (
            -(round(similarity(q, titles.norms[r]), 1) + popularity_bonus(largest_song[r])),
            -rank_key(q, titles.norms[r], int(titles.tracks[r])), r))
        assert exhaustive.best_song_title(song_query, titles, song_bonus) == scalar, text
