"""The dataset manifest (`data/datasets.yaml`): which datasets exist and where their files are."""

from __future__ import annotations

import glob
import re
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from bot.config import describe_validation_error
from bot.errors import ManifestError
from bot.yamlfile import read_yaml

BUILTIN_FORMATS = (
    "laion-disco",
    "sleeping-disco",
    "fma-tracks",
    "fma-raw-tracks",
    "disco-10m",
    "audioset",
    "musiccaps",
    "csv",
    "tsv",
    "jsonl",
    "parquet",
)
GENERIC_FORMATS = ("csv", "tsv", "jsonl", "parquet")
COLUMN_ROLES = (
    "title", "artists", "album", "url", "id",
    # The published identifiers (bot.text.links.IdKind); an invalid value is dropped, not the row.
    "video_id", "video_url", "artist_id", "spotify_id", "spotify_artist_id", "fma_id",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(_Model):
    """One file or glob of a dataset, in one format.

    `columns` maps the roles (COLUMN_ROLES: title, artists, album, url, id and the published
    identifiers) to the file's own column names; the built-in formats have defaults that
    `columns` overrides role by role.
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


class HubSpec(_Model):
    """A dataset hosted on the Hugging Face Hub, fetched with the Hub's own client.

    Files are listed at the pinned `revision`, never guessed, and kept if they match one of
    the `files` patterns (repo paths, globs); they land under `into` in the data folder, at
    their repo path. `sha256` holds the hashes the Hub publishes for LFS files, by repo path:
    a download that does not match is refused. `gated`: access must be requested on the
    dataset page, and HF_TOKEN carry it.
    """

    repo: str = Field(pattern=r"^[A-Za-z0-9][\w.-]{0,95}/[\w.-]{1,96}$")
    revision: str = Field(min_length=1, max_length=100)
    files: list[str] = Field(min_length=1)
    into: str
    sha256: dict[str, str] = Field(default_factory=dict)
    gated: bool = False

    @field_validator("into")
    @classmethod
    def _into_stays_inside(cls, value: str) -> str:
        if why := outside_data_dir(value):
            raise ValueError(f"the folder {why}")
        return value

    @field_validator("sha256")
    @classmethod
    def _hex_hashes(cls, value: dict[str, str]) -> dict[str, str]:
        for path, digest in value.items():
            if not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise ValueError(f"{path}: expected 64 lowercase hex digits")
        return value


class Fact(_Model):
    """One published fact about a dataset: where it was read, and when.

    A fact that could not be checked says so in `unverified` (what was tried, what is
    missing) instead of a source, and is shown as unverified, never as known.
    """

    value: str | int
    source: str | None = None  # the URL it was read from: a card, a paper, public code
    checked: date | None = None
    unverified: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _sourced_or_marked(self) -> Fact:
        if self.unverified is None and (self.source is None or self.checked is None):
            raise ValueError("a fact needs a source and the date it was checked, "
                             "or `unverified:` saying why it could not be checked")
        return self


class DatasetFacts(_Model):
    """The verified facts `/datasets`, `index stats` and the README show for a dataset."""

    publisher: Fact
    year: Fact
    rows: Fact  # as the publisher counts them: rows, tracks or segments
    license: Fact  # as the publisher states it
    original_license: Fact | None = None  # where a mirror's tag and the original's differ
    revision: Fact | None = None  # the version the facts were checked against
    paper: Fact | None = None


class DatasetSpec(_Model):
    """A dataset as the manifest describes it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str
    description: str = ""
    homepage: str
    license: str
    demo: bool = False
    # Rows hold only ids (AudioSet, MusicCaps): the dataset answers link lookups, never names.
    id_only: bool = False
    version: str | None = None
    sources: list[SourceSpec] = Field(min_length=1)
    downloads: list[DownloadSpec] = Field(default_factory=list)
    hub: HubSpec | None = None  # fetched from the Hugging Face Hub (besides any downloads)
    facts: DatasetFacts | None = None  # every real dataset has them; demo data has none

    @field_validator("sources")
    @classmethod
    def _sources_stay_inside(cls, value: list[SourceSpec], info: ValidationInfo
                             ) -> list[SourceSpec]:
        """Checked here, not on SourceSpec, so that the error can name the dataset.

        A ValidationError raised by a validator keeps its own locations (pydantic-core
        supports it), so the error still points at `sources.N.path` and shows that path.
        """
        dataset = repr(info.data.get("id", "?"))
        problems = [
            InitErrorDetails(type=PydanticCustomError("unsafe_path", "dataset {dataset}: the "
                                                      "source path {why}",
                                                      {"dataset": dataset, "why": why}),
                             loc=(number, "path"), input=source.path)
            for number, source in enumerate(value)
            if (why := outside_data_dir(source.path))
        ]
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return value

    def source_files(self, data_dir: Path, source: SourceSpec) -> list[Path]:
        """The files a source's path or glob names today, in a stable order."""
        pattern = data_dir / source.path
        if glob.has_magic(source.path):
            return sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
        return [pattern] if pattern.exists() else []


def outside_data_dir(path: str) -> str | None:
    """Why a path (or glob) in the manifest would reach outside the data folder, or None.

    Decided on the text, before any file exists, so a bad manifest fails at load and never
    half-way through a build. A symlink inside the data folder is followed wherever it points:
    linking a big disk in is how an operator makes room.
    """
    if path.startswith("~"):
        return "starts with '~', but it is relative to the data folder, not a home folder"
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(path).drive:
        return "is absolute; it must be relative to the data folder"
    if ".." in posix.parts:
        return "climbs out of the data folder with '..'"
    return None


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
    raw = read_yaml(path, ManifestError, "dataset manifest")
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise ManifestError(describe_validation_error(path, exc)) from None
