"""Unpacking a downloaded zip beside itself without ever exposing a half-extracted tree.

Every member is written into a temporary folder on the same filesystem first; only when the
whole archive has been read (and its CRCs checked) is each file moved into place with
os.replace. A corrupt or unsafe archive therefore changes nothing that was there before.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from bot.fetch.errors import ArchiveError

log = logging.getLogger(__name__)

ARCHIVE_SUFFIXES = (".zip",)
CHUNK_SIZE = 1 << 20
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError)


def is_archive(path: Path) -> bool:
    """Whether `fetch` unpacks this file after downloading it."""
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def extract(archive: Path) -> list[Path]:
    """Unpack `archive` into its own folder (`fma/x.zip` holding `x/a.csv` → `fma/x/a.csv`).

    Returns the files put in place. Raises ArchiveError for a corrupt archive or a member whose
    path is absolute or climbs out with `..`; files from an earlier extraction stay untouched.
    """
    target = archive.parent
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [(info, _safe_relative(archive, info.filename))
                       for info in bundle.infolist() if not info.is_dir()]
            staging = Path(tempfile.mkdtemp(prefix=f".{archive.name}.extract-", dir=target))
            try:
                for info, relative in members:
                    _unpack(bundle, info, staging / relative)
                placed = [_move_into_place(staging / rel, target / rel) for _, rel in members]
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except ArchiveError:
        raise
    except READ_ERRORS as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
        raise ArchiveError(f"{archive.name}: cannot extract the archive ({reason}); "
                           "files extracted earlier were left as they were") from None
    log.info("%s: extracted %d files", archive.name, len(placed))
    return placed


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


def _unpack(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path) -> None:
    """Copy one member out; reading to the end makes zipfile check its CRC."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with bundle.open(info) as source, dest.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK_SIZE)
        out.flush()
        os.fsync(out.fileno())


def _move_into_place(staged: Path, final: Path) -> Path:
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    return final
