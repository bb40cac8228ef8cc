"""`trainedon index inspect DATASET_OR_FILE`: what a reader sees in a file's first rows.

The tool to run before the first real build: the fields (keys or columns, nested ones as
dotted paths) with sample values, the role each plays for the reader or would play, the
roles left unfilled, and the `columns:` line that fills them; the build's self-check stops a
dataset with the same words. Exit status: 0 when the file was shown (whatever it holds), 1 for
a file that cannot be read, 2 for a dataset or file that does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bot.cli.exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from bot.config import Config
from bot.datasets.formats.columns import visible
from bot.datasets.inspect import FIRST_ROWS, Inspection, inspect_file
from bot.datasets.manifest import BUILTIN_FORMATS, Manifest, SourceSpec, load_manifest
from bot.errors import ManifestError, SourceError

MAX_ROWS = 10_000
# A file's format from its name, when the manifest does not list it: the published names
# first, then the extension.
FORMAT_BY_NAME = {"tracks.csv": "fma-tracks", "raw_tracks.csv": "fma-raw-tracks",
                  "musiccaps-public.csv": "musiccaps"}
FORMAT_BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
                    ".ndjson": "jsonl", ".parquet": "parquet"}


class InspectError(Exception):
    """The dataset or file to inspect does not exist, or its format cannot be told."""


def add_inspect_parser(index_commands: argparse._SubParsersAction[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:
    inspect = index_commands.add_parser(
        "inspect", parents=[common], help="show what a reader sees in a file's first rows",
        description="Show a file's first rows as its reader sees them: keys or columns with "
                    "sample values, the role each plays (title, artists, ids…) or would "
                    "play, and the columns: line to add to the manifest for the roles left "
                    "unfilled. Run it before the first build of a real dataset.",
    )
    inspect.add_argument("target", metavar="DATASET_OR_FILE",
                         help="a dataset id of the manifest (its first file), or a file")
    inspect.add_argument("--rows", type=_rows, default=FIRST_ROWS, metavar="N",
                         help=f"how many rows to read (default {FIRST_ROWS}, the build's check)")
    inspect.add_argument("--format", choices=BUILTIN_FORMATS, default=None,
                         help="the file's format (default: the manifest's, else from its name)")
    inspect.add_argument("--json", action="store_true", help="print JSON")


def _rows(text: str) -> int:
    try:
        rows = int(text)
    except ValueError:
        rows = 0
    if not 1 <= rows <= MAX_ROWS:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to {MAX_ROWS:,}")
    return rows


def run_inspect(args: argparse.Namespace, config: Config) -> int:
    try:
        path, source, id_only = resolve_target(args.target, args.format, config)
    except InspectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        found = inspect_file(path, source, id_only=id_only, rows=args.rows)
    except (SourceError, OSError) as exc:
        reason = exc if isinstance(exc, SourceError) else f"{path.name}: {exc.strerror or exc}"
        print(f"error: cannot read it: {reason}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps({**asdict(found), "path": str(path)}, ensure_ascii=False, indent=2))
    else:
        print(render_inspection(found, path))
    return EXIT_OK


def resolve_target(target: str, file_format: str | None, config: Config
                   ) -> tuple[Path, SourceSpec, bool]:
    """The file to inspect, how to read it, and whether its dataset is id-only."""
    candidates = (Path(target), config.data_dir / target)
    path = next((found for found in candidates if found.is_file()), None)
    if path is None:
        looks_like_a_file = any(sep in target for sep in "/\\") or bool(Path(target).suffix)
        try:
            spec = load_manifest(config.manifest_path).get(target)
        except ManifestError:
            if not looks_like_a_file:
                raise
            spec = None
        if spec is None:
            if any(found.is_dir() for found in candidates):
                raise InspectError(f"{target}: a folder; name one of its files")
            raise InspectError(f"{target}: no such file" if looks_like_a_file else
                               f"{target!r} is neither a dataset of "
                               f"{config.manifest_path.name} nor a file")
        files = [(found, source) for source in spec.sources
                 for found in spec.source_files(config.data_dir, source)]
        if not files:
            wanted = ", ".join(source.path for source in spec.sources)
            raise InspectError(f"{target}: no file matches {wanted} under {config.data_dir} "
                               f"yet (not downloaded? try `trainedon fetch {target}`)")
        path, source = files[0]
        return path, _with_format(source, file_format), spec.id_only
    listed = _manifest_source(path, config)
    if listed is not None and file_format in (None, listed[0].format):
        return path, listed[0], listed[1]
    if file_format is None:
        file_format = FORMAT_BY_NAME.get(path.name) or (
            "audioset" if path.name.endswith("_segments.csv") else
            FORMAT_BY_SUFFIX.get(path.suffix.lower()))
    if file_format is None:
        raise InspectError(f"{path.name}: the format cannot be told from its name; give "
                           f"--format ({', '.join(BUILTIN_FORMATS)})")
    return path, SourceSpec(path=path.name, format=file_format), False


def _manifest_source(path: Path, config: Config) -> tuple[SourceSpec, bool] | None:
    """The manifest's source that lists `path`, with its dataset's id-only flag."""
    try:
        manifest: Manifest = load_manifest(config.manifest_path)
    except ManifestError:
        return None  # a file can be inspected without a manifest
    wanted = path.resolve()
    for spec in manifest.datasets:
        for source in spec.sources:
            if any(found.resolve() == wanted
                   for found in spec.source_files(config.data_dir, source)):
                return source, spec.id_only
    return None


def _with_format(source: SourceSpec, file_format: str | None) -> SourceSpec:
    if file_format is None or file_format == source.format:
        return source
    return SourceSpec(path=source.path, format=file_format)


def render_inspection(found: Inspection, path: Path) -> str:
    """The inspection as a terminal shows it: fields, roles, and what to do."""
    unreadable = f", {found.unreadable} unreadable" if found.unreadable else ""
    lines = [f"{path}", f"{found.format} reader, first {found.rows} rows{unreadable}", ""]
    width = max([len(visible(f.name)) for f in found.fields] + [len(found.kind)])
    roles_width = max([len(_field_roles(f.roles, f.suggested)) for f in found.fields] + [4])
    lines.append(f"  {found.kind:<{width}}  {'role':<{roles_width}}  samples")
    for field in found.fields:
        samples = ", ".join(field.samples) or "(empty)"
        lines.append(f"  {visible(field.name):<{width}}  "
                     f"{_field_roles(field.roles, field.suggested):<{roles_width}}  {samples}")
    if found.not_read:
        lines.append(f"  not read (lists of numbers): {', '.join(found.not_read)}")
    lines += ["", "Roles:"]
    for role in found.roles:
        state = _role_state(role.status, role.field, role.filled, found.rows, role.detail,
                            role.spec)
        lines.append(f"  {role.role:<17} {state}")
    lines.append("")
    needed = (" and ".join(found.required) if len(found.required) <= 2
              else "one of " + ", ".join(found.required))
    if found.unfilled:
        lines.append(f"Unfilled: {', '.join(found.unfilled)} (the build needs {needed}).")
    else:
        lines.append(f"The build needs {needed}: filled.")
    if found.columns_line:
        lines.append(f"Suggested for this source in the manifest: {found.columns_line}")
    lines += [f"Also read: {note}" for note in found.notes]
    lines += [f"Note: {warning}" for warning in found.warnings]
    if found.problem:
        lines += ["", f"The build would stop this dataset: {found.problem}"]
    return "\n".join(lines)


def _field_roles(roles: list[str], suggested: list[str]) -> str:
    return ", ".join([*roles, *(f"{role}?" for role in suggested if role not in roles)]) or "-"


def _role_state(status: str | None, field: str | None, filled: int, rows: int, detail: str,
                spec: str) -> str:
    if status is None:
        return f"not found (looked for {spec})"
    where = visible(field or "")
    if status == "ok":
        return f"{where}: {filled} of {rows} rows"
    if status == "wrong":
        return f"{where}: holds {detail}, not text"
    if status == "invalid":
        return f"{where}: no row has a valid id (e.g. {detail[:40]!r})"
    return f"{where}: empty in every row read"
