"""AudioSet's segment lists: ten-second YouTube clips with sound labels, of which music is kept.

`balanced_train_segments.csv`, `unbalanced_train_segments.csv` and `eval_segments.csv` each
open with three comment lines (creation time; counts; the column names) and then give one
clip per line, a space after each comma and the label ids quoted together:

    -0RWZT-miFs, 420.000, 430.000, "/m/03v3yw,/m/0k4j"

(research.google.com/audioset/download.html). A clip is indexed only when one of its labels
lies under Music (/m/04rlf) in the ontology: `ontology.json` (github.com/audioset/ontology),
whose classes name their children in `child_ids`; a class may have several parents. The
ontology and `class_labels_indices.csv` (index,mid,display_name: the labels' names) are read
from the segment file's own folder, once per file.

Lines are parsed one at a time, not by the csv module over the stream: no field spans lines,
so an unclosed quote costs its own line instead of swallowing the rest of the file.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.datasets.formats.clips import clip, has_invalid_utf8, shown
from bot.datasets.formats.encoding import open_source, open_source_text
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import BY_DESIGN, RawTrack, ReaderItem, SkippedRow
from bot.errors import SourceError

MUSIC = "/m/04rlf"
# Counted with the skipped rows, so that a build report accounts for every line.
NOT_MUSIC = f"not music (no label under Music): {BY_DESIGN}"
ONTOLOGY = "ontology.json"
CLASS_LABELS = "class_labels_indices.csv"
COLUMNS = ("YTID", "start_seconds", "end_seconds", "positive_labels")
# The split each published file holds, by the start of its name.
SPLITS = {"unbalanced_train_segments": "unbalanced_train",
          "balanced_train_segments": "balanced_train", "eval_segments": "eval"}
MAX_ONTOLOGY_BYTES = 16 << 20  # the published ontology is 0.3 MB
_LABEL_ID = r"/[a-z]/[0-9A-Za-z_]{1,40}"  # /m/04rlf, /t/dd00088, /g/122z_qxw
_LABEL_LIST = re.compile(rf"{_LABEL_ID}(?: ?, ?{_LABEL_ID}){{0,600}}")


@dataclass(frozen=True, slots=True)
class Labels:
    """The Music branch of the ontology, and each label id's name and place in the class list."""

    music: frozenset[str]
    names: Mapping[str, str]
    order: Mapping[str, int]

    def shown(self, label_ids: list[str]) -> str:
        """The names as "Music; Guitar; Speech": music first, then in the class list's order."""
        last = len(self.order)
        ranked = sorted(label_ids, key=lambda label: (label not in self.music,
                                                      self.order.get(label, last)))
        return "; ".join(self.names.get(label, label) for label in ranked)


def read_audioset(path: Path, source: SourceSpec) -> Iterator[ReaderItem]:
    """One segment file's music clips, as id-only tracks; malformed lines are counted skips."""
    split = split_of(path)
    labels = load_labels(path)
    with open_source_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if "\0" in line:  # as in the other text formats: NUL bytes carry no meaning
                line = line.replace("\0", "")
            text = line.strip()
            if not text:
                continue
            if text.startswith("#") or text.split(",", 1)[0].strip() == COLUMNS[0]:
                _check_columns(text, path, number)  # copies that dropped the "#" keep a header
                continue
            result = _segment(text, split, labels)
            yield SkippedRow(number, result) if isinstance(result, str) else result


def split_of(path: Path) -> str:
    """balanced_train, unbalanced_train or eval, from the published file name."""
    split = next((name for stem, name in SPLITS.items() if path.stem.startswith(stem)), None)
    if split is None:
        raise SourceError(
            f"{path.name}: the split cannot be told from the file name; AudioSet names its "
            "files balanced_train_segments.csv, unbalanced_train_segments.csv and "
            "eval_segments.csv"
        )
    return split


def load_labels(segments: Path) -> Labels:
    """The ontology's Music branch and the labels' names, from beside the segment file."""
    folder = segments.parent
    for name in (ONTOLOGY, CLASS_LABELS):
        if not (folder / name).is_file():
            raise SourceError(
                f"{segments.name}: {name} is missing beside it; AudioSet's segment lists need "
                f"{ONTOLOGY} and {CLASS_LABELS} in the same folder to keep only music"
            )
    children, ontology_names = _ontology(folder / ONTOLOGY)
    class_names = _class_names(folder / CLASS_LABELS)
    return Labels(music=_descendants(MUSIC, children), names={**ontology_names, **class_names},
                  order={label: place for place, label in enumerate(class_names)})


def _segment(text: str, split: str, labels: Labels) -> RawTrack | str:
    """A line's clip as a track, or why it is left out (not music, or malformed)."""
    if has_invalid_utf8(text):
        return "invalid UTF-8"
    fields = text.split(",", 3)
    if len(fields) != len(COLUMNS):
        return f"expected {len(COLUMNS)} fields, found {len(fields)}"
    found = clip(fields[0], fields[1], fields[2], columns=(COLUMNS[0], COLUMNS[1], COLUMNS[2]))
    if isinstance(found, str):
        return found
    label_ids = _label_ids(fields[3].strip())
    if isinstance(label_ids, str):
        return label_ids
    if labels.music.isdisjoint(label_ids):
        return NOT_MUSIC
    return found.track((("split", split), ("clip", found.span),
                        ("labels", labels.shown(label_ids))))


def _label_ids(value: str) -> list[str] | str:
    """`"/m/a,/m/b"` (or one unquoted id) as a list, or why it is not one."""
    if value.startswith('"'):
        if len(value) < 2 or not value.endswith('"') or '"' in value[1:-1]:
            return "positive_labels: broken quoting"
        value = value[1:-1]
    elif '"' in value:
        return "positive_labels: broken quoting"
    if not _LABEL_LIST.fullmatch(value):
        return f"positive_labels: not a list of label ids ({shown(value)})"
    return [label.strip() for label in value.split(",")]


def _check_columns(text: str, path: Path, number: int) -> None:
    """A comment is passed over, except the one naming the columns, which must be AudioSet's."""
    names = [name.strip() for name in text.lstrip("#").split(",")]
    if names[0] != COLUMNS[0]:
        return
    if tuple(names) != COLUMNS:
        raise SourceError(f"{path.name}: line {number} names the columns {', '.join(names)}; "
                          f"expected AudioSet's {', '.join(COLUMNS)}")


def _ontology(path: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each class's children and name; a file that is not the ontology fails in one line."""
    with open_source(path) as handle:
        data = handle.read(MAX_ONTOLOGY_BYTES + 1)
    if len(data) > MAX_ONTOLOGY_BYTES:
        raise SourceError(f"{path.name}: larger than {MAX_ONTOLOGY_BYTES >> 20} MB, "
                          "not the AudioSet ontology")
    try:
        classes = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SourceError(f"{path.name}: not readable JSON ({str(exc)[:80]})") from None
    not_ontology = SourceError(f"{path.name}: not the AudioSet ontology (expected a list of "
                               "classes, each with an id and child_ids)")
    if not isinstance(classes, list):
        raise not_ontology
    children: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for item in classes:
        if not isinstance(item, dict) or not isinstance(label := item.get("id"), str):
            raise not_ontology
        kids = item.get("child_ids", [])
        if not isinstance(kids, list) or not all(isinstance(kid, str) for kid in kids):
            raise not_ontology
        children[label] = kids
        if isinstance(name := item.get("name"), str) and name.strip():
            names[label] = name.strip()
    if MUSIC not in children:
        raise SourceError(f"{path.name}: no Music class ({MUSIC}), so no clip could be kept")
    return children, names


def _descendants(root: str, children: Mapping[str, list[str]]) -> frozenset[str]:
    """`root` and every class below it; shared children and even a cycle are visited once."""
    seen = {root}
    stack = [root]
    while stack:
        for kid in children.get(stack.pop(), ()):
            if kid not in seen:
                seen.add(kid)
                stack.append(kid)
    return frozenset(seen)


def _class_names(path: Path) -> dict[str, str]:
    """Each label id's display_name, in the file's order; a bad row costs only that name."""
    with open_source_text(path) as handle:
        reader = csv.reader(handle)
        try:
            header = [name.strip() for name in next(reader, [])]
            if "mid" not in header or "display_name" not in header:
                raise SourceError(f"{path.name}: expected the columns index, mid, display_name")
            mid, name = header.index("mid"), header.index("display_name")
            return {row[mid].strip(): row[name].strip() for row in reader
                    if len(row) == len(header) and row[name].strip()
                    and not has_invalid_utf8(row[name])}
        except csv.Error as exc:
            raise SourceError(f"{path.name}: unreadable CSV ({exc})") from None
