"""What identifies a build's content, whichever process or machine made it.

Processes that share no filesystem each build the same pinned inputs and compare fingerprints
to know they serve the same index (docs/SCALING.md). A build is deterministic: the same input
files, read by the same code and settings, give the same rows in the same order, so the
fingerprint is computed from what decides the content (the schema, each dataset's input digest
and counts) rather than by rereading gigabytes. `content_digest` rereads everything, to show
that equal fingerprints do mean equal indexes (tests/index/test_build_digest.py).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from bot.index.report import BuildReport
from bot.index.schema import SCHEMA_VERSION

# Columns that record when and how fast a build ran, not what it holds.
_VOLATILE = {"datasets": {"built_at", "build_seconds"}}
# Tables of build history and the report, which carry times; `meta` is digested key by key.
_SKIPPED_TABLES = {"builds", "meta"}
_VOLATILE_META = {"built_at", "report", "fingerprint"}


def build_fingerprint(report: BuildReport) -> str:
    """A short digest of what decides the build's content; equal inputs give equal prints."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"schema {SCHEMA_VERSION}\n".encode())
    for dataset in sorted(report.datasets, key=lambda d: d.id):
        line = (f"{dataset.id}|{dataset.status}|{dataset.fingerprint}|{dataset.tracks}|"
                f"{dataset.artists}|"
                f"{dataset.skipped}|{dataset.duplicate_rows}\n")
        digest.update(line.encode())
    digest.update(f"{report.tracks}|{report.artists}|{report.titles}\n".encode())
    return digest.hexdigest()


def content_digest(path: Path) -> str:
    """A digest of every row of an index file but its build times: slow, for proof and tests."""
    digest = hashlib.blake2b(digest_size=16)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            if table in _SKIPPED_TABLES or table.startswith("sqlite_"):
                continue
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                       if row[1] not in _VOLATILE.get(table, set())]
            digest.update(f"table {table} {columns}\n".encode())
            listed = ", ".join(columns)
            for row in conn.execute(f"SELECT {listed} FROM {table} ORDER BY {listed}"):
                digest.update(repr(row).encode())
        for key, value in conn.execute("SELECT key, value FROM meta ORDER BY key"):
            if key not in _VOLATILE_META:
                digest.update(repr((key, value)).encode())
    return digest.hexdigest()
