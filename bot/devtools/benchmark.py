"""The lookup benchmark: a seeded query mix through `Searcher`, against brute force and a full scan.

The baseline is brute-force WRatio over every artist name; the exhaustive scan scores every
name with Searcher's own scorer, to check that the candidate index loses no rank-1 answer.

Shared by `bench/lookup_latency.py`, `bench/full_scale.py` and the CI smoke test; the test
asserts only the quality figures (recall, agreement), never a time. Latencies are measured in
process, after start-up, one query at a time.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec

import numpy as np
from rapidfuzz import fuzz, process

from bot.devtools import exhaustive
from bot.devtools.exhaustive import RankedNames
from bot.devtools.queries import absent_queries, artist_queries, misspell
from bot.index.schema import NameKind
from bot.search.results import LookupResult, Match
from bot.search.searcher import Searcher
from bot.text.normalize import normalize_name, normalize_title

SHOWN_DISAGREEMENTS = 10
P = ParamSpec("P")
# The shape of the full-scale benchmark (issue #4): 21M tracks with about 2.5M distinct artist
# names in the index. The generator draws credits from `artists` with Zipf popularity, so only
# part of them are credited; 5.4M drawn gives ~2.23M credited (counted by simulating the draws)
# plus ~0.27M "A & B" group credits, which the index keeps whole as well.
FULL_SCALE_TRACKS = 21_000_000
FULL_SCALE_ARTISTS = 5_400_000


def artists_for(tracks: int) -> int:
    """Artists to draw from for a corpus of `tracks` shaped like the full-scale one."""
    return max(1, round(tracks * FULL_SCALE_ARTISTS / FULL_SCALE_TRACKS))


@dataclass(frozen=True, slots=True)
class Share:
    """`hits` of `total` queries."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f}"


@dataclass(frozen=True, slots=True)
class SongQuery:
    """A published title with one typo, and the song it was taken from."""

    text: str
    title: str
    artist: str
    artist_typo: str


@dataclass(slots=True)
class Timings:
    """Milliseconds per query of one measure."""

    label: str
    ms: list[float] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0

    @property
    def p50(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def p99(self) -> float:
        return self.percentile(0.99)

    def timed(self, call: Callable[P, LookupResult], *args: P.args,
              **kwargs: P.kwargs) -> LookupResult:
        """`call(*args, **kwargs)`, its time recorded."""
        started = time.perf_counter()
        result = call(*args, **kwargs)
        self.ms.append((time.perf_counter() - started) * 1000)
        return result


@dataclass(slots=True)
class LookupBenchmark:
    """Everything one run measured; `table()` prints it."""

    artist_names: int
    title_names: int
    artist: Timings
    typo: Timings
    absent: Timings
    song: Timings
    song_with_artist: Timings
    suggest: Timings
    baseline: Timings
    scan_artist: Timings
    scan_song: Timings
    recall: Share
    typo_recall: Share
    absent_not_found: Share
    title_recall: Share
    song_recall: Share
    baseline_recall: Share
    artist_agreement: Share
    song_agreement: Share
    speedup: float
    disagreements: list[str]
    artist_texts: list[str]  # the artist mix, for measuring from outside (`lookup --batch`)

    def table(self) -> str:
        """One Markdown table: latencies, quality, agreement and the speed-up."""
        rows = [
            (self.artist, f"recall@1 {self.recall}"),
            (self.typo, f"recall@1 {self.typo_recall}"),
            (self.absent, f"not found {self.absent_not_found}"),
            (self.song, f"right title@1 {self.title_recall}"),
            (self.song_with_artist, f"right song@1 {self.song_recall}"),
            (self.suggest, ""),
            (self.baseline, f"recall@1 {self.baseline_recall}"),
            (self.scan_artist, f"rank-1 equal to the index's {self.artist_agreement} "
                               f"({self.artist_agreement.hits}/{self.artist_agreement.total})"),
            (self.scan_song, f"rank-1 title equal to the index's {self.song_agreement} "
                             f"({self.song_agreement.hits}/{self.song_agreement.total})"),
        ]
        lines = ["| measure | queries | p50 ms | p95 ms | p99 ms | result |",
                 "|---|---:|---:|---:|---:|---|"]
        for timings, result in rows:
            lines.append(f"| {timings.label} | {len(timings.ms)} | {timings.p50:.2f} | "
                         f"{timings.p95:.2f} | {timings.p99:.2f} | {result} |")
        lines.append(f"| speed-up over the baseline, same {len(self.baseline.ms)} artist queries "
                     f"(mean latency) | {len(self.baseline.ms)} | | | | {self.speedup:.0f}× |")
        return "\n".join(lines)


@dataclass(slots=True)
class _Corpus:
    artists: RankedNames
    titles: RankedNames
    song_bonus: np.ndarray  # per title: popularity bonus of its largest song
    songs: list[tuple[str, str]]  # (title as published, lead artist) of sampled tracks


def run_benchmark(
    searcher: Searcher,
    queries: int = 1000,
    baseline_queries: int = 100,
    agreement_queries: int | None = None,
    seed: int = 1,
) -> LookupBenchmark:
    """Time the seeded mix through `searcher`, then the baseline and the exhaustive scans.

    The baseline (WRatio over every artist name) runs on the first `baseline_queries` artist
    queries; the exhaustive scans on the first `agreement_queries` (default: as many) artist
    and song queries.
    """
    agreement_queries = baseline_queries if agreement_queries is None else agreement_queries
    corpus = _load(searcher, queries)
    rng = random.Random(seed)
    mix = artist_queries(corpus.artists.names, seed=seed, count=queries)
    absent = absent_queries(seed, max(1, queries // 10))
    picked = rng.sample(corpus.songs, min(len(corpus.songs), queries))
    songs = [SongQuery(misspell(title, rng, 1), title, artist, misspell(artist, rng, 1))
             for title, artist in picked]

    artist, typo = Timings("artist lookup (mix)"), Timings("artist lookup, typo queries only")
    hits = typo_hits = 0
    artist_tops: list[int | None] = []
    for query in mix:
        result = artist.timed(searcher.lookup_artist, query.text, limit=1)
        top = _top(result)
        hit = top is not None and normalize_name(top.name) == query.expected
        hits += hit
        if query.kind.startswith("typo"):
            typo.ms.append(artist.ms[-1])
            typo_hits += hit
        artist_tops.append(None if top is None else top.key.artist_id)

    absent_time = Timings("artist lookup, absent names")
    not_found = sum(
        not absent_time.timed(searcher.lookup_artist, query.text, limit=1).found
        for query in absent
    )

    song, with_artist = Timings("song lookup, title with 1 typo"), Timings(
        "song lookup + artist, 1 typo each")
    title_hits = song_hits = 0
    song_tops: list[int | None] = []
    for song_query in songs:
        result = song.timed(searcher.lookup_song, song_query.text, limit=1)
        top = _top(result)
        title_hits += top is not None and _same_title(top.name, song_query.title)
        song_tops.append(None if top is None else top.key.title_id)
    for song_query in songs:
        result = with_artist.timed(searcher.lookup_song, song_query.text,
                                   artist=song_query.artist_typo, limit=1)
        top = result.matches[0] if result.matches else None
        song_hits += top is not None and _same_title(top.name, song_query.title) and (
            normalize_name(top.artists[0]) == normalize_name(song_query.artist))

    suggest = Timings("autocomplete (artist prefix)")
    for query in mix:
        prefix = query.text[: rng.randint(2, max(2, min(8, len(query.text))))]
        started = time.perf_counter()
        searcher.suggest(NameKind.ARTIST, prefix)
        suggest.ms.append((time.perf_counter() - started) * 1000)

    baseline = Timings(f"baseline: `extractOne(WRatio)` over {len(corpus.artists):,} names")
    base_hits = 0
    for query in mix[:baseline_queries]:
        started = time.perf_counter()
        best = process.extractOne(normalize_name(query.text), corpus.artists.norms,
                                  scorer=fuzz.WRatio)
        baseline.ms.append((time.perf_counter() - started) * 1000)
        base_hits += best is not None and best[0] == query.expected
    same = artist.ms[: len(baseline.ms)]
    speedup = statistics.mean(baseline.ms) / statistics.mean(same) if baseline.ms else 0.0

    disagreements: list[str] = []
    scan_artist = Timings(f"exhaustive scan, same scorer, {len(corpus.artists):,} artists")
    artist_agree = _agreement(
        [(q.text, normalize_name(q.text)) for q in mix[:agreement_queries]], artist_tops,
        lambda norm: exhaustive.best_name(norm, corpus.artists), corpus.artists, scan_artist,
        disagreements,
    )
    scan_song = Timings(f"exhaustive scan, same scorer, {len(corpus.titles):,} titles")
    song_agree = _agreement(
        [(q.text, normalize_title(q.text)) for q in songs[:agreement_queries]], song_tops,
        lambda norm: exhaustive.best_song_title(norm, corpus.titles, corpus.song_bonus),
        corpus.titles, scan_song, disagreements,
    )
    typos = sum(q.kind.startswith("typo") for q in mix)
    return LookupBenchmark(
        artist_names=len(corpus.artists), title_names=len(corpus.titles), artist=artist,
        typo=typo, absent=absent_time, song=song, song_with_artist=with_artist, suggest=suggest,
        baseline=baseline, scan_artist=scan_artist, scan_song=scan_song,
        recall=Share(hits, len(mix)), typo_recall=Share(typo_hits, typos),
        absent_not_found=Share(not_found, len(absent)),
        title_recall=Share(title_hits, len(songs)), song_recall=Share(song_hits, len(songs)),
        baseline_recall=Share(base_hits, len(baseline.ms)),
        artist_agreement=artist_agree, song_agreement=song_agree, speedup=speedup,
        disagreements=disagreements, artist_texts=[q.text for q in mix],
    )


def _agreement(
    queries: list[tuple[str, str]],
    index_tops: list[int | None],
    scan: Callable[[str], int | None],
    names: RankedNames,
    timings: Timings,
    disagreements: list[str],
) -> Share:
    """How many of `queries` get the same rank-1 id from the index and from the scan."""
    agree = total = 0
    for (text, norm), index_top in zip(queries, index_tops, strict=False):
        if not norm:
            continue  # nothing to score: the searcher answers nothing either
        started = time.perf_counter()
        rank = scan(norm)
        timings.ms.append((time.perf_counter() - started) * 1000)
        expected = None if rank is None else names.ids[rank]
        total += 1
        if expected == index_top:
            agree += 1
        elif len(disagreements) < SHOWN_DISAGREEMENTS:
            found = "nothing" if index_top is None else repr(_name_of(names, index_top))
            wanted = "nothing" if rank is None else repr(names.names[rank])
            disagreements.append(f"{text!r}: index {found}, exhaustive scan {wanted}")
    return Share(agree, total)


def _name_of(names: RankedNames, name_id: int) -> str:
    try:
        return names.names[names.ids.index(name_id)]
    except ValueError:
        return f"id {name_id}"


def _top(result: LookupResult) -> Match | None:
    """Rank 1 of a lookup, above the threshold or not."""
    best = result.matches or result.near_misses
    return best[0] if best else None


def _same_title(found: str, wanted: str) -> bool:
    return normalize_title(found) == normalize_title(wanted)


def _load(searcher: Searcher, queries: int) -> _Corpus:
    """Names, titles and a spread sample of tracks (for song queries) from the index file."""
    conn = exhaustive.open_index(searcher.reader.path)
    try:
        artists = exhaustive.load_names(conn, NameKind.ARTIST)
        titles = exhaustive.load_names(conn, NameKind.TITLE)
        song_bonus = exhaustive.bonuses(exhaustive.best_song_tracks(conn, titles))
        last = conn.execute("SELECT MAX(id) FROM tracks").fetchone()[0] or 0
        wanted = 5 * queries
        step = max(1, last // wanted)
        songs = conn.execute(
            "SELECT t.title, a.name FROM tracks t JOIN artists a ON a.id = t.lead_artist_id "
            "WHERE t.id % ? = 0 ORDER BY t.id LIMIT ?", (step, wanted),
        ).fetchall()
    finally:
        conn.close()
    return _Corpus(artists, titles, song_bonus, [(t, a) for t, a in songs])
