"""MusicCaps' `musiccaps-public.csv`: 5,521 AudioSet music clips, each captioned by a musician.

One header row, then `ytid, start_s, end_s, audioset_positive_labels, aspect_list, caption,
author_id, is_balanced_subset, is_audioset_eval` (google/MusicCaps on Hugging Face). The
aspect list is written as a Python list ("['pop', 'mellow piano melody']"), the flags as
pandas writes them (True/False), and captions hold commas, quotes and, quoted, line breaks,
so the file is read by the csv module. Every row is kept: the dataset is music by design.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.datasets.formats.clips import clip, has_invalid_utf8, shown
from bot.datasets.formats.encoding import open_source_text
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, ReaderItem, SkippedRow
from bot.errors import SourceError

ID, START, END = "ytid", "start_s", "end_s"
ASPECTS, CAPTION = "aspect_list", "caption"
BALANCED, EVAL = "is_balanced_subset", "is_audioset_eval"
REQUIRED = (ID, START, END, ASPECTS, CAPTION, BALANCED, EVAL)
MAX_DETAIL_CHARS = 2000  # a caption is four sentences on average; Discord shows far less
_FLAGS = {"true": True, "false": False, "1": True, "0": False}

csv.field_size_limit(2**31 - 1)  # a long caption is one field; the row, not csv, decides


def read_musiccaps(path: Path, source: SourceSpec) -> Iterator[ReaderItem]:
    """Every clip as an id-only track with its split, caption and aspects."""
    with open_source_text(path) as handle:
        reader = csv.reader(_without_nul(handle))
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise SourceError(f"{path.name}: unreadable header ({exc})") from None
        if header is None:
            raise SourceError(f"{path.name}: empty file, no header row")
        positions = {name.strip(): i for i, name in enumerate(header)}
        missing = [name for name in REQUIRED if name not in positions]
        if missing:
            raise SourceError(f"{path.name}: not MusicCaps' layout, no column "
                              f"{', '.join(missing)} (columns: {', '.join(positions)[:200]})")
        line = reader.line_num
        while True:
            try:
                row = next(reader, None)
            except csv.Error as exc:  # that record only: the reader goes on at the next line
                start, line = line + 1, reader.line_num
                yield SkippedRow(start, f"unreadable CSV ({exc})")
                continue
            if row is None:
                return
            start, line = line + 1, reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                yield SkippedRow(start, f"expected {len(header)} fields, found {len(row)}")
                continue
            result = _clip_row({name: row[i] for name, i in positions.items()})
            yield SkippedRow(start, result) if isinstance(result, str) else result


def _clip_row(values: dict[str, str]) -> RawTrack | str:
    """A row's track, or why it cannot be one."""
    if any(has_invalid_utf8(values[name]) for name in REQUIRED):
        return "invalid UTF-8"
    found = clip(values[ID], values[START], values[END], columns=(ID, START, END))
    if isinstance(found, str):
        return found
    flags: dict[str, bool] = {}
    for name in (EVAL, BALANCED):
        flag = _FLAGS.get(values[name].strip().lower())
        if flag is None:
            return f"{name}: expected True or False ({shown(values[name])})"
        flags[name] = flag
    details = [("split", "eval" if flags[EVAL] else "train"), ("clip", found.span),
               ("balanced subset", "yes" if flags[BALANCED] else "no")]
    if aspects := _aspects(values[ASPECTS]):
        details.append(("aspects", aspects))
    if caption := _bounded(values[CAPTION].strip()):
        details.append(("caption", caption))
    return found.track(tuple(details))


def _aspects(text: str) -> str:
    """The aspect list as "pop, mellow piano melody"; text that is not a list stays as it is."""
    text = _bounded(text.strip())
    if text.startswith("[") and text.endswith("]"):
        try:
            items = ast.literal_eval(text)  # literals only: never runs code
        except (ValueError, SyntaxError, RecursionError, MemoryError):
            return text
        if isinstance(items, list) and all(isinstance(item, str) for item in items):
            return ", ".join(item.strip() for item in items if item.strip())
    return text


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_DETAIL_CHARS else text[: MAX_DETAIL_CHARS - 1] + "…"


def _without_nul(handle: TextIO) -> Iterator[str]:
    """NUL bytes stop the csv module; they carry no meaning in these files."""
    for line in handle:
        yield line.replace("\0", "") if "\0" in line else line
