"""Shared fixtures: a throw-away data directory with its own manifest, config and index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Config, load_config
from bot.datasets.manifest import load_manifest
from bot.index.builder import build_index
from bot.index.report import BuildReport
from bot.search.searcher import Searcher

REPO = Path(__file__).resolve().parent.parent


def dataset_entry(dataset_id: str, sources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": dataset_id,
        "name": extra.pop("name", dataset_id.upper()),
        "homepage": "https://example.org/" + dataset_id,
        "license": "test",
        "sources": sources,
        **extra,
    }


class Workspace:
    """A data directory, manifest and config in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.data.mkdir()
        self.config_path = root / "config.yaml"
        self.config_path.write_text("data_dir: data\nindex:\n  path: var/index.sqlite\n")

    @property
    def index_path(self) -> Path:
        return self.root / "var" / "index.sqlite"

    def write_manifest(self, datasets: list[dict[str, Any]]) -> None:
        text = yaml.safe_dump({"datasets": datasets}, allow_unicode=True, sort_keys=False)
        (self.data / "datasets.yaml").write_text(text, encoding="utf-8")

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def config(self) -> Config:
        return load_config(self.config_path)

    def build(self, allow_partial: bool = False) -> BuildReport:
        config = self.config()
        return build_index(config, load_manifest(config.manifest_path), allow_partial=allow_partial)

    def searcher(self) -> Searcher:
        config = self.config()
        return Searcher.open(config)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)
