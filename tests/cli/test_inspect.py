"""`trainedon index inspect`: a file's first rows as its reader sees them, through main()."""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from helpers import REPO
from helpers.dataset_files import shipped_dataset
from helpers.workspace import Workspace

from bot.cli import main

pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging

NESTED = "".join(json.dumps(line) + "\n" for line in [
    {"song_name": "Lantern Light", "performer": {"name": "The Velvet Lanterns", "id": 7},
     "youtube_links": ["https://www.youtube.com/watch?v=UtUYODW46Ue"], "song_id": 4000},
    {"song_name": "Paper Boats", "performer": {"name": "The Velvet Lanterns", "id": 7},
     "youtube_links": [], "song_id": 4007},
])


def run(ws: Workspace, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["index", "inspect", *argv, "--config", str(ws.config_path)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def sleeping(workspace: Workspace) -> Workspace:
    workspace.write("sleeping-disco-9m/a.jsonl", NESTED)
    workspace.write("sleeping-disco-9m/b.jsonl", NESTED)
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m")])
    return workspace


def test_a_dataset_shows_its_first_files_keys_roles_and_the_fix(
    sleeping: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(sleeping, capsys, "sleeping-disco-9m")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("sleeping-disco-9m/a.jsonl")
    assert lines[1] == "sleeping-disco reader, first 2 rows"
    assert re.search(r"^  song_name +title\? +'Lantern Light', 'Paper Boats'$", out, re.M)
    assert re.search(r"^  performer\.name +artists\? +'The Velvet Lanterns'$", out, re.M)
    assert re.search(r"^  youtube_links +video_url +\['https://www.youtube.com/watch\?v="
                     r"UtUYODW46Ue'\]$", out, re.M)
    assert re.search(r"^  song_id +- +4000, 4007$", out, re.M)  # the Genius id: no role
    assert re.search(r"^  title +not found \(looked for title\|song_title", out, re.M)
    assert re.search(r"^  video_url +youtube_links: 1 of 2 rows$", out, re.M)
    assert "Unfilled: title, artists (the build needs title and artists)." in out
    assert ("Suggested for this source in the manifest: columns: {title: song_name, artists: "
            "performer.name}") in out
    assert "The build would stop this dataset: a.jsonl: the sleeping-disco reader finds no " \
        "title or artists in its first 2 rows" in out


def test_the_suggested_line_makes_it_readable(
    sleeping: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    run(sleeping, capsys, "sleeping-disco-9m")
    dataset = shipped_dataset("sleeping-disco-9m")
    dataset["sources"][0]["columns"] = {"title": "song_name", "artists": "performer.name"}
    sleeping.write_manifest([dataset])
    status, out, _ = run(sleeping, capsys, "sleeping-disco-9m", "--json")
    found = json.loads(out)
    assert status == 0 and found["problem"] is None and found["unfilled"] == []
    assert {r["role"]: (r["field"], r["filled"]) for r in found["roles"]} == {
        "title": ("song_name", 2), "artists": ("performer.name", 2),
        "album": (None, 0), "url": (None, 0), "video_id": (None, 0),
        "video_url": ("youtube_links", 1)}
    assert main(["index", "build", "--config", str(sleeping.config_path)]) == 0


def test_json_lists_every_field_with_samples_and_roles(
    sleeping: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(sleeping, capsys, "sleeping-disco-9m", "--json", "--rows", "1")
    found = json.loads(out)
    assert status == 0 and found["rows"] == 1 and found["format"] == "sleeping-disco"
    assert [(f["name"], f["samples"], f["roles"], f["suggested"]) for f in found["fields"]] == [
        ("song_name", ["'Lantern Light'"], [], ["title"]),
        ("performer.name", ["'The Velvet Lanterns'"], [], ["artists"]),
        ("performer.id", ["7"], [], []),
        ("youtube_links", ["['https://www.youtube.com/watch?v=UtUYODW46Ue']"], ["video_url"],
         []),
        ("song_id", ["4000"], [], [])]
    assert found["suggested"] == {"title": "song_name", "artists": "performer.name"}
    assert found["columns_line"] == "columns: {title: song_name, artists: performer.name}"


def test_a_file_path_with_its_format_guessed_from_the_name(
    workspace: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    path = workspace.root / "export.parquet"
    pq.write_table(pa.table({"Track Title": ["A Song"], "Artist": [["Ana", "Bo"]],
                             "embedding": pa.array([[0.1, 0.2]], pa.list_(pa.float32()))}),
                   path)
    status, out, _ = run(workspace, capsys, str(path), "--json")
    found = json.loads(out)
    assert status == 0 and found["format"] == "parquet" and found["kind"] == "column"
    assert found["columns_line"] == "columns: {title: Track Title, artists: Artist}"
    assert found["not_read"] == ["embedding"]


def test_a_file_of_the_manifest_is_read_as_its_source_says(
    workspace: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    demo = REPO / "data/demo/spotify-tracks/dataset.csv"
    workspace.write("spotify-tracks/dataset.csv", demo.read_bytes())
    workspace.write_manifest([shipped_dataset("spotify-tracks")])
    status, out, _ = run(workspace, capsys, "spotify-tracks/dataset.csv", "--json")
    found = json.loads(out)
    assert status == 0 and found["format"] == "csv" and found["problem"] is None
    assert {r["role"]: r["field"] for r in found["roles"]} == {
        "title": "track_name", "artists": "artists", "album": "album_name", "id": "track_id",
        "spotify_id": "track_id"}


def test_fma_tracks_are_told_by_their_name_and_audioset_by_theirs(
    workspace: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("fma/tracks.csv", "audioset/eval_segments.csv",
                 "audioset/ontology.json", "audioset/class_labels_indices.csv"):
        workspace.write(f"copy/{name}", (REPO / "data/demo" / name).read_bytes())
    status, out, _ = run(workspace, capsys, str(workspace.data / "copy/fma/tracks.csv"))
    assert status == 0 and "fma-tracks reader" in out
    assert re.search(r"^  track\.title +title +'Lantern Light'", out, re.M)
    status, out, _ = run(workspace, capsys, "copy/audioset/eval_segments.csv")
    assert status == 0 and "audioset reader" in out
    assert re.search(r"^  YTID +video_id +'2KI978JDqLF'", out, re.M)


@pytest.mark.parametrize(("argv", "status", "error"), [
    (["no-such-dataset"], 2,
     "error: 'no-such-dataset' is neither a dataset of datasets.yaml nor a file\n"),
    (["missing/file.jsonl"], 2, "error: missing/file.jsonl: no such file\n"),
    (["sleeping-disco-9m"], 2, "error: sleeping-disco-9m: no file matches "
     "sleeping-disco-9m/*.jsonl under "),
    (["notes.txt"], 2, "error: notes.txt: the format cannot be told from its name; give "
     "--format (laion-disco, "),
    (["broken.parquet"], 1, "error: cannot read it: broken.parquet: not a readable parquet "
     "file ("),
    (["folder"], 2, "error: folder: a folder; name one of its files\n"),
])
def test_bad_targets_are_one_line_each(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], argv: list[str], status: int,
    error: str,
) -> None:
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m")])
    workspace.write("notes.txt", "hello\n")
    workspace.write("broken.parquet", b"PAR1 not really")
    (workspace.data / "folder").mkdir()
    got, out, err = run(workspace, capsys, *argv)
    assert (got, out) == (status, "")
    assert err.startswith(error) and err.count("\n") == 1, err


def test_rows_must_be_a_sensible_number(
    workspace: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["index", "inspect", "x", "--rows", "0"])
    assert stopped.value.code == 2
    assert "--rows: expected a number from 1 to 10,000" in capsys.readouterr().err


def test_the_manifests_comment_documents_inspect() -> None:
    """The command exists where the config tells operators to look."""
    text = (REPO / "config.example.yaml").read_text(encoding="utf-8")
    assert "trainedon index inspect" in text
    assert yaml.safe_load(text)["index"]["max_skipped_percent"] == 5
