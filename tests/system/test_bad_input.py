"""Bad input, one table row per case: queries, dataset files, config keys.

Each row is an input and the behaviour expected of it; docs/RELIABILITY.md shows the same
tables. Queries go through the Searcher, the CLI and the real discord.py client talking to
the local Discord double; dataset files are real files in each dataset's real layout (the
shipped manifest's own paths and formats) built into a real SQLite index.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import types
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from discord_double import (
    DiscordDouble,
    embed_of,
    is_answer,
    is_deferred,
    is_ephemeral,
    message_bodies,
)
from helpers.bot_world import GENERAL, GUILD_ID, People, bot_on, guild, seed
from helpers.dataset_files import (
    FMA_FILE,
    LAION_FILE,
    SLEEPING_FILE,
    SPOTIFY_FILE,
    csv_bytes,
    disco_file,
    fma_file,
    jsonl_bytes,
    laion_file,
    laion_typed,
    prepend,
    shipped_dataset,
    sleeping_file,
    sleeping_rows,
    spotify_file,
    spotify_row,
    text_array,
    to_utf16,
)
from helpers.workspace import Workspace, dataset_entry
from pydantic import BaseModel

from bot.cli import main
from bot.config import Settings, load_config
from bot.devtools.synth.text_out import SPOTIFY_HEADER
from bot.discordbot.errors import UNEXPECTED
from bot.discordbot.extensions.lookup import NOTHING_TO_LOOK_UP
from bot.errors import ConfigError
from bot.index.schema import NameKind
from bot.text.normalize import clean_display

BOM = codecs.BOM_UTF8


pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging


# Strings that are dangerous in chat or in a query language, used as titles and artist names.
HOSTILE = [
    "@everyone",
    "@here and <@456>",
    "<@&123>",
    "<#789>",
    "[x](https://evil.example)",
    "```js\nalert(1)\n```",
    "**bold** __under__ ~~strike~~ ||spoiler|| > quote",
    "'; DROP TABLE tracks; --",
    ".*[a-z]+(?:\\",
    "🎵🎵",
    "\x1b[2J\x1b[31mRed Alert",
    "Zero\u200bWidth \u202eBidi",
]
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202e\u2066\u2069"




GOOD = [("Good Song One", "Ada Good"), ("Good Song Two", "Bo Good")]
HUGE = "x" * 100_000
HOSTILE_ROWS = [(h, h) for h in HOSTILE]


# --- the dataset-file table -------------------------------------------------------------------


@dataclass(frozen=True)
class FileCase:
    """A dataset's file written with bad content, and what the build must make of it."""

    id: str
    dataset: str  # its id in data/datasets.yaml: the real layout
    write: Callable[[Workspace], None]
    status: str = "built"  # or "failed", "missing"
    skipped: tuple[str, ...] = ()  # reasons, in file order
    error: str = ""  # for failed/missing: part of the one-line message
    found: tuple[tuple[str, str], ...] = tuple(GOOD)  # (title, artist) that must be findable
    also_indexed: int = 0  # tracks indexed but too long to look up by their whole title


FILE_CASES = [
    # The dangerous strings are data like any other: indexed, findable, shown escaped.
    FileCase("hostile-parquet", "laion-disco-12m",
             lambda ws: laion_file(ws, GOOD + HOSTILE_ROWS),
             found=(*GOOD, *((clean_display(h), clean_display(h)) for h in HOSTILE))),
    FileCase("hostile-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, sleeping_rows(GOOD + HOSTILE_ROWS)),
             found=(*GOOD, *((clean_display(h), clean_display(h)) for h in HOSTILE))),
    FileCase("hostile-csv", "fma", lambda ws: fma_file(ws, GOOD + HOSTILE_ROWS),
             found=(*GOOD, *((clean_display(h), clean_display(h)) for h in HOSTILE))),
    # 100 kB fields: the row is skipped, never truncated into a different name.
    FileCase("100kb-parquet", "laion-disco-12m",
             lambda ws: laion_file(ws, [GOOD[0], (HUGE, "Ana"), GOOD[1]]),
             skipped=("title: field longer than 2000 characters",)),
    FileCase("100kb-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, sleeping_rows([GOOD[0], ("Song", HUGE), GOOD[1]])),
             skipped=("artists: field longer than 2000 characters",)),
    FileCase("100kb-csv", "spotify-tracks",
             lambda ws: spotify_file(ws, [GOOD[0], (HUGE, "Ana"), GOOD[1]]),
             skipped=("title: field longer than 2000 characters",)),
    # Invalid UTF-8: the row is skipped, never the file.
    FileCase("utf8-parquet-title", "laion-disco-12m",
             lambda ws: laion_file(ws, [GOOD[0], (b"Bad \xff\xfe", "Ana"), GOOD[1]]),
             skipped=("title: invalid UTF-8",)),
    FileCase("utf8-parquet-list", "laion-disco-12m",
             lambda ws: laion_file(ws, [GOOD[0], ("Song", b"An\xe9"), GOOD[1]]),
             skipped=("artists: invalid UTF-8",)),
    FileCase("utf8-disco10m", "disco-10m",
             lambda ws: disco_file(ws, [GOOD[0], (b"\xc3\x28", "Ana"), GOOD[1]]),
             skipped=("title: invalid UTF-8",)),
    FileCase("utf8-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [*sleeping_rows(GOOD[:1]),
                                           b'{"title": "Bad \xff", "artist": "Ana"}',
                                           *sleeping_rows(GOOD[1:])]),
             skipped=("invalid UTF-8",)),
    FileCase("utf8-fma-csv", "fma",
             lambda ws: fma_file(ws, [GOOD[0], ("Song", b"Bj\xf6rk"), GOOD[1]]),
             skipped=("artists: invalid UTF-8",)),
    FileCase("utf8-csv", "spotify-tracks",
             lambda ws: spotify_file(ws, [GOOD[0], (b"Caf\xe9", "Ana"), GOOD[1]]),
             skipped=("title: invalid UTF-8",)),
    # NUL bytes carry no meaning: dropped, the row is kept.
    FileCase("nul-csv", "spotify-tracks",
             lambda ws: spotify_file(ws, [*GOOD, ("Nul\0led Song", "Nul\0 Artist")]),
             found=(*GOOD, ("Nulled Song", "Nul Artist"))),
    FileCase("nul-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [*sleeping_rows(GOOD),
                                           b'{"title": "Raw\x00 Nul", "artist": "Ana"}',
                                           b'{"title": "Escaped\\u0000 Nul", "artist": "Bo"}']),
             found=(*GOOD, ("Raw Nul", "Ana"), ("Escaped Nul", "Bo"))),
    FileCase("nul-parquet", "laion-disco-12m",
             lambda ws: laion_file(ws, [*GOOD, ("Par\0quet Nul", "Cy\0")]),
             found=(*GOOD, ("Parquet Nul", "Cy"))),
    # JSON that breaks the parser in other ways than a syntax error.
    FileCase("jsonl-parser-limits", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [*sleeping_rows(GOOD[:1]),
                                           b"[" * 100_000 + b"]" * 100_000,
                                           b'{"title": ' + b"9" * 5000 + b', "artist": "A"}',
                                           *sleeping_rows(GOOD[1:])]),
             skipped=("malformed JSON (nested too deeply)",
                      "malformed JSON (Exceeds the limit (4300 digits) for integer string "
                      "conversion)")),
    # Wrong types: numbers read as text (a song may be called 1999); the rest is a skip.
    FileCase("types-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [
                 *sleeping_rows(GOOD), {"title": 1999, "artist": "Prince"},
                 {"title": ["A", "B"], "artist": "Ana"}, {"title": {"x": 1}, "artist": "Ana"},
                 {"title": True, "artist": "Ana"}, {"title": "Song", "artist": 7}]),
             skipped=("title: expected text, found list", "title: expected text, found dict",
                      "title: expected text, found True"),
             found=(*GOOD, ("1999", "Prince"), ("Song", "7"))),
    # An object where the title belongs: the first-rows check stops the dataset (a served
    # copy is kept) before any row is read, naming the fields inside and the fix (issue 14).
    FileCase("types-parquet", "laion-disco-12m",
             lambda ws: _wrong_types_parquet(ws), status="failed",
             error="train-00000-of-00001.parquet: the laion-disco reader finds no title in "
                   "its first 2 rows (title: title holds objects: title.text, title.lang); "
                   "columns found: song_id ('a'), title.text ('Song'), title.lang ('en'), "
                   "artist_names (['Ana']); add to this source in the manifest: columns: "
                   "{title: title.text}"),
    # Any value of any type is at worst a counted skip (numbers are text, whatever their size).
    FileCase("huge-int-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [
                 *sleeping_rows(GOOD[:1]), {"title": int("7" * 400), "artist": "Ada Int"},
                 {"title": "Int Artist Song", "artist": int("9" * 400)},
                 {"title": int("9" * 4200), "artist": "Ana"},
                 {"title": "Song", "artist": int("8" * 3000)}, *sleeping_rows(GOOD[1:])]),
             skipped=("title: field longer than 2000 characters",
                      "artists: field longer than 2000 characters"), also_indexed=2),
    FileCase("inf-nan-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [
                 *sleeping_rows(GOOD), b'{"title": Infinity, "artist": "Ana"}',
                 b'{"title": -Infinity, "artist": "Ana"}', b'{"title": NaN, "artist": "Ana"}',
                 b'{"title": 1e400, "artist": "Ana"}', b'{"title": "Song", "artist": Infinity}']),
             skipped=("title: expected text, found inf", "title: expected text, found -inf",
                      "missing title", "title: expected text, found inf",
                      "artists: expected text, found inf")),
    FileCase("huge-int-fma-csv", "fma",
             lambda ws: fma_file(ws, [*GOOD, ("9" * 400, "Fma Int"), ("Song", "8" * 3000)]),
             skipped=("artists: field longer than 2000 characters",), also_indexed=1),
    FileCase("huge-int-csv", "spotify-tracks",
             lambda ws: spotify_file(ws, [*GOOD, ("9" * 400, "Ana")]), also_indexed=1),
    FileCase("types-parquet-int-title", "laion-disco-12m",
             lambda ws: laion_typed(ws, pa.array([1999, 2049]), [[a] for _, a in GOOD]),
             found=(("1999", "Ada Good"), ("2049", "Bo Good"))),
    FileCase("types-parquet-decimal-title", "laion-disco-12m",
             lambda ws: laion_typed(ws, pa.array([Decimal("1999.00"), Decimal("20.49")],
                                                 pa.decimal128(10, 2)), [[a] for _, a in GOOD]),
             found=(("1999", "Ada Good"), ("20.49", "Bo Good"))),
    FileCase("types-parquet-int-artists", "laion-disco-12m",
             lambda ws: laion_typed(ws, pa.array([t for t, _ in GOOD]),
                                    pa.array([[None, 7], [42]], pa.list_(pa.int64()))),
             found=((GOOD[0][0], "7"), (GOOD[1][0], "42"))),
    FileCase("types-parquet-date-title", "laion-disco-12m",
             lambda ws: laion_typed(ws, pa.array([18000, 3_000_000, 18001], pa.date32()),
                                    [["Ana"]] * 3),
             status="failed",  # dates, not text: stopped by the first-rows check (issue 14)
             error="train-00000-of-00001.parquet: the laion-disco reader finds no title in "
                   "its first 3 rows (title: title holds date values); columns found: "
                   "song_id ('v0000000000'), title (datetime.date(2019, 4, 14)), "),
    # Files that cannot be read at all: the dataset fails in one line, the others build.
    FileCase("truncated-parquet", "laion-disco-12m", lambda ws: _truncated(ws),
             status="failed", error="train-00000-of-00001.parquet: not a readable parquet file"),
    FileCase("no-header-csv", "spotify-tracks",
             lambda ws: spotify_file(ws, GOOD, header=False),
             status="failed",  # the first row taken for the header (issue 14's wording)
             error="dataset.csv: the csv reader finds no title or artists in its first row "
                   "(title: no column track_name; artists: no column artists); columns "
                   "found: 0 ('1'), "),
    FileCase("no-header-fma", "fma",
             lambda ws: fma_file(ws, GOOD, header=False),
             status="failed", error="tracks.csv: expected FMA's three header rows"),
    FileCase("empty-csv", "spotify-tracks", lambda ws: ws.write(SPOTIFY_FILE, b""),
             status="failed", error="dataset.csv: empty file, no header row"),
    FileCase("empty-fma", "fma", lambda ws: ws.write(FMA_FILE, b""),
             status="failed", error="tracks.csv: empty file, no header rows"),
    FileCase("empty-jsonl", "sleeping-disco-9m", lambda ws: ws.write(SLEEPING_FILE, b"\n\n"),
             status="failed", error="a.jsonl: no rows to index"),
    FileCase("header-only-csv", "spotify-tracks", lambda ws: spotify_file(ws, []),
             status="failed", error="dataset.csv: no rows to index"),
    # An upstream schema change: the first rows name none of the keys the reader knows, so
    # the dataset stops there, saying which keys they hold and what to map (issue 14).
    FileCase("renamed-keys-jsonl", "sleeping-disco-9m",
             lambda ws: sleeping_file(ws, [{"track": t, "singer": a} for t, a in GOOD * 25]),
             status="failed",
             error="a.jsonl: the sleeping-disco reader finds no title or artists in its first "
                   "50 rows (title: no key title, song_title, song, name, full_title; artists: "
                   "no key primary_artist+featured_artists, artist, artists, artist_name, "
                   "artist_names); keys found: track ('Good Song One'), singer ('Ada Good'); "
                   "add to this source in the manifest: columns: {title: track, artists: "
                   "singer}"),
    # A byte-order mark (Excel's "CSV UTF-8") is stepped over; UTF-16 is refused in one line.
    FileCase("bom-jsonl", "sleeping-disco-9m",
             lambda ws: ws.write(SLEEPING_FILE, BOM + jsonl_bytes(sleeping_rows(GOOD)))),
    FileCase("bom-csv", "spotify-tracks",
             lambda ws: (spotify_file(ws, GOOD), prepend(ws, SPOTIFY_FILE, BOM))),
    FileCase("bom-fma", "fma", lambda ws: (fma_file(ws, GOOD), prepend(ws, FMA_FILE, BOM))),
    FileCase("utf16-csv", "spotify-tracks",
             lambda ws: (spotify_file(ws, GOOD), to_utf16(ws, SPOTIFY_FILE)),
             status="failed", error="dataset.csv: not UTF-8 (looks like UTF-16)"),
    FileCase("utf16-jsonl", "sleeping-disco-9m",
             lambda ws: (sleeping_file(ws, sleeping_rows(GOOD)), to_utf16(ws, SLEEPING_FILE)),
             status="failed", error="a.jsonl: not UTF-8 (looks like UTF-16)"),
    FileCase("empty-parquet", "laion-disco-12m", lambda ws: ws.write(LAION_FILE, b""),
             status="failed", error="train-00000-of-00001.parquet: not a readable parquet file"),
    FileCase("glob-nothing", "laion-disco-12m", lambda ws: None, status="missing",
             error="no files match laion-disco-12m/data/train-*.parquet"),
    # An unclosed quote makes the rest of a CSV file one field: one counted skip.
    FileCase("unclosed-quote-csv", "spotify-tracks",
             lambda ws: ws.write(SPOTIFY_FILE,
                                 csv_bytes([list(SPOTIFY_HEADER), spotify_row(0, *GOOD[0])])
                                 + b'1,x,"Ana,,Broken\n'
                                 + csv_bytes([spotify_row(2, *GOOD[1])])),
             skipped=("expected 21 fields, found 3",), found=(GOOD[0],)),
]


def _wrong_types_parquet(ws: Workspace) -> None:
    """LAION's layout with a struct where the title should be text, invalid UTF-8 inside."""
    path = ws.data / LAION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    title = pa.StructArray.from_arrays(
        [text_array(["Song", b"Bad \xff"]), pa.array(["en", "en"])], names=["text", "lang"]
    )
    pq.write_table(pa.table({"song_id": ["a", "b"], "title": title,
                             "artist_names": [["Ana"], ["Bo"]]}), path)


def _truncated(ws: Workspace) -> None:
    laion_file(ws, GOOD * 50)
    path = ws.data / LAION_FILE
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _control(ws: Workspace) -> dict[str, Any]:
    """A second dataset that always builds, so that a failed one does not fail the build."""
    ws.write("control/songs.csv", "title,artist\nControl Song,Control Artist\n")
    return dataset_entry("control", [{"path": "control/songs.csv", "format": "csv",
                                      "columns": {"title": "title", "artists": "artist"}}])


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_bad_dataset_file(workspace: Workspace, case: FileCase) -> None:
    workspace.write_manifest([shipped_dataset(case.dataset), _control(workspace)])
    case.write(workspace)
    report = workspace.build()
    dataset = next(d for d in report.datasets if d.id == case.dataset)
    assert dataset.status == case.status, dataset.error
    assert next(d for d in report.datasets if d.id == "control").status == "built"
    if case.status != "built":
        assert case.error in (dataset.error or "")
        assert "\n" not in (dataset.error or "") and "Traceback" not in (dataset.error or "")
        return
    reasons = tuple(reason for f in dataset.files for _, reason in f.skip_examples)
    assert (dataset.skipped, reasons) == (len(case.skipped), case.skipped)
    assert dataset.tracks == len(case.found) + case.also_indexed
    searcher = workspace.searcher()
    for title, artist in case.found:
        result = searcher.lookup_song(title, artist=artist, dataset=case.dataset)
        assert result.found, (title, artist)
        best = result.matches[0]
        assert (best.name, best.artists, best.total_tracks) == (title, (artist,), 1)


# --- the query table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A query, the artist it finds (None: not found) and whether it has anything to search."""

    id: str
    text: str
    finds: str | None
    blank: bool = False  # nothing searchable: Discord answers one private sentence


QUERIES = [
    Query("empty", "", None, blank=True),
    Query("one-char", "r", None),
    Query("500-chars", "ab" * 250, None),
    Query("whitespace", " \t\n  ", None, blank=True),
    Query("emoji-indexed", "🎵🎵", "🎵🎵"),
    Query("emoji-unknown", "🎸🔥", None),
    Query("invisible-only", INVISIBLES, None, blank=True),
    Query("invisible-inside", "Radio\u200bhe\u202ead", "Radiohead"),
    Query("sql-indexed", "'; DROP TABLE tracks; --",
          "'; DROP TABLE tracks; --"),
    Query("sql-injection", "x' OR '1'='1'; DELETE FROM artists; --", None),
    Query("sql-like", "%_%", None),
    Query("regex-indexed", ".*[a-z]+(?:\\", ".*[a-z]+(?:\\"),
    Query("regex-catastrophic", "(a+)+$|\\d{1,99999}", None),
    Query("everyone", "@everyone", "@everyone"),
    Query("role-mention", "<@&123>", "<@&123>"),
    Query("markdown-link", "[x](https://evil.example)", "[x](https://evil.example)"),
    Query("code-fence", "```js\nalert(1)\n```", "```js alert(1) ```"),
]


def hostile_dataset(workspace: Workspace) -> None:
    """The HOSTILE strings as titles and artists of a LAION-layout file, beside the seed data."""
    laion_file(workspace, HOSTILE_ROWS)
    manifest = yaml.safe_load((workspace.data / "datasets.yaml").read_text(encoding="utf-8"))
    workspace.write_manifest([*manifest["datasets"], shipped_dataset("laion-disco-12m")])


@pytest.fixture
def hostile_index(workspace: Workspace) -> Workspace:
    seed(workspace, "http://127.0.0.1:9/api/v10")
    hostile_dataset(workspace)
    workspace.build()
    return workspace


@pytest.mark.parametrize("query", QUERIES, ids=[q.id for q in QUERIES])
def test_query_through_the_searcher(hostile_index: Workspace, query: Query) -> None:
    searcher = hostile_index.searcher()
    artist = searcher.lookup_artist(query.text)
    assert [m.name for m in artist.matches[:1]] == ([query.finds] if query.finds else [])
    assert artist.found == (query.finds is not None)
    if query.blank:
        assert not artist.near_misses and searcher.suggest(NameKind.ARTIST, query.text) == []
    song = searcher.lookup_song(query.text, artist=query.text)
    assert song.found == (query.finds is not None and query.finds != "Radiohead")
    searcher.suggest(NameKind.TITLE, query.text)
    # Nothing was executed: the index is whole.
    assert searcher.lookup_artist("radiohead").matches[0].total_tracks == 23


@pytest.mark.parametrize("query", QUERIES, ids=[q.id for q in QUERIES])
def test_query_through_the_cli(
    hostile_index: Workspace, query: Query, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["lookup", "artist", query.text, "--config", str(hostile_index.config_path)])
    out, err = capsys.readouterr()
    assert err == ""  # no traceback, no warning
    assert status == (0 if query.finds else 1)
    assert out.startswith('Artist lookup: "')
    if query.finds:
        assert f"1. {query.finds}  ·  score 100.0" in out
    else:
        assert "is not found in any indexed dataset." in out
    status = main(["lookup", "song", query.text, "--json",
                   "--config", str(hostile_index.config_path)])
    answer = json.loads(capsys.readouterr().out)
    assert answer["query"] == query.text and status == (0 if answer["found"] else 1)


# What must never reach Discord unescaped.
UNSAFE = {
    "a broadcast mention": re.compile(r"@(everyone|here)"),
    "a user, role or channel mention": re.compile(r"<(@[!&]?|#)\d+>"),
    "a masked link to the hostile site": re.compile(r"(?<!\\)\]\(https://evil"),
    "a code fence": re.compile(r"```"),
    "unescaped bold": re.compile(r"(?<!\\)\*\*bold"),
    # Line breaks are the renderer's own; those of queries and data are dropped by safe().
    "a control or bidi character": re.compile(
        r"[\x00-\x09\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]"
    ),
}


def shown_texts(double: DiscordDouble) -> list[str]:
    """Every text of every message the bot sent, checking mentions were off for each."""
    texts = []
    for body in message_bodies(double):
        assert body.get("allowed_mentions") == {"parse": []}, body
        texts.append(body.get("content") or "")
        for embed in body.get("embeds") or []:
            texts += [embed.get("title", ""), embed.get("description", ""),
                      embed.get("footer", {}).get("text", "")]
            texts += [part for f in embed.get("fields", []) for part in (f["name"], f["value"])]
    return texts


def assert_safe_for_discord(double: DiscordDouble) -> None:
    for text in shown_texts(double):
        for what, pattern in UNSAFE.items():
            assert not pattern.search(text), f"{what} in {text!r}"
        assert UNEXPECTED not in text


@asynccontextmanager
async def hostile_world(workspace: Workspace) -> AsyncIterator[tuple[DiscordDouble, People]]:
    people = People()
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url)
        hostile_dataset(workspace)
        workspace.build()
        async with bot_on(double, workspace):
            await double.wait_for_commands()
            yield double, people


@pytest.mark.parametrize("query", QUERIES, ids=[q.id for q in QUERIES])
async def test_query_through_discord(
    workspace: Workspace, query: Query, caplog: pytest.LogCaptureFixture
) -> None:
    where = {"guild_id": GUILD_ID, "channel_id": GENERAL}
    async with hostile_world(workspace) as (double, people):
        for subcommand, option in (("artist", "name"), ("song", "title")):
            asked = await double.slash("lookup", subcommand, {option: query.text},
                                       user=people.alice, **where)
            first = await asked.response()
            if query.blank:
                assert is_answer(first) and is_ephemeral(first)
                assert first["data"]["content"] == NOTHING_TO_LOOK_UP
                continue
            assert is_deferred(first)
            embed = embed_of((await asked.followups())[0])
            if subcommand == "artist":
                found = query.finds is not None
                assert embed["title"].startswith("Artist: " if found else "Artist not found")
            assert len(embed.get("description", "")) < 400  # the echo of the query is cut
        for subcommand, option in (("artist", "name"), ("song", "title")):
            typed = await double.autocomplete("lookup", subcommand, focused=option,
                                              options={option: query.text}, user=people.alice,
                                              **where)
            choices = (await typed.response())["data"]["choices"]
            assert len(choices) <= 25
            if query.blank:
                assert choices == []
                continue
            assert choices[0]["name"] == clean_display(query.text.strip(), 100)  # theirs first
            if query.finds and subcommand == "artist":
                assert query.finds in [c["name"] for c in choices[:2]]
            for choice in choices:  # shown as plain text by Discord: one line, no controls
                assert 1 <= len(choice["name"]) <= 100 and choice["name"].isprintable()
                assert len(choice["value"]) <= 100
        assert_safe_for_discord(double)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_hostile_dataset_text_is_escaped_in_every_answer(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    """Each hostile title and artist, looked up by name, is shown escaped and never pings."""
    where = {"guild_id": GUILD_ID, "channel_id": GENERAL}
    async with hostile_world(workspace) as (double, people):
        for name in HOSTILE:
            asked = await double.slash("lookup", "song", {"title": name, "artist": name},
                                       user=people.alice, **where)
            embed = embed_of((await asked.followups())[0])
            assert embed["title"].startswith("Song: "), name
            assert "Sample tracks" in [f["name"] for f in embed["fields"]]
        assert_safe_for_discord(double)
        shown = "\n".join(shown_texts(double))
        assert "@\u200beveryone" in shown and "<\u200b@&123>" in shown  # shown, never a ping
        assert "\\[x\\](https://evil.example)" in shown  # brackets escaped: not a link
        assert "\\`\\`\\`js alert(1) \\`\\`\\`" in shown
        assert "\\*\\*bold\\*\\* \\_\\_under\\_\\_" in shown
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# --- the config table: every key of the model, wrong in turn ------------------------------------


def _leaf_fields(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, Any, Any]]:
    """(dotted key, annotation, field info) for every key of the config, sections first."""
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield prefix + name, annotation, info
            yield from _leaf_fields(annotation, prefix + name + ".")
        else:
            yield prefix + name, annotation, info


def _wrong_values(annotation: Any, info: Any) -> list[Any]:
    """Values the key must refuse: the wrong type always, out of range when bounded."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [5, ["a"]]
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        assert len(inner) == 1, f"add a rule for {annotation}"
        values = _wrong_values(inner[0], info)
        return [v for v in values if v is not None]
    if origin is typing.Literal:
        return ["LOUD", 3]
    if origin is list:
        return ["not-a-list", [["nested"]]] if args[0] is str else ["not-a-list", ["x"]]
    if annotation is Path:
        return [7, ["x"]]
    if annotation is bool:
        return ["maybe", [True]]
    if annotation is str:
        pattern = next((m.pattern for m in info.metadata if getattr(m, "pattern", None)), None)
        return [[1], "ftp:// spaces"] if pattern else [[1], {"a": 1}]
    if annotation in (int, float):
        values: list[Any] = ["many", [1]]
        for bound in info.metadata:
            for attr, delta in (("ge", -1), ("gt", 0), ("le", 1), ("lt", 0)):
                limit = getattr(bound, attr, None)
                if limit is not None:
                    values.append(limit + delta)
        return values
    raise AssertionError(f"no wrong values known for {annotation}: add a rule")


def _nest(key: str, value: Any) -> dict[str, Any]:
    head, _, rest = key.partition(".")
    return {head: _nest(rest, value) if rest else value}


CONFIG_CASES = [
    pytest.param(key, value, id=f"{key}={value!r}"[:60])
    for key, annotation, info in _leaf_fields(Settings)
    for value in _wrong_values(annotation, info)
]
SECTIONS = [key for key, annotation, _ in _leaf_fields(Settings)
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)]


def test_the_config_table_covers_every_key_of_the_model() -> None:
    keys = {case.values[0] for case in CONFIG_CASES}
    assert keys == {key for key, _, _ in _leaf_fields(Settings)}
    assert len(keys) >= 30


@pytest.mark.parametrize(("key", "value"), CONFIG_CASES)
def test_every_config_key_wrong_in_turn(tmp_path: Path, key: str, value: Any) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(_nest(key, value)), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}: {key}"), message
    assert "\n" not in message and len(message) < 300
    assert ", found " in message
    assert ("expected" in message or "should" in message), message
    if key.startswith("discord.token"):
        assert message.endswith("found <hidden>")


@pytest.mark.parametrize("section", ["(top level)", *SECTIONS])
def test_an_unknown_key_lists_the_known_ones(tmp_path: Path, section: str) -> None:
    path = tmp_path / "config.yaml"
    key = "colour" if section == "(top level)" else f"{section}.colour"
    path.write_text(yaml.safe_dump(_nest(key, 1)), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    model: type[BaseModel] = Settings
    for part in [] if section == "(top level)" else section.split("."):
        model = model.model_fields[part].annotation  # type: ignore[assignment]
    assert str(error.value) == (
        f"{path}: {key}: unknown key (expected one of: {', '.join(model.model_fields)}), found 1"
    )


def test_a_bad_config_through_the_cli_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("search: {max_matches: 0}\n", encoding="utf-8")
    assert main(["index", "build", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: {path}: search.max_matches: expected greater than or equal to 1, "
                   "found 0\n")
