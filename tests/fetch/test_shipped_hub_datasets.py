"""Every Hub dataset of the shipped manifest, fetched by `trainedon fetch` from a local Hub
holding files in each dataset's real layout (the demo files), then built: no manual step.

The double cannot hold the real files, so each pinned commit becomes the double's commit and
each pinned SHA-256 the hash of the file served, for the same paths; repos, patterns, target
folders, which paths are pinned and the branch names are the shipped ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO
from helpers.hub_double import (
    HubDouble,
    sha256_of,
)

from bot.cli import main

DEMO = REPO / "data" / "demo"
LAION_SHARD = (DEMO / "laion-disco-12m/data/train-00000-of-00001.parquet").read_bytes()
# What each Hub repo holds in the double: the demo file of the same layout, at real paths.
SERVED: dict[str, dict[str, bytes]] = {
    "laion-disco-12m": {f"data/train-0000{n}-of-00005.parquet": LAION_SHARD for n in range(5)},
    "sleeping-disco-9m": {path.name: path.read_bytes()
                          for path in sorted((DEMO / "sleeping-disco-9m").glob("*.jsonl"))},
    "spotify-tracks": {"dataset.csv": (DEMO / "spotify-tracks/dataset.csv").read_bytes()},
    "disco-10m": {"data/train-00000-of-00001.parquet":
                  (DEMO / "disco-10m/data/train-00000-of-00001.parquet").read_bytes()},
    "musiccaps": {"musiccaps-public.csv": (DEMO / "musiccaps/musiccaps-public.csv").read_bytes()},
}


def shipped_hub_datasets() -> list[dict[str, Any]]:
    shipped = yaml.safe_load((REPO / "data" / "datasets.yaml").read_text(encoding="utf-8"))
    return [entry for entry in shipped["datasets"] if entry.get("hub")]


def served_by(hub: HubDouble, entry: dict[str, Any]) -> dict[str, Any]:
    """The shipped entry, its pins pointing at what the double serves for its repo."""
    files = SERVED[entry["id"]]
    commit = hub.add_repo(entry["hub"]["repo"], files)
    pinned = entry["hub"]["revision"]
    revision = commit if len(pinned) == 40 else pinned  # a branch stays a branch
    sha256 = {path: sha256_of(files[path]) for path in entry["hub"].get("sha256", {})}
    return {**entry, "hub": {**entry["hub"], "revision": revision, "sha256": sha256}}


def test_every_shipped_hub_dataset_is_served_here() -> None:
    assert sorted(e["id"] for e in shipped_hub_datasets()) == sorted(SERVED)
    for entry in shipped_hub_datasets():  # every pinned path is one the repo holds
        assert set(entry["hub"].get("sha256", {})) <= set(SERVED[entry["id"]]), entry["id"]


def test_fetch_brings_every_hub_dataset_and_the_build_reads_them(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = [served_by(hub, entry) for entry in shipped_hub_datasets()]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datasets.yaml").write_text(
        yaml.safe_dump({"datasets": entries}, allow_unicode=True), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(yaml.safe_dump({"data_dir": "data", "index": {"path": "index.sqlite"},
                                      "fetch": {"hub_endpoint": hub.endpoint}}))

    assert main(["fetch", "--config", str(config)]) == 0, capsys.readouterr()
    fetched = capsys.readouterr().out
    assert "0 need a manual step, 0 failed" in fetched
    for entry in entries:
        for path, content in SERVED[entry["id"]].items():
            on_disk = tmp_path / "data" / entry["hub"]["into"] / path
            assert on_disk.read_bytes() == content, on_disk

    assert main(["index", "build", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["index", "stats", "--config", str(config), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {d["id"]: d["tracks"] > 0 for d in stats["datasets"]} == {
        entry["id"]: True for entry in entries}
