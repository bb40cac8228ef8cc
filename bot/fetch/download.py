"""Downloading one file so that only a complete, verified file ever appears under its name.

Bytes go to `<name>.part` (never matched by the index's globs such as `*.parquet`); a .part left
by an interrupted run or attempt is resumed with a Range request. Only after the size and
checksum are verified is it fsynced and moved onto the final name with os.replace.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from bot.fetch.errors import FetchError, IntegrityError, TransientError
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
    sha256: str | None  # None when the server answered 304 and nothing was read
    etag: str | None = None
    last_modified: str | None = None
    revision: str | None = None
    resumed: bool = False
    not_modified: bool = False


def part_path(dest: Path) -> Path:
    """Where the bytes of `dest` accumulate until they are verified."""
    return dest.with_name(dest.name + ".part")


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
) -> Downloaded:
    """Fetch `url` into `dest`, resuming, retrying and verifying; raise FetchError on failure.

    With `if_none_match` / `if_modified_since` (the validators of the file already at `dest`)
    a 304 answer leaves `dest` alone and returns `not_modified=True`. A size or checksum
    mismatch raises IntegrityError, deletes the .part and leaves any existing `dest` as it was.
    Network errors are retried `attempts` times, waiting `backoff` seconds, then 2×, 4×….
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    conditional = {k: v for k, v in (("If-None-Match", if_none_match),
                                      ("If-Modified-Since", if_modified_since)) if v}
    job = _Job(url, dest, _Expected(expected_size, sha256, sha1), progress, timeout, conditional)
    return with_retries(job.attempt, what=dest.name,
                        attempts=attempts if attempts is not None else DEFAULT_ATTEMPTS,
                        backoff=backoff if backoff is not None else DEFAULT_BACKOFF_SECONDS)


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
    def __init__(self) -> None:
        self.sha256 = hashlib.sha256()
        self.sha1 = hashlib.sha1(usedforsecurity=False)

    def update(self, chunk: bytes) -> None:
        self.sha256.update(chunk)
        self.sha1.update(chunk)

    def update_from_file(self, path: Path) -> None:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_SIZE):
                self.update(chunk)


class _Job:
    """One download across its attempts: what a retry needs to know about earlier ones."""

    def __init__(self, url: str, dest: Path, expected: _Expected,
                 progress: DownloadProgress | None, timeout: float,
                 conditional: dict[str, str]) -> None:
        self.url, self.dest, self.part = url, dest, part_path(dest)
        self.expected, self.progress, self.timeout = expected, progress, timeout
        self.conditional = conditional
        self.validator: str | None = None  # sent as If-Range so a changed file restarts
        self.resumed = False

    def attempt(self) -> Downloaded:
        offset = self.part.stat().st_size if self.part.exists() else 0
        headers = self._headers(offset)
        with open_url(self.url, headers=headers, timeout=self.timeout) as response:
            if response.status == 304 and not offset and self.conditional:
                return self._not_modified(response.remote)
            if response.status == 416 and offset:
                return self._range_not_satisfiable(response.remote, offset)
            if response.status not in (200, 206):
                raise FetchError(f"{self.url}: the server answered HTTP {response.status} "
                                 f"{response.reason}")
            if response.status == 206 and response.range_start != offset:
                self.part.unlink()
                raise TransientError(f"the server resumed at byte {response.range_start}, "
                                     f"not {offset}")
            if response.status == 200 and offset:
                log.info("%s: the server ignored the Range request; starting again", self.dest.name)
                offset = 0
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
        self._remember_validator(remote)
        if total is not None and self.expected.size is not None and total != self.expected.size:
            self.part.unlink(missing_ok=True)
            raise IntegrityError(f"{self.dest.name}: expected {self.expected.size:,} bytes, "
                                 f"but the server announces {total:,}")
        hashes = _Hashes()
        if offset:
            hashes.update_from_file(self.part)
        if self.progress is not None:
            self.progress.start(total, offset)
        with self.part.open("ab" if offset else "wb") as out:
            size = offset + self._stream(response, out, hashes)
            out.flush()
            os.fsync(out.fileno())
        if total is not None and size < total:
            raise TransientError(f"the connection closed after {size:,} of {total:,} bytes")
        return self._finish(size, hashes, remote)

    def _stream(self, response: Response, out: IO[bytes], hashes: _Hashes) -> int:
        written = 0
        while chunk := response.read(CHUNK_SIZE):
            out.write(chunk)
            hashes.update(chunk)
            written += len(chunk)
            if self.progress is not None:
                self.progress.advance(len(chunk))
        return written

    def _range_not_satisfiable(self, remote: Remote, offset: int) -> Downloaded:
        """416: the .part is already whole (verify it) or stale (start again)."""
        if remote.total_size == offset or (remote.total_size is None
                                           and self.expected.size == offset):
            hashes = _Hashes()
            hashes.update_from_file(self.part)
            return self._finish(offset, hashes, remote)
        log.info("%s: the partial download is stale; starting again", self.dest.name)
        self.part.unlink()
        return self.attempt()

    def _finish(self, size: int, hashes: _Hashes, remote: Remote) -> Downloaded:
        problem = self.expected.problem(size, hashes)
        if problem:
            self.part.unlink(missing_ok=True)
            kept = " and the existing file kept" if self.dest.exists() else ""
            raise IntegrityError(f"{self.dest.name}: {problem}; the download was discarded{kept}")
        os.replace(self.part, self.dest)
        _fsync_dir(self.dest.parent)
        return Downloaded(self.dest, size, hashes.sha256.hexdigest(), remote.etag,
                          remote.last_modified, remote.revision, resumed=self.resumed)

    def _not_modified(self, remote: Remote) -> Downloaded:
        return Downloaded(self.dest, self.dest.stat().st_size, None, remote.etag,
                          remote.last_modified, remote.revision, not_modified=True)

    def _remember_validator(self, remote: Remote) -> None:
        """A strong ETag (or else Last-Modified) makes a resumed request safe via If-Range."""
        if remote.etag and not remote.etag.startswith("W/"):
            self.validator = remote.etag
        elif remote.last_modified:
            self.validator = remote.last_modified


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not every platform can open a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
