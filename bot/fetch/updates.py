"""Asking the sources whether a fetched file has a newer version, without downloading it.

A plain URL's version is compared by the most precise thing both the record and the server
have: ETag, else the Hugging Face revision, else Last-Modified, else the size.

A Hub dataset (`hub:`) is asked through the Hub's client: the commit its pinned revision names
now, the files that commit lists, and for each file its own version from the first hop of a
HEAD (X-Linked-Etag, X-Linked-Size, X-Repo-Commit), never the CDN's. A default branch that moved
past a pinned commit is a note: nothing is fetched until a person updates the pin. What a fetch
would fail on (a gated repo, a missing revision, a pin the Hub contradicts…) is a problem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import FetchSettings
from bot.datasets.manifest import DatasetSpec, HubSpec
from bot.fetch.errors import FetchError
from bot.fetch.fetcher import target_path
from bot.fetch.hub import HubClient, hub_uri, matching, short
from bot.fetch.hub_fetch import hub_target_path
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


@dataclass
class SourceCheck:
    """What asking one dataset's sources found; every problem and note is one line."""

    changes: list[RemoteChange] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # a fetch would fail on each
    notes: list[str] = field(default_factory=list)  # worth a look; nothing to fetch


def remote_changes(spec: DatasetSpec, data_dir: Path, *, state: FetchState | None = None,
                   timeout: float = 30.0, hub_endpoint: str | None = None
                   ) -> list[RemoteChange]:
    """The files of `spec` whose source changed.

    Raises FetchError if a source is unreachable or refuses, or a Hub file has a problem (the
    first one, and how many more); the notes are logged.
    """
    checked = check_sources(spec, data_dir, state=state, timeout=timeout,
                            hub_endpoint=hub_endpoint)
    for note in checked.notes:
        log.warning("%s: %s", spec.id, note)
    if checked.problems:
        more = len(checked.problems) - 1
        raise FetchError(checked.problems[0] + (f" (and {more} more)" if more else ""))
    return checked.changes


def check_sources(spec: DatasetSpec, data_dir: Path, *, state: FetchState | None = None,
                  timeout: float = 30.0, hub_endpoint: str | None = None) -> SourceCheck:
    """Ask every non-manual source of `spec`; raises FetchError if one cannot be asked at all."""
    state = state if state is not None else FetchState.load(data_dir)
    checked = SourceCheck()
    for item in spec.downloads:
        if item.manual:
            continue
        relative = target_path(spec, item)
        remote = probe(item.url, timeout=timeout)
        recorded = state.get(item.url)
        if recorded is None or not (data_dir / relative).is_file():
            checked.changes.append(RemoteChange(spec.id, item.url, relative, "not fetched",
                                                None, _best_version(remote)))
            continue
        change = _compare(recorded, remote)
        if change is None:
            continue
        compared, old, new = change
        checked.changes.append(RemoteChange(spec.id, item.url, relative, compared, old, new))
    if spec.hub is not None:
        client = HubClient(hub_endpoint or FetchSettings().hub_endpoint_url(), timeout=timeout)
        _check_hub(spec.id, spec.hub, client, state, data_dir, checked)
    return checked


def _check_hub(dataset_id: str, hub: HubSpec, client: HubClient, state: FetchState,
               data_dir: Path, checked: SourceCheck) -> None:
    """Compare the revision and each matched file's own ETag with what was fetched."""
    commit = client.commit_of(hub.repo, hub.revision)
    if _is_commit(hub.revision):
        head = client.commit_of(hub.repo)
        if head != commit:
            checked.notes.append(
                f"{hub.repo}: the default branch is at {short(head)}, past the pinned "
                f"{short(commit)}; to follow it, review the new revision, then update "
                "`hub.revision` (and `hub.sha256`) in the manifest")
    listed = client.list_files(hub.repo, commit)
    chosen = matching(listed, hub.files)
    if not chosen:
        checked.problems.append(f"{hub.repo}@{short(commit)}: no file matches "
                                f"{', '.join(hub.files)} ({len(listed)} listed); fix "
                                "`hub.files` in the manifest")
    names = {f.path for f in chosen}
    checked.problems += [f"{hub.repo}@{short(commit)}: {path} has a pinned SHA-256 but is not "
                         "among the files listed and matched by `hub.files`"
                         for path in sorted(hub.sha256) if path not in names]
    for file in chosen:
        version = client.file_version(hub.repo, file.path, commit)
        relative = hub_target_path(hub, file.path)
        pinned = hub.sha256.get(file.path)
        if pinned and file.lfs_sha256 and pinned != file.lfs_sha256:
            checked.problems.append(f"{relative}: the Hub gives SHA-256 {file.lfs_sha256} at "
                                    f"{short(commit)}, but the manifest pins {pinned}")
        uri = hub_uri(hub.repo, file.path)
        recorded = state.get(uri)
        if recorded is None or not (data_dir / relative).is_file():
            checked.changes.append(RemoteChange(dataset_id, uri, relative, "not fetched", None,
                                                version.etag))
        elif version.etag and recorded.etag != version.etag:
            checked.changes.append(RemoteChange(dataset_id, uri, relative, "ETag",
                                                recorded.etag, version.etag))


def _is_commit(revision: str) -> bool:
    return len(revision) == 40 and all(c in "0123456789abcdef" for c in revision.lower())


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
