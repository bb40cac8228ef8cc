"""What `fetch` last put on disk per URL, so unchanged sources are not downloaded again.

Kept in `<data_dir>/.fetch-state.json`, rewritten atomically (bot.atomicfile) so an
interrupted run leaves either the old or the new record, never half of one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.atomicfile import write_atomically

log = logging.getLogger(__name__)

STATE_NAME = ".fetch-state.json"
STATE_VERSION = 1


@dataclass(frozen=True)
class FileState:
    """One downloaded file: where it is (relative to the data dir) and which version it is."""

    path: str
    size: int
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    revision: str | None = None
    fetched_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    extracted: tuple[str, ...] = ()


class FetchState:
    """The state file of one data directory, loaded at once and saved after each change."""

    def __init__(self, path: Path, files: dict[str, FileState] | None = None) -> None:
        self.path = path
        self._files = dict(files or {})

    @classmethod
    def load(cls, data_dir: Path) -> FetchState:
        """Read the state; a missing file is empty and an unreadable one is warned about."""
        path = data_dir / STATE_NAME
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
            files = {url: _file_state(entry) for url, entry in raw["files"].items()}
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s is unreadable (%s); every file counts as not fetched yet",
                        path, exc.__class__.__name__)
            return cls(path)
        return cls(path, files)

    def get(self, url: str) -> FileState | None:
        return self._files.get(url)

    def record(self, url: str, state: FileState) -> None:
        """Remember `state` for `url` and write the file at once."""
        self._files[url] = state
        self.save()

    def save(self) -> None:
        payload = {"version": STATE_VERSION,
                   "files": {url: asdict(entry) for url, entry in sorted(self._files.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        write_atomically(self.path, text.encode("utf-8"))


def _file_state(entry: dict[str, Any]) -> FileState:
    known = {name: entry[name] for name in FileState.__dataclass_fields__ if name in entry}
    known["extracted"] = tuple(known.get("extracted", ()))
    return FileState(**known)
