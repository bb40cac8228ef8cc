"""Fetching every listed download of one dataset into the data directory.

Each file is handled on its own: a manual step is reported rather than attempted, a file whose
recorded version the server confirms (304) is left alone, and one failure becomes that file's
outcome instead of stopping the rest. A dataset on the Hugging Face Hub (`hub:`) is fetched
after its plain downloads, through the Hub's own client (bot.fetch.hub_fetch).

Every fetch holds the data folder's lock (bot.fetch.lock) and reads the state file only once it
holds it, so two fetches (two terminals, or a terminal and the bot's update) never write the
same file or record over each other's state. A record is trusted only while the file on disk
still has the recorded hash; otherwise the server's 304 would keep a damaged file forever.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from bot.config import FetchSettings
from bot.datasets.manifest import DatasetSpec, DownloadSpec
from bot.fetch.archive import extract, is_archive
from bot.fetch.download import Downloaded, discard_part, download, part_path
from bot.fetch.errors import FetchError
from bot.fetch.hub import HubClient
from bot.fetch.hub_fetch import HubTarget, fetch_hub
from bot.fetch.limits import DEFAULT_LIMITS, FetchLimits
from bot.fetch.lock import data_dir_lock
from bot.fetch.outcomes import DatasetFetch, FileFetch, Outcome, ProgressFactory
from bot.fetch.state import FetchState, FileState
from bot.fetch.transport import Remote, probe

log = logging.getLogger(__name__)

__all__ = ["DatasetFetch", "FetchSession", "FileFetch", "Outcome", "ProgressFactory",
           "fetch_dataset", "fetch_session", "target_path"]


def fetch_dataset(spec: DatasetSpec, data_dir: Path, *, force: bool = False,
                  progress_factory: ProgressFactory | None = None, timeout: float = 60.0,
                  limits: FetchLimits | None = None,
                  hub_endpoint: str | None = None) -> DatasetFetch:
    """Bring every download of `spec` up to date under `data_dir`.

    Raises FetchInProgress if another fetch holds the folder; any other failure is a file's
    outcome. `force` downloads again even when the recorded version is current.
    """
    with fetch_session(data_dir, timeout=timeout, limits=limits,
                       hub_endpoint=hub_endpoint) as session:
        return session.fetch(spec, force=force, progress_factory=progress_factory)


@contextmanager
def fetch_session(data_dir: Path, *, timeout: float = 60.0, limits: FetchLimits | None = None,
                  hub_endpoint: str | None = None) -> Iterator[FetchSession]:
    """Hold the fetch lock of `data_dir` for several datasets (raises FetchInProgress).

    `hub_endpoint`: the Hugging Face Hub of `hub:` datasets (fetch.hub_endpoint); None means
    HF_ENDPOINT, else huggingface.co.
    """
    with data_dir_lock(data_dir):
        yield FetchSession(data_dir, FetchState.load(data_dir), timeout,
                           limits if limits is not None else DEFAULT_LIMITS,
                           hub_endpoint or FetchSettings().hub_endpoint_url())


class FetchSession:
    """Fetches into one data folder while holding its lock; made by fetch_session."""

    def __init__(self, data_dir: Path, state: FetchState, timeout: float,
                 limits: FetchLimits, hub_endpoint: str) -> None:
        self.data_dir, self.state, self.timeout, self.limits = data_dir, state, timeout, limits
        self.hub_endpoint = hub_endpoint

    def fetch(self, spec: DatasetSpec, *, force: bool = False,
              progress_factory: ProgressFactory | None = None) -> DatasetFetch:
        """Bring every download of `spec` up to date; a failure is that file's outcome."""
        outcomes = []
        for item in spec.downloads:
            if item.manual:
                outcomes.append(FileFetch(item.url, item.path, Outcome.MANUAL, item.manual))
                continue
            relative: str | None = None
            try:
                relative = target_path(spec, item)
                fetcher = _FileFetcher(item, self, relative)
                outcomes.append(fetcher.run(force, progress_factory))
            except FetchError as exc:
                outcomes.append(FileFetch(item.url, relative, Outcome.FAILED, str(exc)))
            except OSError as exc:
                reason = exc.strerror or exc.__class__.__name__
                where = exc.filename or relative or item.url
                outcomes.append(FileFetch(item.url, relative, Outcome.FAILED,
                                          f"{where}: {reason}"))
            if outcomes[-1].outcome is Outcome.FAILED:
                log.warning("%s: %s", spec.id, outcomes[-1].message)
        if spec.hub is not None:
            target = HubTarget(self.data_dir, self.state, self.timeout, self.limits,
                               HubClient(self.hub_endpoint, timeout=self.timeout))
            hub_outcomes = fetch_hub(spec, spec.hub, target, force=force,
                                     progress_factory=progress_factory)
            for failed in (f for f in hub_outcomes if f.outcome is Outcome.FAILED):
                log.warning("%s: %s", spec.id, failed.message)
            outcomes += hub_outcomes
        return DatasetFetch(spec.id, tuple(outcomes))


def target_path(spec: DatasetSpec, item: DownloadSpec) -> str:
    """Where a download goes, relative to the data directory; never outside it."""
    if item.path:
        path = PurePosixPath(item.path)
    else:
        name = urllib.parse.unquote(urllib.parse.urlsplit(item.url).path.rstrip("/"))
        name = name.rpartition("/")[2]
        if not name:
            raise FetchError(f"{item.url}: the URL names no file; give the download a path")
        path = PurePosixPath(spec.id, name)
    if path.is_absolute() or ".." in path.parts:
        raise FetchError(f"{spec.id}: download path {item.path!r} must stay inside the data "
                         "directory")
    return str(path)


class _FileFetcher:
    def __init__(self, item: DownloadSpec, session: FetchSession, relative: str) -> None:
        self.item, self.relative = item, relative
        self.state, self.timeout, self.limits = session.state, session.timeout, session.limits
        self.data_dir, self.dest = session.data_dir, session.data_dir / relative

    def run(self, force: bool, progress_factory: ProgressFactory | None) -> FileFetch:
        recorded = None if force else self._current_record()
        if force:
            discard_part(self.dest)
        elif recorded is None and self._matches_pinned_checksum():
            entry = self._adopt_local_file()
            self._ensure_extracted(entry, changed=False)
            return FileFetch(self.item.url, self.relative, Outcome.UNCHANGED, size=entry.size)
        if recorded is not None and not (recorded.etag or recorded.last_modified):
            recorded = None  # nothing to ask the server with: download again
        progress = progress_factory(self.relative) if progress_factory else None
        try:
            result = download(
                self.item.url, self.dest, expected_size=self.item.size,
                sha256=self.item.sha256, sha1=self.item.sha1, progress=progress,
                timeout=self.timeout, limits=self.limits,
                if_none_match=recorded.etag if recorded else None,
                if_modified_since=recorded.last_modified if recorded else None,
            )
        finally:
            close = getattr(progress, "close", None)
            if callable(close):
                close()
        if result.not_modified and recorded is not None:
            self._ensure_extracted(recorded, changed=False)
            return FileFetch(self.item.url, self.relative, Outcome.UNCHANGED, size=result.size)
        entry = self._record(result)
        self._ensure_extracted(entry, changed=True)
        outcome = Outcome.RESUMED if result.resumed else Outcome.DOWNLOADED
        return FileFetch(self.item.url, self.relative, outcome, size=result.size)

    def _current_record(self) -> FileState | None:
        """The recorded state, if it still describes the file on disk and the manifest."""
        recorded = self.state.get(self.item.url)
        if recorded is None or recorded.path != self.relative or not self.dest.is_file():
            return None
        if part_path(self.dest).exists() or self.dest.stat().st_size != recorded.size:
            return None  # an interrupted download to resume, or a file changed by hand
        if self.item.sha256 and recorded.sha256 and self.item.sha256.lower() != recorded.sha256:
            return None
        if recorded.sha256 and _sha256_of(self.dest) != recorded.sha256:
            log.warning("%s no longer has the content that was fetched (same size, other "
                        "bytes); fetching it again", self.relative)
            return None
        return recorded

    def _matches_pinned_checksum(self) -> bool:
        """A file put here by hand counts as fetched when it has the manifest's checksum."""
        if not (self.item.sha256 or self.item.sha1) or not self.dest.is_file():
            return False
        if part_path(self.dest).exists():
            return False
        algorithm, want = ("sha256", self.item.sha256) if self.item.sha256 \
            else ("sha1", self.item.sha1)
        with self.dest.open("rb") as handle:
            digest = hashlib.file_digest(handle, algorithm).hexdigest()
        return digest == (want or "").lower()

    def _adopt_local_file(self) -> FileState:
        """Record a hand-placed file, with the server's validators if it can be asked."""
        log.info("%s: already present with the expected checksum", self.relative)
        try:
            remote = probe(self.item.url, timeout=self.timeout)
        except FetchError as exc:
            log.warning("%s: cannot ask the server for its version (%s)", self.relative, exc)
            remote = Remote()
        entry = FileState(self.relative, self.dest.stat().st_size, _sha256_of(self.dest),
                          remote.etag, remote.last_modified, remote.revision)
        self.state.record(self.item.url, entry)
        return entry

    def _record(self, result: Downloaded) -> FileState:
        entry = FileState(self.relative, result.size, result.sha256, result.etag,
                          result.last_modified, result.revision)
        self.state.record(self.item.url, entry)
        return entry

    def _ensure_extracted(self, entry: FileState, *, changed: bool) -> None:
        """Unpack a new archive, or an unchanged one whose extracted files went missing."""
        if not is_archive(self.dest):
            return
        if not changed and entry.extracted and all(
                (self.data_dir / p).is_file() for p in entry.extracted):
            return
        placed = extract(self.dest, limits=self.limits)
        extracted = tuple(sorted(p.relative_to(self.data_dir).as_posix() for p in placed))
        self.state.record(self.item.url, dataclasses.replace(entry, extracted=extracted))


def _sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
