"""`trainedon lookup artist|song|link`: one query, or a file of them with `--batch`.

Exit status: 0 found, 1 not found. With `--batch`: 0 when every line got an answer (found or
not), 1 when some line could not be read as a query. 2 for usage errors, which include text
that is not a link we know and a link that cannot be resolved offline (`lookup link`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from bot.cli.exits import EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from bot.cli.render import render_link, render_lookup, render_steps
from bot.config import Config
from bot.datasets.guidance import NextSteps, guidance_path, read_guidance
from bot.search.identity import CannotResolve, NotALink, read_link
from bot.search.results import LinkResult, LookupKind, LookupResult
from bot.search.searcher import Searcher

LINK: Literal["link"] = "link"
Kind = LookupKind | Literal["link"]

# Per kind: what the query is, and what one line of a --batch file holds.
_WHAT = {
    LookupKind.ARTIST: ("an artist name", "an artist name"),
    LookupKind.SONG: ("a song title", "a title, or 'title<TAB>artist'"),
}
Subcommands = argparse._SubParsersAction  # argparse exposes no public name for it


def add_lookup_parser(commands: Subcommands[argparse.ArgumentParser],
                      common: argparse.ArgumentParser) -> None:
    lookup = commands.add_parser("lookup", help="look up an artist or a song")
    kinds = lookup.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind, (what, line) in _WHAT.items():
        sub = kinds.add_parser(kind, parents=[common], help=f"look up {what}")
        one = sub.add_mutually_exclusive_group(required=True)
        one.add_argument("query", nargs="?", help=what)
        one.add_argument("--batch", metavar="FILE",
                         help=f"look up every line of FILE ('-': standard input), {line} a "
                              "line; with --json, one JSON object per line, with the lookup's "
                              "elapsed_ms (the 'What can I do?' guidance is left out)")
        if kind is LookupKind.SONG:
            sub.add_argument("--artist", help="the artist, to tell same-titled songs apart")
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--guidance", action="store_true",
                         help="explain every general route under a found answer")
        sub.add_argument("--limit", type=_positive, default=None, help="at most N matches")
        sub.add_argument("--dataset", metavar="ID", help="only this dataset")
        sub.set_defaults(usage_error=sub.error)
    link = kinds.add_parser(
        LINK, parents=[common], help="look up a YouTube, Spotify or FMA link or id exactly",
        description="Every dataset row holding the id in a pasted link: a video or track's "
                    "rows, or every track credited to a channel or Spotify artist.")
    one = link.add_mutually_exclusive_group(required=True)
    one.add_argument("query", nargs="?", metavar="URL_OR_ID",
                     help="a YouTube, YouTube Music, Spotify or FMA link, or a bare id")
    one.add_argument("--batch", metavar="FILE",
                     help="look up every line of FILE ('-': standard input), one link a line; "
                          "with --json, one JSON object per line")
    link.add_argument("--json", action="store_true", help="print JSON")
    link.add_argument("--guidance", action="store_true",
                      help="explain every general route under a found answer")
    link.add_argument("--limit", type=_positive, default=None,
                      help="at most N rows (default 25; a channel's total is always given)")
    link.set_defaults(usage_error=link.error)


def run_lookup(args: argparse.Namespace, config: Config) -> int:
    if args.batch is not None:
        return _run_batch(args, config)
    searcher = Searcher.open(config)
    result = _lookup(searcher, args, args.query, getattr(args, "artist", None))
    steps = _next_steps(config, result)
    if args.json:
        data = result.to_json()
        if steps is not None:
            data["guidance"] = steps.to_json()
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_link(result) if isinstance(result, LinkResult) else render_lookup(result))
        if steps is not None:
            print()
            print(render_steps(steps, full=args.guidance))
    return EXIT_OK if result.found else EXIT_NOT_FOUND


def _next_steps(config: Config, result: LookupResult | LinkResult) -> NextSteps | None:
    """What can be done next, under a found answer, when the data folder has guidance."""
    listed = result.listed_in
    guidance = read_guidance(guidance_path(config.manifest_path)) if listed else None
    return guidance.next_steps((d.id, d.name) for d in listed) if guidance else None


def _lookup(searcher: Searcher, args: argparse.Namespace, query: str,
            artist: str | None) -> LookupResult | LinkResult:
    """One lookup; text that is no link we know raises its sentence (exit 2, or a bad line)."""
    if args.kind == LINK:
        return searcher.lookup_link(read_link(query), limit=args.limit, query=query.strip())
    if LookupKind(args.kind) is LookupKind.ARTIST:
        return searcher.lookup_artist(query, limit=args.limit, dataset=args.dataset)
    return searcher.lookup_song(query, artist=artist, limit=args.limit, dataset=args.dataset)


def _kind(args: argparse.Namespace) -> Kind:
    return LINK if args.kind == LINK else LookupKind(args.kind)


# --- batch ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchQuery:
    """One line of a batch file: a query, and for songs perhaps its artist."""

    line: int
    text: str
    artist: str | None = None


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that is not a query; reported in its own JSON object, the rest go on."""

    line: int
    reason: str


def _run_batch(args: argparse.Namespace, config: Config) -> int:
    if not args.json:
        args.usage_error("--batch prints one JSON object per line: add --json")
    if getattr(args, "artist", None) is not None:
        args.usage_error("--artist applies to one query; in a --batch file, give each line "
                         "as 'title<TAB>artist'")
    searcher = Searcher.open(config)
    try:
        source = _open_batch(args.batch)
    except OSError as exc:
        print(f"error: cannot read {args.batch}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    failed = False
    with source as lines:
        for item in read_batch(lines, _kind(args)):
            if isinstance(item, BadLine):
                failed = True
                data: dict[str, Any] = {"line": item.line, "error": item.reason}
            else:
                started = time.perf_counter()
                try:
                    result = _lookup(searcher, args, item.text, item.artist)
                except (NotALink, CannotResolve) as exc:
                    failed = True
                    data = {"line": item.line, "error": str(exc)}
                else:
                    elapsed_ms = (time.perf_counter() - started) * 1000
                    data = {**result.to_json(), "elapsed_ms": round(elapsed_ms, 3),
                            "line": item.line}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            sys.stdout.flush()  # a reader measuring from outside sees each answer as it comes
    return EXIT_NOT_FOUND if failed else EXIT_OK


def _open_batch(name: str) -> AbstractContextManager[IO[bytes]]:
    if name == "-":
        return nullcontext(sys.stdin.buffer)
    return Path(name).open("rb")


def read_batch(lines: Iterable[bytes], kind: Kind) -> Iterator[BatchQuery | BadLine]:
    """The queries of a batch file, one a line; blank lines skipped, bad ones reported."""
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield BadLine(number, "not valid UTF-8")
            continue
        if number == 1:
            text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
        text = text.rstrip("\r\n")
        if not text.strip():
            continue
        fields = [field.strip() for field in text.split("\t")]
        if kind == LINK and len(fields) > 1:
            yield BadLine(number, "expected one link or id, found a tab")
        elif kind is LookupKind.ARTIST and len(fields) > 1:
            yield BadLine(number, "expected one artist name, found a tab")
        elif len(fields) > 2:
            yield BadLine(number, f"expected 'title<TAB>artist', found {len(fields)} "
                                  "tab-separated fields")
        elif not fields[0]:
            yield BadLine(number, "no title before the tab")
        else:
            artist = fields[1] if len(fields) == 2 and fields[1] else None
            yield BatchQuery(number, fields[0], artist)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, found {value}")
    return value
