"""What a fetch did, file by file: the reports that the CLI prints and the update cycle reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.fetch.download import DownloadProgress

ProgressFactory = Callable[[str], DownloadProgress]


class Outcome(StrEnum):
    """What happened to one listed download."""

    DOWNLOADED = "downloaded"
    RESUMED = "resumed"
    UNCHANGED = "unchanged"
    MANUAL = "manual"
    FAILED = "failed"


@dataclass(frozen=True)
class FileFetch:
    """One download's outcome; `message` is the manual step or the failure, as a sentence.

    `url` is the source: a web URL, or `hf://datasets/<repo>/<path>` for a Hub file.
    """

    url: str
    path: str | None  # relative to the data directory; None when it could not be worked out
    outcome: Outcome
    message: str = ""
    size: int | None = None


@dataclass(frozen=True)
class DatasetFetch:
    """Every listed download of one dataset, in manifest order (then its Hub files)."""

    dataset_id: str
    files: tuple[FileFetch, ...]

    @property
    def ok(self) -> bool:
        """True when every file that can be fetched automatically is in place."""
        return all(f.outcome is not Outcome.FAILED for f in self.files)

    def count(self, outcome: Outcome) -> int:
        return sum(f.outcome is outcome for f in self.files)
