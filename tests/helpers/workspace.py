"""A throw-away data directory with its own manifest, config and index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.config import Config, load_config
from bot.datasets.manifest import load_manifest
from bot.index.builder import build_index
from bot.index.report import BuildReport
from bot.search.searcher import Searcher

# The columns of the small songs.csv files most tests write: title,artist,album,url,id
SONG_COLUMNS = {"title": "title", "artists": "artist", "album": "album", "url": "url", "id": "id"}


def dataset_entry(dataset_id: str, sources: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": dataset_id,
        "name": extra.pop("name", dataset_id.upper()),
        "homepage": "https://example.org/" + dataset_id,
        "license": "test",
        "sources": sources,
        **extra,
    }


def songs_dataset(dataset_id: str, path: str, **extra: Any) -> dict[str, Any]:
    """A manifest entry for CSV files in the songs.csv layout (`SONG_COLUMNS`) at `path`."""
    return dataset_entry(dataset_id, [{"path": path, "format": "csv", "columns": SONG_COLUMNS}],
                         **extra)


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

    def write_songs(self, dataset_id: str, relative: str, text: str, **extra: Any
                    ) -> dict[str, Any]:
        """Write a songs.csv-layout file; return its dataset's manifest entry."""
        self.write(relative, text)
        return songs_dataset(dataset_id, relative, **extra)

    def config(self) -> Config:
        return load_config(self.config_path)

    def build(self, allow_partial: bool = False) -> BuildReport:
        config = self.config()
        return build_index(config, load_manifest(config.manifest_path), allow_partial=allow_partial)

    def searcher(self) -> Searcher:
        config = self.config()
        return Searcher.open(config)
