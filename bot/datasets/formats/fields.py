"""Column specs: which of a row's fields a role reads, in every format.

A spec lists alternatives, "a|b": the first one the file has is used (a preset tries the
names a dataset is known or likely to use). An alternative may join fields, "a+b": their
values become one list (Sleeping-DISCO's `primary_artist` and `featured_artists` are both
credits). A field may be a dotted path into nested objects, "performer.name"; through a list
of objects, "artists.name" gives each element's name. A key that itself holds a dot is taken
whole first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

ALTERNATIVE = "|"
JOIN = "+"
NESTED = "."


@lru_cache(maxsize=1024)  # readers look a spec up for every row
def alternatives(spec: str) -> tuple[tuple[str, ...], ...]:
    """A spec's alternatives, each the fields it joins."""
    return tuple(tuple(part.strip() for part in option.split(JOIN))
                 for option in spec.split(ALTERNATIVE))


def fields_of(spec: str) -> list[str]:
    """Every field a spec may read, in order."""
    return [name for option in alternatives(spec) for name in option]


def bind_spec(spec: str, present: Iterable[str]) -> str | None:
    """The first alternative with a field the file has, keeping only the fields it has."""
    known = set(present)
    for option in alternatives(spec):
        found = [name for name in option if name in known]
        if found:
            return JOIN.join(found)
    return None


def lookup(record: Mapping[str, Any], spec: str) -> Any:
    """The value a spec gives for one record (JSON object, or a row as a mapping).

    None when no alternative is present. A joined alternative gives a list: list values are
    extended, others appended, empty ones left out.
    """
    for option in alternatives(spec):
        if len(option) == 1:
            value = value_at(record, option[0])
            if value is not None:
                return value
            continue
        joined = join_values(value_at(record, name) for name in option)
        if joined is not None:
            return joined
    return None


def join_values(values: Iterable[Any]) -> list[Any] | None:
    """Values of joined fields as one list; None if every field is absent."""
    joined: list[Any] = []
    present = False
    for value in values:
        if value is None:
            continue
        present = True
        if isinstance(value, list | tuple):
            joined.extend(value)
        elif value != "":
            joined.append(value)
    return joined if present else None


def value_at(record: Mapping[str, Any], name: str) -> Any:
    """A field of a record: the key itself, else a dotted path into nested objects."""
    if name in record:
        return record[name]
    if NESTED not in name:
        return None
    return walk(record, name.split(NESTED))


def walk(value: Any, path: Iterable[str]) -> Any:
    """Follow `path` through objects; a list of objects gives each element's value.

    A value that is neither (text where an object was expected) gives None, so the row reads
    as missing that field; anything else (a reader's BadValue) passes through unchanged, so
    the row keeps the reason it cannot be read.
    """
    for key in path:
        if isinstance(value, Mapping):
            value = value.get(key)
        elif isinstance(value, list | tuple):
            value = [item.get(key) for item in value if isinstance(item, Mapping)]
        elif value is None or isinstance(value, str | int | float | bool):
            return None
        else:
            return value
    return value
