"""Fetching a dataset's Hugging Face Hub files (`hub:` in the manifest) into the data folder.

The manifest's revision is resolved to a commit once, and that commit's listing says which files
match `hub.files`, with their sizes and hashes: nothing is guessed. Then, file by file:

1. Recorded, still on disk with the recorded hash, and the listing gives the recorded version:
   unchanged, without a request. A file already there with the listed hash (put by hand) is
   adopted the same way.
2. Otherwise a HEAD on its resolve URL names where the bytes are (the client's first hop), and
   they are appended to `<file>.part` from where an earlier attempt or run stopped, if that
   .part is of the same version (its ETag is kept in `.part.validator`). The size limit and the
   free space are checked before a byte is asked for, the deadline as the bytes arrive.
3. The .part is hashed from disk and checked against the listed size, the Hub's own hash (the
   LFS SHA-256, or the git blob id of a small file) and the manifest's pinned SHA-256; only then
   is it moved over the old file. On any failure the previous file stays.

A HubError (gated, token rejected, repo or revision gone, 429, no network) ends the dataset
with one line: every further file would get the same answer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import bot.fetch.download as download_module
from bot.atomicfile import move_into_place
from bot.datasets.manifest import DatasetSpec, HubSpec
from bot.fetch.download import (
    DownloadProgress,
    discard_part,
    part_path,
    part_write_failed,
    resume_offset,
    validator_path,
)
from bot.fetch.errors import (
    DeadlineExceeded,
    FetchError,
    HubError,
    IntegrityError,
    TransientError,
)
from bot.fetch.hub import HubClient, HubFile, hub_uri, matching, short
from bot.fetch.limits import FetchLimits, describe_size, require_free_space
from bot.fetch.outcomes import FileFetch, Outcome, ProgressFactory
from bot.fetch.state import FetchState, FileState
from bot.fetch.transport import check_redirect, with_retries

log = logging.getLogger(__name__)

CHUNK_SIZE = 1 << 20
EXAMPLES_SHOWN = 3


@dataclasses.dataclass(frozen=True)
class HubTarget:
    """Where one session fetches to and within which limits (the FetchSession's settings)."""

    data_dir: Path
    state: FetchState
    timeout: float
    limits: FetchLimits
    client: HubClient


def fetch_hub(spec: DatasetSpec, hub: HubSpec, target: HubTarget, *, force: bool = False,
              progress_factory: ProgressFactory | None = None) -> list[FileFetch]:
    """Bring the Hub files of `spec` up to date; every failure is an outcome, never raised."""
    source = f"hf://datasets/{hub.repo}@{hub.revision}"
    try:
        commit = target.client.commit_of(hub.repo, hub.revision)
        chosen = _chosen(hub, commit, target.client.list_files(hub.repo, commit))
    except FetchError as exc:
        return [FileFetch(source, None, Outcome.FAILED, str(exc))]
    outcomes = [FileFetch(hub_uri(hub.repo, path), None, Outcome.FAILED, why)
                for path, why in _unmatched_pins(hub, chosen, commit)]
    for number, file in enumerate(chosen):
        uri = hub_uri(hub.repo, file.path)
        relative = None
        try:
            relative = hub_target_path(hub, file.path)
            fetcher = _HubFileFetcher(hub, file, commit, relative, target)
            outcomes.append(fetcher.run(force, progress_factory))
        except HubError as exc:
            left = len(chosen) - number - 1
            rest = f" ({left} more file{'s' if left != 1 else ''} not tried)" if left else ""
            outcomes.append(FileFetch(uri, relative, Outcome.FAILED, f"{exc}{rest}"))
            break
        except FetchError as exc:
            outcomes.append(FileFetch(uri, relative, Outcome.FAILED, str(exc)))
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            outcomes.append(FileFetch(uri, relative, Outcome.FAILED,
                                      f"{exc.filename or relative or uri}: {reason}"))
    return outcomes


def _chosen(hub: HubSpec, commit: str, listed: list[HubFile]) -> list[HubFile]:
    """The listed files `hub.files` asks for; none at all is an error, not an empty success."""
    chosen = matching(listed, hub.files)
    if chosen:
        return chosen
    examples = ", ".join(sorted(f.path for f in listed)[:EXAMPLES_SHOWN])
    held = (f"it holds {len(listed)} file{'s' if len(listed) != 1 else ''} (e.g. {examples})"
            if listed else "it holds no files")
    raise FetchError(f"{hub.repo}@{short(commit)}: no file matches {', '.join(hub.files)}; "
                     f"{held}: fix `hub.files` in the manifest")


def _unmatched_pins(hub: HubSpec, chosen: list[HubFile], commit: str
                    ) -> list[tuple[str, str]]:
    """Pinned hashes of files this fetch will not bring: each is a failure to look into."""
    names = {f.path for f in chosen}
    return [(path, f"{hub.repo}@{short(commit)}: {path} has a pinned SHA-256 in `hub.sha256` "
                   "but is not among the files listed and matched by `hub.files`")
            for path in sorted(hub.sha256) if path not in names]


def hub_target_path(hub: HubSpec, repo_path: str) -> str:
    """`<into>/<repo path>`, refusing a listed path that would leave the data folder."""
    path = PurePosixPath(repo_path)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise FetchError(f"{hub.repo}: the listed path {repo_path!r} would leave the data "
                         "folder; it was not fetched")
    return str(PurePosixPath(hub.into) / path)


class _HubFileFetcher:
    """One listed file: unchanged, adopted, or downloaded, verified and moved into place."""

    def __init__(self, hub: HubSpec, file: HubFile, commit: str, relative: str,
                 target: HubTarget) -> None:
        self.hub, self.file, self.commit, self.relative = hub, file, commit, relative
        self.target, self.client, self.limits = target, target.client, target.limits
        self.dest = target.data_dir / relative
        self.part = part_path(self.dest)
        self.key = hub_uri(hub.repo, file.path)
        self.pinned = hub.sha256.get(file.path)
        self.resumed = False

    def run(self, force: bool, progress_factory: ProgressFactory | None) -> FileFetch:
        self._check_pin_against_listing()
        if force:
            discard_part(self.dest)
        else:
            kept = self._kept_version()
            if kept is not None:
                return FileFetch(self.key, self.relative, Outcome.UNCHANGED, size=kept.size)
        if self.file.size > self.limits.max_bytes:
            raise FetchError(f"{self.relative}: the Hub lists {describe_size(self.file.size)}, "
                             f"more than {self.limits.describe_max()}; nothing was downloaded")
        progress = progress_factory(self.relative) if progress_factory else None
        try:
            sha256 = self._download(progress)
        finally:
            close = getattr(progress, "close", None)
            if callable(close):
                close()
        self.target.state.record(self.key, FileState(self.relative, self.file.size, sha256,
                                                     self.file.etag, None, self.commit))
        outcome = Outcome.RESUMED if self.resumed else Outcome.DOWNLOADED
        return FileFetch(self.key, self.relative, outcome, size=self.file.size)

    def _check_pin_against_listing(self) -> None:
        """A pin the Hub's own SHA-256 contradicts fails before a byte is downloaded."""
        listed = self.file.lfs_sha256
        if self.pinned and listed and listed != self.pinned:
            raise IntegrityError(
                f"{self.relative}: the Hub lists SHA-256 {listed} at {short(self.commit)}, "
                f"but the manifest pins {self.pinned}; nothing was downloaded (did the file "
                "change upstream? check it, then update `hub.sha256`)")

    def _kept_version(self) -> FileState | None:
        """The record of the file on disk when it is the listed version (no request needed)."""
        state = self.target.state
        recorded = state.get(self.key)
        if recorded is None or recorded.path != self.relative:
            recorded = None
        on_disk = self.dest.is_file() and not self.part.exists()
        if recorded is not None and on_disk and self.dest.stat().st_size == recorded.size:
            if recorded.etag != self.file.etag or (self.pinned and recorded.sha256 != self.pinned):
                return None
            digests = _Digests(self.dest)
            if digests.sha256 != recorded.sha256:
                log.warning("%s no longer has the content that was fetched; fetching it again",
                            self.relative)
                return None
            if recorded.revision != self.commit:
                recorded = dataclasses.replace(recorded, revision=self.commit)
                state.record(self.key, recorded)
            return recorded
        if recorded is None and on_disk and self.dest.stat().st_size == self.file.size:
            digests = _Digests(self.dest)
            if self._problem(digests, self.file.size) is None:
                log.info("%s: already present with the listed hash", self.relative)
                adopted = FileState(self.relative, self.file.size, digests.sha256,
                                    self.file.etag, None, self.commit)
                state.record(self.key, adopted)
                return adopted
        return None

    def _download(self, progress: DownloadProgress | None) -> str:
        """Bring the bytes into the .part, verify them and move them in place; their SHA-256."""
        deadline = time.monotonic() + self.limits.deadline_seconds
        resolve = self.client.resolve_url(self.hub.repo, self.file.path, self.commit)
        version = self.client.file_version(self.hub.repo, self.file.path, self.commit)
        check_redirect(resolve, version.location)
        self._drop_part_of_another_version()
        have = self.part.stat().st_size if self.part.exists() else 0
        no_room = require_free_space(self.dest.parent, self.file.size - have, self.relative)
        if no_room:
            raise FetchError(f"{no_room}; nothing more was downloaded")
        try:
            return with_retries(lambda: self._attempt(version.location, deadline, progress),
                                what=self.relative, attempts=download_module.DEFAULT_ATTEMPTS,
                                backoff=download_module.DEFAULT_BACKOFF_SECONDS)
        except DeadlineExceeded:
            kept = self.part.stat().st_size if self.part.exists() else 0
            keep = (f"; the {describe_size(kept)} received are kept for the next fetch to "
                    "resume" if kept else "")
            raise DeadlineExceeded(f"{self.relative}: the download did not finish within "
                                   f"{self.limits.describe_deadline()}{keep}") from None

    def _drop_part_of_another_version(self) -> None:
        """A .part of another version of the file is dropped: its bytes must not be spliced."""
        self.dest.parent.mkdir(parents=True, exist_ok=True)
        if not self.part.exists():
            validator_path(self.dest).unlink(missing_ok=True)
            return
        try:
            version = validator_path(self.dest).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            version = ""
        if version != self.file.etag or self.part.stat().st_size > self.file.size:
            log.info("%s: the partial download is of another version; starting again",
                     self.relative)
            discard_part(self.dest)

    def _attempt(self, url: str, deadline: float, progress: DownloadProgress | None) -> str:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DeadlineExceeded("the deadline passed before this attempt")
        offset = self.part.stat().st_size if self.part.exists() else 0
        if offset == self.file.size and self.part.exists():  # whole already: verify it
            return self._finish()
        timeout = min(self.target.timeout, remaining)
        with self.client.open_body(url, offset=offset, timeout=timeout,
                                   repo=self.hub.repo) as body:
            if body.status not in (200, 206):
                raise FetchError(f"{self.relative}: the server answered HTTP {body.status}")
            offset = resume_offset(body.status, body.range_start, offset, self.dest,
                                   self.relative)
            if body.total_size is not None and body.total_size != self.file.size:
                discard_part(self.dest)
                raise IntegrityError(f"{self.relative}: the Hub lists {self.file.size:,} bytes, "
                                     f"but the server announces {body.total_size:,}")
            self.resumed = self.resumed or body.status == 206
            if not offset:  # a new .part: say which version it holds, for the next run
                validator_path(self.dest).write_text(self.file.etag + "\n", encoding="utf-8")
            if progress is not None:
                progress.start(self.file.size, offset)
            received = offset + self._receive(body.pieces, offset, deadline, progress)
        if received < self.file.size:
            raise TransientError(f"the connection closed after {received:,} of "
                                 f"{self.file.size:,} bytes")
        return self._finish()

    def _receive(self, pieces: Iterator[bytes], offset: int, deadline: float,
                 progress: DownloadProgress | None) -> int:
        """Append the pieces to the .part (fsynced); stop past the listed size or the deadline."""
        written = 0
        try:
            with self.part.open("ab" if offset else "wb") as out:
                for piece in pieces:
                    if offset + written + len(piece) > self.file.size:
                        discard_part(self.dest)
                        raise IntegrityError(f"{self.relative}: the server sent more than the "
                                             f"{self.file.size:,} bytes the Hub lists; the "
                                             "download was discarded")
                    out.write(piece)
                    written += len(piece)
                    if progress is not None:
                        progress.advance(len(piece))
                    if time.monotonic() >= deadline:  # the bytes so far are kept: resumable
                        out.flush()
                        raise DeadlineExceeded("the deadline passed during the transfer")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise part_write_failed(exc, self.dest, self.relative) from None
        return written

    def _finish(self) -> str:
        """Verify the .part as it is on disk, then put it in place."""
        size = self.part.stat().st_size
        digests = _Digests(self.part)
        problem = self._problem(digests, size)
        if problem:
            discard_part(self.dest)
            kept = " and the existing file kept" if self.dest.exists() else ""
            raise IntegrityError(f"{self.relative}: {problem}; the download was discarded{kept}")
        move_into_place(self.part, self.dest)
        validator_path(self.dest).unlink(missing_ok=True)
        return digests.sha256

    def _problem(self, digests: _Digests, size: int) -> str | None:
        """What is wrong with these bytes: size, the Hub's own hash, then the pinned SHA-256."""
        if size != self.file.size:
            return f"expected {self.file.size:,} bytes (the Hub's listing), found {size:,}"
        if self.file.lfs_sha256 and digests.sha256 != self.file.lfs_sha256:
            return (f"expected SHA-256 {self.file.lfs_sha256} (the Hub's listing), "
                    f"found {digests.sha256}")
        if not self.file.lfs_sha256 and digests.git_blob_id != self.file.blob_id:
            return (f"expected git blob id {self.file.blob_id} (the Hub's listing), "
                    f"found {digests.git_blob_id}")
        if self.pinned and digests.sha256 != self.pinned:
            return (f"expected SHA-256 {self.pinned} (pinned in the manifest), "
                    f"found {digests.sha256}")
        return None


class _Digests:
    """A file's SHA-256 and git blob id (the Hub's id of a small file), read once from disk."""

    def __init__(self, path: Path) -> None:
        size = path.stat().st_size
        sha256 = hashlib.sha256()
        blob = hashlib.sha1(f"blob {size}\0".encode(), usedforsecurity=False)
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                sha256.update(chunk)
                blob.update(chunk)
        self.sha256 = sha256.hexdigest()
        self.git_blob_id = blob.hexdigest()
