"""A dataset's verified facts as lines to show: value, source and date checked, or unverified.

`/datasets` and `trainedon index stats` show the same lines, so a fact reads the same in
Discord and in a terminal. The facts themselves live in the manifest (`DatasetSpec.facts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.datasets.manifest import DatasetFacts, Fact, load_manifest
from bot.errors import ManifestError

# The facts in the order they are shown, with the label a person reads.
FACT_LABELS = (
    ("publisher", "Publisher"),
    ("year", "Year"),
    ("rows", "Rows as published"),
    ("license", "Licence"),
    ("original_license", "Original licence"),
    ("revision", "Revision checked"),
    ("paper", "Paper"),
)
NO_FACTS = "no facts recorded in the manifest"


@dataclass(frozen=True, slots=True)
class FactLine:
    """One fact as shown: a verified fact has a source and a date, an unverified one a reason."""

    key: str
    label: str
    value: str
    source: str | None
    checked: date | None
    unverified: str | None = None
    note: str | None = None

    @property
    def verified(self) -> bool:
        return self.unverified is None and self.source is not None and self.checked is not None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "verified": self.verified}
        if self.verified:
            data["source"] = self.source
            data["checked"] = self.checked.isoformat() if self.checked else None
        else:
            data["unverified"] = self.unverified or "no source recorded"
        if self.note:
            data["note"] = self.note
        return data


def fact_lines(facts: DatasetFacts) -> list[FactLine]:
    """The facts a dataset has, in FACT_LABELS order."""
    lines = []
    for key, label in FACT_LABELS:
        fact: Fact | None = getattr(facts, key)
        if fact is not None:
            lines.append(FactLine(key, label, _shown(key, fact.value), fact.source, fact.checked,
                                  fact.unverified, fact.note))
    return lines


def _shown(key: str, value: str | int) -> str:
    """Row counts with thousands separators; everything else as published."""
    return f"{value:,}" if key == "rows" and isinstance(value, int) else str(value)


@dataclass(frozen=True, slots=True)
class ManifestFacts:
    """Every dataset's facts by id, or why the manifest could not be read for them."""

    by_id: dict[str, DatasetFacts]
    problem: str | None = None

    def lines(self, dataset_id: str) -> list[FactLine]:
        facts = self.by_id.get(dataset_id)
        return fact_lines(facts) if facts is not None else []

    def to_json(self, dataset_id: str) -> dict[str, Any] | None:
        """A dataset's facts for JSON output, by key; None when the manifest records none."""
        lines = self.lines(dataset_id)
        return {line.key: line.to_json() for line in lines} if lines else None


def read_facts(manifest_path: Path) -> ManifestFacts:
    """The facts from the manifest; a manifest that cannot be read leaves them unknown, only.

    The facts are shown beside what the index holds, which is read from the index itself: a
    manifest being edited must not take `/datasets` or `index stats` down with it.
    """
    try:
        manifest = load_manifest(manifest_path)
    except ManifestError as exc:
        return ManifestFacts({}, str(exc))
    return ManifestFacts({d.id: d.facts for d in manifest.datasets if d.facts is not None})
