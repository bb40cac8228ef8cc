"""Reading a person's catalog: a CSV export with loosely named columns, or an "Artist - Title" list.

Only whole-file problems are fatal (CatalogError). A row without a title or an artist is kept
with a `problem`, so the report can show every input line and say what was wrong with it.
Optional columns hold a track's YouTube and Spotify links or ids (matched exactly before any
name is) and its ISRC (kept in the report: no indexed dataset publishes ISRCs).
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from bot.catalog.decode import CatalogError, decode_catalog
from bot.text.links import IdKind, LinkId, parse_link
from bot.text.normalize import clean_display

log = logging.getLogger(__name__)

CatalogFormat = Literal["csv", "text"]
Role = Literal["artist", "title", "album", "isrc", "youtube", "spotify"]
ID_ROLES: tuple[Role, ...] = ("youtube", "spotify")

MAX_CELL_CHARS = 300
DELIMITERS = (",", ";", "\t", "|")
# Header spellings per role, most specific first: "track title" beats a bare "name".
SYNONYMS: dict[Role, tuple[str, ...]] = {
    "artist": (
        "artist", "artists", "artistname", "artistnames", "artistsname", "trackartist",
        "trackartists", "mainartist", "primaryartist", "performer", "performers",
        "performingartist", "band", "bandname", "albumartist", "interpret", "kunstler", "artiste",
        "artista",
    ),
    "title": (
        "title", "tracktitle", "trackname", "songtitle", "songname", "recordingtitle", "track",
        "song", "recording", "name", "titel", "titre", "titulo",
    ),
    "album": ("album", "albumtitle", "albumname", "release", "releasetitle", "releasename"),
    "isrc": ("isrc", "isrccode", "isrcs"),
    "youtube": (
        "youtube", "youtubeurl", "youtubelink", "youtubeid", "youtubevideo", "youtubevideoid",
        "youtubevideourl", "youtubevideolink", "ytid", "yturl", "ytlink", "videoid", "videourl",
        "videolink",
    ),
    "spotify": (
        "spotify", "spotifyurl", "spotifylink", "spotifyid", "spotifytrack", "spotifytrackid",
        "spotifytrackurl", "spotifytracklink", "spotifyuri", "spotifytrackuri",
    ),
}
# The one kind of id each id column holds: a catalog row is a recording, not an artist.
_ID_KIND: dict[Role, IdKind] = {"youtube": IdKind.YOUTUBE_VIDEO,
                                "spotify": IdKind.SPOTIFY_TRACK}
_ID_WHAT = {"youtube": "a YouTube video link or id", "spotify": "a Spotify track link or id"}
EXPECTED = "artist and title (or song, track, performer, band…)"
# "Artist - Title": a hyphen only between spaces (Jay-Z stays whole); en and em dashes anywhere.
_DASH = re.compile(r"\s+-\s+|\s*[–—]\s*")
_TEXT_SAMPLE_LINES = 50


@dataclass(frozen=True, slots=True)
class CatalogRow:
    """One song of the catalog as written, with its line number in the file."""

    line: int
    artist: str
    title: str
    album: str | None
    isrc: str | None
    raw: str
    problem: str | None = None  # why the row cannot be checked ("no title"), if it cannot
    ids: tuple[LinkId, ...] = ()  # from the YouTube and Spotify columns, matched exactly first
    id_note: str | None = None  # an id cell that holds no id we can match ("not a YouTube …")


@dataclass(frozen=True, slots=True)
class Catalog:
    """The rows of a catalog file and how the file was read."""

    filename: str
    format: CatalogFormat
    encoding: str
    rows: list[CatalogRow]
    delimiter: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # role -> header as written
    headers: list[str] = field(default_factory=list)  # every header of a CSV, as written

    def describe(self) -> str:
        """How the file was read, e.g. "CSV, ';'-separated, UTF-8"."""
        if self.format == "text":
            return f"'Artist - Title' list, {self.encoding}"
        shown = "tab" if self.delimiter == "\t" else repr(self.delimiter)
        return f"CSV, {shown}-separated, {self.encoding}"

    def notes(self) -> list[str]:
        """What a person should know about how the file was read (shown beside the results)."""
        if self.format == "csv" and "title" not in self.columns:
            return ["no title column was recognised, so songs are matched by their ids alone"]
        if self.format == "csv" and "artist" not in self.columns:
            shown = ", ".join(repr(h) for h in self.headers[:8])
            return [
                f"no artist column was recognised (columns: {shown}), so songs are looked up "
                "by title alone"
            ]
        return []


def parse_catalog(data: bytes, filename: str, max_rows: int) -> Catalog:
    """Decode and read a catalog file; raise CatalogError with one sentence if it is unusable."""
    decoded = decode_catalog(data, filename)
    lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if _is_content(line)), None)
    if first is None:
        raise CatalogError(f"{filename} has no songs: every line is blank or a # comment.",
                           key="error-catalog-no-songs", filename=filename)
    header = _header_columns(lines[first])
    if header is not None:
        delimiter, columns, names = header
        rows = _csv_rows(lines, first, delimiter, columns, filename, max_rows)
        used: dict[str, str] = {role: names[index] for role, index in columns.items()}
        log.debug("%s: CSV with %r, columns %s", filename, delimiter, used)
        catalog = Catalog(filename, "csv", decoded.encoding, rows, delimiter, used, names)
    elif _looks_like_dash_list(lines[first:]):
        rows = _text_rows(lines, filename, max_rows)
        catalog = Catalog(filename, "text", decoded.encoding, rows)
    else:
        raise _no_columns_error(lines[first], filename)
    if not catalog.rows:
        raise CatalogError(f"{filename} has a header but no songs under it.",
                           key="error-catalog-header-only", filename=filename)
    return catalog


def header_key(name: str) -> str:
    """A header reduced to its letters and digits: "Track Title", "track_title" -> tracktitle."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if c.isalnum())


def match_columns(names: list[str]) -> dict[Role, int]:
    """For each role, the column with the most specific header spelling (first one on ties)."""
    keys = [header_key(n) for n in names]
    found: dict[Role, int] = {}
    for role, spellings in SYNONYMS.items():
        ranked = [(spellings.index(k), i) for i, k in enumerate(keys) if k in spellings]
        taken = set(found.values())
        ranked = [item for item in ranked if item[1] not in taken]
        if ranked:
            found[role] = min(ranked)[1]
    return found


def _header_columns(line: str) -> tuple[str, dict[Role, int], list[str]] | None:
    """The delimiter under which this line is a header with a title or id column, else None."""
    best: tuple[int, str, dict[Role, int], list[str]] | None = None
    for delimiter in DELIMITERS:
        names = _split(line, delimiter)
        columns = match_columns(names)
        if "title" not in columns and not any(role in columns for role in ID_ROLES):
            continue
        if best is None or len(columns) > best[0]:
            best = (len(columns), delimiter, columns, names)
    return None if best is None else best[1:]


def _csv_rows(
    lines: list[str],
    first: int,
    delimiter: str,
    columns: dict[Role, int],
    filename: str,
    max_rows: int,
) -> list[CatalogRow]:
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    rows: list[CatalogRow] = []
    try:
        next(reader)  # the header
        previous_end = reader.line_num
        for cells in reader:
            line, previous_end = first + previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            _check_count(len(rows) + 1, filename, max_rows)
            rows.append(_csv_row(line, cells, columns, delimiter))
    except csv.Error as exc:
        where = first + reader.line_num
        message = f"{filename} is not a readable CSV file (line {where}: {exc})."
        raise CatalogError(message, key="error-catalog-unreadable-csv", filename=filename,
                           line=where, reason=str(exc)) from None
    return rows


def _csv_row(line: int, cells: list[str], columns: dict[Role, int], delimiter: str) -> CatalogRow:
    def cell(role: Role) -> str:
        index = columns.get(role)
        return _clean(cells[index]) if index is not None and index < len(cells) else ""

    artist, title = cell("artist"), cell("title")
    ids, id_note = _ids({role: cell(role) for role in ID_ROLES})
    problem = None
    if ids:
        pass  # matched by its ids first, by name only if it has one
    elif not title:
        problem = id_note or "no title"
    elif "artist" in columns and not artist:
        problem = "no artist"
    isrc = re.sub(r"[\s-]", "", cell("isrc")).upper()
    raw = _clean(delimiter.join(cells))
    return CatalogRow(line, artist, title, cell("album") or None, isrc or None, raw, problem,
                      ids, id_note)


def _ids(cells: dict[Role, str]) -> tuple[tuple[LinkId, ...], str | None]:
    """The ids in a row's id cells, and what was wrong with a cell that holds none."""
    ids: list[LinkId] = []
    notes: list[str] = []
    for role, text in cells.items():
        if not text:
            continue
        kind = _ID_KIND[role]
        # A bare Spotify id is ambiguous on its own; in a track column it is a track.
        parsed = (LinkId(kind, text) if kind.is_valid_id(text) and kind is IdKind.SPOTIFY_TRACK
                  else parse_link(text))
        if isinstance(parsed, LinkId) and parsed.kind is kind:
            ids.append(parsed)
        else:
            notes.append(f"the {role} cell is not {_ID_WHAT[role]}")
    return tuple(ids), "; ".join(notes) or None


def _text_rows(lines: list[str], filename: str, max_rows: int) -> list[CatalogRow]:
    rows: list[CatalogRow] = []
    for number, line in enumerate(lines, start=1):
        if not _is_content(line):
            continue
        parts = _DASH.split(line.strip(), maxsplit=1)
        artist, title = (_clean(parts[0]), _clean(parts[1])) if len(parts) == 2 else ("", "")
        if not rows and header_key(artist) == "artist" and header_key(title) == "title":
            continue  # a heading line, "Artist - Title"
        _check_count(len(rows) + 1, filename, max_rows)
        problem = None
        if len(parts) < 2:
            problem, title = "expected 'Artist - Title'", _clean(line)
        elif not artist:
            problem = "no artist"
        elif not title:
            problem = "no title"
        rows.append(CatalogRow(number, artist, title, None, None, _clean(line), problem))
    return rows


def _looks_like_dash_list(lines: list[str]) -> bool:
    """At least half of the first content lines read as "Artist - Title"."""
    sample = [line for line in lines if _is_content(line)][:_TEXT_SAMPLE_LINES]
    dashed = sum(1 for line in sample if len(_DASH.split(line.strip(), maxsplit=1)) == 2)
    return bool(sample) and dashed * 2 >= len(sample)


def _no_columns_error(line: str, filename: str) -> CatalogError:
    delimiter = max(DELIMITERS, key=line.count)
    names = [n for n in _split(line, delimiter) if n.strip()] if line.count(delimiter) else []
    names = names or [line.strip()]
    shown = ", ".join(repr(_clean(n)[:40]) for n in names[:8])
    more = f" and {len(names) - 8} more" if len(names) > 8 else ""
    return CatalogError(
        f"{filename} has no recognisable columns (found {shown}{more}; expected {EXPECTED}), "
        "and its lines do not read as 'Artist - Title'.",
        key="error-catalog-no-columns", filename=filename, found=shown,
        more=max(0, len(names) - 8),
    )


def _check_count(count: int, filename: str, max_rows: int) -> None:
    if count > max_rows:
        raise CatalogError(
            f"{filename} has more than {max_rows:,} songs, the most one check accepts: "
            "split it into smaller files.",
            key="error-catalog-too-many-songs", filename=filename, limit=max_rows,
        )


def _split(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _clean(text: str) -> str:
    return clean_display(text.strip(), MAX_CELL_CHARS) if text else ""
