"""Unpacking a downloaded zip beside itself without ever exposing a half-extracted tree.

Every member is written into a temporary folder on the same filesystem first; only when the
whole archive has been read (and its CRCs checked) is each file, fsynced, moved into place with
os.replace, and each folder it landed in fsynced once (bot.atomicfile). A corrupt or unsafe
archive therefore changes nothing that was there before.

An archive may not expand to more than the fetch size limit, per member or in total (a zip of
zeros compresses a thousandfold). The sizes its directory declares are checked, with the free
space, before anything is written; zipfile never inflates a member past its declared size, and
the bytes written are counted too, so a directory that lies cannot get past the limit either.
A disk that fills up anyway leaves nothing behind: the staging folder is removed.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from bot.atomicfile import fsync_dir
from bot.errors import disk_full_reason
from bot.fetch.errors import ArchiveError
from bot.fetch.limits import DEFAULT_LIMITS, FetchLimits, describe_size, require_free_space

log = logging.getLogger(__name__)

ARCHIVE_SUFFIXES = (".zip",)
CHUNK_SIZE = 1 << 20
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError)


def is_archive(path: Path) -> bool:
    """Whether `fetch` unpacks this file after downloading it."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def extract(archive: Path, *, limits: FetchLimits | None = None) -> list[Path]:
    """Unpack `archive` into its own folder (`fma/x.zip` holding `x/a.csv` → `fma/x/a.csv`).

    Returns the files put in place. Raises ArchiveError for a corrupt archive, a member whose
    path is absolute or climbs out with `..`, contents larger than the size limit or more than
    the disk has room for; files from an earlier extraction stay untouched.
    """
    target = archive.parent
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [(info, _safe_relative(archive, info.filename))
                       for info in bundle.infolist() if not info.is_dir()]
            _check_expansion(archive, [info for info, _ in members], limits or DEFAULT_LIMITS)
            staging = Path(tempfile.mkdtemp(prefix=f".{archive.name}.extract-", dir=target))
            try:
                for info, relative in members:
                    _unpack(archive, bundle, info, staging / relative)
                placed = [_move_into_place(staging / rel, target / rel) for _, rel in members]
                for folder in sorted({path.parent for path in placed}):
                    fsync_dir(folder)  # once per folder, not once per member
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except ArchiveError:
        raise
    except OSError as exc:
        full = disk_full_reason(exc)
        if full is None:
            raise _unreadable(archive, exc) from None
        raise ArchiveError(f"{archive.name}: cannot extract the archive ({full}); nothing was "
                           "extracted and files extracted earlier were left as they were") from None
    except READ_ERRORS as exc:
        raise _unreadable(archive, exc) from None
    log.info("%s: extracted %d files", archive.name, len(placed))
    return placed


def _unreadable(archive: Path, exc: BaseException) -> ArchiveError:
    reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return ArchiveError(f"{archive.name}: cannot extract the archive ({reason}); "
                        "files extracted earlier were left as they were")


def _check_expansion(archive: Path, members: list[zipfile.ZipInfo], limits: FetchLimits) -> None:
    """Refuse, before writing anything, contents over the limit or over the free space."""
    for info in members:
        if info.file_size > limits.max_bytes:
            raise ArchiveError(f"{archive.name}: the member {info.filename!r} expands to "
                               f"{describe_size(info.file_size)}, more than "
                               f"{limits.describe_max()}; nothing was extracted")
    total = sum(info.file_size for info in members)
    if total > limits.max_bytes:
        raise ArchiveError(f"{archive.name}: the archive expands to {describe_size(total)}, "
                           f"more than {limits.describe_max()}; nothing was extracted")
    no_room = require_free_space(archive.parent, total, f"extracting {archive.name}")
    if no_room:
        raise ArchiveError(f"{no_room}; nothing was extracted")


def _safe_relative(archive: Path, name: str) -> PurePosixPath:
    """A member's path, refused if it is absolute or leaves the target folder (zip slip)."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ArchiveError(f"{archive.name}: refusing the unsafe member path {name!r} "
                           "(absolute or containing '..'); nothing was extracted")
    parts = [part for part in path.parts if part not in ("", ".")]
    if not parts:
        raise ArchiveError(f"{archive.name}: a member has an empty path; nothing was extracted")
    return PurePosixPath(*parts)


def _unpack(archive: Path, bundle: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    """Copy one member out; reading to the end makes zipfile check its CRC.

    The declared size passed the limits, so no member may write more than it declares.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with bundle.open(info) as source, dest.open("wb") as out:
        while chunk := source.read(CHUNK_SIZE):
            written += len(chunk)
            if written > info.file_size:
                raise ArchiveError(f"{archive.name}: the member {info.filename!r} expands past "
                                   "the size the archive declares; nothing was extracted")
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def _move_into_place(staged: Path, final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    return final
