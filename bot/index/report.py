"""What a build did: per dataset and per file, and what changed since the previous index."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from bot.datasets.records import by_design

MAX_SKIP_EXAMPLES = 5
MAX_SKIP_REASONS = 20  # distinct reasons counted per file; the rest are counted together
OTHER_REASONS = "other reasons"
DEFAULT_MAX_SKIPPED_PERCENT = 5.0  # config: index.max_skipped_percent
# Below this many rows (left-out-by-design ones aside), the skipped share says nothing: one
# or two malformed rows, which every bundled demo file holds on purpose, are already 5-20%.
MIN_ROWS_FOR_SHARE = 1_000
_QUOTED_VALUE = re.compile(r""" \((['"]).*\1\)$""")  # "… ('x1')": clips.shown's form

DatasetStatus = Literal["built", "failed", "missing"]
ChangeKind = Literal["added", "removed", "changed", "unchanged"]


@dataclass
class FileReport:
    """One source file: its fingerprint and how many rows it gave or had skipped."""

    path: str
    size: int
    fingerprint: str
    tracks: int = 0
    skipped: int = 0
    skip_examples: list[tuple[int, str]] = field(default_factory=list)
    skip_reasons: dict[str, int] = field(default_factory=dict)  # reason -> rows
    duplicates: int = 0  # rows repeating an earlier row's own id: counted once, as that track
    invalid_ids: dict[str, int] = field(default_factory=dict)  # "YouTube video" -> ids dropped

    def skip(self, location: int, reason: str) -> None:
        """Count a skipped row and its reason.

        A reason quoting the bad value is counted by what is wrong ("YTID: not a YouTube
        video id"); the examples keep the values.
        """
        self.skipped += 1
        if len(self.skip_examples) < MAX_SKIP_EXAMPLES:
            self.skip_examples.append((location, reason))
        reason = _QUOTED_VALUE.sub("", reason)
        if (reason not in self.skip_reasons and len(self.skip_reasons) >= MAX_SKIP_REASONS
                and not by_design(reason)):  # kept apart: they never count as malformed
            reason = OTHER_REASONS
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1


def unusable(files: list[FileReport], max_skipped_percent: float = DEFAULT_MAX_SKIPPED_PERCENT
             ) -> str | None:
    """Why a dataset's files, which exist, must not be indexed as they are; None if they may.

    A file without a single row (a download cut to nothing), or files whose every row is
    skipped (an upstream schema change), would silently empty a dataset being served: such a
    dataset fails instead, like one whose file cannot be read. So does one that reads badly:
    more than `max_skipped_percent` of its rows skipped, over the whole dataset or in one of
    its files (a broken file among good ones would leave a silent hole). The share is judged
    from MIN_ROWS_FOR_SHARE rows up only, and rows left out by design (`by_design`: AudioSet
    clips that are not music) count neither as skipped nor as read.
    """
    empty = [f for f in files if not f.tracks and not f.skipped and not f.duplicates]
    if empty:
        return f"{_names(empty)}: no rows to index"
    if not any(f.tracks for f in files):
        top = _reasons(files)
        rows = sum(f.skipped for f in files)
        return f"{_names(files)}: {rows:,} rows read, none indexed ({_listed(top)})"
    for part in (files, *([f] for f in files if len(files) > 1)):
        top = [(reason, count) for reason, count in _reasons(part) if not by_design(reason)]
        skipped = sum(count for _, count in top)
        rows = sum(f.tracks + f.duplicates for f in part) + skipped
        if rows >= MIN_ROWS_FOR_SHARE and skipped * 100 > max_skipped_percent * rows:
            return (f"{_names([f for f in part if f.skipped])}: {skipped:,} of {rows:,} rows "
                    f"skipped ({skipped / rows:.1%}, above index.max_skipped_percent "
                    f"{max_skipped_percent:g}%: {_listed(top)}); `trainedon index inspect` "
                    "shows what the reader finds in a file")
    return None


def _reasons(files: list[FileReport]) -> list[tuple[str, int]]:
    """Skip reasons with their counts over `files`, the commonest first."""
    reasons: dict[str, int] = {}
    for file in files:
        for reason, count in file.skip_reasons.items():
            reasons[reason] = reasons.get(reason, 0) + count
    return sorted(reasons.items(), key=lambda item: -item[1])


def _listed(top: list[tuple[str, int]]) -> str:
    """The three commonest reasons with their counts."""
    listed = "; ".join(f"{count:,} × {reason}" for reason, count in top[:3])
    return listed + ("; …" if top[3:] else "")


def _names(files: list[FileReport]) -> str:
    names = [PurePath(f.path).name for f in files]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


@dataclass
class DatasetReport:
    """One dataset's outcome in a build."""

    id: str
    name: str
    status: DatasetStatus
    tracks: int = 0  # distinct: a row repeating a track's own id is in duplicate_rows
    artists: int = 0
    skipped: int = 0
    fingerprint: str = ""
    seconds: float = 0.0
    error: str | None = None
    files: list[FileReport] = field(default_factory=list)
    duplicate_rows: int = 0
    id_only: bool = False

    @property
    def rows(self) -> int:
        """Rows read: tracks, rows skipped and duplicate rows."""
        return self.tracks + self.skipped + self.duplicate_rows

    @property
    def invalid_ids(self) -> dict[str, int]:
        """Ids left out of kept rows for not having their kind's form, by kind's label."""
        counts: dict[str, int] = {}
        for file in self.files:
            for label, count in file.invalid_ids.items():
                counts[label] = counts.get(label, 0) + count
        return counts


@dataclass
class DatasetStats:
    """A dataset as recorded in an index, to compare one build with the next."""

    id: str
    name: str
    tracks: int
    artists: int
    fingerprint: str


@dataclass
class DatasetChange:
    """How a dataset differs between the previous index and this build."""

    id: str
    name: str
    change: ChangeKind
    tracks_before: int
    tracks_after: int
    artists_before: int
    artists_after: int
    # Filled when the previous index can be compared row by row (None: not known).
    tracks_added: int | None = None
    tracks_removed: int | None = None
    new_artists: int | None = None
    new_artist_names: list[str] = field(default_factory=list)
    source_date: str | None = None
    source_version: str | None = None

    @property
    def track_delta(self) -> int:
        return self.tracks_after - self.tracks_before

    @property
    def artist_delta(self) -> int:
        return self.artists_after - self.artists_before


@dataclass
class BuildReport:
    """The whole build: datasets, the diff against the previous index, totals."""

    built_at: str
    seconds: float
    tracks: int
    artists: int
    titles: int
    datasets: list[DatasetReport]
    changes: list[DatasetChange]
    previous_built_at: str | None = None
    # What identifies the content across processes and machines (bot/index/digest.py).
    fingerprint: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> BuildReport:
        raw: dict[str, Any] = json.loads(text)
        datasets = [
            DatasetReport(
                **{
                    **d,
                    "files": [
                        FileReport(**{**f, "skip_examples": [tuple(e) for e in f["skip_examples"]]})
                        for f in d["files"]
                    ],
                }
            )
            for d in raw.pop("datasets")
        ]
        changes = [DatasetChange(**c) for c in raw.pop("changes")]
        return cls(datasets=datasets, changes=changes, **raw)

    @property
    def changed(self) -> list[DatasetChange]:
        return [c for c in self.changes if c.change != "unchanged"]


def diff(previous: list[DatasetStats], current: list[DatasetStats]) -> list[DatasetChange]:
    """Datasets added, removed, changed (new fingerprint or counts) or unchanged."""
    before = {d.id: d for d in previous}
    after = {d.id: d for d in current}
    changes: list[DatasetChange] = []
    for stats in current:
        old = before.get(stats.id)
        if old is None:
            kind: ChangeKind = "added"
        elif (old.fingerprint, old.tracks, old.artists) != (
            stats.fingerprint,
            stats.tracks,
            stats.artists,
        ):
            kind = "changed"
        else:
            kind = "unchanged"
        changes.append(
            DatasetChange(
                id=stats.id,
                name=stats.name,
                change=kind,
                tracks_before=old.tracks if old else 0,
                tracks_after=stats.tracks,
                artists_before=old.artists if old else 0,
                artists_after=stats.artists,
            )
        )
    for old in previous:
        if old.id not in after:
            changes.append(
                DatasetChange(old.id, old.name, "removed", old.tracks, 0, old.artists, 0)
            )
    return changes
