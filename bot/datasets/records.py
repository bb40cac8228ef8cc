"""What a format reader yields: one published track, or the reason a row was skipped."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawTrack:
    """A track as its dataset publishes it, before any normalization.

    `artists` holds the credited artist strings exactly as published: items of a list
    column, or the single credit string ("A feat. B", "A & B") of a flat file. Splitting
    credits into individual artists is the indexer's job, not the reader's.
    """

    title: str
    artists: tuple[str, ...]
    album: str | None = None
    url: str | None = None
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A malformed row: where it is (1-based line or row number) and why it was skipped."""

    location: int
    reason: str


ReaderItem = RawTrack | SkippedRow


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
