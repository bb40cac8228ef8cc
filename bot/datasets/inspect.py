"""What a reader sees in a file's first rows, and whether they fill the roles it needs.

A build checks each file before reading it (`self_check`): when the first rows do not give
the reader the roles it needs (title and artists; for an id-only dataset, a track's own id),
the dataset fails with one message naming the fields the rows do have, with a sample value
each, the roles left unfilled, and the `columns:` line that would fill them. Without it such a
file is read to its end and every row skipped, or, worse, read wrongly. Only a mapping that
finds nothing, or finds the wrong type (an object where text belongs), fails here: a field
that is there but empty is the data's fault, and the skip rules judge it
(`bot.index.report.unusable`). `trainedon index inspect` prints the same view.
"""

from __future__ import annotations

import logging
import reprlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bot.datasets.formats import GENERIC, PRESETS
from bot.datasets.formats.audioset import CLASS_LABELS, ONTOLOGY
from bot.datasets.formats.columns import visible
from bot.datasets.formats.delimited import RAW_TRACKS
from bot.datasets.formats.fields import alternatives, bind_spec, lookup, value_at
from bot.datasets.formats.sample import Sample, sample_file
from bot.datasets.guess import ID_KINDS, Status, guess_roles, judge
from bot.datasets.manifest import COLUMN_ROLES, SourceSpec
from bot.errors import SourceError
from bot.text.links import IdKind

log = logging.getLogger(__name__)

FIRST_ROWS = 100
NAMED_ROLES = ("title", "artists")  # what a dataset of songs needs in every row
OWN_ID_ROLES = ("video_id", "video_url", "spotify_id", "fma_id")  # an id-only row needs one
# AudioSet's and MusicCaps' readers have fixed layouts: no `columns:`, their headers checked.
FIXED_ROLES = {"audioset": {"video_id": "YTID"}, "musiccaps": {"video_id": "ytid"}}
MAX_LISTED = 24  # fields with a value named in a message
MAX_EMPTY_LISTED = 12  # and fields empty in every row read
SHOWN_CHARS = 60  # of a sample value: a YouTube link whole
_repr = reprlib.Repr()  # Python 3.11's takes no arguments
_repr.maxstring, _repr.maxother, _repr.maxlist, _repr.maxdict = SHOWN_CHARS, SHOWN_CHARS, 4, 3


@dataclass(frozen=True, slots=True)
class FieldView:
    """One field of the file: a few values, the roles it plays and those it would."""

    name: str
    samples: list[str]  # shown, short
    rows: int  # sampled rows that have it
    roles: list[str] = field(default_factory=list)
    suggested: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RoleView:
    """A role the reader would read: what it looks for, what it finds, and how it fares."""

    role: str
    spec: str
    field: str | None  # the field it reads; None: the file has none of them
    status: Status | None  # None: absent
    filled: int  # sampled rows whose value plays the role
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Inspection:
    """A file's first rows as the reader for `format` sees them."""

    file: str
    format: str
    kind: str  # "key" (JSON) or "column"
    rows: int
    unreadable: int
    fields: list[FieldView]
    roles: list[RoleView]
    required: list[str]
    unfilled: list[str]  # required roles the rows do not fill: the build would stop
    suggested: dict[str, str]  # role -> field, for roles that find nothing usable
    columns_line: str | None  # the manifest line that applies the suggestions
    problem: str | None  # the self-check's message, or None
    warnings: list[str]
    not_read: list[str]
    notes: list[str] = field(default_factory=list)  # what else the reader reads, and whence


def self_check(path: Path, source: SourceSpec, *, id_only: bool = False) -> list[str]:
    """Raise SourceError if the file's first rows do not fill the roles its reader needs.

    Returns warnings worth logging: an id role whose values have the wrong form (a Genius id
    where a YouTube video id belongs) costs no row, but links nothing.
    """
    if source.format in FIXED_ROLES:
        return []  # their readers check the header, naming the columns found
    try:
        found = inspect_file(path, source, id_only=id_only)
    except (SourceError, OSError):
        raise
    except Exception:  # a bug of the check must not stop a build: the reader still judges
        log.exception("%s: the first-rows check failed; reading it anyway", path.name)
        return []
    if found.problem:
        raise SourceError(found.problem)
    return found.warnings


def inspect_file(path: Path, source: SourceSpec, *, id_only: bool = False,
                 rows: int = FIRST_ROWS) -> Inspection:
    """Sample `path`'s first rows and judge each role; SourceError if it cannot be read."""
    sample = sample_file(path, source.format, rows)
    preset = PRESETS.get(source.format, GENERIC)
    specs = FIXED_ROLES.get(source.format) or {
        role: spec for role, spec in {**preset.columns, **source.columns}.items() if spec}
    roles = [_role(sample, role, specs[role], preset.link_kind)
             for role in COLUMN_ROLES if role in specs]
    by_role = {view.role: view for view in roles}
    required = list(FIXED_ROLES.get(source.format, OWN_ID_ROLES if id_only else NAMED_ROLES))
    unfilled = _unfilled(sample, required, by_role, id_only or source.format in FIXED_ROLES)
    # Roles to suggest a field for: those the build needs, and those mapped to something
    # unusable. A preset's link the file lacks is not guessed: a Genius page is a link too.
    broken = [view.role for view in roles if view.status in ("wrong", "invalid")
              or (view.status is None and view.role != "url")]
    wanted = list(dict.fromkeys(unfilled + broken))
    if preset is GENERIC and source.format not in FIXED_ROLES:
        wanted += [role for role in COLUMN_ROLES if role not in specs and role != "id"]
    values = {name: [value_at(record, name) for record in sample.records]
              for name in sample.names}
    working = [view.field for view in roles if view.status == "ok" and view.field]
    suggested = guess_roles(values, wanted, taken=working, link_kind=preset.link_kind)
    columns_line = _columns_line(source.columns, suggested) if suggested else None
    fields = [FieldView(name, _samples(values[name]),
                        sum(1 for value in values[name] if value is not None),
                        [view.role for view in roles if view.field and name in
                         view.field.split("+")],
                        [role for role, guess in suggested.items() if guess == name])
              for name in sample.names]
    inspection = Inspection(
        sample.file, source.format, sample.kind, len(sample.records), sample.unreadable,
        fields, roles, required, unfilled, suggested, columns_line, None, [], sample.not_read)
    problem = _problem(inspection, sample, by_role, source) if unfilled else None
    warnings = [_wrong_ids(sample, view, suggested.get(view.role)) for view in roles
                if view.status == "invalid"]
    return replace(inspection, problem=problem, warnings=warnings, notes=_notes(path, source))


def _notes(path: Path, source: SourceSpec) -> list[str]:
    """Files beside this one that its reader also reads."""
    if source.format == "fma-tracks" and "url" not in source.columns:
        if (path.parent / RAW_TRACKS).is_file():
            return [f"url: each track's page, from {RAW_TRACKS} beside it (track_url)"]
        return [f"url: none; the tracks' pages come from {RAW_TRACKS}, not beside it"]
    if source.format == "audioset":
        return [f"which clips are music: from {ONTOLOGY} and {CLASS_LABELS} beside it"]
    return []


def _role(sample: Sample, role: str, spec: str, link_kind: IdKind | None) -> RoleView:
    """Judge one role over the sampled rows, reading it as the reader would."""
    if sample.header is not None:
        bound = bind_spec(spec, sample.header)
        if bound is None:
            return RoleView(role, spec, None, None, 0)
        values = [lookup(record, bound) for record in sample.records]
    else:
        bound = _commonest_field(sample.records, spec)
        values = [lookup(record, spec) for record in sample.records]
        if bound is None:
            return RoleView(role, spec, None, None, 0)
    verdicts = [judge(role, value, link_kind) for value in values if value is not None]
    filled = sum(1 for status, _ in verdicts if status == "ok")
    for status in ("ok", "wrong", "invalid", "empty"):
        details = [detail for found, detail in verdicts if found == status]
        if details:
            return RoleView(role, spec, bound, status, filled, details[0])
    return RoleView(role, spec, bound, "empty", 0)


def _commonest_field(records: list[Mapping[str, Any]], spec: str) -> str | None:
    """Which alternative of a spec most JSON rows answer with."""
    found: Counter[str] = Counter()
    for record in records:
        for option in alternatives(spec):
            present = [name for name in option if value_at(record, name) is not None]
            if present:
                found["+".join(present)] += 1
                break
    return found.most_common(1)[0][0] if found else None


def _unfilled(sample: Sample, required: list[str], by_role: dict[str, RoleView],
              ids_only: bool) -> list[str]:
    """Required roles the sample shows cannot be filled (absent, or of the wrong type).

    Absence is known from a header before any row; for JSON, and for types, only rows tell.
    """
    if not sample.records and sample.header is None:
        return []
    if ids_only:
        if not sample.records or any(by_role.get(role) and by_role[role].filled
                                     for role in required):
            return []
        mapped = [role for role in required if role in by_role]
        return mapped or ["video_id"]
    return [role for role in required if role not in by_role
            or by_role[role].status is None
            or (by_role[role].status == "wrong" and not by_role[role].filled)]


def _problem(found: Inspection, sample: Sample, by_role: dict[str, RoleView],
             source: SourceSpec) -> str:
    """The one message a failed self-check gives: what is missing, what is there, the fix."""
    why = "; ".join(f"{role}: {_why(sample, by_role.get(role))}" for role in found.unfilled)
    first = "its first row" if found.rows == 1 else f"its first {found.rows:,} rows"
    head = (f"{found.file}: the {found.format} reader finds no {' or '.join(found.unfilled)} "
            f"in {first} ({why})")
    listing = _listing(found.fields)
    fix = _fix(found, source, sample.kind)
    return f"{head}; {sample.kind}s found: {listing}; {fix}"


def _why(sample: Sample, view: RoleView | None) -> str:
    if view is None:
        return "no row has one"
    if view.status is None:
        names = ["+".join(visible(name) for name in option)
                 for option in alternatives(view.spec)]
        tried = ", ".join(names[:6]) + (", …" if names[6:] else "")
        return f"no {sample.kind} {tried}"
    where = visible(view.field or "")
    if view.status == "invalid":
        kind = ID_KINDS.get(view.role)
        return f"{where} holds no {kind.label if kind else 'valid'} ids (e.g. {view.detail!r})"
    if view.status != "wrong":
        return f"{where} is empty in every row"
    inner = [name for name in sample.names if view.field and name.startswith(view.field + ".")]
    inside = f": {', '.join(inner[:4])}" if inner else ""
    return f"{where} holds {view.detail}{inside}"


def _fix(found: Inspection, source: SourceSpec, kind: str) -> str:
    """The manifest line to add, and what is left to name by hand."""
    named = [role for role in found.unfilled if role in found.suggested]
    left = [role for role in found.unfilled if role not in found.suggested]
    if not named:
        example = "{" + ", ".join(f"{role}: <{kind}>" for role in left) + "}"
        return (f"no {kind} looks like the {' or '.join(left)}: name it in this source's "
                f"columns in the manifest, e.g. columns: {example}")
    verb = "set this source's columns in the manifest to" if source.columns else \
        "add to this source in the manifest"
    rest = f", and name the {' and '.join(left)} {kind} yourself" if left else ""
    return f"{verb}: {found.columns_line}{rest}"


def _wrong_ids(sample: Sample, view: RoleView, guess: str | None) -> str:
    kind = ID_KINDS.get(view.role)
    label = f"{kind.label} ids" if kind else "ids of the form its links need"
    hint = f"; {visible(guess)} looks like one: columns: {{{view.role}: {guess}}}" if guess \
        else ""
    return (f"{sample.file}: {view.role}: {visible(view.field or '')} holds no {label} in the "
            f"first {len(sample.records)} rows (e.g. {_repr.repr(view.detail)}), so they are "
            f"left out{hint}")


def _listing(fields: list[FieldView]) -> str:
    """The fields with a sample value each; those empty in every row read named after."""
    full = [f"{visible(f.name)} ({f.samples[0]})" for f in fields if f.samples]
    empty = [visible(f.name) for f in fields if not f.samples]
    listed = ", ".join(full[:MAX_LISTED]) or "none with a value"
    if full[MAX_LISTED:]:
        listed += f", and {len(full) - MAX_LISTED} more"
    if empty:
        more = f", and {len(empty) - MAX_EMPTY_LISTED} more" if empty[MAX_EMPTY_LISTED:] else ""
        listed += f" (empty: {', '.join(empty[:MAX_EMPTY_LISTED])}{more})"
    return listed


def _samples(values: list[Any], limit: int = 3) -> list[str]:
    """Up to `limit` different non-empty values, shown short (repr: escapes stay visible)."""
    shown: list[str] = []
    for value in values:
        if value is None or value == "" or value == []:
            continue
        text = _repr.repr(value)
        if text not in shown:
            shown.append(text)
        if len(shown) >= limit:
            break
    return shown


def _columns_line(existing: Mapping[str, str], suggested: Mapping[str, str]) -> str:
    """`columns: {…}` as YAML, in the order of COLUMN_ROLES.

    The manifest's own columns are kept unless a suggestion replaces them, so the line can
    replace the source's `columns:` whole.
    """
    merged = {**existing, **suggested}
    ordered = {role: merged[role] for role in COLUMN_ROLES if role in merged}
    flow = yaml.safe_dump(ordered, default_flow_style=True, sort_keys=False, width=1 << 20,
                          allow_unicode=True)
    return f"columns: {flow.strip()}"
