"""`trainedon check catalog`: summary, report file, JSON and exit codes."""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
from pathlib import Path

import pytest
from helpers.workspace import Workspace

from bot.cli.check_cmd import add_check_parser, run_check

# main() sets up the process's logging; the runner gets its own back after each test.
pytestmark = pytest.mark.usefixtures("restore_root_logging")

SONGS = (
    "title,artist,album,url,id\n"
    "Midnight Ferry,Velvet Lanterns,,https://example.org/1,1\n"
    "Creep,Radiohead,Pablo Honey,https://example.org/2,2\n"
    "=cmd|' /C calc'!A0,Mallory,,https://example.org/3,3\n"
)
CATALOG = (
    "Artist;Song Title\n"
    "Velvet Lantrens;Midnight Ferry\n"
    "Radiohead;Creep\n"
    "Mallory;=cmd|' /C calc'!A0\n"
    "Nobody;Absent Song\n"
    ";No Artist\n"
)


@pytest.fixture
def built(workspace: Workspace) -> Workspace:
    workspace.write_manifest([workspace.write_songs("real", "songs.csv", SONGS, name="Real Set")])
    workspace.build()
    return workspace


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser(prog="trainedon")
    add_check_parser(parser.add_subparsers(dest="command", required=True), common)
    return parser


def run(workspace: Workspace, *argv: str) -> int:
    args = parser().parse_args(["check", "catalog", *argv])
    return run_check(args, workspace.config())


def read_report(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_parser_shape() -> None:
    args = parser().parse_args(["check", "catalog", "mine.csv", "--out", "r.csv", "--json"])
    assert (args.command, args.check_command) == ("check", "catalog")
    assert (args.file, args.out, args.json) == (Path("mine.csv"), Path("r.csv"), True)
    with pytest.raises(SystemExit):
        parser().parse_args(["check", "catalog"])


def test_good_catalog_prints_a_summary_and_writes_the_report(
    built: Workspace, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    catalog = built.root / "my songs.csv"
    catalog.write_text(CATALOG, encoding="utf-8")
    with caplog.at_level(logging.INFO):
        assert run(built, str(catalog)) == 0
    out = capsys.readouterr().out
    assert f"Checked 5 catalog rows from {catalog} (CSV, ';'-separated, UTF-8)" in out
    assert "Real Set (real)" in out and "Velvet Lanterns - Midnight Ferry" in out
    report = built.root / "my songs-trainedon-report.csv"
    assert f"Report written to {report}" in out
    rows = read_report(report)
    assert [(r["line"], r["status"]) for r in rows] == [
        ("2", "found"), ("3", "found"), ("4", "found"), ("5", "not found"), ("6", "invalid")]
    assert rows[2]["input title"].startswith("'=cmd")
    assert rows[2]["matched title"].startswith("'=cmd")
    assert rows[0]["datasets"] == "real:1" and rows[4]["reason"] == "no artist"
    assert "checked 5 of 5 rows" in caplog.text  # not a terminal: log lines, no bar
    assert not list(built.root.glob(".*.tmp"))  # written through a temporary file


def test_json_and_out(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = built.root / "list.txt"
    catalog.write_text("# mine\nRadiohead - Creep\nNobody - Nothing\n", encoding="utf-8")
    out = built.root / "reports" / "r.csv"
    out.parent.mkdir()
    assert run(built, str(catalog), "--out", str(out), "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report_file"] == str(out) and data["format"].startswith("'Artist - Title'")
    assert data["totals"] == {"rows": 2, "found": 1, "uncertain": 0, "not found": 1,
                              "invalid": 0}
    assert data["rows"][0]["match"]["datasets"] == [{"id": "real", "tracks": 1}]
    assert len(read_report(out)) == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "bad.csv is a PNG image, not a CSV or text list of songs."),
    (b"", "bad.csv is empty."),
    (b"one,two\n1,2\n", "bad.csv has no recognisable columns (found 'one', 'two';"),
])
def test_bad_file_is_one_line_and_exit_2(
    built: Workspace, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    catalog = built.root / "bad.csv"
    catalog.write_bytes(content)
    assert run(built, str(catalog)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: " + str(built.root / message.split(" ", 1)[0]))
    assert message.split(" ", 1)[1] in err and err.count("\n") == 1
    assert not (built.root / "bad-trainedon-report.csv").exists()


def test_usage_errors_exit_2(built: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    missing = built.root / "nope.csv"
    assert run(built, str(missing)) == 2
    assert capsys.readouterr().err == f"error: {missing} does not exist.\n"
    catalog = built.root / "songs.csv"
    catalog.write_text("artist,title\nRadiohead,Creep\n", encoding="utf-8")
    assert run(built, str(catalog), "--out", str(catalog)) == 2
    assert "would overwrite" in capsys.readouterr().err
    assert catalog.read_text(encoding="utf-8").startswith("artist,title")
    assert run(built, str(catalog), "--out", str(built.root / "no" / "dir.csv")) == 2
    assert capsys.readouterr().err.startswith("error: cannot write the report to ")


def test_row_limit_comes_from_the_config(
    built: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    built.config_path.write_text(
        "data_dir: data\nindex:\n  path: var/index.sqlite\ncatalog:\n  max_rows: 2\n"
    )
    catalog = built.root / "three.txt"
    catalog.write_text("A - B\nC - D\nE - F\n", encoding="utf-8")
    assert run(built, str(catalog)) == 2
    assert "has more than 2 songs" in capsys.readouterr().err
