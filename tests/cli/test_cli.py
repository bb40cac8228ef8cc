"""The terminal front end: output, JSON shape, exit codes and one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from helpers.workspace import Workspace

from bot.cli import main

# main() sets up the process's logging; the runner gets its own back after each test.
pytestmark = pytest.mark.usefixtures("restore_root_logging")

SONGS = (
    "title,artist,album,url,id\n"
    "Creep (Remastered 2011),Radiohead,Pablo Honey,https://example.org/1,1\n"
    "Karma Police,Radiohead,OK Computer,https://example.org/2,2\n"
    "Creep,TLC,CrazySexyCool,https://example.org/3,3\n"
    "Jóga,Björk,Homogenic,,4\n"
    '"@everyone **bold**",Marlowe feat. Juniper Quay,,https://example.org/5,5\n'
)
DEMO_SONGS = "title,artist,album,url,id\nDemo Song,Radiohead,,,d1\n"


@pytest.fixture
def built(workspace: Workspace) -> Workspace:
    workspace.write_manifest([
        workspace.write_songs("real", "songs.csv", SONGS, name="Real Set"),
        workspace.write_songs("fake", "demo.csv", DEMO_SONGS, name="Fake Set (demo)", demo=True),
    ])
    assert main(["index", "build", "--config", str(workspace.config_path)]) == 0
    return workspace


def run(workspace: Workspace, *argv: str) -> int:
    return main([*argv, "--config", str(workspace.config_path)])


def test_lookup_artist_json_shape(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "artist", "radiohed", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "radiohed" and data["kind"] == "artist" and data["found"] is True
    top = data["matches"][0]
    assert top["name"] == "Radiohead"
    assert isinstance(top["score"], float) and 90 < top["score"] < 100
    assert top["total_tracks"] == 3
    assert {d["id"]: d["tracks"] for d in top["datasets"]} == {"real": 2, "fake": 1}
    assert {d["id"]: d["demo"] for d in top["datasets"]} == {"real": False, "fake": True}
    sample = top["samples"][0]
    assert set(sample) >= {"title", "artists", "dataset", "url"}
    assert sample["artists"] == ["Radiohead"] and sample["url"].startswith("https://")


def test_lookup_song_with_artist_tells_same_titles_apart(
    built: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "song", "creep", "--artist", "tlc", "--json") == 0
    matches = json.loads(capsys.readouterr().out)["matches"]
    assert matches[0]["name"] == "Creep" and matches[0]["artists"] == ["TLC"]
    assert run(built, "lookup", "song", "creep", "--json", "--limit", "1") == 0
    matches = json.loads(capsys.readouterr().out)["matches"]
    assert len(matches) == 1 and matches[0]["artists"] in (["Radiohead"], ["TLC"])


def test_dataset_filter(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "artist", "radiohead", "--dataset", "fake", "--json") == 0
    top = json.loads(capsys.readouterr().out)["matches"][0]
    assert top["total_tracks"] == 1 and [d["id"] for d in top["datasets"]] == ["fake"]
    assert run(built, "lookup", "artist", "bjork", "--dataset", "fake") == 1
    assert run(built, "lookup", "artist", "bjork", "--dataset", "nope") == 2
    assert "no dataset 'nope' in the index (indexed: real, fake)" in capsys.readouterr().err


def test_not_found_is_plain_with_near_misses(
    built: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "artist", "radio gaga") == 1
    out = capsys.readouterr().out
    assert '"radio gaga" is not found in any indexed dataset.' in out
    assert "Near misses" in out and "Radiohead" in out
    assert run(built, "lookup", "artist", "radio gaga", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is False and data["matches"] == []
    assert data["near_misses"][0]["name"] == "Radiohead"


def test_text_output_marks_demo_data_and_names_the_build(
    built: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "artist", "radiohead") == 0
    out = capsys.readouterr().out
    assert "(index built 20" in out
    assert "Fake Set (demo)" in out and "Real Set" in out
    assert "https://example.org/1" in out
    capsys.readouterr()
    run(built, "lookup", "song", "demo song")
    assert "[demo data]" in capsys.readouterr().out


def test_featured_artists_are_found(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(built, "lookup", "artist", "juniper quay", "--json") == 0
    top = json.loads(capsys.readouterr().out)["matches"][0]
    assert top["name"] == "Juniper Quay"
    assert top["samples"][0]["artists"] == ["Marlowe feat. Juniper Quay"]  # as published


def test_index_stats(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(built, "index", "stats") == 0
    out = capsys.readouterr().out
    assert "real" in out and "fake (demo)" in out and "Changes" in out
    assert run(built, "index", "stats", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"]: d["tracks"] for d in data["datasets"]} == {"real": 5, "fake": 1}
    assert data["last_build"]["changes"][0]["change"] == "added"
    assert [b["built_at"] for b in data["history"]] == [data["last_build"]["built_at"]]
    assert main(["index", "build", "--config", str(built.config_path)]) == 0
    capsys.readouterr()
    assert run(built, "index", "stats") == 0
    assert "History (newest first):" in capsys.readouterr().out


def test_usage_and_config_errors_exit_2_without_traceback(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["lookup", "artist"])
    assert usage.value.code == 2
    capsys.readouterr()
    assert run(workspace, "lookup", "artist", "x") == 2
    assert "no index at" in capsys.readouterr().err
    workspace.config_path.write_text("search:\n  max_matches: lots\n")
    assert run(workspace, "lookup", "artist", "x") == 2
    err = capsys.readouterr().err
    assert "config.yaml: search.max_matches: expected a valid integer" in err
    assert "found 'lots'" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["lookup", "artist", "x", "--limit", "0"])


def test_python_m_bot_and_console_script_are_the_same_program(built: Workspace) -> None:
    args = ["lookup", "artist", "bjork", "--json", "--config", str(built.config_path)]
    module = subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True)
    assert module.returncode == 0, module.stderr
    script = shutil.which("trainedon")
    assert script is not None, "the trainedon console script is not installed"
    console = subprocess.run([script, *args], capture_output=True, text=True)
    assert console.returncode == 0
    assert json.loads(module.stdout)["matches"] == json.loads(console.stdout)["matches"]


def test_a_query_is_echoed_without_terminal_control_codes(
    built: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """A title-setting and a screen-clearing sequence, pasted in: shown inert, never run."""
    run(built, "lookup", "artist", "\x1b]0;owned\x07\x1b[2Jradiohed")
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith('Artist lookup: "]0;owned[2Jradiohed"')
    assert '"]0;owned[2Jradiohed" is not found' in out
