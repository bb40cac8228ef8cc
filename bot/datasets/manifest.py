"""The dataset manifest (`data/datasets.yaml`): which datasets exist and where their files are."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.config import describe_validation_error
from bot.errors import ManifestError

BUILTIN_FORMATS = (
    "laion-disco",
    "sleeping-disco",
    "fma-tracks",
    "fma-raw-tracks",
    "disco-10m",
    "csv",
    "tsv",
    "jsonl",
    "parquet",
)
GENERIC_FORMATS = ("csv", "tsv", "jsonl", "parquet")
COLUMN_ROLES = ("title", "artists", "album", "url", "id")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(_Model):
    """One file or glob of a dataset, in one format.

    `columns` maps the roles title/artists/album/url/id to the file's own column names; the
    built-in formats have defaults that `columns` overrides role by role.
    """

    path: str
    format: str
    columns: dict[str, str] = Field(default_factory=dict)
    artist_separator: str | None = None
    url_template: str | None = None

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value not in BUILTIN_FORMATS:
            raise ValueError(f"expected one of {', '.join(BUILTIN_FORMATS)}")
        return value

    @field_validator("columns")
    @classmethod
    def _known_roles(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(COLUMN_ROLES))
        if unknown:
            raise ValueError(f"unknown column role {unknown[0]!r}; expected {COLUMN_ROLES}")
        return value


class DownloadSpec(_Model):
    """Where the published metadata can be fetched from (used by `fetch`)."""

    url: str
    path: str | None = None
    sha256: str | None = None
    sha1: str | None = None
    size: int | None = None
    manual: str | None = None


class DatasetSpec(_Model):
    """A dataset as the manifest describes it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str
    description: str = ""
    homepage: str
    license: str
    demo: bool = False
    version: str | None = None
    sources: list[SourceSpec] = Field(min_length=1)
    downloads: list[DownloadSpec] = Field(default_factory=list)

    def source_files(self, data_dir: Path, source: SourceSpec) -> list[Path]:
        """The files a source's path or glob names today, in a stable order."""
        pattern = data_dir / source.path
        if glob.has_magic(source.path):
            return sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
        return [pattern] if pattern.exists() else []


class Manifest(_Model):
    """All datasets, in the order they are listed."""

    datasets: list[DatasetSpec]

    @field_validator("datasets")
    @classmethod
    def _unique_ids(cls, value: list[DatasetSpec]) -> list[DatasetSpec]:
        seen: set[str] = set()
        for spec in value:
            if spec.id in seen:
                raise ValueError(f"dataset id {spec.id!r} is listed twice")
            seen.add(spec.id)
        return value

    def get(self, dataset_id: str) -> DatasetSpec | None:
        return next((d for d in self.datasets if d.id == dataset_id), None)


def load_manifest(path: Path) -> Manifest:
    """Read and validate the manifest, reporting the first problem in one line."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: dataset manifest not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read manifest ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ManifestError(f"{path}: not valid YAML{where}") from None
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise ManifestError(describe_validation_error(path, exc)) from None
