"""Downloading one file so that only a complete, verified file ever appears under its name.

Bytes go to `<name>.part` (never matched by the index's globs such as `*.parquet`); a .part left
by an interrupted run or attempt is resumed with a Range request, with the validator of the
response that started it (kept in `<name>.part.validator`) sent as If-Range, so a file that
changed meanwhile restarts instead of being spliced. Once the .part is fsynced it is hashed
*from disk*, checked against the expected size and checksum, and moved onto the final name
(bot.atomicfile.move_into_place): the hash returned (and recorded) is that of the file in place.

Limits (FetchLimits): a file larger than `max_bytes` is refused, before a byte is written when
its size is announced, else as soon as it grows past it; with a known size the free space is
checked first. The whole download, retries included, has one deadline.

What happens to the .part after a failure is decided in one place each:
- network trouble: kept, and resumed by the next attempt or run;
- deadline passed: kept, since the bytes are good and the next fetch resumes them;
- disk full (ENOSPC, EDQUOT, EFBIG), size limit, checksum or size mismatch: removed, since
  keeping it would keep the disk full or hold bytes that must not be used; not retried.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from bot.atomicfile import move_into_place
from bot.errors import disk_full_reason
from bot.fetch.errors import DeadlineExceeded, FetchError, IntegrityError, TransientError
from bot.fetch.limits import DEFAULT_LIMITS, FetchLimits, describe_size, require_free_space
from bot.fetch.transport import Remote, Response, open_url, with_retries

log = logging.getLogger(__name__)

CHUNK_SIZE = 1 << 20
DEFAULT_ATTEMPTS = 5
DEFAULT_BACKOFF_SECONDS = 1.0


class DownloadProgress(Protocol):
    """Told about bytes as they arrive; `start` again means the transfer restarted."""

    def start(self, total: int | None, done: int) -> None: ...

    def advance(self, nbytes: int) -> None: ...


@dataclass(frozen=True)
class Downloaded:
    """A file now in place (or confirmed unchanged), and what the server said about it."""

    path: Path
    size: int
    sha256: str | None  # of the file on disk; None when the server answered 304
    etag: str | None = None
    last_modified: str | None = None
    revision: str | None = None
    resumed: bool = False
    not_modified: bool = False


def part_write_failed(exc: OSError, dest: Path, shown: str) -> OSError | FetchError:
    """What to raise when writing `dest`'s .part failed.

    A full disk frees the space the .part took and says so in one line; any other error is
    raised as it is.
    """
    reason = disk_full_reason(exc)
    if reason is None:
        return exc
    discard_part(dest)
    return FetchError(f"{shown}: cannot write in {part_path(dest).parent} ({reason}); "
                      "the partial download was removed to free the space")


def resume_offset(status: int, range_start: int | None, offset: int, dest: Path,
                  shown: str) -> int:
    """Where the body of an answer to a request resumed at `offset` starts in the file.

    A 206 must start at `offset` (any other start: the .part is dropped and the transfer tried
    again); a 200 is the whole file, so the .part starts over from 0.
    """
    if status == 206 and range_start != offset:
        discard_part(dest)
        raise TransientError(f"the server resumed at byte {range_start}, not {offset}")
    if status == 200 and offset:
        log.info("%s: the server sent the whole file, not the rest; starting again", shown)
        return 0
    return offset


def part_path(dest: Path) -> Path:
    """Where the bytes of `dest` accumulate until they are verified."""
    return dest.with_name(dest.name + ".part")


def validator_path(dest: Path) -> Path:
    """Where the ETag (or Last-Modified) of the response that started the .part is kept."""
    return dest.with_name(dest.name + ".part.validator")


def discard_part(dest: Path) -> None:
    """Remove the partial download of `dest` and what was kept to resume it."""
    part_path(dest).unlink(missing_ok=True)
    validator_path(dest).unlink(missing_ok=True)


def download(
    url: str,
    dest: Path,
    *,
    expected_size: int | None = None,
    sha256: str | None = None,
    sha1: str | None = None,
    progress: DownloadProgress | None = None,
    timeout: float = 60.0,
    if_none_match: str | None = None,
    if_modified_since: str | None = None,
    attempts: int | None = None,
    backoff: float | None = None,
    limits: FetchLimits | None = None,
) -> Downloaded:
    """Fetch `url` into `dest`, resuming, retrying and verifying; raise FetchError on failure.

    With `if_none_match` / `if_modified_since` (the validators of the file already at `dest`)
    a 304 answer leaves `dest` alone and returns `not_modified=True`. A size or checksum
    mismatch raises IntegrityError, deletes the .part and leaves any existing `dest` as it was.
    Network errors are retried `attempts` times, waiting `backoff` seconds, then 2×, 4×….
    `timeout` bounds each network read; `limits` the size and the whole download's duration.
    The caller holds the data folder's fetch lock (bot.fetch.lock): nothing else writes here.
    """
    limits = limits if limits is not None else DEFAULT_LIMITS
    if expected_size is not None and expected_size > limits.max_bytes:
        raise FetchError(f"{dest.name}: the manifest gives its size as "
                         f"{describe_size(expected_size)}, more than {limits.describe_max()}; "
                         "nothing was downloaded")
    dest.parent.mkdir(parents=True, exist_ok=True)
    conditional = {k: v for k, v in (("If-None-Match", if_none_match),
                                      ("If-Modified-Since", if_modified_since)) if v}
    job = _Job(url, dest, _Expected(expected_size, sha256, sha1), progress, timeout, conditional,
               limits)
    try:
        return with_retries(job.attempt, what=dest.name,
                            attempts=attempts if attempts is not None else DEFAULT_ATTEMPTS,
                            backoff=backoff if backoff is not None else DEFAULT_BACKOFF_SECONDS)
    except DeadlineExceeded:
        part = job.part.stat().st_size if job.part.exists() else 0
        kept = (f"; the {describe_size(part)} received are kept for the next fetch to resume"
                if part else "")
        raise DeadlineExceeded(f"{dest.name}: the download did not finish within "
                               f"{limits.describe_deadline()}{kept}") from None


@dataclass(frozen=True)
class _Expected:
    size: int | None
    sha256: str | None
    sha1: str | None

    def problem(self, size: int, hashes: _Hashes) -> str | None:
        if self.size is not None and size != self.size:
            return f"expected {self.size:,} bytes, found {size:,}"
        for name, want, got in (("SHA-256", self.sha256, hashes.sha256.hexdigest()),
                                ("SHA-1", self.sha1, hashes.sha1.hexdigest())):
            if want and want.lower() != got:
                return f"expected {name} {want.lower()}, found {got}"
        return None


class _Hashes:
    """Both digests of a file as it is on disk: what is verified is what will be in place."""

    def __init__(self, path: Path) -> None:
        self.sha256 = hashlib.sha256()
        self.sha1 = hashlib.sha1(usedforsecurity=False)
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                self.sha256.update(chunk)
                self.sha1.update(chunk)


class _Job:
    """One download across its attempts: what a retry needs to know about earlier ones."""

    def __init__(self, url: str, dest: Path, expected: _Expected,
                 progress: DownloadProgress | None, timeout: float,
                 conditional: dict[str, str], limits: FetchLimits) -> None:
        self.url, self.dest, self.part = url, dest, part_path(dest)
        self.expected, self.progress, self.timeout = expected, progress, timeout
        self.conditional, self.limits = conditional, limits
        self.deadline = time.monotonic() + limits.deadline_seconds
        self.validator = self._kept_validator()  # sent as If-Range so a changed file restarts
        self.resumed = False

    def attempt(self) -> Downloaded:
        if time.monotonic() >= self.deadline:
            raise DeadlineExceeded("the deadline passed before this attempt")
        offset = self.part.stat().st_size if self.part.exists() else 0
        headers = self._headers(offset)
        with open_url(self.url, headers=headers, timeout=self.timeout,
                      deadline=self.deadline) as response:
            if response.status == 304 and not offset and self.conditional:
                return self._not_modified(response.remote)
            if response.status == 416 and offset:
                return self._range_not_satisfiable(response.remote, offset)
            if response.status not in (200, 206):
                raise FetchError(f"{self.url}: the server answered HTTP {response.status} "
                                 f"{response.reason}")
            offset = resume_offset(response.status, response.range_start, offset, self.dest,
                                   self.dest.name)
            self.resumed = self.resumed or response.status == 206
            return self._receive(response, offset)

    def _headers(self, offset: int) -> dict[str, str]:
        if not offset:
            return dict(self.conditional)
        headers = {"Range": f"bytes={offset}-"}
        if self.validator:
            headers["If-Range"] = self.validator
        return headers

    def _receive(self, response: Response, offset: int) -> Downloaded:
        remote = response.remote
        total = remote.total_size
        if total is not None and self.expected.size is not None and total != self.expected.size:
            discard_part(self.dest)
            raise IntegrityError(f"{self.dest.name}: expected {self.expected.size:,} bytes, "
                                 f"but the server announces {total:,}")
        if total is not None and total > self.limits.max_bytes:
            discard_part(self.dest)
            raise FetchError(f"{self.dest.name}: the server announces {describe_size(total)}, "
                             f"more than {self.limits.describe_max()}; nothing was downloaded")
        if total is not None:
            have = self.part.stat().st_size if self.part.exists() else 0  # kept or truncated
            no_room = require_free_space(self.part.parent, total - have, self.dest.name)
            if no_room:
                raise FetchError(f"{no_room}; nothing more was downloaded")
        if self.progress is not None:
            self.progress.start(total, offset)
        try:
            if not offset:
                self._keep_validator(remote)
            with self.part.open("ab" if offset else "wb") as out:
                received = offset + self._stream(response, out, offset)
                out.flush()
                os.fsync(out.fileno())
                on_disk = os.fstat(out.fileno()).st_size
        except OSError as exc:
            raise part_write_failed(exc, self.dest, self.dest.name) from None
        if on_disk != received:
            discard_part(self.dest)
            raise IntegrityError(f"{self.dest.name}: the partial file holds {on_disk:,} bytes "
                                 f"where {received:,} were written (was it changed by another "
                                 "program?); it was discarded")
        if total is not None and received < total:
            raise TransientError(f"the connection closed after {received:,} of {total:,} bytes")
        return self._finish(received, remote)

    def _stream(self, response: Response, out: IO[bytes], offset: int) -> int:
        """Copy the body to `out`, stopping (and removing the .part) past the size limit."""
        written = 0
        while chunk := response.read(CHUNK_SIZE):
            if offset + written + len(chunk) > self.limits.max_bytes:
                discard_part(self.dest)
                raise FetchError(f"{self.dest.name}: larger than {self.limits.describe_max()}; "
                                 "the download was stopped there and removed")
            out.write(chunk)
            written += len(chunk)
            if self.progress is not None:
                self.progress.advance(len(chunk))
        return written

    def _range_not_satisfiable(self, remote: Remote, offset: int) -> Downloaded:
        """416: the .part is already whole (verify it) or stale (start again)."""
        if remote.total_size == offset or (remote.total_size is None
                                           and self.expected.size == offset):
            return self._finish(offset, remote)
        log.info("%s: the partial download is stale; starting again", self.dest.name)
        discard_part(self.dest)
        return self.attempt()

    def _finish(self, size: int, remote: Remote) -> Downloaded:
        """Verify the .part as it is on disk, then put it in place."""
        hashes = _Hashes(self.part)
        problem = self.expected.problem(size, hashes)
        if problem:
            discard_part(self.dest)
            kept = " and the existing file kept" if self.dest.exists() else ""
            raise IntegrityError(f"{self.dest.name}: {problem}; the download was discarded{kept}")
        move_into_place(self.part, self.dest)
        validator_path(self.dest).unlink(missing_ok=True)
        return Downloaded(self.dest, size, hashes.sha256.hexdigest(), remote.etag,
                          remote.last_modified, remote.revision, resumed=self.resumed)

    def _not_modified(self, remote: Remote) -> Downloaded:
        return Downloaded(self.dest, self.dest.stat().st_size, None, remote.etag,
                          remote.last_modified, remote.revision, not_modified=True)

    def _keep_validator(self, remote: Remote) -> None:
        """A strong ETag (or else Last-Modified) makes resuming safe via If-Range.

        It is written beside the .part so that a later run (after a kill, say) resumes only
        the same version of the file.
        """
        if remote.etag and not remote.etag.startswith("W/"):
            self.validator = remote.etag
        else:
            self.validator = remote.last_modified
        kept = validator_path(self.dest)
        if self.validator:
            kept.write_text(self.validator + "\n", encoding="utf-8")
        else:
            kept.unlink(missing_ok=True)

    def _kept_validator(self) -> str | None:
        """The validator of the .part an earlier run left, if it left one."""
        kept = validator_path(self.dest)
        if not self.part.exists():
            kept.unlink(missing_ok=True)
            return None
        try:
            return kept.read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None
