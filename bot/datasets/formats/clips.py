"""What AudioSet and MusicCaps rows share: a YouTube video, a clip of it, and nothing else.

These datasets publish no titles or artists, so each row becomes an id-only RawTrack: it
answers a link lookup of its video and never a name search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.datasets.records import RawTrack
from bot.text.links import IdKind, LinkId

# Seconds as the files write them: "30", "420.000", "202.7". Never through float(), which
# would also take "1_0", " 30 ", "nan" and "1e3".
_SECONDS = re.compile(r"[0-9]{1,7}(?:\.[0-9]{1,6})?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WATCH_AT = "https://www.youtube.com/watch?v={id}&t={start}s"
SHOWN_CHARS = 24  # of a bad value, in a skip reason


@dataclass(frozen=True, slots=True)
class Clip:
    """A stretch of one YouTube video, its seconds written as the file writes them."""

    video: LinkId
    start: str  # "30", "202.7": trailing zeros dropped
    end: str

    @property
    def row_id(self) -> str:
        """The row as a person finds it in the file: the video id (and its start)."""
        return f"{self.video.id}@{self.start}"

    @property
    def span(self) -> str:
        return f"{self.start}–{self.end} s"

    @property
    def url(self) -> str:
        """The video, playing from the clip's start (YouTube's `t` takes whole seconds)."""
        return _WATCH_AT.format(id=self.video.id, start=self.start.split(".")[0])

    def track(self, details: tuple[tuple[str, str], ...]) -> RawTrack:
        """The id-only row: no title, no artists, the video as its one identifier."""
        return RawTrack(title="", artists=(), url=self.url, source_id=self.row_id,
                        ids=(self.video,), details=details)


def clip(
    ytid: str, start: str, end: str, columns: tuple[str, str, str]
) -> Clip | str:
    """The clip a row describes, or why its values are unusable.

    `columns` names the id, start and end columns as the file calls them, for the reason.
    """
    id_column, start_column, end_column = columns
    ytid, start, end = ytid.strip(), start.strip(), end.strip()
    if not IdKind.YOUTUBE_VIDEO.is_valid_id(ytid):
        return f"{id_column}: not a YouTube video id ({shown(ytid)})"
    for column, value in ((start_column, start), (end_column, end)):
        if not _SECONDS.fullmatch(value):
            return f"{column}: not a number of seconds ({shown(value)})"
    if Decimal(end) <= Decimal(start):
        return f"{end_column}: the clip ends at or before its start ({start}–{end})"
    return Clip(LinkId(IdKind.YOUTUBE_VIDEO, ytid), _trimmed(start), _trimmed(end))


def has_invalid_utf8(text: str) -> bool:
    """Whether the text carries bytes that were not UTF-8 (read through surrogateescape)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def shown(value: str) -> str:
    """A bad value in a skip reason: quoted, and cut short."""
    cut = value[:SHOWN_CHARS]
    return repr(cut + "…" if len(value) > SHOWN_CHARS else cut)


def _trimmed(seconds: str) -> str:
    """Trailing zeros dropped: "420.000" is "420", "202.70" is "202.7", "30" stays."""
    return seconds.rstrip("0").rstrip(".") if "." in seconds else seconds
