"""Errors raised below the Discord layer reach each person in their own language.

The core (bot/errors.py and the packages raising its errors) knows no locale: a raise site
names its sentence in the catalogue (`key=`, with its variables) beside the English text
that the CLI and the logs keep. Here: every such key is in the catalogue with the variables
its raise sites pass, the English message reproduces the error's own sentence exactly at
every raise site, and through the real client, the sentences come out in German and
Brazilian Portuguese while English readers see what they always saw.
"""

from __future__ import annotations

import ast
import asyncio
import csv
import errno
import logging
import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from discord_double import AttachmentSpec, is_deferred, is_ephemeral
from fluent.syntax import ast as fluent_ast
from fluent.syntax import visitor
from helpers import REPO
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace, songs_dataset

from bot.catalog.decode import check_catalog_size
from bot.catalog.parse import parse_catalog
from bot.discordbot.i18n import ENGLISH, SOURCE, Messages, catalogue, error_text
from bot.errors import BuildError, TrainedOnError
from bot.index.atomic import build_lock, replacement_for
from bot.index.finish import verify
from bot.index.reader import IndexReader
from bot.index.workers import FileReaders
from bot.search.identity import read_link
from bot.service import IndexService
from bot.subscriptions.postgres_db import _retrying
from bot.subscriptions.sqlite_db import SqliteDatabase

Trigger = Callable[[Workspace], TrainedOnError | Awaitable[TrainedOnError]]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


# -- the keys the core raises --------------------------------------------------------------


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fluent_ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def english_variables(key: str) -> frozenset[str]:
    """The `$variables` of the English message `key`."""
    found = _Variables()
    found.visit(catalogue().bundles[SOURCE].get_message(key).value)
    return frozenset(found.names)


def raise_sites() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Every `key="error-…"` in bot/: where, and the other keyword arguments given with it."""
    sites: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for path in sorted((REPO / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            named = {k.arg: k.value for k in node.keywords if k.arg is not None}
            key = named.pop("key", None)
            for constant in ast.walk(key) if key is not None else ():
                if (isinstance(constant, ast.Constant) and isinstance(constant.value, str)
                        and constant.value.startswith("error-")):
                    where = f"{path.relative_to(REPO)}:{node.lineno}"
                    sites.setdefault(constant.value, []).append((where, frozenset(named)))
    return sites


def test_every_key_a_raise_site_names_is_in_the_catalogue_with_the_variables_it_passes(
) -> None:
    sites = raise_sites()
    assert len(sites) > 40  # the scan finds the raise sites at all
    for key, places in sites.items():
        assert catalogue().has(SOURCE, key), f"{places[0][0]}: no message {key}"
        for where, given in places:
            assert given == english_variables(key), (
                f"{where}: {key} is given {sorted(given)}, the catalogue uses "
                f"{sorted(english_variables(key))}")


# -- the English message is the error's own sentence, at every raise site -------------------


def raised(action: Callable[[], object]) -> TrainedOnError:
    try:
        action()
    except TrainedOnError as exc:
        return exc
    raise AssertionError("nothing was raised")


async def raised_async(action: Callable[[], Awaitable[object]]) -> TrainedOnError:
    try:
        await action()
    except TrainedOnError as exc:
        return exc
    raise AssertionError("nothing was raised")


def catalog(data: bytes, filename: str = "songs.csv", max_rows: int = 100) -> Trigger:
    return lambda _: raised(lambda: parse_catalog(data, filename, max_rows))


def link(text: str) -> Trigger:
    return lambda _: raised(lambda: read_link(text))


def unreadable_csv(_: Workspace) -> TrainedOnError:
    """A field over the csv module's limit: the one error its lenient reader still raises."""
    limit = csv.field_size_limit(1_000)  # the dataset readers raise it for the process
    try:
        return raised(lambda: parse_catalog(b'artist,title\nA,"' + b"x" * 2_000 + b'"\n',
                                            "songs.csv", 100))
    finally:
        csv.field_size_limit(limit)


def build(workspace: Workspace, datasets: dict[str, str], config: str = "") -> TrainedOnError:
    """A build of one songs.csv per dataset, with these contents."""
    for dataset, text in datasets.items():
        workspace.write(f"{dataset}/songs.csv", text)
    workspace.write_manifest([songs_dataset(d, f"{d}/*.csv") for d in datasets])
    workspace.config_path.write_text(workspace.config_path.read_text() + config)
    return raised(workspace.build)


SONGS = "title,artist,album,url,id\nCreep,Radiohead,,,1\n"


def losing_a_dataset(workspace: Workspace) -> TrainedOnError:
    workspace.write("alpha/songs.csv", SONGS)
    workspace.write("beta/songs.csv", SONGS)
    workspace.write_manifest([songs_dataset(d, f"{d}/*.csv") for d in ("alpha", "beta")])
    workspace.build()
    workspace.write("beta/songs.csv", "")
    return raised(workspace.build)


def no_files(workspace: Workspace) -> TrainedOnError:
    workspace.write_manifest([songs_dataset("alpha", "alpha/*.csv")])
    return raised(workspace.build)


def nothing_selected(workspace: Workspace) -> TrainedOnError:
    workspace.write("alpha/songs.csv", SONGS)
    workspace.write_manifest([songs_dataset("alpha", "alpha/*.csv", demo=True)])
    workspace.config_path.write_text(workspace.config_path.read_text()
                                     + "  include_demo: false\n")
    return raised(workspace.build)


def writing_fails(error: BaseException, index_exists: bool) -> Trigger:
    def trigger(workspace: Workspace) -> TrainedOnError:
        target = workspace.root / "index.sqlite"
        if index_exists:
            target.write_bytes(b"")

        def write() -> None:
            with replacement_for(target):
                raise error

        return raised(write)
    return trigger


def sqlite_failure(code: int) -> sqlite3.OperationalError:
    failure = sqlite3.OperationalError("database or disk is full")
    failure.sqlite_errorcode = code
    return failure


def unverified(*statements: str) -> Trigger:
    """verify() on an index whose tables hold what `statements` put there."""
    def trigger(_: Workspace) -> TrainedOnError:
        conn = sqlite3.connect(":memory:")
        conn.executescript("CREATE TABLE tracks(id); CREATE TABLE datasets(tracks);"
                           "CREATE TABLE artists(rank, tracks); CREATE TABLE artist_grams(g);")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA writable_schema = RESET")
        return raised(lambda: verify(conn))
    return trigger


def locked_twice(workspace: Workspace) -> TrainedOnError:
    def lock_again() -> None:
        with build_lock(workspace.root / "index.sqlite"), build_lock(
                workspace.root / "index.sqlite"):
            pass
    return raised(lock_again)


async def reloading_twice(workspace: Workspace) -> TrainedOnError:
    service = IndexService(workspace.config())
    try:
        async with service._reload_lock:  # a reload of this process is running
            return await raised_async(service.reload)
    finally:
        await service.close()


async def before_any_index(workspace: Workspace) -> TrainedOnError:
    service = IndexService(workspace.config())
    try:
        return raised(lambda: service.searcher)
    finally:
        await service.close()


def index_file(content: Callable[[Path], object] | None) -> Trigger:
    def trigger(workspace: Workspace) -> TrainedOnError:
        path = workspace.root / "index.sqlite"
        if content is not None:
            content(path)
        return raised(lambda: IndexReader(path))
    return trigger


def old_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 1")


def dead_reader(_: Workspace) -> TrainedOnError:
    with FileReaders(1) as readers:
        for child in multiprocessing.active_children():
            if child.name == "index-reader" and child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
        return readers._stopped(0)


async def closed_store(workspace: Workspace) -> TrainedOnError:
    database = await SqliteDatabase.open(workspace.root / "subscriptions.sqlite")
    await database.close()
    return await raised_async(lambda: database.fetch("SELECT 1"))


async def unanswered_store(_: Workspace) -> TrainedOnError:
    async def refused() -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    deadline = asyncio.get_running_loop().time()  # already passed: no retry
    return await raised_async(lambda: _retrying(refused, "postgresql://db.example/bot",
                                                deadline, 2.5))


TOO_MANY_COLUMNS = ",".join(f"c{i}" for i in range(11)).encode() + b"\n1,2\n"
CASES: list[tuple[str, Trigger]] = [
    ("error-link-not-a-link", link("my favourite song")),
    ("error-link-channel-name", link("https://www.youtube.com/@lowtheband")),
    ("error-link-channel-name", link("https://www.youtube.com/c/Radiohead")),
    ("error-link-channel-name", link("https://www.youtube.com/Radiohead")),
    ("error-link-channel-name", link("https://www.youtube.com/user/radiohead")),
    ("error-link-spotify-collection", link("https://open.spotify.com/album/4LH4d3cOWNNsVw41Gqt2kv")),
    ("error-link-spotify-collection", link("spotify:user:someone:playlist:37i9dQZF1DX")),
    ("error-link-spotify-collection", link("https://open.spotify.com/episode/abc")),
    ("error-link-youtube-playlist", link("https://www.youtube.com/playlist?list=PL123")),
    ("error-link-youtube-search", link("https://www.youtube.com/results?search_query=low")),
    ("error-link-music-album", link("https://music.youtube.com/browse/MPREb_abcdef")),
    ("error-link-spotify-short", link("https://spotify.link/abcdef")),
    ("error-link-spotify-ambiguous", link("4LH4d3cOWNNsVw41Gqt2kv")),
    ("error-link-fma-album", link("https://freemusicarchive.org/music/AWOL/A_Way_Of_Life")),
    ("error-link-fma-artist", link("https://freemusicarchive.org/music/AWOL")),
    ("error-link-fma-track-slug", link("https://freemusicarchive.org/track/food")),
    ("error-catalog-too-large",
     lambda _: raised(lambda: check_catalog_size(20_500_000, "big.csv", 8))),
    ("error-catalog-too-large",
     lambda _: raised(lambda: check_catalog_size(2_000_000, "big.csv", 0.5))),
    ("error-catalog-over-limit",
     lambda _: raised(lambda: check_catalog_size(9_000_000, "-", 8, known=False))),
    *[("error-catalog-file-kind", catalog(magic + b"rest", "upload.csv")) for magic in (
        PNG, b"\xff\xd8\xff", b"GIF89a", b"%PDF-1.4", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
        b"\x1f\x8b", b"SQLite format 3\x00")],
    ("error-catalog-binary", catalog(b"abc\x00def,ghi\n")),
    ("error-catalog-binary", catalog(bytes(range(1, 9)) * 50)),
    ("error-catalog-empty", catalog(b"  \n\n")),
    ("error-catalog-encoding", catalog(b"artist,title\nBj\x81rk,J\x8dga\n")),
    ("error-catalog-utf16-without-bom", catalog("artist,title\nA,B\n".encode("utf-16-le"))),
    ("error-catalog-no-songs", catalog(b"# my songs\n\n# none yet\n")),
    ("error-catalog-no-columns", catalog(b"foo;bar\n1;2\n")),
    ("error-catalog-no-columns", catalog(TOO_MANY_COLUMNS)),
    ("error-catalog-header-only", catalog(b"artist,title\n")),
    ("error-catalog-unreadable-csv", unreadable_csv),
    ("error-catalog-too-many-songs", catalog(b"artist,title\na,b\nc,d\n", max_rows=1)),
    ("error-catalog-too-many-songs",
     catalog(b"artist,title\n" + b"a,b\n" * 1001, max_rows=1000)),
    ("error-index-not-built", before_any_index),
    ("error-index-missing", index_file(None)),
    ("error-index-schema", index_file(old_schema)),
    ("error-index-unreadable", index_file(lambda path: path.write_bytes(b"not sqlite" * 100))),
    ("error-reload-running", reloading_twice),
    ("error-build-locked", locked_twice),
    ("error-build-unknown-dataset",
     lambda workspace: build(workspace, {"alpha": SONGS}, "  datasets: [nope]\n")),
    ("error-build-none-selected", nothing_selected),
    ("error-build-no-files", no_files),
    ("error-build-all-failed", lambda workspace: build(workspace, {"alpha": ""})),
    ("error-build-all-failed",
     lambda workspace: build(workspace, dict.fromkeys(("a", "b", "c", "d", "e"), ""))),
    ("error-build-would-lose", losing_a_dataset),
    ("error-build-integrity", unverified(
        "INSERT INTO tracks VALUES (NULL)", "PRAGMA writable_schema = ON",
        "UPDATE sqlite_schema SET sql = 'CREATE TABLE tracks(id NOT NULL)' "
        "WHERE name = 'tracks'")),
    ("error-build-track-count", unverified("INSERT INTO tracks VALUES (1)",
                                           "INSERT INTO datasets VALUES (12345)")),
    ("error-build-orphan-artists", unverified("INSERT INTO artists VALUES (NULL, 0)")),
    ("error-build-no-grams", unverified("INSERT INTO artists VALUES (1, 1)")),
    ("error-build-cannot-write",
     writing_fails(OSError(errno.ENOSPC, "No space left on device"), index_exists=True)),
    ("error-build-cannot-write",
     writing_fails(OSError(errno.EDQUOT, "Disk quota exceeded"), index_exists=False)),
    ("error-build-cannot-write",
     writing_fails(OSError(errno.EFBIG, "File too large"), index_exists=True)),
    ("error-build-cannot-write",
     writing_fails(sqlite_failure(sqlite3.SQLITE_FULL), index_exists=False)),
    ("error-build-cannot-write",
     writing_fails(sqlite_failure(sqlite3.SQLITE_IOERR_WRITE), index_exists=True)),
    ("error-build-reader-stopped", dead_reader),
    ("error-store-database-closed", closed_store),
    ("error-store-no-answer", unanswered_store),
]


def test_every_key_raised_in_the_core_is_tried_below() -> None:
    assert {key for key, _ in CASES} == set(raise_sites())


@pytest.mark.parametrize(("key", "trigger"),
                         [pytest.param(key, trigger, id=f"{key}-{n}")
                          for n, (key, trigger) in enumerate(CASES)])
async def test_the_english_message_is_the_errors_own_sentence(
    workspace: Workspace, key: str, trigger: Trigger,
) -> None:
    outcome = trigger(workspace)
    error = await outcome if isinstance(outcome, Awaitable) else outcome
    assert error.key == key, str(error)
    assert ENGLISH(key, **error.values) == str(error)
    german = Messages("de")(key, **error.values)
    assert german != str(error)  # said in German, not English copied over


def test_an_error_with_no_key_stays_in_english_and_a_key_the_catalogue_lacks_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    plain = BuildError("something only English knows")
    assert error_text(plain, Messages("de")) == "something only English knows"
    unknown = BuildError("said in English", key="error-no-such-message")
    with caplog.at_level(logging.ERROR):
        assert error_text(unknown, Messages("fr")) == "said in English"
    assert "error-no-such-message" in caplog.text


def test_a_key_survives_the_trip_from_a_build_process() -> None:
    """Builds run in a child process: their errors come back pickled."""
    error = BuildError("another index build is running; try again when it ends",
                       key="error-build-locked")
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        back = pool.apply(_echo, (error,))
    assert isinstance(back, BuildError) and str(back) == str(error)
    assert (back.key, dict(back.values)) == ("error-build-locked", {})


def _echo(error: BuildError) -> BuildError:
    return error


# -- through the real client ---------------------------------------------------------------


def english_of(action: Callable[[], object]) -> str:
    """The core's own sentence, which English readers keep seeing."""
    return str(raised(action))


async def test_a_pasted_link_the_bot_cannot_read_is_refused_in_the_askers_language(
    workspace: Workspace,
) -> None:
    expected = {
        "de": "Das ist kein Link und keine ID, die TrainedOn nachschlagen kann: füge einen "
              "YouTube- oder YouTube-Music-Video-Link (youtube.com/watch?v=…",
        "pt-BR": "Isso não é um link nem um id que o TrainedOn consiga buscar: cole um link de "
                 "vídeo do YouTube ou do YouTube Music (youtube.com/watch?v=…",
        "en-US": english_of(lambda: read_link("my favourite song")),
    }
    async with world(workspace) as (double, _, people, _):
        for locale, sentence in expected.items():
            it = await double.slash("lookup", "link", {"url": "my favourite song"},
                                    user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL,
                                    locale=locale)
            response = await it.response()
            assert is_ephemeral(response) and not is_deferred(response)
            assert response["data"]["content"].startswith(sentence), locale
        handle = "https://www.youtube.com/@lowtheband"
        watched = await double.slash("watch", "artist", {"name": handle}, user=people.mod,
                                     guild_id=GUILD_ID, channel_id=GENERAL, locale="de")
        assert (await watched.response())["data"]["content"] == (
            "Ein YouTube-@handle lässt sich nicht offline auflösen: öffne den Kanal und kopiere "
            "seine ID über „Kanal teilen → Kanal-ID kopieren“ (sie beginnt mit UC), oder füge "
            "den Link zu einem seiner Videos ein.")
        english = await double.slash("watch", "artist", {"name": handle}, user=people.mod,
                                     guild_id=GUILD_ID, channel_id=GENERAL, locale="en-US")
        assert (await english.response())["data"]["content"] == english_of(
            lambda: read_link(handle))


async def test_a_catalog_that_cannot_be_read_is_explained_in_the_askers_language(
    workspace: Workspace,
) -> None:
    png = english_of(lambda: parse_catalog(PNG, "cat.png", 100))
    cases = [  # one person each: /check catalog allows two a minute
        ("de", AttachmentSpec("cat.png", PNG),
         "cat.png ist ein PNG-Bild, keine CSV-Datei und keine Textliste von Tracks."),
        ("pt-BR", AttachmentSpec("cat.png", PNG),
         "cat.png é uma imagem PNG, não um CSV nem uma lista de faixas em texto."),
        ("en-US", AttachmentSpec("cat.png", PNG), png),
        ("de", AttachmentSpec("huge.csv", b"a,b\n", size=50 * 1024 * 1024),
         "huge.csv ist 50,0 MB groß; die Grenze liegt bei 8 MB: teile die Datei in kleinere "
         "Dateien auf."),
    ]
    assert png == "cat.png is a PNG image, not a CSV or text list of songs."
    async with world(workspace) as (double, _, people, _):
        for (locale, upload, sentence), user in zip(cases, people.all(), strict=True):
            it = await double.slash("check", "catalog", {"file": upload}, user=user,
                                    guild_id=GUILD_ID, channel_id=GENERAL, locale=locale)
            response = await it.response()
            message = (await it.followups())[0] if is_deferred(response) else response["data"]
            assert message["content"] == sentence


async def test_a_lookup_before_any_index_says_so_in_the_askers_language(
    workspace: Workspace,
) -> None:
    expected = {
        "de": "der Index wurde noch nicht erstellt; ein Moderator kann /neu-laden ausführen",
        "pt-BR": "o índice ainda não foi criado; um moderador pode usar /recarregar",
        "en-US": "the index has not been built yet; a moderator can run /reload",
    }
    async with world(workspace, build=False) as (double, bot, people, _):
        assert expected["en-US"] == english_of(lambda: bot.index.searcher)
        for locale, sentence in expected.items():
            it = await double.slash("lookup", "artist", {"name": "radiohead"},
                                    user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL,
                                    locale=locale)
            await it.response()
            answer = (await it.followups())[0]
            assert is_ephemeral(answer) and answer["content"] == sentence


async def test_reload_while_another_build_holds_the_index_says_so_in_the_askers_language(
    workspace: Workspace,
) -> None:
    """The refusal is raised in the build's own process and still speaks German."""
    expected = {
        "de": "ein anderer Indexaufbau läuft gerade; versuch es noch einmal, wenn er fertig ist",
        "pt-BR": "outra criação do índice está em andamento; tente de novo quando ela terminar",
        "en-US": "another index build is running; try again when it ends",
    }
    async with world(workspace) as (double, _, people, _):
        with build_lock(workspace.index_path):
            for locale, sentence in expected.items():
                it = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                        channel_id=GENERAL, locale=locale)
                assert (await it.followups(timeout=60))[0]["content"] == sentence


async def test_a_failed_reload_gives_its_reason_in_the_askers_language(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        workspace.write("beta/songs.csv", "")  # the served dataset's file breaks
        it = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                channel_id=GENERAL, locale="de")
        failure = (await it.followups(timeout=60))[0]["content"]
    # The dataset reader's own words stay as they are; the bot's are German.
    assert failure.startswith("Neu laden fehlgeschlagen: beta: songs.csv: empty file")
    assert "der aktuelle Index liefert ihn weiter aus (repariere die Dateien" in failure
