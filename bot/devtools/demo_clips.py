"""The demo's id-only datasets: AudioSet's segment lists and MusicCaps, in their real layouts.

Their rows name no song, only a YouTube video and a clip of it, so the demo makes several of
them the very videos of demo LAION-DISCO-12M songs: a link lookup of one finds it in all
three. The ontology holds a few of AudioSet's real class ids and names (the Music branch down
to "Electric guitar", and Speech and Dog outside it) with descriptions of our own; clips of
speech or of a dog are not music and are never indexed. Each file has one or two malformed
lines. Everything else is invented, and the output is the same on every run.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from bot.devtools.synth import text_out

MUSIC, INSTRUMENT, PLUCKED, GUITAR, ELECTRIC = (
    "/m/04rlf", "/m/04szw", "/m/0fx80y", "/m/0342h", "/m/02sgy")
GENRE, POP = "/m/0kpv1t", "/m/064t9"
HUMAN, VOICE, SPEECH = "/m/0dgw9r", "/m/09l8g", "/m/09x0r"
ANIMAL, PETS, DOG = "/m/0jbk", "/m/068hy", "/m/0bt9lr"

# (id, name, children, abstract, index in class_labels_indices.csv or None)
CLASSES: list[tuple[str, str, list[str], bool, int | None]] = [
    (HUMAN, "Human sounds", [VOICE], True, None),
    (VOICE, "Human voice", [SPEECH], True, None),
    (SPEECH, "Speech", [], False, 0),
    (ANIMAL, "Animal", [PETS], False, 72),
    (PETS, "Domestic animals, pets", [DOG], False, 73),
    (DOG, "Dog", [], False, 74),
    (MUSIC, "Music", [INSTRUMENT, GENRE], False, 137),
    (INSTRUMENT, "Musical instrument", [PLUCKED], False, 138),
    (PLUCKED, "Plucked string instrument", [GUITAR], False, 139),
    (GUITAR, "Guitar", [ELECTRIC], False, 140),
    (ELECTRIC, "Electric guitar", [], False, 141),
    (GENRE, "Music genre", [POP], True, None),
    (POP, "Pop music", [], False, 216),
]
HEADER = "# YTID, start_seconds, end_seconds, positive_labels"
MUSICCAPS_COLUMNS = ["ytid", "start_s", "end_s", "audioset_positive_labels", "aspect_list",
                     "caption", "author_id", "is_balanced_subset", "is_audioset_eval"]


def video_id(text: str) -> str:
    """An invented YouTube video id that depends only on the text."""
    return base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).decode()[:11]


def write_audioset(out: Path, shared: Sequence[str]) -> None:
    """The three segment lists, the class names and the ontology under `out/audioset`.

    `shared` holds four demo LAION-DISCO-12M video ids; their clips are music, filed in eval,
    balanced_train (labelled only "Electric guitar", four levels below Music) and
    unbalanced_train.
    """
    lantern, paper, kettle, harbor = shared
    folder = out / "audioset"
    folder.mkdir(parents=True, exist_ok=True)
    tide = video_id("demo:tidepool")  # music, in MusicCaps too, and in no named dataset
    _segments(folder / "eval_segments.csv", [
        _segment(lantern, 30, 40, MUSIC, GUITAR),
        _segment(video_id("demo:press-conference"), 0, 10, SPEECH),
        _segment(video_id("demo:barking"), 120, 130, ANIMAL, PETS, DOG),
    ], ['Lantern, 30.000, 40.000, "/m/04rlf"'])  # an id of the wrong length
    _segments(folder / "balanced_train_segments.csv", [
        _segment(paper, 50, 60, ELECTRIC),
        _segment(video_id("demo:lecture"), 30, 40, SPEECH, DOG),
    ], [f'{video_id("demo:typo")}, 1o.000, 20.000, "/m/04rlf"'])  # not a number
    _segments(folder / "unbalanced_train_segments.csv", [
        _segment(kettle, 120, 130, POP, SPEECH),
        _segment(harbor, 0, 10, MUSIC),
        _segment(tide, 200, 210, MUSIC, POP),
        _segment(video_id("demo:dog-park"), 10, 20, DOG),
    ], [f'{video_id("demo:cut")}, 30.000, 40.000, "/m/04rlf,/m/09x0r',  # quote never closed
        f"{video_id('demo:short')}, 30.000"])  # fields missing
    with text_out.open_text(folder / "class_labels_indices.csv") as handle:
        rows = [[str(index), mid, name] for mid, name, _, _, index in CLASSES
                if index is not None]
        text_out.write_csv_rows(handle, [["index", "mid", "display_name"],
                                         *sorted(rows, key=lambda row: int(row[0]))])
    ontology = [
        {"id": mid, "name": name, "description": f"Demo class: {name.lower()}.",
         "citation_uri": "", "positive_examples": [], "child_ids": children,
         "restrictions": ["abstract"] if abstract else []}
        for mid, name, children, abstract, _ in CLASSES
    ]
    (folder / "ontology.json").write_text(json.dumps(ontology, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")


def write_musiccaps(out: Path, shared: Sequence[str]) -> None:
    """musiccaps-public.csv: captioned clips of the shared AudioSet music, two malformed rows."""
    lantern, paper, _kettle, _harbor = shared
    rows = [
        [lantern, "30", "40", f"{GUITAR},{MUSIC}",
         "['indie pop', 'jangly electric guitar', 'warm male vocal', 'medium tempo']",
         "Demo caption (fictional): a jangly electric guitar rings over a steady drum beat "
         "while a warm male voice sings a wistful melody. It could play in a seaside cafe.",
         "3", "False", "True"],
        [paper, "50", "60", ELECTRIC,
         "['electric guitar', 'reverb', \"children's song\", 'slow tempo']",
         'Demo caption (fictional), with a comma, "quotes" and\na line break: a slow, '
         "reverb-soaked electric guitar picks out a lullaby.",
         "5", "True", "False"],
        [video_id("demo:tidepool"), "200", "210", f"{MUSIC},{POP}",
         "['pop', 'synth pad', 'female vocal']",
         "Demo caption (fictional): a bright pop song with a soft synth pad and a female "
         "vocal.", "1", "False", "False"],
        [video_id("demo:unsure"), "30", "40", MUSIC, "['pop']",
         "Demo caption (fictional): malformed, its flag is neither True nor False.",
         "2", "maybe", "False"],
        ["Lantern*Lig", "30", "40", MUSIC, "['pop']",
         "Demo caption (fictional): malformed, not a YouTube video id.", "2", "False", "False"],
    ]
    with text_out.open_text(out / "musiccaps" / "musiccaps-public.csv") as handle:
        text_out.write_csv_rows(handle, [MUSICCAPS_COLUMNS, *rows])


def _segment(ytid: str, start: int, end: int, *labels: str) -> tuple[str, list[str]]:
    return f'{ytid}, {start:.3f}, {end:.3f}, "{",".join(sorted(labels))}"', list(labels)


def _segments(path: Path, good: list[tuple[str, list[str]]], broken: list[str]) -> None:
    """A segment list as Google writes it: three comment lines, then one clip per line."""
    labels = [label for _, row_labels in good for label in row_labels]
    lines = [
        "# Segments csv created Sun Nov 29 12:00:00 2026 (TrainedOn demo: fictional clips)",
        f"# num_ytids={len(good)}, num_segs={len(good)}, "
        f"num_unique_labels={len(set(labels))}, num_positive_labels={len(labels)}",
        HEADER,
        *(line for line, _ in good),
        *broken,
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
