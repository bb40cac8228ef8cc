"""`trainedon lookup artist|song --batch FILE --json`: one JSON object per query line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from bot.cli import main

# main() sets up the process's logging; the runner gets its own back after each test.
pytestmark = pytest.mark.usefixtures("restore_root_logging")

SINGLE_KEYS = {"query", "kind", "found", "uncertain", "index_built_at", "matches", "near_misses"}


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled demo data, built once for the module."""
    root = tmp_path_factory.mktemp("demo-index")
    path = root / "config.yaml"
    path.write_text(f"data_dir: {REPO / 'data'}\nindex:\n  path: {root / 'index.sqlite'}\n")
    assert main(["index", "build", "--config", str(path)]) == 0
    return path


def cli(config: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*argv, "--config", str(config)])
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(out: str) -> list[dict[str, object]]:
    assert out.endswith("\n")
    return [json.loads(line) for line in out.splitlines()]


def batch_file(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "queries.txt"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_artist_batch_answers_each_line_as_the_single_query_does(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = ["velvet lantrens", "bjork solveig", "nobody at all qqq"]
    path = batch_file(tmp_path, f"{queries[0]}\n\n   \n{queries[1]}\r\n{queries[2]}")
    code, out, err = cli(config, capsys, "lookup", "artist", "--batch", path, "--json")
    assert code == 0, err
    objects = json_lines(out)
    assert [o["query"] for o in objects] == queries  # blank lines skipped, CRLF and no EOL fine
    assert [o["line"] for o in objects] == [1, 4, 5]
    for query, obj in zip(queries, objects, strict=True):
        assert set(obj) == SINGLE_KEYS | {"elapsed_ms", "line"}
        assert isinstance(obj["elapsed_ms"], float) and obj["elapsed_ms"] >= 0
        single_code, single_out, _ = cli(config, capsys, "lookup", "artist", query, "--json")
        single = json.loads(single_out)
        # A single query's JSON also carries "What can I do?" (`guidance`); batch lines do not.
        assert ("guidance" in single) is (single["found"] and not single["uncertain"])
        assert {k: obj[k] for k in SINGLE_KEYS} == _answer(single)
        assert obj["found"] is (single_code == 0)
    assert objects[0]["matches"][0]["name"] == "The Velvet Lanterns"
    assert objects[2]["found"] is False


def test_song_batch_takes_an_optional_artist_after_a_tab(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch_file(tmp_path, "lantern lite\tvelvet lanterns\nlantern lite\n")
    code, out, err = cli(config, capsys, "lookup", "song", "--batch", path, "--json")
    assert code == 0, err
    with_artist, alone = json_lines(out)
    _, single_out, _ = cli(config, capsys, "lookup", "song", "lantern lite",
                           "--artist", "velvet lanterns", "--json")
    assert {k: with_artist[k] for k in SINGLE_KEYS} == _answer(json.loads(single_out))
    top = with_artist["matches"][0]
    assert top["name"] == "Lantern Light" and top["artists"] == ["The Velvet Lanterns"]
    _, single_out, _ = cli(config, capsys, "lookup", "song", "lantern lite", "--json")
    assert {k: alone[k] for k in SINGLE_KEYS} == _answer(json.loads(single_out))


def _answer(single: dict[str, object]) -> dict[str, object]:
    """A single query's JSON without its `guidance`, which batch lines leave out."""
    return {k: v for k, v in single.items() if k != "guidance"}


def test_limit_and_dataset_apply_to_every_line(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch_file(tmp_path, "velvet lanterns\nlanterns\n")
    code, out, err = cli(config, capsys, "lookup", "artist", "--batch", path, "--json",
                         "--limit", "1", "--dataset", "demo-fma")
    assert code == 0, err
    for obj in json_lines(out):
        matches = obj["matches"]
        assert isinstance(matches, list) and len(matches) == 1
        assert [d["id"] for d in matches[0]["datasets"]] == ["demo-fma"]
    code, _, err = cli(config, capsys, "lookup", "artist", "--batch", path, "--json",
                       "--dataset", "nope")
    assert code == 2 and "no dataset 'nope'" in err


def test_bad_lines_get_an_error_object_and_the_rest_go_on(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = b"velvet lantrens\ncaf\xe9 \xff\ntwo\tnames\nbjork solveig\n"
    code, out, _ = cli(config, capsys, "lookup", "artist", "--batch",
                       batch_file(tmp_path, content), "--json")
    assert code == 1  # some line could not be looked up
    objects = json_lines(out)
    assert [o.get("line") for o in objects] == [1, 2, 3, 4]
    assert objects[1] == {"line": 2, "error": "not valid UTF-8"}
    assert objects[2] == {"line": 3, "error": "expected one artist name, found a tab"}
    assert objects[0]["found"] is True and objects[3]["found"] is True

    songs = "\tsomeone\na\tb\tc\nlantern light\t\n"
    code, out, _ = cli(config, capsys, "lookup", "song", "--batch",
                       batch_file(tmp_path, songs), "--json")
    assert code == 1
    first, second, third = json_lines(out)
    assert first == {"line": 1, "error": "no title before the tab"}
    assert second["line"] == 2 and "3 tab-separated fields" in str(second["error"])
    assert third["query"] == "lantern light" and third["found"] is True  # empty artist: none


def test_standard_input_through_python_m_bot(config: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "lookup", "artist", "--batch", "-", "--json",
         "--config", str(config)],
        input="\ufeffvelvet lantrens\nsigrun osk\n", capture_output=True, text=True,
        encoding="utf-8", cwd=REPO, check=False,
    )
    assert done.returncode == 0, done.stderr
    objects = json_lines(done.stdout)
    assert [o["query"] for o in objects] == ["velvet lantrens", "sigrun osk"]  # BOM dropped
    assert [o["matches"][0]["name"] for o in objects] == [
        "The Velvet Lanterns", "Sigrún Ósk"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["lookup", "artist", "--json"], "one of the arguments query --batch is required"),
        (["lookup", "artist", "x", "--batch", "-", "--json"],
         "argument --batch: not allowed with argument query"),
        (["lookup", "artist", "--batch", "-"], "--batch prints one JSON object per line"),
        (["lookup", "song", "--batch", "-", "--artist", "x", "--json"],
         "give each line as 'title<TAB>artist'"),
    ],
)
def test_usage_errors_exit_2_with_usage(
    config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--config", str(config)])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "usage: trainedon lookup" in err and message in err


def test_a_missing_file_is_one_line_and_exit_2(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = cli(config, capsys, "lookup", "artist", "--batch", str(missing), "--json")
    assert code == 2 and out == ""
    assert err == f"error: cannot read {missing}: No such file or directory\n"
