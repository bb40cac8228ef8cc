"""Completing a new index once every source is read: what is derived, recorded and checked.

Gram postings and ranked-name arrays are written per kind of name (`NameKind`); the build's
report and history go into the file itself; and `verify` refuses a file whose counts
disagree, before it can replace the serving index.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from bot.errors import BuildError
from bot.index.postings import PostingsWriter
from bot.index.ranked import RankedNamesWriter
from bot.index.report import BuildReport, DatasetReport, DatasetStats
from bot.index.schema import NameKind

log = logging.getLogger(__name__)

HISTORY_LENGTH = 50
POSTINGS_CHUNK = 50_000  # names whose grams are found at once (about 100 MB of arrays)


def write_postings(conn: sqlite3.Connection, spill_dir: Path) -> None:
    """Each kind's gram postings, ranked-name arrays and gram counts, from its ranked table."""
    conn.execute("BEGIN")
    for kind in NameKind:
        writer, ranked = PostingsWriter(spill_dir), RankedNamesWriter()
        names = conn.execute(f"SELECT norm, tracks FROM {kind.table} ORDER BY rank")
        while chunk := names.fetchmany(POSTINGS_CHUNK):
            norms = [norm for norm, _ in chunk]
            writer.add(norms)
            ranked.add(norms, [tracks for _, tracks in chunk])
        writer.write(conn, kind.gram_table)
        ranked.write(conn, kind)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?)",
            (kind.gram_counts_key, writer.gram_counts.tobytes()),
        )
    conn.execute("COMMIT")


def finish_datasets(conn: sqlite3.Connection, reports: list[DatasetReport]) -> list[DatasetStats]:
    """Each dataset's artist count, into its row and report; the stats to diff against."""
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


def source_facts(conn: sqlite3.Connection, report: BuildReport) -> None:
    """Each dataset's version (manifest, else as fetched) and the date of its newest file."""
    for dataset in report.datasets:
        if dataset.status != "built":
            continue
        row = conn.execute("SELECT source_date, version FROM datasets WHERE id = ?",
                           (dataset.id,)).fetchone()
        change = next((c for c in report.changes if c.id == dataset.id), None)
        if row and change is not None:
            change.source_date, change.source_version = row


def write_history(conn: sqlite3.Connection, serving: Path, report: BuildReport) -> None:
    """Carry the serving index's build history forward and add this build."""
    conn.execute("INSERT INTO builds(built_at, report) VALUES (?, ?)",
                 (report.built_at, report.to_json()))
    if not serving.exists():
        return
    try:
        conn.execute("ATTACH DATABASE ? AS prev", (str(serving),))  # read, never written
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


def write_meta(conn: sqlite3.Connection, report: BuildReport) -> None:
    """The build time, content fingerprint and report, read by `IndexReader`."""
    rows = [("built_at", report.built_at), ("fingerprint", report.fingerprint),
            ("report", report.to_json())]
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", rows)


def verify(conn: sqlite3.Connection) -> None:
    """Refuse to swap in a file that is corrupt or whose counts disagree with each other."""
    check = conn.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise BuildError(f"the new index failed its integrity check ({check})",
                         key="error-build-integrity", check=str(check))
    tracks = scalar(conn, "SELECT COUNT(*) FROM tracks")
    declared = scalar(conn, "SELECT COALESCE(SUM(tracks), 0) FROM datasets")
    if tracks != declared:
        raise BuildError(f"the new index is inconsistent: {tracks} tracks, {declared} declared",
                         key="error-build-track-count", tracks=tracks, declared=declared)
    if scalar(conn, "SELECT COUNT(*) FROM artists WHERE rank IS NULL OR tracks = 0"):
        raise BuildError("the new index is inconsistent: artists without tracks",
                         key="error-build-orphan-artists")
    named = scalar(conn, "SELECT COUNT(*) FROM artists")  # none if every dataset is id-only
    if named and not scalar(conn, "SELECT COUNT(*) FROM artist_grams"):
        raise BuildError("the new index is inconsistent: no search grams were written",
                         key="error-build-no-grams")


def scalar(conn: sqlite3.Connection, sql: str) -> int:
    """The one value a `SELECT COUNT(*)`-like query gives."""
    return int(conn.execute(sql).fetchone()[0])
