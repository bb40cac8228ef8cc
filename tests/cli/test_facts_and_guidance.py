"""The terminal's "What can I do?" section and the facts in `index stats`, through main()."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.workspace import Workspace

from bot.cli import main

pytestmark = pytest.mark.usefixtures("restore_root_logging")

CHECKED = "2026-11-30"
SONGS = (
    "title,artist,album,url,id\n"
    "Creep,Radiohead,Pablo Honey,https://example.org/1,1\n"
    "Karma Police,Radiohead,OK Computer,https://example.org/2,2\n"
)
DEMO_SONGS = "title,artist,album,url,id\nDemo Song,Radiohead,,,d1\n"
FACTS = {
    "publisher": {"value": "Real Lab", "source": "https://example.org/real-card",
                  "checked": CHECKED},
    "rows": {"value": 2, "source": "https://example.org/real-card", "checked": CHECKED},
    "license": {"value": "unknown", "unverified": "the card states none"},
    "year": {"value": 2024, "source": "https://example.org/real-paper", "checked": CHECKED,
             "note": "the paper's year"},
}
ESCAPE = "\x1b[2J\x1b[31m"  # clears a terminal and turns it red, if printed raw


def route(title: str, text: str, source: str) -> dict[str, Any]:
    return {"title": title, "text": text, "source": source, "checked": CHECKED}


GUIDANCE = {
    "checked": CHECKED,
    "notice": "Listed in a dataset's published metadata. Informational, not legal advice.",
    "general": [{**route("A registry", "Register a reservation of rights.",
                         "https://example.org/registry"), "kind": "opt-out"}],
    "datasets": {"real": {"items": [
        {**route("Write to Real", f"The maintainers{ESCAPE} read every issue.",
                 "https://example.org/real"), "link": "https://example.org/real/issues"},
    ]}},
}


@pytest.fixture
def built(workspace: Workspace) -> Workspace:
    workspace.write_manifest([
        workspace.write_songs("real", "songs.csv", SONGS, name="Real Set", facts=FACTS),
        workspace.write_songs("fake", "demo.csv", DEMO_SONGS, name="Fake Set", demo=True),
    ])
    workspace.write("guidance.yaml", yaml.safe_dump(GUIDANCE, allow_unicode=True))
    assert main(["index", "build", "--config", str(workspace.config_path)]) == 0
    return workspace


def run(workspace: Workspace, capsys: pytest.CaptureFixture[str], *argv: str
        ) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([*argv, "--config", str(workspace.config_path)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- "What can I do?" under a found answer ----------------------------------------------------

def test_a_found_answer_ends_with_what_can_i_do_each_route_sourced_and_dated(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(built, capsys, "lookup", "artist", "radiohead")
    assert status == 0
    answer, section = out.split("\nWhat can I do?", 1)
    assert "Radiohead" in answer
    lines = section.splitlines()
    assert lines[0] == f" (informational, not legal advice; guidance checked {CHECKED})"
    assert "Real Set" in lines and "Opt-outs and registries" in lines
    assert "No publisher route on file for: Fake Set." in lines
    assert "  • Write to Real" in lines
    # The escape character is dropped: what is left of the codes prints as plain text.
    assert "    The maintainers[2J[31m read every issue." in lines
    assert "    Go to: https://example.org/real/issues" in lines
    assert f"    Source: https://example.org/real (checked {CHECKED})" in lines
    # a general route, the same under every answer: one line, with its source and date
    general = [line for line in lines if "https://example.org/registry" in line]
    assert len(general) == 1 and general[0].startswith("  • ")
    assert general[0].endswith(f"[https://example.org/registry, checked {CHECKED}]")
    assert "\x1b" not in out


def test_guidance_explains_every_general_route_in_full(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(built, capsys, "lookup", "artist", "radiohead", "--guidance")
    assert status == 0
    lines = out.split("\nWhat can I do?", 1)[1].splitlines()
    assert f"    Source: https://example.org/registry (checked {CHECKED})" in lines
    assert not any("--guidance" in line for line in lines)


def test_json_carries_the_guidance_and_a_not_found_answer_carries_none(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(built, capsys, "lookup", "artist", "radiohead", "--json")
    assert status == 0
    guidance = json.loads(out)["guidance"]
    assert guidance["listed_in"] == ["Real Set", "Fake Set"]
    assert guidance["no_route_on_file"] == ["Fake Set"]
    assert "not legal advice" in guidance["notice"]
    [real] = guidance["sections"][0]["items"]
    assert guidance["sections"][0]["title"] == "Real Set"
    assert (real["source"], real["checked"], real["link"]) == (
        "https://example.org/real", CHECKED, "https://example.org/real/issues")
    status, out, _ = run(built, capsys, "lookup", "artist", "nobody at all", "--json")
    assert status == 1 and "guidance" not in json.loads(out)
    status, out, _ = run(built, capsys, "lookup", "artist", "nobody at all")
    assert status == 1 and "What can I do?" not in out


def test_a_broken_guidance_file_is_one_warning_and_the_answer_still_comes(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    broken = {**GUIDANCE, "general": [{**route("A registry", "This is proof of it.",
                                               "https://example.org/r"), "kind": "opt-out"}]}
    built.write("guidance.yaml", yaml.safe_dump(broken))
    status, out, err = run(built, capsys, "lookup", "artist", "radiohead")
    assert status == 0 and "Radiohead" in out and "What can I do?" not in out
    [warning] = [line for line in err.splitlines() if "guidance.yaml" in line]
    assert "general.0.text" in warning and "'proof'" in warning
    assert "Traceback" not in err


def test_a_catalog_check_with_found_rows_ends_with_the_guidance(
    built: Workspace, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    catalog = tmp_path / "catalog.csv"
    catalog.write_text("Artist,Title\nRadiohead,Karma Police\nNobody Known,Absent Song\n")
    status, out, _ = run(built, capsys, "check", "catalog", str(catalog))
    assert status == 0 and "\nWhat can I do? (informational, not legal advice" in out
    assert "  • Write to Real" in out
    status, out, _ = run(built, capsys, "check", "catalog", str(catalog), "--json")
    assert json.loads(out)["guidance"]["listed_in"] == ["Real Set"]


# --- the facts in `index stats` ---------------------------------------------------------------

def test_index_stats_shows_each_fact_with_source_and_date_or_unverified(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(built, capsys, "index", "stats")
    assert status == 0
    facts = out.split("Facts as published (each with its source and the date it was checked):\n",
                      1)[1].splitlines()
    assert facts == [
        "  real (Real Set)",
        f"    Publisher: Real Lab  [https://example.org/real-card, checked {CHECKED}]",
        f"    Year: 2024 (the paper's year)  [https://example.org/real-paper, checked {CHECKED}]",
        f"    Rows as published: 2  [https://example.org/real-card, checked {CHECKED}]",
        "    Licence: unknown — unverified: the card states none",
    ]  # the demo dataset has no published facts to show
    status, out, _ = run(built, capsys, "index", "stats", "--json")
    data = json.loads(out)
    by_id = {d["id"]: d["facts"] for d in data["datasets"]}
    assert by_id["fake"] is None and data["facts_problem"] is None
    assert by_id["real"]["publisher"] == {"value": "Real Lab", "verified": True,
                                          "source": "https://example.org/real-card",
                                          "checked": CHECKED}
    assert by_id["real"]["license"] == {"value": "unknown", "verified": False,
                                        "unverified": "the card states none"}


def test_index_stats_says_so_when_a_dataset_has_no_facts_or_the_manifest_is_broken(
    built: Workspace, capsys: pytest.CaptureFixture[str],
) -> None:
    built.write_manifest([built.write_songs("real", "songs.csv", SONGS, name="Real Set")])
    status, out, _ = run(built, capsys, "index", "stats")
    assert status == 0 and "  real (Real Set)\n    unverified: no facts recorded" in out
    (built.data / "datasets.yaml").write_text("datasets: [", encoding="utf-8")
    status, out, _ = run(built, capsys, "index", "stats")
    assert status == 0 and "real" in out  # the index is read from the index, not the manifest
    assert "(the facts could not be read: " in out and "not valid YAML" in out
