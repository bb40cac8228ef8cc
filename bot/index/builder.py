"""Building a new index: read every selected dataset, then derive and verify (`finish`).

The work happens in a temporary file that replaces the serving index only once verified
(`bot.index.atomic`); a dataset whose files cannot be read, whose first rows do not fill the
roles its reader needs (`bot.datasets.inspect.self_check`), or which gives no track or too
many skipped rows (`bot.index.report.unusable`), is rolled back alone.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import resource
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.datasets.formats import expected_rows
from bot.datasets.inspect import self_check
from bot.datasets.manifest import DatasetSpec, Manifest
from bot.errors import BuildError, SourceError
from bot.fetch.state import FetchState
from bot.index import schema
from bot.index.atomic import build_lock, replacement_for
from bot.index.changes import enrich
from bot.index.digest import build_fingerprint
from bot.index.finish import (
    finish_datasets,
    scalar,
    source_facts,
    verify,
    write_history,
    write_meta,
    write_postings,
)
from bot.index.ingest import DatasetIngest, NameTable
from bot.index.reader import read_dataset_stats
from bot.index.report import (
    DEFAULT_MAX_SKIPPED_PERCENT,
    BuildReport,
    DatasetReport,
    DatasetStats,
    diff,
    unusable,
)
from bot.index.schema import NameKind
from bot.index.workers import FileReaders, SourceFile

log = logging.getLogger(__name__)

# Below this much source data, starting reader processes costs more than it saves.
PARALLEL_MIN_BYTES = 64 << 20
# The ids read, beside the new index until they are sorted into it (`schema.CREATE_STAGING`);
# its name starts like the new index's, so a killed build's copy is removed by the next build.
STAGING_SUFFIX = "-ids"

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
    with build_lock(target), replacement_for(target) as new_index:
        serving = ServingIndex.read(target)
        selected = selected_datasets(config, manifest)
        files = [_files_of(spec, config) for spec in selected]
        if workers is None:
            workers = _default_workers(files)
        with (FileReaders(workers) as readers,
              closing(sqlite3.connect(new_index, isolation_level=None)) as conn):
            build = BuildContext(selected, files, serving, allow_partial, progress,
                                 FetchState.load(config.data_dir), readers, new_index, conn,
                                 max_skipped_percent=config.index.max_skipped_percent)
            report = _build_into(build)
    log.info("index built: %d tracks, %d artists in %.1fs", report.tracks, report.artists,
             report.seconds)
    return report


def selected_datasets(config: Config, manifest: Manifest) -> list[DatasetSpec]:
    """Datasets this config indexes: all listed, minus demo ones if excluded."""
    wanted = set(config.index.datasets)
    unknown = wanted - {d.id for d in manifest.datasets}
    if unknown:
        name = repr(sorted(unknown)[0])
        raise BuildError(f"index.datasets names unknown dataset {name}",
                         key="error-build-unknown-dataset", dataset=name)
    return [
        d
        for d in manifest.datasets
        if (not wanted or d.id in wanted) and (config.index.include_demo or not d.demo)
    ]


@dataclass(frozen=True, slots=True)
class ServingIndex:
    """The index a build replaces: it serves until the swap, then is kept as `.previous`.

    The build reads it to refuse losing a dataset, to tell what changed and to carry the build
    history forward. With no index yet, or an unreadable one, it has no datasets.
    """

    path: Path
    datasets: list[DatasetStats]
    built_at: str | None

    @classmethod
    def read(cls, path: Path) -> ServingIndex:
        if not path.exists():
            return cls(path, [], None)
        try:
            datasets, built_at = read_dataset_stats(path)
        except Exception as exc:  # an unreadable old index must not stop a rebuild
            log.warning("previous index %s is unreadable (%s); building from scratch", path, exc)
            return cls(path, [], None)
        return cls(path, datasets, built_at)


def _build_id() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class BuildContext:
    """What the steps of one build work with, passed to each as one."""

    datasets: list[DatasetSpec]
    files: list[list[SourceFile]]  # each dataset's, in the same order
    serving: ServingIndex
    allow_partial: bool
    progress: BuildProgress
    fetched: FetchState  # the hosting's versions, read once
    readers: FileReaders
    new_index: Path  # the temporary file that replaces the serving index once verified
    conn: sqlite3.Connection  # open on new_index
    built_at: str = field(default_factory=_build_id)  # also the build's id
    started: float = field(default_factory=time.monotonic)
    max_skipped_percent: float = DEFAULT_MAX_SKIPPED_PERCENT  # a dataset reading worse fails


def _build_into(build: BuildContext) -> BuildReport:
    staging = build.new_index.with_name(build.new_index.name + STAGING_SUFFIX)
    try:
        return _build_staged(build, staging)
    finally:
        for leftover in (staging, staging.with_name(staging.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _build_staged(build: BuildContext, staging: Path) -> BuildReport:
    conn = build.conn
    _configure(conn)
    conn.executescript(schema.CREATE_TABLES)
    conn.execute("ATTACH DATABASE ? AS staging", (str(staging),))
    conn.execute("PRAGMA staging.synchronous = OFF")
    conn.executescript(schema.CREATE_STAGING)
    artists, titles = NameTable(conn, NameKind.ARTIST), NameTable(conn, NameKind.TITLE)
    ingest = DatasetIngest(conn, artists, titles, next_track_id=1)
    reports: list[DatasetReport] = []
    for idx, (spec, files) in enumerate(zip(build.datasets, build.files, strict=True), start=1):
        reports.append(_ingest_dataset(build, ingest, idx, spec, files))
        if reports[-1].status == "failed":  # rolled back: cached ids may be gone
            ingest.forget()
    build.readers.close()
    del ingest, artists, titles  # the names held in memory are no longer needed
    _refuse_losses(reports, build.serving.datasets, build.allow_partial)
    if not any(r.status == "built" and r.tracks for r in reports):
        raise _nothing_to_index(reports)
    _stage(build.progress, "deriving counts and ranks")
    conn.executescript(schema.CREATE_DERIVED)
    conn.execute("DETACH DATABASE staging")
    _stage(build.progress, "writing the search index")
    write_postings(conn, build.new_index.parent)
    current = finish_datasets(conn, reports)
    report = BuildReport(
        built_at=build.built_at,
        seconds=0.0,
        tracks=scalar(conn, "SELECT COUNT(*) FROM tracks"),
        artists=scalar(conn, "SELECT COUNT(*) FROM artists"),
        titles=scalar(conn, "SELECT COUNT(*) FROM titles"),
        datasets=reports,
        changes=diff(build.serving.datasets, current),
        previous_built_at=build.serving.built_at,
    )
    _stage(build.progress, "comparing with the previous index")
    enrich(conn, build.serving.path, report.changes)
    source_facts(conn, report)
    report.seconds = round(time.monotonic() - build.started, 2)
    report.fingerprint = build_fingerprint(report)
    write_meta(conn, report)
    write_history(conn, build.serving.path, report)
    _stage(build.progress, "verifying")
    verify(conn)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    conn.execute("PRAGMA optimize")
    return report


def _files_of(spec: DatasetSpec, config: Config) -> list[SourceFile]:
    return [
        SourceFile(path, _shown(path, config.data_dir), source, spec.id_only)
        for source in spec.sources
        for path in spec.source_files(config.data_dir, source)
    ]


def _default_workers(files: list[list[SourceFile]]) -> int:
    size = sum(f.path.stat().st_size for group in files for f in group)
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES else 0


def _ingest_dataset(
    build: BuildContext, ingest: DatasetIngest, idx: int, spec: DatasetSpec,
    files: list[SourceFile],
) -> DatasetReport:
    """One dataset in its own transaction: all its tracks, or none and a "failed" report."""
    if not files:
        wanted = ", ".join(s.path for s in spec.sources)
        log.info("%s: no files at %s (not downloaded?)", spec.id, wanted)
        return DatasetReport(spec.id, spec.name, "missing", error=f"no files match {wanted}")
    conn, progress = build.conn, build.progress
    started = time.monotonic()
    expected = [expected_rows(f.path, f.source) for f in files]
    progress.start_dataset(spec.id, None if None in expected else sum(e or 0 for e in expected))
    first_track = ingest.next_track_id
    conn.execute("BEGIN")
    try:
        for file in files:  # first rows that cannot fill the reader's roles stop it here
            for warning in self_check(file.path, file.source, id_only=file.id_only):
                log.warning("%s: %s", spec.id, warning)
        file_reports = ingest.ingest(idx, files, build.readers, progress.advance)
        if (problem := unusable(file_reports, build.max_skipped_percent)) is not None:
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
        duplicate_rows=sum(f.duplicates for f in file_reports),
        id_only=spec.id_only,
    )
    newest = max(f.path.stat().st_mtime for f in files)
    source_date = datetime.fromtimestamp(newest, UTC).replace(microsecond=0).isoformat()
    conn.execute(
        "INSERT INTO datasets(idx, id, name, description, homepage, license, demo, version, "
        "id_only, tracks, rows, duplicate_rows, first_track, last_track, skipped, fingerprint, "
        "files_json, built_at, build_seconds, source_date) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (idx, spec.id, spec.name, spec.description, spec.homepage, spec.license, int(spec.demo),
         spec.version or _fetched_version(build.fetched, spec), int(spec.id_only),
         report.tracks, report.rows, report.duplicate_rows, first_track,
         ingest.next_track_id - 1, report.skipped, fingerprint,
         json.dumps([f.path for f in file_reports]), build.built_at, report.seconds,
         source_date),
    )
    conn.execute("COMMIT")
    return report


def _stage(progress: BuildProgress, text: str) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    log.info("%s (peak memory of the build process so far: %d MB)", text, peak)
    progress.stage(text)


def _refuse_losses(
    reports: list[DatasetReport], serving: list[DatasetStats], allow_partial: bool
) -> None:
    """A dataset the serving index has must not vanish because its files broke or went away."""
    served = {d.id for d in serving}
    lost = [r for r in reports if r.status != "built" and r.id in served]
    if lost and not allow_partial:
        first = lost[0]
        raise BuildError(
            f"{first.id}: {first.error}; the current index keeps serving it "
            "(fix the files, or rebuild with --allow-partial to drop it)",
            key="error-build-would-lose", dataset=first.id, reason=str(first.error),
        )


def _nothing_to_index(reports: list[DatasetReport]) -> BuildError:
    """What happened to each selected dataset, when none of them gave a track.

    The datasets' own failures stay in English in every language: they are their readers'.
    """
    if not reports:
        return BuildError("nothing to index: no dataset is selected (check index.datasets and "
                          "include_demo)", key="error-build-none-selected")
    failed = [r for r in reports if r.status == "failed"]
    if not failed:
        return BuildError("nothing to index: no dataset files found under the data directory",
                          key="error-build-no-files")
    shown = "; ".join(f"{r.id}: {r.error}" for r in failed[:3])
    more = f"; {len(failed) - 3} more failed" if len(failed) > 3 else ""
    return BuildError(f"nothing was indexed: {shown}{more}", key="error-build-all-failed",
                      failures=shown, more=max(0, len(failed) - 3))


def _fetched_version(state: FetchState, spec: DatasetSpec) -> str | None:
    """The hosting's version of what `fetch` downloaded: revision, else date, else ETag.

    A Hub dataset's is the revision its files were fetched at (pinned in the manifest).
    """
    versions = []
    if spec.hub is not None:
        pinned = spec.hub.revision
        versions.append(pinned[:12] if re.fullmatch(r"[0-9a-f]{40}", pinned) else pinned)
    for item in spec.downloads:
        recorded = state.get(item.url)
        if recorded is not None:
            version = recorded.revision or recorded.last_modified or recorded.etag
            if version and version not in versions:
                versions.append(version)
    return ", ".join(versions[:2]) or None


def _configure(conn: sqlite3.Connection) -> None:
    # The file is private until the swap, and fsynced once before it: no per-commit syncs.
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -131072")  # 128 MiB
    conn.execute("PRAGMA temp_store = FILE")
    conn.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # index sorts use every core


def _shown(path: Path, data_dir: Path) -> str:
    """A file as reports show it: relative to the data directory when inside it."""
    return str(path.relative_to(data_dir)) if path.is_relative_to(data_dir) else str(path)


def _combine(parts: list[str]) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
