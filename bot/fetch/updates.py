"""Asking the sources whether a fetched file has a newer version, without downloading it.

A file's version is compared by the most precise thing both the record and the server have:
ETag, else the Hugging Face revision, else Last-Modified, else the size.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot.datasets.manifest import DatasetSpec
from bot.fetch.fetcher import target_path
from bot.fetch.state import FetchState, FileState
from bot.fetch.transport import Remote, probe

log = logging.getLogger(__name__)

VERSION_KEYS = (("etag", "ETag"), ("revision", "revision"),
                ("last_modified", "Last-Modified"), ("size", "size"))


@dataclass(frozen=True)
class RemoteChange:
    """One file whose source differs from what was fetched (or that was never fetched)."""

    dataset_id: str
    url: str
    path: str
    compared: str  # "ETag", "revision", "Last-Modified", "size" or "not fetched"
    old_version: str | None
    new_version: str | None

    def describe(self) -> str:
        """`data/x.parquet: revision 1a2b3c → 4d5e6f`, for a report or a diff post."""
        if self.old_version is None:
            return f"{self.path}: not fetched yet (source: {self.new_version or 'unknown'})"
        return f"{self.path}: {self.compared} {self.old_version} → {self.new_version}"


def remote_changes(spec: DatasetSpec, data_dir: Path, *, state: FetchState | None = None,
                   timeout: float = 30.0) -> list[RemoteChange]:
    """The non-manual downloads of `spec` whose source changed; raises FetchError if unreachable."""
    state = state if state is not None else FetchState.load(data_dir)
    changes = []
    for item in spec.downloads:
        if item.manual:
            continue
        relative = target_path(spec, item)
        remote = probe(item.url, timeout=timeout)
        recorded = state.get(item.url)
        if recorded is None or not (data_dir / relative).is_file():
            changes.append(RemoteChange(spec.id, item.url, relative, "not fetched", None,
                                        _best_version(remote)))
            continue
        change = _compare(recorded, remote)
        if change is None:
            continue
        compared, old, new = change
        changes.append(RemoteChange(spec.id, item.url, relative, compared, old, new))
    return changes


def _compare(recorded: FileState, remote: Remote) -> tuple[str, str, str] | None:
    """(what was compared, old, new) when the versions differ; None when they agree."""
    current = {"etag": remote.etag, "revision": remote.revision,
               "last_modified": remote.last_modified,
               "size": str(remote.total_size) if remote.total_size is not None else None}
    for key, label in VERSION_KEYS:
        old = str(getattr(recorded, key)) if getattr(recorded, key) is not None else None
        new = current[key]
        if old is not None and new is not None:
            return (label, old, new) if old != new else None
    log.warning("%s: the server gives nothing to compare versions with; assuming unchanged",
                recorded.path)
    return None


def _best_version(remote: Remote) -> str | None:
    for value in (remote.revision, remote.etag, remote.last_modified):
        if value:
            return value
    return None
