"""AudioSet and MusicCaps: YouTube clips without names, read from files in their real layouts."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from bot.datasets.formats import reader_for
from bot.datasets.formats.audioset import NOT_MUSIC
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, SkippedRow
from bot.errors import SourceError
from bot.text.links import IdKind, LinkId

MUSIC, INSTRUMENT, PLUCKED, GUITAR, ELECTRIC = (
    "/m/04rlf", "/m/04szw", "/m/0fx80y", "/m/0342h", "/m/02sgy")
SPEECH, DOG, POP, GENRE = "/m/09x0r", "/m/0bt9lr", "/m/064t9", "/m/0kpv1t"

# As in github.com/audioset/ontology: each class names its children; Guitar is a grandchild
# of Music's child, and Electric guitar one level further down.
ONTOLOGY = [
    {"id": MUSIC, "name": "Music", "description": "", "citation_uri": "",
     "positive_examples": [], "child_ids": [INSTRUMENT, GENRE], "restrictions": []},
    {"id": INSTRUMENT, "name": "Musical instrument", "child_ids": [PLUCKED]},
    {"id": PLUCKED, "name": "Plucked string instrument", "child_ids": [GUITAR]},
    {"id": GUITAR, "name": "Guitar", "child_ids": [ELECTRIC]},
    {"id": ELECTRIC, "name": "Electric guitar", "child_ids": []},
    {"id": GENRE, "name": "Music genre", "child_ids": [POP], "restrictions": ["abstract"]},
    {"id": POP, "name": "Pop music", "child_ids": []},
    {"id": SPEECH, "name": "Speech", "child_ids": []},
    {"id": DOG, "name": "Dog", "child_ids": []},
]
CLASS_LABELS = (
    "index,mid,display_name\n"
    "0,/m/09x0r,Speech\n"
    "74,/m/0bt9lr,Dog\n"
    "137,/m/04rlf,Music\n"
    '140,/m/0342h,"Guitar"\n'
    "141,/m/02sgy,Electric guitar\n"
    "216,/m/064t9,Pop music\n"
)
HEADER = (
    "# Segments csv created Sun Mar  5 10:54:25 2017\n"
    "# num_ytids=4, num_segs=4, num_unique_labels=4, num_positive_labels=6\n"
    "# YTID, start_seconds, end_seconds, positive_labels\n"
)


def audioset_folder(folder: Path, ontology: object = ONTOLOGY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ontology.json").write_text(json.dumps(ontology, indent=2), encoding="utf-8")
    (folder / "class_labels_indices.csv").write_text(CLASS_LABELS, encoding="utf-8")
    return folder


def read(path: Path, fmt: str) -> tuple[list[RawTrack], list[SkippedRow]]:
    source = SourceSpec(path=path.name, format=fmt)
    items = list(reader_for(source)(path, source))
    return ([i for i in items if isinstance(i, RawTrack)],
            [i for i in items if isinstance(i, SkippedRow)])


def segments(folder: Path, name: str, lines: str, header: str = HEADER) -> Path:
    path = folder / name
    path.write_text(header + lines, encoding="utf-8")
    return path


# --- AudioSet -------------------------------------------------------------------------------

def test_audioset_keeps_music_clips_as_id_only_rows_with_split_clip_and_labels(tmp_path):
    path = segments(audioset_folder(tmp_path), "eval_segments.csv", (
        '-0RWZT-miFs, 420.000, 430.000, "/m/04rlf,/m/09x0r,/m/0342h"\n'
        '--PJHxphWEs, 30.000, 40.000, "/m/09x0r"\n'
        "--ZhevVpy1s, 50.000, 60.000, /m/0bt9lr\n"
    ))
    tracks, skipped = read(path, "audioset")
    # the two clips without music are accounted for, by line, as left out on purpose
    assert skipped == [SkippedRow(5, NOT_MUSIC), SkippedRow(6, NOT_MUSIC)]
    assert tracks == [RawTrack(
        title="", artists=(), url="https://www.youtube.com/watch?v=-0RWZT-miFs&t=420s",
        source_id="-0RWZT-miFs@420", ids=(LinkId(IdKind.YOUTUBE_VIDEO, "-0RWZT-miFs"),),
        details=(("split", "eval"), ("clip", "420–430 s"), ("labels", "Music; Guitar; Speech")),
    )]


def test_a_label_far_below_music_counts_through_the_ontologys_child_ids(tmp_path):
    path = segments(audioset_folder(tmp_path), "balanced_train_segments.csv", (
        'aaaaaaaaaaa, 0.000, 10.000, "/m/02sgy"\n'  # Electric guitar: four levels below Music
        'bbbbbbbbbbb, 0.000, 10.000, "/m/064t9,/m/0bt9lr"\n'  # Pop music, under Music genre
        'ccccccccccc, 0.000, 10.000, "/m/0bt9lr,/m/09x0r"\n'  # Dog and Speech: not music
    ))
    tracks, _ = read(path, "audioset")
    assert [(t.source_id, dict(t.details)["labels"]) for t in tracks] == [
        ("aaaaaaaaaaa@0", "Electric guitar"), ("bbbbbbbbbbb@0", "Pop music; Dog")]


def test_shared_children_and_even_a_cycle_in_the_ontology_are_walked_once(tmp_path):
    looped = [*ONTOLOGY[:-1], {"id": DOG, "name": "Dog", "child_ids": [MUSIC, GUITAR]},
              {"id": "/m/loop", "name": "Loop", "child_ids": [MUSIC]}]
    looped[4] = {"id": ELECTRIC, "name": "Electric guitar", "child_ids": ["/m/loop"]}
    path = segments(audioset_folder(tmp_path, looped), "eval_segments.csv",
                    'aaaaaaaaaaa, 0.000, 10.000, "/m/loop"\n'
                    'bbbbbbbbbbb, 0.000, 10.000, "/m/0bt9lr"\n')  # Dog is a parent, not a child
    tracks, _ = read(path, "audioset")
    assert [t.source_id for t in tracks] == ["aaaaaaaaaaa@0"]


@pytest.mark.parametrize(("name", "split"), [
    ("balanced_train_segments.csv", "balanced_train"),
    ("unbalanced_train_segments.csv", "unbalanced_train"),
    ("eval_segments.csv", "eval"),
])
def test_the_split_is_the_file_name(tmp_path, name, split):
    path = segments(audioset_folder(tmp_path), name, 'aaaaaaaaaaa, 0.000, 10.000, "/m/04rlf"\n')
    (track,), _ = read(path, "audioset")
    assert track.details[0] == ("split", split)


def test_a_segment_file_of_another_name_fails_saying_which_names_are_expected(tmp_path):
    path = segments(audioset_folder(tmp_path), "my_segments.csv", "")
    with pytest.raises(SourceError, match=r"my_segments\.csv: the split cannot be told"):
        read(path, "audioset")


def test_malformed_lines_are_counted_skips_with_line_numbers_and_the_file_goes_on(tmp_path):
    path = segments(audioset_folder(tmp_path), "eval_segments.csv", (
        'short, 0.000, 10.000, "/m/04rlf"\n'                       # line 4
        'aaaaaaaa*aa, 0.000, 10.000, "/m/04rlf"\n'                 # 5
        'aaaaaaaaaaa, abc, 10.000, "/m/04rlf"\n'                   # 6
        'aaaaaaaaaaa, nan, 10.000, "/m/04rlf"\n'                   # 7
        'aaaaaaaaaaa, 1e3, 10.000, "/m/04rlf"\n'                   # 8
        'aaaaaaaaaaa, 10.000, 10.000, "/m/04rlf"\n'                # 9
        'aaaaaaaaaaa, 0.000, 10.000, "/m/04rlf,/m/09x0r\n'        # 10: quote never closed
        "aaaaaaaaaaa, 0.000\n"                                     # 11
        'aaaaaaaaaaa, 0.000, 10.000, "Music, Speech"\n'            # 12
        "\n"                                                       # 13: blank, passed over
        'zzzzzzzzzzz, 0.000, 10.000, "/m/04rlf"\n'                 # 14: still read
    ))
    raw = path.read_bytes().replace(b"short", b"sh\xffrt")  # and invalid UTF-8 on line 4
    path.write_bytes(raw)
    tracks, skipped = read(path, "audioset")
    assert [t.source_id for t in tracks] == ["zzzzzzzzzzz@0"]
    assert [(s.location, s.reason) for s in skipped] == [
        (4, "invalid UTF-8"),
        (5, "YTID: not a YouTube video id ('aaaaaaaa*aa')"),
        (6, "start_seconds: not a number of seconds ('abc')"),
        (7, "start_seconds: not a number of seconds ('nan')"),
        (8, "start_seconds: not a number of seconds ('1e3')"),
        (9, "end_seconds: the clip ends at or before its start (10.000–10.000)"),
        (10, "positive_labels: broken quoting"),
        (11, "expected 4 fields, found 2"),
        (12, "positive_labels: not a list of label ids ('Music, Speech')"),
    ]


@pytest.mark.parametrize("missing", ["ontology.json", "class_labels_indices.csv"])
def test_a_missing_ontology_or_class_list_fails_the_file_in_one_line_naming_it(tmp_path, missing):
    folder = audioset_folder(tmp_path)
    (folder / missing).unlink()
    path = segments(folder, "eval_segments.csv", 'aaaaaaaaaaa, 0.000, 10.000, "/m/04rlf"\n')
    with pytest.raises(SourceError) as failure:
        read(path, "audioset")
    message = str(failure.value)
    assert message.startswith(f"eval_segments.csv: {missing} is missing beside it")
    assert "\n" not in message


@pytest.mark.parametrize(("ontology", "problem"), [
    ({"id": MUSIC}, "not the AudioSet ontology"),
    ([{"id": MUSIC, "child_ids": "/m/04szw"}], "not the AudioSet ontology"),
    ([{"id": SPEECH, "child_ids": []}], r"no Music class \(/m/04rlf\)"),
])
def test_a_file_that_is_not_the_ontology_fails_in_one_line(tmp_path, ontology, problem):
    path = segments(audioset_folder(tmp_path, ontology), "eval_segments.csv", "")
    with pytest.raises(SourceError, match=rf"ontology\.json: {problem}"):
        read(path, "audioset")


def test_an_ontology_that_is_not_json_fails_in_one_line(tmp_path):
    folder = audioset_folder(tmp_path)
    (folder / "ontology.json").write_text('[{"id": "/m/04rlf", ', encoding="utf-8")
    path = segments(folder, "eval_segments.csv", "")
    with pytest.raises(SourceError, match=r"ontology\.json: not readable JSON"):
        read(path, "audioset")


def test_a_byte_order_mark_crlf_lines_and_a_header_without_its_hash_are_read(tmp_path):
    folder = audioset_folder(tmp_path)
    text = ("YTID,start_seconds,end_seconds,positive_labels\r\n"
            'aaaaaaaaaaa,202.700,212.700,"/m/04rlf"\r\n')
    path = folder / "unbalanced_train_segments.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode())
    (track,), skipped = read(path, "audioset")
    assert not skipped
    assert track.details[1] == ("clip", "202.7–212.7 s")
    assert track.url == "https://www.youtube.com/watch?v=aaaaaaaaaaa&t=202s"


def test_a_header_naming_other_columns_is_refused(tmp_path):
    path = segments(audioset_folder(tmp_path), "eval_segments.csv", "",
                    header="# YTID, start_seconds, labels\n")
    with pytest.raises(SourceError, match="line 1 names the columns YTID, start_seconds, labels"):
        read(path, "audioset")


def test_a_label_missing_from_the_class_list_is_named_from_the_ontology_or_shown_as_its_id(
        tmp_path):
    path = segments(audioset_folder(tmp_path), "eval_segments.csv",
                    'aaaaaaaaaaa, 0.000, 10.000, "/m/04rlf,/m/04szw,/t/dd99999"\n')
    (track,), _ = read(path, "audioset")
    assert dict(track.details)["labels"] == "Music; Musical instrument; /t/dd99999"


# --- MusicCaps ------------------------------------------------------------------------------

MUSICCAPS_HEADER = ("ytid,start_s,end_s,audioset_positive_labels,aspect_list,caption,author_id,"
                    "is_balanced_subset,is_audioset_eval\n")


def musiccaps(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "musiccaps-public.csv"
    path.write_text(MUSICCAPS_HEADER + rows, encoding="utf-8")
    return path


def test_musiccaps_keeps_every_row_with_split_caption_and_aspects(tmp_path):
    path = musiccaps(tmp_path, (
        '-0Gj8-vB1q4,30,40,"/m/0140xf,/m/04rlf",'
        '"[\'low quality\', \'mellow piano\', ""children\'s song""]",'  # as pandas writes it
        '"A caption, with ""quotes"" and\na line break.",4,False,True\n'
        "-FEPOSP7ay0,260,270,/m/0395lw,['bells'],Bells ring.,4,True,False\n"
    ))
    tracks, skipped = read(path, "musiccaps")
    assert not skipped
    first, second = tracks
    assert (first.title, first.artists, first.source_id) == ("", (), "-0Gj8-vB1q4@30")
    assert first.ids == (LinkId(IdKind.YOUTUBE_VIDEO, "-0Gj8-vB1q4"),)
    assert first.details == (
        ("split", "eval"), ("clip", "30–40 s"), ("balanced subset", "no"),
        ("aspects", "low quality, mellow piano, children's song"),
        ("caption", 'A caption, with "quotes" and\na line break.'),
    )
    # Not labelled Music in AudioSet, and kept all the same: MusicCaps is music by design.
    assert dict(second.details)["split"] == "train"
    assert dict(second.details)["balanced subset"] == "yes"


def test_musiccaps_malformed_rows_are_skips_with_the_line_they_start_on(tmp_path):
    path = musiccaps(tmp_path, (
        'aaaaaaaaaaa,30,40,/m/04rlf,[],"Two\nlines",1,False,False\n'    # lines 2-3
        "too-short,30,40,/m/04rlf,[],c,1,False,False\n"                # 4
        "bbbbbbbbbbb,3O,40,/m/04rlf,[],c,1,False,False\n"              # 5
        "bbbbbbbbbbb,40,30,/m/04rlf,[],c,1,False,False\n"              # 6
        "bbbbbbbbbbb,30,40,/m/04rlf,[],c,1,yes,False\n"                # 7
        "bbbbbbbbbbb,30,40,/m/04rlf,[],c,1,False\n"                    # 8
        "ccccccccccc,0,10,/m/04rlf,not a list,c,1,FALSE,true\n"        # 9: kept
    ))
    tracks, skipped = read(path, "musiccaps")
    assert [t.source_id for t in tracks] == ["aaaaaaaaaaa@30", "ccccccccccc@0"]
    assert dict(tracks[1].details)["aspects"] == "not a list"
    assert [(s.location, s.reason) for s in skipped] == [
        (4, "ytid: not a YouTube video id ('too-short')"),
        (5, "start_s: not a number of seconds ('3O')"),
        (6, "end_s: the clip ends at or before its start (40–30)"),
        (7, "is_balanced_subset: expected True or False ('yes')"),
        (8, "expected 9 fields, found 8"),
    ]


def test_musiccaps_without_its_columns_fails_in_one_line(tmp_path):
    path = tmp_path / "musiccaps-public.csv"
    path.write_text("ytid,start_s,end_s,caption\naaaaaaaaaaa,0,10,c\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not MusicCaps' layout, no column aspect_list, "
                                          "is_balanced_subset, is_audioset_eval"):
        read(path, "musiccaps")


def test_musiccaps_saved_by_excel_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "musiccaps-public.csv"
    path.write_bytes(codecs.BOM_UTF8 + (MUSICCAPS_HEADER + "aaaaaaaaaaa,0,10,/m/04rlf,[],c,1,"
                                        "False,False\n").encode())
    (track,), _ = read(path, "musiccaps")
    assert track.source_id == "aaaaaaaaaaa@0"


def test_a_very_long_caption_is_cut_for_display_and_invalid_utf8_skips_its_row(tmp_path):
    path = musiccaps(tmp_path, f"aaaaaaaaaaa,0,10,/m/04rlf,[],{'x' * 5000},1,False,False\n"
                               "bbbbbbbbbbb,0,10,/m/04rlf,[],BAD,1,False,False\n")
    path.write_bytes(path.read_bytes().replace(b"BAD", b"B\xffD"))
    (track,), (skip,) = read(path, "musiccaps")
    caption = dict(track.details)["caption"]
    assert len(caption) == 2000 and caption.endswith("…")
    assert (skip.location, skip.reason) == (3, "invalid UTF-8")
