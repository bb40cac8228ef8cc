"""A dataset that reads badly fails instead of building with a silent hole: more than
index.max_skipped_percent of its rows skipped (over the dataset, or in one of its files),
judged from 1,000 rows up, with the rows left out by design (AudioSet clips that are not
music) counted neither way. The bundled demo data, one or two bad rows per small file, builds."""

from __future__ import annotations

import shutil

import pytest
import yaml
from helpers import REPO
from helpers.workspace import Workspace, dataset_entry

from bot.errors import BuildError
from bot.index.report import MIN_ROWS_FOR_SHARE, FileReport, unusable

VIDEO = "vIdEo{:06d}"  # 11 characters of [A-Za-z0-9]


def songs(good: int, missing_titles: int, start: int = 0) -> str:
    """A title,artist CSV: `good` rows, then `missing_titles` rows without a title."""
    rows = [f"Song {i},Artist {i % 50}" for i in range(start, start + good)]
    rows += [f",Artist {i}" for i in range(missing_titles)]
    return "title,artist\n" + "\n".join(rows) + "\n"


def control(ws: Workspace) -> dict:
    return ws.write_songs("control", "control/songs.csv", "title,artist\nControl,Someone\n")


def build_one(ws: Workspace, entry: dict) -> tuple[str, str | None]:
    ws.write_manifest([entry, control(ws)])
    report = ws.build(allow_partial=True)  # a dataset failing a rebuild is dropped
    assert next(d for d in report.datasets if d.id == "control").status == "built"
    dataset = next(d for d in report.datasets if d.id == entry["id"])
    return dataset.status, dataset.error


def test_a_dataset_with_more_than_five_percent_skipped_fails_naming_its_reasons(
    workspace: Workspace,
) -> None:
    entry = workspace.write_songs("big", "big/songs.csv", songs(940, 60))
    status, error = build_one(workspace, entry)
    assert status == "failed"
    assert error == ("songs.csv: 60 of 1,000 rows skipped (6.0%, above "
                     "index.max_skipped_percent 5%: 60 × missing title); `trainedon index "
                     "inspect` shows what the reader finds in a file")


def test_a_dataset_within_the_threshold_builds(workspace: Workspace) -> None:
    entry = workspace.write_songs("big", "big/songs.csv", songs(950, 50))
    assert build_one(workspace, entry) == ("built", None)


def test_the_threshold_is_the_configs(workspace: Workspace) -> None:
    workspace.config_path.write_text("data_dir: data\nindex:\n  path: var/index.sqlite\n"
                                     "  max_skipped_percent: 10\n")
    entry = workspace.write_songs("big", "big/songs.csv", songs(910, 90))
    assert build_one(workspace, entry) == ("built", None)
    workspace.write("big/songs.csv", songs(890, 110))
    status, error = build_one(workspace, entry)
    assert status == "failed" and "110 of 1,000 rows skipped (11.0%, above " \
        "index.max_skipped_percent 10%" in (error or "")


def test_one_bad_file_among_good_ones_fails_the_dataset(workspace: Workspace) -> None:
    """1% over the dataset, but one file of 1,000 rows with 10% skipped: a hole, not noise."""
    workspace.write("many/a.csv", songs(9_000, 0))
    workspace.write("many/b.csv", songs(900, 100, start=9_000))
    entry = dataset_entry("many", [{"path": "many/*.csv", "format": "csv",
                                    "columns": {"title": "title", "artists": "artist"}}])
    status, error = build_one(workspace, entry)
    assert status == "failed"
    assert (error or "").startswith("b.csv: 100 of 1,000 rows skipped (10.0%")


def test_below_a_thousand_rows_the_share_is_not_judged(workspace: Workspace) -> None:
    """Half the rows skipped in a small file still builds (the demo files have 1-2 bad rows
    in 10-30); a file with every row skipped fails whatever its size."""
    entry = workspace.write_songs("small", "small/songs.csv",
                                  songs(MIN_ROWS_FOR_SHARE // 2 - 1, MIN_ROWS_FOR_SHARE // 2))
    assert build_one(workspace, entry) == ("built", None)
    workspace.write("small/songs.csv", songs(0, 3))
    assert build_one(workspace, entry) == (
        "failed", "songs.csv: 3 rows read, none indexed (3 × missing title)")


def audioset(ws: Workspace, music: int, speech: int, broken: int) -> dict:
    """AudioSet's layout: music clips, speech clips (left out by design), broken lines."""
    for name in ("ontology.json", "class_labels_indices.csv"):
        shutil.copy(REPO / "data/demo/audioset" / name, ws.data / "audioset" / name)
    lines = ["# created", "# counts", "# YTID, start_seconds, end_seconds, positive_labels"]
    lines += [f'{VIDEO.format(i)}, 30.000, 40.000, "/m/04rlf"' for i in range(music)]
    lines += [f'{VIDEO.format(music + i)}, 0.000, 10.000, "/m/09x0r"' for i in range(speech)]
    lines += [f"short{i}, 0.000, 10.000, \"/m/04rlf\"" for i in range(broken)]
    ws.write("audioset/eval_segments.csv", "\n".join(lines) + "\n")
    return dataset_entry("audioset", [{"path": "audioset/*_segments.csv",
                                       "format": "audioset"}], id_only=True)


def test_clips_left_out_by_design_count_neither_as_skipped_nor_as_read(
    workspace: Workspace,
) -> None:
    (workspace.data / "audioset").mkdir()
    entry = audioset(workspace, music=1_500, speech=5_000, broken=50)  # 50 of 1,550: 3.2%
    assert build_one(workspace, entry) == ("built", None)
    entry = audioset(workspace, music=1_500, speech=5_000, broken=100)  # 100 of 1,600: 6.25%
    status, error = build_one(workspace, entry)
    assert status == "failed"
    assert error == ("eval_segments.csv: 100 of 1,600 rows skipped (6.2%, above "
                     "index.max_skipped_percent 5%: 100 × YTID: not a YouTube video id); "
                     "`trainedon index inspect` shows what the reader finds in a file")


def test_by_design_reasons_are_never_folded_into_other_reasons() -> None:
    """Twenty distinct malformed reasons first: the clips left out by design stay apart."""
    report = FileReport("eval_segments.csv", 1, "")
    report.tracks = 2_000
    for number in range(20):
        report.skip(number, f"YTID: not a YouTube video id ('{number}')")
    for number in range(3_000):
        report.skip(number, "not music (no label under Music): left out by design")
    assert unusable([report]) is None  # 20 of 2,020 rows: 1.0%


def test_a_served_dataset_that_reads_badly_keeps_being_served(workspace: Workspace) -> None:
    entry = workspace.write_songs("big", "big/songs.csv", songs(1_000, 0))
    workspace.write_manifest([entry])
    workspace.build()
    served = workspace.index_path.read_bytes()
    workspace.write("big/songs.csv", songs(900, 100))
    with pytest.raises(BuildError, match=r"^big: songs.csv: 100 of 1,000 rows skipped .*"
                                         r"the current index keeps serving it"):
        workspace.build()
    assert workspace.index_path.read_bytes() == served


def test_the_bundled_demo_data_builds_every_demo_dataset(workspace: Workspace) -> None:
    shutil.copytree(REPO / "data/demo", workspace.data / "demo")
    manifest = yaml.safe_load((REPO / "data/datasets.yaml").read_text(encoding="utf-8"))
    demo = [d for d in manifest["datasets"] if d.get("demo")]
    workspace.write_manifest(demo)
    report = workspace.build()
    assert [(d.id, d.status) for d in report.datasets] == [(d["id"], "built") for d in demo]
    assert all(d.skipped for d in report.datasets)  # each holds its malformed rows, on purpose
