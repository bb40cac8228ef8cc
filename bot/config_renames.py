"""Config keys renamed in this release: still read for one more, each with a warning.

One pair of thresholds now decides lookups, catalog checks and watches alike, so the two pairs
that did (`search.min_score`/`confident_score`, `catalog.uncertain_score`/`found_score`) became
`search.uncertain_score`/`found_score`. After the next release, delete this module and the old
fields, and the old keys are refused like any unknown key.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

Settings = TypeVar("Settings", bound=BaseModel)  # bot.config.Settings, which imports this module

# New key → the old keys that stand for it, in the order they win when several are set: the
# search keys decided /lookup, the bot's main answer, so they win over the catalog's.
RENAMED: dict[str, tuple[str, ...]] = {
    "search.found_score": ("search.confident_score", "catalog.found_score"),
    "search.uncertain_score": ("search.min_score", "catalog.uncertain_score"),
}


def apply_renamed_keys(settings: Settings) -> tuple[Settings, list[str]]:
    """`settings` with each old key's value moved to its new key, and a warning per old key.

    A new key written in the file wins over its old ones. The values were validated under the
    old names already (same bounds), so they are moved, not checked again.
    """
    warnings: list[str] = []
    updates: dict[str, dict[str, Any]] = {}
    for new, olds in RENAMED.items():
        given = [key for key in (new, *olds) if _is_given(settings, key)]
        for old in olds:
            section, name = old.split(".")
            updates.setdefault(section, {})[name] = None  # the new key is the one to read
            if old not in given:
                continue
            if old == given[0]:
                new_section, new_name = new.split(".")
                updates.setdefault(new_section, {})[new_name] = _value(settings, old)
                warnings.append(f"{old} is deprecated: rename it {new} "
                                "(the old name is read until the next release)")
            else:
                warnings.append(f"{old} is deprecated and ignored: {given[0]} is set too and "
                                f"wins; remove {old} (its new name is {new})")
    if not warnings:
        return settings, []
    sections = {section: getattr(settings, section).model_copy(update=values)
                for section, values in updates.items()}
    return settings.model_copy(update=sections), warnings


def _is_given(settings: BaseModel, key: str) -> bool:
    section, name = key.split(".")
    return name in getattr(settings, section).model_fields_set and _value(settings, key) is not None


def _value(settings: BaseModel, key: str) -> Any:
    section, name = key.split(".")
    return getattr(getattr(settings, section), name)
