"""The evidence export carries "What can I do?": a CSV of its own and a `guidance` key."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import yaml
from helpers.workspace import Workspace

from bot.catalog.check import check_catalog
from bot.catalog.export import export_csv, export_guidance_csv, export_json, export_match
from bot.catalog.parse import parse_catalog
from bot.datasets.guidance import load_guidance
from bot.search.results import LookupResult

CHECKED = "2026-11-30"
SONGS = ("title,artist,album,url,id\n"
         "Midnight Ferry,Velvet Lanterns,,https://example.org/1,1\n"
         "Harbour Lights,Velvet Lanterns,,https://example.org/2,2\n")


def route(title: str, text: str, source: str) -> dict[str, Any]:
    return {"title": title, "text": text, "source": source, "checked": CHECKED}


GUIDANCE = {
    "checked": CHECKED,
    "notice": "Listed in a dataset's published metadata. Informational, not legal advice.",
    "general": [{**route("=HYPERLINK(\"https://evil.example\")", "+1 call now",
                         "https://example.org/registry"), "kind": "opt-out"}],
    "datasets": {"songs": {"items": [route("Write to the maintainers", "-they read issues",
                                           "https://example.org/songs")]}},
}


def test_a_catalog_rows_export_carries_the_guidance_guarded_for_spreadsheets(
    workspace: Workspace,
) -> None:
    workspace.write_manifest([workspace.write_songs("songs", "songs.csv", SONGS,
                                                    name="Song Set")])
    workspace.write("guidance.yaml", yaml.safe_dump(GUIDANCE))
    workspace.build()
    searcher = workspace.searcher()
    catalog = parse_catalog(b"Artist,Title\nVelvet Lanterns,Midnight Ferry\n", "c.csv", 100)
    [row] = check_catalog(searcher, catalog.rows).results
    assert row.status == "found" and row.match is not None
    lookup = row.match.lookup  # the answer behind the row, as /check catalog keeps it
    assert isinstance(lookup, LookupResult)
    guidance = load_guidance(workspace.data / "guidance.yaml")
    export = export_match(searcher, lookup, guidance=guidance)
    guidance_csv = export_guidance_csv(export)
    assert guidance_csv is not None
    rows = list(csv.reader(io.StringIO(guidance_csv.decode("utf-8-sig"))))
    assert rows[0] == ["section", "title", "text", "quote", "quote by", "link", "source",
                       "checked"]
    assert rows[1][0] == "Notice" and "not legal advice" in rows[1][2]
    assert rows[2] == ["Song Set", "Write to the maintainers", "'-they read issues", "", "", "",
                       "https://example.org/songs", CHECKED]
    assert rows[3][:3] == ["Opt-outs and registries", "'=HYPERLINK(\"https://evil.example\")",
                           "'+1 call now"]
    data = json.loads(export_json(export))
    assert data["guidance"]["sections"][0]["items"][0]["source"] == "https://example.org/songs"
    # The tracks' own CSV is unchanged: one row per track, nothing appended.
    tracks = list(csv.DictReader(io.StringIO(export_csv(export).decode("utf-8-sig"))))
    assert [t["title"] for t in tracks] == ["Midnight Ferry"]

    plain = export_match(searcher, lookup)
    assert export_guidance_csv(plain) is None and "guidance" not in json.loads(export_json(plain))
