"""What a format reader yields: one published track, or the reason a row was skipped."""

from __future__ import annotations

from dataclasses import dataclass

from bot.text.links import IdKind, LinkId


@dataclass(frozen=True, slots=True)
class RawTrack:
    """A track as its dataset publishes it, before any normalization.

    `artists` holds the credited artist strings exactly as published: items of a list
    column, or the single credit string ("A feat. B", "A & B") of a flat file. Splitting
    credits into individual artists is the indexer's job, not the reader's.

    `ids` are the track's own published identifiers (video, Spotify track, FMA track; an FMA
    row gives its numeric id and its page path). `artist_ids` is aligned with `artists` (same
    length, or empty): each credit's published id, None where it has none. An id-only row
    (AudioSet, MusicCaps) has title "" and no artists, and answers link lookups only.
    `details` are shown with the row, in order: ("split", "eval"), ("clip", "30–40 s").
    """

    title: str
    artists: tuple[str, ...]
    album: str | None = None
    url: str | None = None
    source_id: str | None = None
    ids: tuple[LinkId, ...] = ()
    artist_ids: tuple[LinkId | None, ...] = ()
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A malformed row: where it is (1-based line or row number) and why it was skipped.

    A row a reader leaves out on purpose (an AudioSet clip that is not music) is counted too,
    so that a build accounts for every row; its reason ends with BY_DESIGN (`by_design`).
    """

    location: int
    reason: str


BY_DESIGN = "left out by design"


def by_design(reason: str) -> bool:
    """Whether a skip reason is a row left out on purpose, not a malformed one.

    Such rows say nothing about whether the reader matches the file, so they never count
    towards the share of skipped rows that fails a dataset (`bot.index.report.unusable`).
    """
    return reason.endswith(BY_DESIGN)


@dataclass(frozen=True, slots=True)
class DroppedId:
    """An id of a kept row that failed `IdKind.is_valid_id`: the row stays, without that id.

    A reader yields it just before the row (same location); the build report counts them as
    "invalid <label> ids", so a wrong column mapping shows instead of silently matching nothing.
    """

    location: int
    kind: IdKind


ReaderItem = RawTrack | SkippedRow | DroppedId


def unexpected_reason(error: BaseException) -> str:
    """The skip reason for a row whose values raised what no check foresaw.

    Shown in build reports and counted by reason, so kept to one short line.
    """
    return f"unreadable value ({describe_error(error)})"


def describe_error(error: BaseException) -> str:
    """An unforeseen error in one short line: its type and the first line of its message."""
    detail = (str(error).strip().splitlines() or [""])[0][:80]
    name = error.__class__.__name__
    return f"{name}: {detail}" if detail else name
