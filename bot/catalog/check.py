"""Checking every song of a catalog against the index, one lookup per distinct row.

A row with a YouTube or Spotify id is matched on it exactly first (an index probe: the row
is found, "exact id", with the dataset rows named); name matching is the fallback.

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
from bot.search.results import LinkResult, LookupResult, Match
from bot.search.searcher import Searcher
from bot.search.verdict import Thresholds, Verdict
from bot.text.links import LinkId
from bot.text.normalize import normalize_name, normalize_title

log = logging.getLogger(__name__)

RowStatus = Literal["found", "uncertain", "not found", "invalid"]
MatchedBy = Literal["exact id", "name"]
EXACT_ID: MatchedBy = "exact id"
STATUSES: tuple[RowStatus, ...] = ("found", "uncertain", "not found", "invalid")
_STATUS_OF: dict[Verdict, RowStatus] = {
    Verdict.FOUND: "found", Verdict.UNCERTAIN: "uncertain", Verdict.NOT_FOUND: "not found",
}
STRONGEST = 10
PROGRESS_STEPS = 100  # report progress about every 1%
CHUNK_ROWS = 25  # rows looked up per task in a pool of processes
ROWS_NAMED = 10  # dataset rows named for a row found by its id

Progress = Callable[[int, int], None]
# A row's outcome but the row: status, match, reason, how it was matched (RowResult's order).
Judged = tuple[RowStatus, "BestMatch | None", str | None, MatchedBy]


@dataclass(frozen=True, slots=True)
class BestMatch:
    """The song a catalog row matched: what to show and where the evidence is."""

    title: str
    artists: tuple[str, ...]
    datasets: tuple[tuple[str, int], ...]  # (dataset id, tracks), only datasets holding it
    link: str | None
    score: float
    lookup: LookupResult | LinkResult  # the searcher's answer, for an evidence export
    rows: tuple[tuple[str, str | None], ...] = ()  # (dataset, row id) of an exact id's rows

    @property
    def dataset_ids(self) -> tuple[str, ...]:
        return tuple(d for d, _ in self.datasets)


@dataclass(frozen=True, slots=True)
class RowResult:
    """One catalog row's outcome; `match` is None for rows not found or invalid.

    `matched_by` says how it was looked up: by an exact id, or by name (None when invalid).
    """

    row: CatalogRow
    status: RowStatus
    match: BestMatch | None = None
    reason: str | None = None
    matched_by: MatchedBy | None = None


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

    @property
    def found_by_id(self) -> int:
        """Rows found by an exact YouTube or Spotify id rather than by name."""
        return sum(1 for r in self.results if r.status == "found" and r.matched_by == EXACT_ID)

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
    distinct: dict[RowKey, CatalogRow] = {}  # the first row of each key is looked up
    for key, row in zip(keys, rows, strict=True):
        if key is not None:
            distinct.setdefault(key, row)
    looked_up = list(distinct.values())
    chunks = [looked_up[i : i + CHUNK_ROWS] for i in range(0, len(looked_up), CHUNK_ROWS)]
    verdicts: list[Judged] = []
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


RowKey = tuple[str, str, tuple[LinkId, ...]]


def _key(row: CatalogRow) -> RowKey:
    artist = normalize_name(row.artist) if row.artist else ""
    return artist, normalize_title(row.title) if row.title else "", row.ids


Judge = Callable[[list[list[CatalogRow]]], Iterator[list[Judged]]]


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


def _judge_chunk(rows: list[CatalogRow]) -> list[Judged]:
    assert _process_searcher is not None, "the pool's initializer opens the searcher"
    return [_judge(_process_searcher, row) for row in rows]


def _judge(searcher: Searcher, row: CatalogRow) -> Judged:
    """The row's verdict is the lookup's own: a row and the same song looked up always agree.

    Its ids first, exactly; then its name, when it has one.
    """
    for link in row.ids:
        exact = searcher.lookup_link(link, limit=ROWS_NAMED)
        if exact.found:
            return "found", _exact_match(exact), EXACT_ID, EXACT_ID
    missed = _id_miss(row)
    if not row.title:
        return "not found", None, missed, EXACT_ID
    result = searcher.lookup_song(row.title, artist=row.artist or None, limit=1)
    verdict = result.verdict
    if verdict is Verdict.NOT_FOUND:
        return "not found", None, missed, "name"
    return _STATUS_OF[verdict], _best_match(result.matches[0], result), missed, "name"


def _id_miss(row: CatalogRow) -> str | None:
    """Why a row with id cells was matched by name: no dataset lists its ids, or they are bad."""
    listed = "; ".join(f"no indexed dataset lists its {link.kind.label} id" for link in row.ids)
    return "; ".join(part for part in (listed, row.id_note) if part) or None


def _exact_match(result: LinkResult) -> BestMatch:
    """The rows holding a row's id, as its match: score 100, each dataset row named."""
    named = next((m for m in result.matches if m.title), result.matches[0])
    holders = tuple((d.id, d.tracks) for d in result.datasets if d.tracks)
    title = named.title or f"{result.link.kind.label} {result.link.id}"
    rows = tuple((m.dataset, m.source_id) for m in result.matches)
    return BestMatch(title, named.artists, holders, result.link.url or named.url, 100.0, result,
                     rows)


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
