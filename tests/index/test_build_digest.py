"""Builds are deterministic: the same inputs built in two places give the same content.

Processes on machines that share no filesystem each build the pinned inputs and compare the
build's fingerprint (docs/SCALING.md); this shows the fingerprint can be trusted to mean
"the same index", by digesting every row of two independent builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO

from bot.config import load_config
from bot.datasets.manifest import load_manifest
from bot.index.builder import build_index
from bot.index.digest import content_digest
from bot.index.reader import IndexReader


def _build_copy(root: Path) -> Path:
    """The shipped data (demo files and manifest) copied to `root`, built there."""
    shutil.copytree(REPO / "data", root / "data",
                    ignore=shutil.ignore_patterns("*.sqlite*", "raw", "hub"))
    config_path = root / "config.yaml"
    config_path.write_text("data_dir: data\nindex:\n  path: var/index.sqlite\n")
    config = load_config(config_path)
    build_index(config, load_manifest(config.manifest_path))
    return config.index_path


def test_two_builds_of_the_same_inputs_hold_the_same_rows(tmp_path: Path) -> None:
    first, second = _build_copy(tmp_path / "a"), _build_copy(tmp_path / "b")
    one, two = IndexReader(first), IndexReader(second)
    assert one.built_at != two.built_at  # two builds, at two times...
    assert one.fingerprint and one.fingerprint == two.fingerprint  # ...of one content
    assert content_digest(first) == content_digest(second)


def test_changed_input_changes_the_fingerprint_and_the_content(tmp_path: Path) -> None:
    first = _build_copy(tmp_path / "a")
    root = tmp_path / "b"
    shutil.copytree(REPO / "data", root / "data",
                    ignore=shutil.ignore_patterns("*.sqlite*", "raw", "hub"))
    csv = root / "data" / "demo" / "spotify-tracks" / "dataset.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one row fewer
    config_path = root / "config.yaml"
    config_path.write_text("data_dir: data\nindex:\n  path: var/index.sqlite\n")
    config = load_config(config_path)
    build_index(config, load_manifest(config.manifest_path))
    second = config.index_path
    assert IndexReader(first).fingerprint != IndexReader(second).fingerprint
    assert content_digest(first) != content_digest(second)
