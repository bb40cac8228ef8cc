"""`trainedon lookup link`: every pasted form, exit codes, JSON, batch, and same-name artists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.identity_data import (
    CAPTION,
    LOW_A,
    LOW_A_TRACKS,
    LOW_B,
    TRACK,
    VIDEO,
    write_manifest,
)
from helpers.workspace import Workspace

from bot.cli import main

pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = Workspace(tmp_path_factory.mktemp("links"))
    workspace.write("alpha/songs.csv", "title,artist,album,url,id\nSong,Radiohead,,,a1\n")
    workspace.write("beta/songs.csv", "title,artist,album,url,id\nOther,Radiohead,,,b1\n")
    write_manifest(workspace)
    workspace.build()
    return workspace.config_path


def cli(config: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*argv, "--config", str(config)])
    out, err = capsys.readouterr()
    return code, out, err


VIDEO_FORMS = [
    f"https://www.youtube.com/watch?v={VIDEO}&t=42s&si=AbC123",
    f"https://youtu.be/{VIDEO}?si=x",
    f"https://music.youtube.com/watch?v={VIDEO}&feature=share",
    f"https://m.youtube.com/watch?v={VIDEO}",
    f"https://www.youtube.com/shorts/{VIDEO}",
    f"https://www.youtube.com/embed/{VIDEO}?start=3",
    f"<https://www.youtube.com/watch?v={VIDEO}>",
    f"  HTTPS://WWW.YOUTUBE.COM/watch?v={VIDEO}  ",
    VIDEO,
]


@pytest.mark.parametrize("pasted", VIDEO_FORMS)
def test_every_video_form_finds_the_same_rows(config: Path, capsys: pytest.CaptureFixture[str],
                                              pasted: str) -> None:
    code, out, err = cli(config, capsys, "lookup", "link", pasted, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "link" and data["link"] == {"type": "youtube_video", "id": VIDEO}
    assert data["found"] is True and data["query"] == pasted.strip()
    assert [m["dataset"] for m in data["matches"]] == ["tube", "captions"]
    assert data["matches"][1]["details"]["caption"] == CAPTION


def test_text_answer_names_each_dataset_row(config: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(config, capsys, "lookup", "link", f"https://youtu.be/{VIDEO}")
    assert code == 0
    assert f"YouTube video {VIDEO}  https://www.youtube.com/watch?v={VIDEO}" in out
    assert "Listed in 2 datasets:" in out and "1. Tube Set (row tube" in out
    assert "Never Gonna Give You Up — Rick Astley" in out
    assert "2. Caption Set (row" in out and f"caption: {CAPTION}" in out
    for word in ("proof", "stolen", "trained on"):
        assert word not in out.lower()


def test_a_channel_lists_its_tracks_and_counts_per_dataset(
    config: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"https://music.youtube.com/channel/{LOW_A}"
    code, out, _ = cli(config, capsys, "lookup", "link", url, "--limit", "5")
    assert code == 0
    assert f"{LOW_A_TRACKS} tracks credited to this YouTube Music channel:" in out
    assert "(the first 5; --limit N for more)" in out and "Other Low" not in out
    code, out, _ = cli(config, capsys, "lookup", "link", url, "--json", "--limit", "5")
    data = json.loads(out)
    assert data["total"] == LOW_A_TRACKS and len(data["matches"]) == 5
    assert {d["id"]: d["tracks"] for d in data["datasets"]}["tube"] == LOW_A_TRACKS
    assert data["matches"][0]["artist_ids"] == [LOW_A]


def test_a_spotify_track_link_is_answered(config: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(config, capsys, "lookup", "link",
                       f"https://open.spotify.com/intl-de/track/{TRACK}?si=abc", "--json")
    assert code == 0 and json.loads(out)["matches"][0]["dataset"] == "spot"


def test_not_found_exits_1_and_says_so(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(config, capsys, "lookup", "link", "https://youtu.be/zzzzzzzzzzz")
    assert code == 1 and "This YouTube video is not in any indexed dataset." in out
    code, out, _ = cli(config, capsys, "lookup", "link",
                       "https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food")
    assert code == 1 and "try the track's number" in out


@pytest.mark.parametrize(("pasted", "words"), [
    ("not a link at all", ["not a link or id", "youtube.com/watch?v="]),
    ("https://www.youtube.com/@low", ["@handle", "cannot be resolved offline"]),
    ("https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC", ["album", "offline"]),
])
def test_junk_and_unresolvable_links_exit_2_with_one_sentence(
    config: Path, capsys: pytest.CaptureFixture[str], pasted: str, words: list[str],
) -> None:
    code, out, err = cli(config, capsys, "lookup", "link", pasted)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    assert all(word in err for word in words)


def test_batch_answers_each_link_and_reports_bad_lines(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "links.txt"
    path.write_text(f"https://youtu.be/{VIDEO}\n\nnot a link\nhttps://youtu.be/zzzzzzzzzzz\n"
                    "a\tb\n", encoding="utf-8")
    code, out, _ = cli(config, capsys, "lookup", "link", "--batch", str(path), "--json")
    assert code == 1  # some line could not be read as a link
    lines = [json.loads(line) for line in out.splitlines()]
    assert [o["line"] for o in lines] == [1, 3, 4, 5]
    assert lines[0]["found"] is True and "elapsed_ms" in lines[0]
    assert "not a link or id" in lines[1]["error"]
    assert lines[2]["found"] is False
    assert lines[3]["error"] == "expected one link or id, found a tab"


def test_an_artist_answer_tells_same_name_artists_apart(
    config: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = cli(config, capsys, "lookup", "artist", "low")
    assert code == 0
    assert "3 different YouTube Music channels are credited as Low in Tube Set:" in out
    assert f"https://www.youtube.com/channel/{LOW_B}  (2 tracks)" in out
    assert "Other Low 0 — Low" in out
    assert "One of them alone: trainedon lookup link URL" in out
    code, out, _ = cli(config, capsys, "lookup", "artist", "low", "--json")
    identities = json.loads(out)["matches"][0]["identities"]
    assert identities[0] == {"dataset": "tube", "kind": "youtube_channel", "artist_id": LOW_A,
                             "tracks": LOW_A_TRACKS}
