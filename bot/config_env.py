"""Every config key from the environment, for containers and unit files.

`TRAINEDON_<SECTION>__<KEY>` sets `section.key` (TRAINEDON_SEARCH__FOUND_SCORE=90) and
`TRAINEDON_<KEY>` a top-level key (TRAINEDON_DATA_DIR); a list is written in YAML or JSON
(`[111, 222]`). The environment wins over the file and is checked as strictly: an unknown
TRAINEDON_ variable is refused like an unknown key, since a misspelt one would otherwise be
ignored in silence. Each variable has a `<NAME>_FILE` twin that reads the value from a file,
the way secrets arrive from systemd's LoadCredential, Docker and Kubernetes: kept out of the
environment, which /proc/<pid>/environ shows and child processes inherit.

This module does not import bot.config (which imports it): the settings model is passed in.
"""

from __future__ import annotations

import difflib
import os
import types
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from bot.config_renames import RENAMED
from bot.errors import ConfigError
from bot.yamlfile import parse_yaml

PREFIX = "TRAINEDON_"
SECTION_SEPARATOR = "__"
FILE_SUFFIX = "_FILE"
# A value file holds one value: a token is about 72 characters, a list of role ids a few hundred.
MAX_VALUE_FILE_BYTES = 64 * 1024
_NULLS = ("null", "~")  # YAML's null: unsets a key the file sets (where None is allowed)


@dataclass(frozen=True)
class EnvValue:
    """One config key set from the environment."""

    variable: str  # the name as set: TRAINEDON_SEARCH__FOUND_SCORE, or ..._FILE
    key: tuple[str, ...]  # ("search", "found_score"), or ("data_dir",)
    value: Any
    file: Path | None = None  # where a _FILE variable read the value

    @property
    def source(self) -> str:
        """Where the value came from, for a message (never the value: it may be a secret)."""
        return f"{self.variable} ({self.file})" if self.file else self.variable


@dataclass
class EnvOverrides:
    """The config keys the environment sets, and warnings about renamed variables."""

    values: list[EnvValue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def variables(self) -> list[str]:
        return [each.variable for each in self.values]

    def apply(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """The file's mapping with each value from the environment in its place."""
        merged = dict(raw)
        for each in self.values:
            if len(each.key) == 1:
                merged[each.key[0]] = each.value
                continue
            section, name = each.key
            current = merged.get(section)
            merged[section] = {**(current if isinstance(current, dict) else {}), name: each.value}
        return merged

    def describe(self, *locs: tuple[int | str, ...]) -> tuple[str, bool]:
        """The variables behind a problem at `locs` (key paths), and whether any was a file.

        A problem at a section (a check across its keys) names every variable set in it.
        """
        involved = [
            each for each in self.values
            if any(_overlaps(each.key, tuple(str(part) for part in loc)) for loc in locs)
        ]
        if not involved:
            return "the environment", False
        return ", ".join(each.source for each in involved), any(each.file for each in involved)


def _overlaps(key: tuple[str, ...], loc: tuple[str, ...]) -> bool:
    shorter = min(len(key), len(loc))
    return key[:shorter] == loc[:shorter]


def settable_keys(settings: type[BaseModel]) -> dict[str, tuple[tuple[str, ...], Any]]:
    """Every variable name after the prefix (SEARCH__FOUND_SCORE) → its key and its type."""
    keys: dict[str, tuple[tuple[str, ...], Any]] = {}
    for name, spec in settings.model_fields.items():
        section = spec.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            for key, inner in section.model_fields.items():
                keys[f"{name}{SECTION_SEPARATOR}{key}".upper()] = ((name, key), inner.annotation)
        else:
            keys[name.upper()] = ((name,), section)
    return keys


def read_environment(
    environ: Mapping[str, str], settings: type[BaseModel], named: Collection[str] = ()
) -> EnvOverrides:
    """The config keys set in `environ`; `named` are other TRAINEDON_ variables read by name.

    Raises ConfigError, one line, for unknown variables, a variable set both plainly and as
    _FILE, an unreadable file, or a list that is not YAML.
    """
    keys = settable_keys(settings)
    found: list[EnvValue] = []
    unknown: list[str] = []
    for variable in sorted(environ):
        if not variable.startswith(PREFIX) or variable in named:
            continue
        text = environ[variable].strip()
        name = variable.removeprefix(PREFIX).upper()
        is_file = name not in keys and name.endswith(FILE_SUFFIX)
        if is_file:
            name = name.removesuffix(FILE_SUFFIX)
        if name not in keys:
            unknown.append(variable)
            continue
        if not text:
            continue  # set but empty: unset, as a unit file or compose file often leaves it
        plain = variable.removesuffix(FILE_SUFFIX) if is_file else variable
        if is_file and environ.get(plain, "").strip():
            raise ConfigError(f"{plain} and {variable} are both set: keep one")
        key, annotation = keys[name]
        file = Path(text) if is_file else None
        source = f"{variable} ({file})" if file else variable
        value_text = read_value_file(variable, file) if file else text
        found.append(EnvValue(variable, key, _value(value_text, annotation, source), file))
    if unknown:
        raise ConfigError(_unknown_message(unknown, [PREFIX + name for name in keys] + [*named]))
    overrides = EnvOverrides(found)
    _apply_renames(overrides)
    return overrides


def _value(text: str, annotation: Any, source: str) -> Any:
    """A list or mapping is parsed as YAML; a scalar is left as text for the model to convert."""
    if _holds_structure(annotation):
        return parse_yaml(text, ConfigError, source)
    if text in _NULLS and _allows_none(annotation):
        return None
    return text


def _members(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, types.UnionType):
        return get_args(annotation)
    return (annotation,)


def _holds_structure(annotation: Any) -> bool:
    return any(get_origin(member) in (list, dict, tuple, set) or member in (list, dict)
               for member in _members(annotation))


def _allows_none(annotation: Any) -> bool:
    return type(None) in _members(annotation)


def _unknown_message(unknown: list[str], known: list[str]) -> str:
    described = []
    for variable in unknown:
        close = difflib.get_close_matches(variable.upper(), known, n=1, cutoff=0.8)
        described.append(f"{variable} (did you mean {close[0]}?)" if close else variable)
    noun = "variable" if len(unknown) == 1 else "variables"
    return (f"unknown environment {noun} {', '.join(described)}: a config key is set as "
            f"{PREFIX}<SECTION>{SECTION_SEPARATOR}<KEY>, e.g. {PREFIX}SEARCH"
            f"{SECTION_SEPARATOR}FOUND_SCORE, or {PREFIX}<KEY> for a top-level key")


def _apply_renames(overrides: EnvOverrides) -> None:
    """A renamed key's old variable sets the new key, with a warning naming the new variable.

    Set under both names, the new one wins; among old names, the first in RENAMED's order.
    """
    by_key = {".".join(each.key): each for each in overrides.values}
    for new, olds in RENAMED.items():
        given = [by_key[key] for key in (new, *olds) if key in by_key]
        if not given:
            continue
        winner, new_variable = given[0], _variable_for(new)
        for each in given:
            if each is winner:
                if ".".join(each.key) == new:
                    continue
                index = overrides.values.index(each)
                overrides.values[index] = EnvValue(each.variable, tuple(new.split(".")),
                                                   each.value, each.file)
                overrides.warnings.append(
                    f"{each.variable} is deprecated: rename it {_renamed(each, new_variable)} "
                    "(the old name is read until the next release)")
            else:
                overrides.values.remove(each)
                overrides.warnings.append(
                    f"{each.variable} is deprecated and ignored: {winner.variable} is set too "
                    f"and wins; remove {each.variable}")


def _variable_for(dotted: str) -> str:
    return PREFIX + dotted.replace(".", SECTION_SEPARATOR).upper()


def _renamed(each: EnvValue, new_variable: str) -> str:
    return new_variable + FILE_SUFFIX if each.file else new_variable


def read_value_file(variable: str, path: Path) -> str:
    """The value in the file a _FILE variable names, stripped; the message never shows it."""
    try:
        with path.open("rb") as handle:  # capped: a FIFO or /dev/zero has no size to check
            data = handle.read(MAX_VALUE_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ConfigError(f"{variable}: {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"{variable}: cannot read {path} ({exc.__class__.__name__})") from None
    if len(data) > MAX_VALUE_FILE_BYTES:
        raise ConfigError(f"{variable}: {path} is larger than {MAX_VALUE_FILE_BYTES // 1024} kB, "
                          "too large for one value")
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ConfigError(f"{variable}: {path} is not UTF-8 text") from None
    if not text:
        raise ConfigError(f"{variable}: {path} is empty")
    return text


def env_value(name: str, environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """(the variable used, its value) from `name` or from the file `name`_FILE names; else None.

    Blank counts as unset; a value is stripped (a mounted secret ends in a newline).
    """
    environ = os.environ if environ is None else environ
    plain = environ.get(name, "").strip()
    file_variable = name + FILE_SUFFIX
    path = environ.get(file_variable, "").strip()
    if plain and path:
        raise ConfigError(f"{name} and {file_variable} are both set: keep one")
    if path:
        return file_variable, read_value_file(file_variable, Path(path))
    return (name, plain) if plain else None
