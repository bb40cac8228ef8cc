"""Checking every song of a catalog against the index, one song lookup per distinct row.

Synchronous and CPU-bound like the searcher it calls: the bot runs it in a worker thread and
passes a progress callback; the CLI draws a bar with the same callback.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.catalog.parse import CatalogRow
from bot.config import SearchSettings
from bot.search.results import LookupResult, Match
from bot.search.searcher import Searcher
from bot.search.verdict import Thresholds, Verdict
from bot.text.normalize import normalize_name, normalize_title

log = logging.getLogger(__name__)

RowStatus = Literal["found", "uncertain", "not found", "invalid"]
STATUSES: tuple[RowStatus, ...] = ("found", "uncertain", "not found", "invalid")
_STATUS_OF: dict[Verdict, RowStatus] = {
    Verdict.FOUND: "found", Verdict.UNCERTAIN: "uncertain", Verdict.NOT_FOUND: "not found",
}
STRONGEST = 10
PROGRESS_STEPS = 100  # report progress about every 1%
CHUNK_ROWS = 25  # rows looked up per task in a pool of processes

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BestMatch:
    """The song a catalog row matched: what to show and where the evidence is."""

    title: str
    artists: tuple[str, ...]
    datasets: tuple[tuple[str, int], ...]  # (dataset id, tracks), only datasets holding it
    link: str | None
    score: float
    lookup: LookupResult  # the searcher's answer, for an evidence export (export_match)

    @property
    def dataset_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self.datasets)


@dataclass(frozen=True, slots=True)
class RowResult:
    """One catalog row's outcome; `match` is None for rows not found or invalid."""

    row: CatalogRow
    status: RowStatus
    match: BestMatch | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class DatasetTally:
    """How many catalog rows one dataset holds, confidently and not."""

    id: str
    name: str
    demo: bool
    found: int
    uncertain: int


@dataclass(frozen=True, slots=True)
class CatalogReport:
    """Every row's outcome, in input order, and the index and thresholds they were judged by."""

    results: list[RowResult]
    index_built_at: str
    thresholds: Thresholds
    datasets: list[DatasetTally] = field(default_factory=list)

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def totals(self) -> dict[str, int]:
        """Rows, then one count per status."""
        return {"rows": len(self.results), **{s: self.count(s) for s in STATUSES}}

    def strongest(self, limit: int = STRONGEST) -> list[RowResult]:
        """The found rows with the highest scores, one per matched song."""
        found = [r for r in self.results if r.status == "found" and r.match is not None]
        found.sort(key=lambda r: (-_score(r), r.row.line))
        seen: set[tuple[str, tuple[str, ...]]] = set()
        best: list[RowResult] = []
        for result in found:
            assert result.match is not None
            key = (result.match.title, result.match.artists)
            if key not in seen:
                seen.add(key)
                best.append(result)
        return best[:limit]


def check_catalog(
    searcher: Searcher,
    rows: Sequence[CatalogRow],
    *,
    progress: Progress | None = None,
    processes: int = 0,
) -> CatalogReport:
    """Look every row up and judge it as a lookup is judged; identical rows are looked up once.

    With `processes`, the lookups run in that many child processes, each with the index open
    (the terminal uses every core); without, in the calling thread (the bot, so that a
    catalog does not slow other people's lookups).
    """
    total = len(rows)
    step = max(1, total // PROGRESS_STEPS)
    keys = [None if row.problem else _key(row) for row in rows]
    distinct: dict[tuple[str, str], CatalogRow] = {}  # the first row of each key is looked up
    for key, row in zip(keys, rows, strict=True):
        if key is not None:
            distinct.setdefault(key, row)
    looked_up = list(distinct.values())
    chunks = [looked_up[i : i + CHUNK_ROWS] for i in range(0, len(looked_up), CHUNK_ROWS)]
    verdicts: list[tuple[RowStatus, BestMatch | None]] = []
    done = total - len(distinct)
    if progress is not None and done:
        progress(done, total)
    with _judges(searcher, processes) as judge_all:
        for judged in judge_all(chunks):
            verdicts += judged
            before, done = done, done + len(judged)
            if progress is not None and (done // step > before // step or done == total):
                progress(done, total)
    by_key = dict(zip(distinct, verdicts, strict=True))
    results = [
        RowResult(row, "invalid", reason=row.problem) if key is None
        else RowResult(row, *by_key[key])
        for key, row in zip(keys, rows, strict=True)
    ]
    log.info("checked %d catalog rows (%d distinct lookups)", total, len(distinct))
    return CatalogReport(
        results=results,
        index_built_at=searcher.reader.built_at,
        thresholds=searcher.thresholds,
        datasets=_tallies(searcher, results),
    )


def _key(row: CatalogRow) -> tuple[str, str]:
    return normalize_name(row.artist) if row.artist else "", normalize_title(row.title)


Judge = Callable[[list[list[CatalogRow]]], Iterator[list[tuple[RowStatus, "BestMatch | None"]]]]


@contextmanager
def _judges(searcher: Searcher, processes: int) -> Iterator[Judge]:
    """Judges chunks of rows in order: here, or in a pool of processes."""
    if processes <= 0:
        yield lambda chunks: ([_judge(searcher, row) for row in chunk] for chunk in chunks)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_open_searcher,
                             initargs=(searcher.reader.path, searcher.settings)) as pool:
        yield lambda chunks: pool.map(_judge_chunk, chunks)


_process_searcher: Searcher | None = None


def _open_searcher(index: Path, settings: SearchSettings) -> None:
    global _process_searcher
    _process_searcher = Searcher.at(index, settings)


def _judge_chunk(rows: list[CatalogRow]) -> list[tuple[RowStatus, BestMatch | None]]:
    assert _process_searcher is not None, "the pool's initializer opens the searcher"
    return [_judge(_process_searcher, row) for row in rows]


def _judge(searcher: Searcher, row: CatalogRow) -> tuple[RowStatus, BestMatch | None]:
    """The row's verdict is the lookup's own: a row and the same song looked up always agree."""
    result = searcher.lookup_song(row.title, artist=row.artist or None, limit=1)
    verdict = result.verdict
    if verdict is Verdict.NOT_FOUND:
        return "not found", None
    return _STATUS_OF[verdict], _best_match(result.matches[0], result)


def _best_match(match: Match, lookup: LookupResult) -> BestMatch:
    holders = tuple((d.id, d.tracks) for d in match.datasets if d.tracks)
    link = next((s.url for s in match.samples if s.url), None)
    artists = match.artists or (match.samples[0].artists if match.samples else ())
    return BestMatch(match.name, artists, holders, link, match.score, lookup)


def _score(result: RowResult) -> float:
    return result.match.score if result.match is not None else 0.0


def _tallies(searcher: Searcher, results: list[RowResult]) -> list[DatasetTally]:
    found: dict[str, int] = {}
    uncertain: dict[str, int] = {}
    for result in results:
        if result.match is None:
            continue
        counts = found if result.status == "found" else uncertain
        for dataset_id in result.match.dataset_ids:
            counts[dataset_id] = counts.get(dataset_id, 0) + 1
    return [
        DatasetTally(d.id, d.name, d.demo, found.get(d.id, 0), uncertain.get(d.id, 0))
        for d in searcher.reader.datasets
    ]
