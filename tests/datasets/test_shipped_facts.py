"""The facts and Hub sources shipped in data/datasets.yaml: every claim sourced and dated.

A fact the bot shows a musician ("listed in dataset X", its licence, its size) must say where
it was read and when, or say that it could not be checked; a Hub source must land its files
where the dataset's sources look, and its published hashes must name files it fetches.
"""

from __future__ import annotations

import re
from datetime import date
from fnmatch import fnmatchcase
from urllib.parse import urlparse

import pytest
from helpers import REPO

from bot.datasets.manifest import DatasetFacts, DatasetSpec, Fact, load_manifest

MANIFEST = load_manifest(REPO / "data" / "datasets.yaml")
REAL = [d for d in MANIFEST.datasets if not d.demo]
ON_THE_HUB = [d for d in REAL if d.hub is not None]
COMMIT = re.compile(r"[0-9a-f]{40}")


def facts_of(spec: DatasetSpec) -> list[tuple[str, Fact]]:
    """Each fact of a dataset by its name, the optional ones only where given."""
    assert spec.facts is not None, f"{spec.id} has no facts"
    return [(name, fact) for name in DatasetFacts.model_fields
            if (fact := getattr(spec.facts, name)) is not None]


ALL_FACTS = [pytest.param(fact, id=f"{spec.id}.{name}")
             for spec in REAL for name, fact in facts_of(spec)]


def test_the_shipped_manifest_has_real_datasets_on_the_hub_and_off_it() -> None:
    assert {d.id for d in REAL} >= {"laion-disco-12m", "sleeping-disco-9m", "fma",
                                    "spotify-tracks", "disco-10m", "audioset", "musiccaps"}
    assert {d.id for d in ON_THE_HUB} >= {"laion-disco-12m", "sleeping-disco-9m",
                                          "spotify-tracks", "disco-10m", "musiccaps"}


@pytest.mark.parametrize("spec", REAL, ids=lambda d: d.id)
def test_every_real_dataset_states_its_publisher_year_rows_and_licence(
        spec: DatasetSpec) -> None:
    names = {name for name, _ in facts_of(spec)}
    assert {"publisher", "year", "rows", "license"} <= names


def test_demo_data_claims_no_facts() -> None:
    assert [d.id for d in MANIFEST.datasets if d.demo and d.facts is not None] == []


@pytest.mark.parametrize("fact", ALL_FACTS)
def test_every_fact_is_sourced_and_dated_or_says_why_not(fact: Fact) -> None:
    if fact.unverified is None:
        assert fact.source is not None and fact.checked is not None
    else:
        assert fact.unverified.strip(), "an unverified fact says what was tried"


@pytest.mark.parametrize("fact", ALL_FACTS)
def test_sources_are_https_links(fact: Fact) -> None:
    if fact.source is not None:
        url = urlparse(fact.source)
        assert url.scheme == "https" and url.netloc, fact.source


@pytest.mark.parametrize("fact", ALL_FACTS)
def test_no_fact_was_checked_in_the_future(fact: Fact) -> None:
    if fact.checked is not None:
        assert fact.checked <= date.today()


@pytest.mark.parametrize("fact", ALL_FACTS)
def test_an_unverified_fact_claims_no_value(fact: Fact) -> None:
    if fact.unverified is not None:
        assert fact.value == "unknown"


@pytest.mark.parametrize("spec", ON_THE_HUB, ids=lambda d: d.id)
def test_every_published_hash_names_a_file_the_hub_source_fetches(spec: DatasetSpec) -> None:
    assert spec.hub is not None
    unmatched = [path for path in spec.hub.sha256
                 if not any(fnmatchcase(path, pattern) for pattern in spec.hub.files)]
    assert unmatched == []


@pytest.mark.parametrize("spec", ON_THE_HUB, ids=lambda d: d.id)
def test_hub_files_land_where_the_sources_read_them(spec: DatasetSpec) -> None:
    assert spec.hub is not None
    assert all(s.path.startswith(spec.hub.into + "/") for s in spec.sources)
    for path in spec.hub.sha256:
        landed = f"{spec.hub.into}/{path}"
        assert any(fnmatchcase(landed, s.path) for s in spec.sources), landed


@pytest.mark.parametrize("spec", ON_THE_HUB, ids=lambda d: d.id)
def test_a_hub_source_is_pinned_to_a_commit_or_main(spec: DatasetSpec) -> None:
    assert spec.hub is not None
    assert COMMIT.fullmatch(spec.hub.revision) or spec.hub.revision == "main"


@pytest.mark.parametrize("spec", ON_THE_HUB, ids=lambda d: d.id)
def test_a_hub_dataset_keeps_no_hand_written_hub_download(spec: DatasetSpec) -> None:
    assert spec.hub is not None
    assert [d.url for d in spec.downloads if "huggingface.co" in d.url or d.manual] == []


@pytest.mark.parametrize("spec", [d for d in ON_THE_HUB if d.hub and d.hub.sha256],
                         ids=lambda d: d.id)
def test_a_dataset_with_published_hashes_is_pinned_to_the_commit_they_describe(
        spec: DatasetSpec) -> None:
    assert spec.hub is not None
    assert COMMIT.fullmatch(spec.hub.revision), "hashes of a moving branch prove nothing"
