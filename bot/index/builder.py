"""Building a new index: read every selected dataset, derive ranks and postings, verify.

The work happens in a temporary file that replaces the serving index only once verified
(`bot.index.atomic`); a dataset whose files cannot be read, or give no track, is rolled back
alone (`bot.index.report.unusable`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import resource
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.datasets.formats import expected_rows
from bot.datasets.manifest import DatasetSpec, Manifest
from bot.errors import BuildError, SourceError
from bot.fetch.state import FetchState
from bot.index import schema
from bot.index.atomic import build_lock, replacement_for
from bot.index.changes import enrich
from bot.index.ingest import DatasetIngest, NameTable
from bot.index.postings import PostingsWriter
from bot.index.ranked import RankedNamesWriter
from bot.index.reader import read_dataset_stats
from bot.index.report import BuildReport, DatasetReport, DatasetStats, diff, unusable
from bot.index.workers import FileReaders, SourceFile

log = logging.getLogger(__name__)

HISTORY_LENGTH = 50
# Below this much source data, starting reader processes costs more than it saves.
PARALLEL_MIN_BYTES = 64 << 20
POSTINGS_CHUNK = 50_000  # names whose grams are found at once (about 100 MB of arrays)

class BuildProgress:
    """Receives progress; the CLI draws bars, the bot and tests use the silent default."""

    def start_dataset(self, dataset_id: str, expected: int | None) -> None:
        """A dataset's files are about to be read (`expected` rows, if known)."""

    def advance(self, rows: int) -> None:
        """`rows` more rows were read."""

    def end_dataset(self) -> None:
        """The dataset is done (or failed)."""

    def stage(self, text: str) -> None:
        """A step after reading: deriving tables, writing postings, verifying."""


def build_index(
    config: Config,
    manifest: Manifest,
    progress: BuildProgress | None = None,
    allow_partial: bool = False,
    workers: int | None = None,
) -> BuildReport:
    """Build from every selected dataset and swap the result in; raise BuildError on failure.

    The index it replaces is kept as `<index>.previous`, so that what changed can still be
    worked out after the swap (artist watches). Files are read by `workers` processes (by
    default one per core for large sources, none for small ones).
    """
    progress = progress or BuildProgress()
    target = config.index_path
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target), replacement_for(target) as temp:
        previous = _previous_stats(target)
        selected = selected_datasets(config, manifest)
        files = [_files_of(spec, config) for spec in selected]
        if workers is None:
            workers = _default_workers(files)
        with FileReaders(workers) as readers:
            report = _build_into(temp, config, selected, files, readers, progress, previous,
                                 allow_partial, target)
    log.info("index built: %d tracks, %d artists in %.1fs", report.tracks, report.artists,
             report.seconds)
    return report


def selected_datasets(config: Config, manifest: Manifest) -> list[DatasetSpec]:
    """Datasets this config indexes: all listed, minus demo ones if excluded."""
    wanted = set(config.index.datasets)
    unknown = wanted - {d.id for d in manifest.datasets}
    if unknown:
        raise BuildError(f"index.datasets names unknown dataset {sorted(unknown)[0]!r}")
    return [
        d
        for d in manifest.datasets
        if (not wanted or d.id in wanted) and (config.index.include_demo or not d.demo)
    ]


def _build_into(
    temp: Path,
    config: Config,
    selected: list[DatasetSpec],
    files: list[list[SourceFile]],
    readers: FileReaders,
    progress: BuildProgress,
    previous: tuple[list[DatasetStats], str | None],
    allow_partial: bool,
    previous_path: Path,
) -> BuildReport:
    started = time.monotonic()
    built_at = datetime.now(UTC).isoformat(timespec="milliseconds")  # also the build id
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        _configure(conn)
        conn.executescript(schema.CREATE_TABLES)
        artists = NameTable(conn, "artists")
        titles = NameTable(conn, "titles", prefer_shorter=True)
        ingest = DatasetIngest(conn, artists, titles, next_track_id=1)
        reports: list[DatasetReport] = []
        state = FetchState.load(config.data_dir)  # read once: the hosting's versions
        for idx, (spec, spec_files) in enumerate(zip(selected, files, strict=True), start=1):
            version = spec.version or _fetched_version(state, spec)
            reports.append(_ingest_dataset(conn, ingest, readers, idx, spec, spec_files,
                                           progress, built_at, version))
            if reports[-1].status == "failed":  # rolled back: cached ids may be gone
                ingest.forget()
        readers.close()
        del ingest, artists, titles  # the names held in memory are no longer needed
        _refuse_losses(reports, previous[0], allow_partial)
        if not any(r.status == "built" and r.tracks for r in reports):
            raise BuildError(_nothing_to_index(reports))
        _stage(progress, "deriving counts and ranks")
        conn.executescript(schema.CREATE_DERIVED)
        _stage(progress, "writing the search index")
        _write_postings(conn, temp.parent)
        current = _finish_datasets(conn, reports)
        report = BuildReport(
            built_at=built_at,
            seconds=0.0,
            tracks=_scalar(conn, "SELECT COUNT(*) FROM tracks"),
            artists=_scalar(conn, "SELECT COUNT(*) FROM artists"),
            titles=_scalar(conn, "SELECT COUNT(*) FROM titles"),
            datasets=reports,
            changes=diff(previous[0], current),
            previous_built_at=previous[1],
        )
        _stage(progress, "comparing with the previous index")
        enrich(conn, previous_path, report.changes)
        _source_facts(conn, report)
        report.seconds = round(time.monotonic() - started, 2)
        _write_meta(conn, report)
        _write_history(conn, previous_path, report)
        _stage(progress, "verifying")
        _verify(conn)
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        conn.execute("PRAGMA optimize")
    finally:
        conn.close()
    return report


def _files_of(spec: DatasetSpec, config: Config) -> list[SourceFile]:
    return [
        SourceFile(path, _shown(path, config.data_dir), source)
        for source in spec.sources
        for path in spec.source_files(config.data_dir, source)
    ]


def _default_workers(files: list[list[SourceFile]]) -> int:
    size = sum(f.path.stat().st_size for group in files for f in group)
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES else 0


def _ingest_dataset(
    conn: sqlite3.Connection,
    ingest: DatasetIngest,
    readers: FileReaders,
    idx: int,
    spec: DatasetSpec,
    files: list[SourceFile],
    progress: BuildProgress,
    built_at: str,
    version: str | None,
) -> DatasetReport:
    if not files:
        wanted = ", ".join(s.path for s in spec.sources)
        log.info("%s: no files at %s (not downloaded?)", spec.id, wanted)
        return DatasetReport(spec.id, spec.name, "missing", error=f"no files match {wanted}")
    started = time.monotonic()
    expected = [expected_rows(f.path, f.source) for f in files]
    progress.start_dataset(spec.id, None if None in expected else sum(e or 0 for e in expected))
    first_track = ingest.next_track_id
    conn.execute("BEGIN")
    try:
        file_reports = ingest.ingest(idx, files, readers, progress.advance)
        if (problem := unusable(file_reports)) is not None:
            raise SourceError(problem)  # fails like an unreadable file: the served copy stays
    except (SourceError, OSError) as exc:
        conn.execute("ROLLBACK")
        ingest.next_track_id = first_track
        message = str(exc) if isinstance(exc, SourceError) else f"cannot read: {exc}"
        log.error("%s: dataset failed: %s", spec.id, message)
        return DatasetReport(spec.id, spec.name, "failed", error=message)
    finally:
        progress.end_dataset()
    fingerprint = _combine([f"{f.path}:{f.fingerprint}" for f in file_reports])
    report = DatasetReport(
        spec.id,
        spec.name,
        "built",
        tracks=sum(f.tracks for f in file_reports),
        skipped=sum(f.skipped for f in file_reports),
        fingerprint=fingerprint,
        seconds=round(time.monotonic() - started, 2),
        files=file_reports,
    )
    newest = max(f.path.stat().st_mtime for f in files)
    source_date = datetime.fromtimestamp(newest, UTC).replace(microsecond=0).isoformat()
    conn.execute(
        "INSERT INTO datasets(idx, id, name, description, homepage, license, demo, version, "
        "tracks, skipped, fingerprint, files_json, built_at, build_seconds, source_date) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (idx, spec.id, spec.name, spec.description, spec.homepage, spec.license, int(spec.demo),
         version, report.tracks, report.skipped, fingerprint,
         json.dumps([f.path for f in file_reports]), built_at, report.seconds, source_date),
    )
    conn.execute("COMMIT")
    return report


def _stage(progress: BuildProgress, text: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    log.info("%s (peak memory of the build process so far: %d MB)", text, peak)
    progress.stage(text)


def _refuse_losses(
    reports: list[DatasetReport], previous: list[DatasetStats], allow_partial: bool
) -> None:
    """A dataset the serving index has must not vanish because its files broke or went away."""
    served = {d.id for d in previous}
    lost = [r for r in reports if r.status != "built" and r.id in served]
    if lost and not allow_partial:
        first = lost[0]
        raise BuildError(
            f"{first.id}: {first.error}; the current index keeps serving it "
            "(fix the files, or rebuild with --allow-partial to drop it)"
        )


def _nothing_to_index(reports: list[DatasetReport]) -> str:
    """What happened to each selected dataset, when none of them gave a track."""
    if not reports:
        return "nothing to index: no dataset is selected (check index.datasets and include_demo)"
    failed = [r for r in reports if r.status == "failed"]
    if not failed:
        return "nothing to index: no dataset files found under the data directory"
    shown = "; ".join(f"{r.id}: {r.error}" for r in failed[:3])
    more = f"; {len(failed) - 3} more failed" if len(failed) > 3 else ""
    return f"nothing was indexed: {shown}{more}"


def _write_postings(conn: sqlite3.Connection, spill_dir: Path) -> None:
    conn.execute("BEGIN")
    for table, gram_table in (("artists", "artist_grams"), ("titles", "title_grams")):
        writer, ranked = PostingsWriter(spill_dir), RankedNamesWriter()
        names = conn.execute(f"SELECT norm, tracks FROM {table} ORDER BY rank")
        while chunk := names.fetchmany(POSTINGS_CHUNK):
            norms = [norm for norm, _ in chunk]
            writer.add(norms)
            ranked.add(norms, [tracks for _, tracks in chunk])
        writer.write(conn, gram_table)
        ranked.write(conn, table)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            (f"{gram_table}_counts", writer.gram_counts.tobytes()),
        )
    conn.execute("COMMIT")


def _finish_datasets(conn: sqlite3.Connection, reports: list[DatasetReport]) -> list[DatasetStats]:
    counts = dict(
        conn.execute("SELECT dataset, COUNT(*) FROM artist_datasets GROUP BY dataset").fetchall()
    )
    stats = []
    for idx, dataset_id in conn.execute("SELECT idx, id FROM datasets ORDER BY idx").fetchall():
        conn.execute("UPDATE datasets SET artists = ? WHERE idx = ?", (counts.get(idx, 0), idx))
        report = next(r for r in reports if r.id == dataset_id)
        report.artists = counts.get(idx, 0)
        stats.append(DatasetStats(report.id, report.name, report.tracks, report.artists,
                                  report.fingerprint))
    return stats


def _source_facts(conn: sqlite3.Connection, report: BuildReport) -> None:
    """Each dataset's version (manifest, else as fetched) and the date of its newest file."""
    for dataset in report.datasets:
        if dataset.status != "built":
            continue
        row = conn.execute("SELECT source_date, version FROM datasets WHERE id = ?",
                           (dataset.id,)).fetchone()
        change = next((c for c in report.changes if c.id == dataset.id), None)
        if row and change is not None:
            change.source_date, change.source_version = row


def _fetched_version(state: FetchState, spec: DatasetSpec) -> str | None:
    """The hosting's version of what `fetch` downloaded: revision, else date, else ETag."""
    versions = []
    for item in spec.downloads:
        recorded = state.get(item.url)
        if recorded is not None:
            version = recorded.revision or recorded.last_modified or recorded.etag
            if version and version not in versions:
                versions.append(version)
    return ", ".join(versions[:2]) or None


def _write_history(conn: sqlite3.Connection, previous: Path, report: BuildReport) -> None:
    """Carry the previous index's build history forward and add this build."""
    conn.execute("INSERT INTO builds(built_at, report) VALUES (?, ?)",
                 (report.built_at, report.to_json()))
    if not previous.exists():
        return
    try:
        conn.execute("ATTACH DATABASE ? AS prev", (str(previous),))  # read, never written
    except sqlite3.DatabaseError:
        return
    try:
        conn.execute(
            "INSERT OR IGNORE INTO builds(built_at, report) SELECT built_at, report "
            f"FROM prev.builds ORDER BY built_at DESC LIMIT {HISTORY_LENGTH - 1}"
        )
    except sqlite3.DatabaseError:
        log.info("the previous index has no build history to carry forward")
    finally:
        conn.execute("DETACH DATABASE prev")


def _write_meta(conn: sqlite3.Connection, report: BuildReport) -> None:
    rows = [("built_at", report.built_at), ("report", report.to_json())]
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", rows)


def _verify(conn: sqlite3.Connection) -> None:
    """Refuse to swap in a file that is corrupt or whose counts disagree with each other."""
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise BuildError(f"the new index failed its integrity check ({check})")
    tracks = _scalar(conn, "SELECT COUNT(*) FROM tracks")
    declared = _scalar(conn, "SELECT COALESCE(SUM(tracks), 0) FROM datasets")
    if tracks != declared:
        raise BuildError(f"the new index is inconsistent: {tracks} tracks, {declared} declared")
    if _scalar(conn, "SELECT COUNT(*) FROM artists WHERE rank IS NULL OR tracks = 0"):
        raise BuildError("the new index is inconsistent: artists without tracks")
    if tracks and not _scalar(conn, "SELECT COUNT(*) FROM artist_grams"):
        raise BuildError("the new index is inconsistent: no search grams were written")


def _configure(conn: sqlite3.Connection) -> None:
    # The file is private until the swap, and fsynced once before it: no per-commit syncs.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -131072")  # 128 MiB
    conn.execute("PRAGMA temp_store = FILE")
    conn.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # index sorts use every core


def _previous_stats(target: Path) -> tuple[list[DatasetStats], str | None]:
    if not target.exists():
        return [], None
    try:
        return read_dataset_stats(target)
    except Exception as exc:  # an unreadable old index must not stop a rebuild
        log.warning("previous index %s is unreadable (%s); building from scratch", target, exc)
        return [], None


def _shown(path: Path, data_dir: Path) -> str:
    """A file as reports show it: relative to the data directory when inside it."""
    return str(path.relative_to(data_dir)) if path.is_relative_to(data_dir) else str(path)


def _combine(parts: list[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _scalar(conn: sqlite3.Connection, sql: str) -> int:
    return int(conn.execute(sql).fetchone()[0])

