"""docs/PRIVACY.md against what the bot really keeps, and the /privacy commands.

The whole story runs through the real bot and the Discord double, with people whose names,
searches, catalog and watch are distinctive strings, and with every log record captured at
DEBUG. Afterwards every table of the store is read, every file the bot wrote is searched,
and every log record is examined: anything that holds a kind of data PRIVACY.md does not
list for that column or logger fails the test. PRIVACY.md's tables are the machine-readable
part of the policy; this test is what keeps the prose honest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from discord_double import (
    AttachmentSpec,
    DiscordDouble,
    MemberSpec,
    SentInteraction,
    button,
    embed_of,
    fields,
    is_deferred,
    is_ephemeral,
    make_member,
)
from helpers import REPO
from helpers.bot_world import (
    GENERAL,
    GUILD_ID,
    MANAGE_GUILD,
    UPDATES,
    People,
    bot_on,
    guild,
    seed,
    songs_csv,
)
from helpers.workspace import Workspace, songs_dataset

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.extensions.privacy import POLICY_FULL_SOURCE, policy_embed
from bot.subscriptions.forget import FORGOTTEN
from bot.subscriptions.migrate import BOOKKEEPING_TABLES

PRIVACY = REPO / "docs" / "PRIVACY.md"
OTHER_GUILD = 555_555_555_555_555_555  # a server whose data must survive another's deletion

# What the story's people type and upload: strings found nowhere else, so finding one in a
# table, a file or a log line means that kind of data was kept there.
SEARCHES = ("radioheddq", "creepqz", "PrivacyTst1")
LINK = "https://youtu.be/PrivacyTst1"
WATCHED = "Juniper Vantablack"
CATALOG_NAME = "vesperdemos.csv"
CATALOG_ROW = "Midnight Ledgerquill"
CATALOG = (f"artist,title\nRadiohead,Song Number 1\nObscura Wrenn,{CATALOG_ROW}\n").encode()
# The Discord double is Discord: what its own server logs is Discord's, not the bot's.
DISCORDS_SIDE = ("discord_double", "aiohttp.access", "aiohttp.server", "aiohttp.web")


# -- PRIVACY.md's tables ------------------------------------------------------------------------

def table_rows(heading: str) -> list[list[str]]:
    """The body rows of the first table under `heading`, each a list of cells."""
    text = PRIVACY.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    rows: list[list[str]] = []
    for line in text[start + len(heading) + 2:].splitlines():
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if set("".join(cells)) <= set("-: "):
            continue  # the separator
        rows.append(cells)
    return rows[1:]  # without the header


def kinds(cell: str) -> frozenset[str]:
    """A "Holds" cell: kinds separated by commas; "—" for none."""
    return frozenset(k.strip() for k in cell.split(",") if k.strip() not in ("", "—"))


def code(cell: str) -> str:
    found = re.fullmatch(r"`([^`]+)`", cell)
    assert found, f"expected a `name` in PRIVACY.md, got {cell!r}"
    return found[1]


def vocabulary() -> frozenset[str]:
    return frozenset(code(row[0]) for row in table_rows("### Kinds of data"))


def stored_columns() -> dict[str, frozenset[str]]:
    """`table.column` → the kinds it may hold."""
    return {code(row[0]): kinds(row[1]) for row in table_rows("### Every column of the store")}


@dataclass(frozen=True)
class LogRule:
    logger: str
    debug_only: bool
    holds: frozenset[str]

    def covers(self, record: logging.LogRecord) -> bool:
        name = record.name
        return name == self.logger or name.startswith(self.logger + ".")


def log_rules() -> list[LogRule]:
    rules = []
    for row in table_rows("### Every logger"):
        level = row[1]
        assert level in ("INFO", "DEBUG"), f"a logger's level is INFO or DEBUG, not {level!r}"
        rules.append(LogRule(code(row[0]), level == "DEBUG", kinds(row[2])))
    return rules


# -- what the story's people give the bot, by kind ----------------------------------------------

@dataclass
class Tracked:
    """The distinctive values of the story, by kind of data (PRIVACY.md's names)."""

    values: dict[str, set[str]] = field(default_factory=dict)

    def add(self, kind: str, *values: object) -> None:
        self.values.setdefault(kind, set()).update(str(v) for v in values)

    def found_in(self, text: str) -> set[str]:
        folded = text.casefold()
        return {kind for kind, values in self.values.items()
                if any(value.casefold() in folded for value in values)}


def story_people() -> People:
    """The world's people, renamed so that their names are found nowhere else."""
    people = People()
    people.alice = make_member("odalysq")
    people.bob = make_member("brannocq")
    people.mod = make_member("wrenfieldq", permissions=MANAGE_GUILD)
    return people


def tracked(people: People) -> Tracked:
    found = Tracked()
    found.add("user id", *(p.user_id for p in (people.alice, people.bob, people.mod)))
    found.add("user name", *(p.name for p in (people.alice, people.bob, people.mod)))
    found.add("server id", GUILD_ID)
    found.add("channel id", GENERAL, UPDATES)
    found.add("searched text", *SEARCHES)
    found.add("watched artist", WATCHED)
    found.add("catalog file name", CATALOG_NAME.removesuffix(".csv"))
    found.add("catalog rows", CATALOG_ROW)
    return found


class Captured(logging.Handler):
    """Every record, from every logger, at every level."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def record_text(record: logging.LogRecord) -> str:
    """All a record carries: its message, any structured fields, its traceback."""
    parts = [record.getMessage()]
    parts += [f"{k}={v}" for k, v in vars(record).items() if k not in _STANDARD]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


@contextmanager
def every_log_record() -> Iterator[Captured]:
    root = logging.getLogger()
    handler = Captured()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


# -- the store, read whole ----------------------------------------------------------------------

async def store_tables(bot: TrainedOnBot) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every table of the store: its columns and every row."""
    store = bot.require_store()
    db = store.db
    if store.backend == "sqlite":
        names = [r["name"] for r in await db.fetch(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    else:
        names = [r["table_name"] for r in await db.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
    tables = {}
    for name in names:
        if store.backend == "sqlite":
            columns = [r["name"] for r in await db.fetch(f"PRAGMA table_info({name})")]
        else:
            columns = [r["column_name"] for r in await db.fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                (name,))]
        rows = await db.fetch(f"SELECT {', '.join(columns)} FROM {name}")
        tables[name] = (columns, [[row[c] for c in columns] for row in rows])
    return tables


# -- the story ----------------------------------------------------------------------------------

@dataclass
class World:
    double: DiscordDouble
    bot: TrainedOnBot
    people: People


@asynccontextmanager
async def privacy_world(workspace: Workspace, extra: dict[str, Any] | None = None
                        ) -> AsyncIterator[World]:
    people = story_people()
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url, extra)
        workspace.build()
        async with bot_on(double, workspace) as bot:
            await double.wait_for_commands()
            yield World(double, bot, people)


async def in_general(world: World, name: str, sub: str | None, options: dict[str, Any],
                     user: MemberSpec) -> SentInteraction:
    return await world.double.slash(name, sub, options, user=user, guild_id=GUILD_ID,
                                    channel_id=GENERAL)


async def final(it: SentInteraction) -> dict[str, Any]:
    """The message that answers, once it is no longer "thinking…" or in progress."""
    await it.response()
    return await it.original(
        timeout=60, predicate=lambda m: not (m.get("content") or "").startswith("Checking"))


async def full_story(world: World, workspace: Workspace) -> None:
    """Lookups of every kind with autocomplete, paging and an export, a catalog, a subscription
    and a watch set up, a refused command, a reload that posts an update and an alert."""
    double, people = world.double, world.people
    alice, bob, mod = people.alice, people.bob, people.mod

    typing = await double.autocomplete("lookup", "artist", focused="name",
                                       options={"name": SEARCHES[0]}, user=alice,
                                       guild_id=GUILD_ID, channel_id=GENERAL)
    await typing.response()
    artist = await final(await in_general(world, "lookup", "artist", {"name": SEARCHES[0]},
                                          alice))
    assert embed_of(artist)["title"] == "Artist: Radiohead"
    exported = await double.press(button(artist, "Export CSV + JSON"), message=artist, user=bob)
    assert double.files_in(await final(exported))
    await final(await in_general(world, "lookup", "song",
                                 {"title": SEARCHES[1], "artist": SEARCHES[0]}, bob))
    await final(await in_general(world, "lookup", "link", {"url": LINK}, alice))
    catalog = await final(await in_general(
        world, "check", "catalog", {"file": AttachmentSpec(CATALOG_NAME, CATALOG, "text/csv")},
        alice))
    assert embed_of(catalog)["title"] == f"Catalog check: {CATALOG_NAME}"

    refused = await final(await in_general(world, "reload", None, {}, alice))
    assert "Manage Server" in refused["content"]

    await final(await in_general(world, "subscribe", None,
                                 {"channel": double.guilds[GUILD_ID].channel(UPDATES)}, mod))
    question = await final(await in_general(world, "watch", "artist", {"name": WATCHED}, mod))
    anyway = f"Watch “{WATCHED}” anyway"
    picked = await double.press(button(question, anyway), message=question, user=mod)
    assert (await final(picked))["content"].startswith(f"Now watching **{WATCHED}**")

    workspace.write("gamma/new.csv", songs_csv([("Fresh Air", WATCHED)], "g"))
    workspace.write_manifest([
        songs_dataset("alpha", "alpha/*.csv", name="Alpha Set"),
        songs_dataset("beta", "beta/*.csv", name="Beta Set"),
        songs_dataset("gamma", "gamma/*.csv", name="Gamma Set"),
    ])
    reload = await in_general(world, "reload", None, {}, mod)
    assert is_deferred(await reload.response())
    assert embed_of((await reload.followups(timeout=60))[0])["title"].startswith("Reload done")
    await double.channel_messages(UPDATES, min_count=1, timeout=10)
    alerts = await double.channel_messages(GENERAL, min_count=1, timeout=10)
    assert WATCHED in str(embed_of(alerts[0]))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "sqlite":
        return {}
    return {"database": {"url": request.getfixturevalue("postgres_url")}}


async def test_everything_the_story_stores_or_logs_is_listed_in_privacy_md(
    workspace: Workspace, store_config: dict[str, Any],
) -> None:
    with every_log_record() as captured:
        async with privacy_world(workspace, store_config) as world:
            found = tracked(world.people)
            await full_story(world, workspace)
            tables = await store_tables(world.bot)
            backend = world.bot.require_store().backend

    known = vocabulary()
    assert set(found.values) <= known, "the test tracks a kind PRIVACY.md does not name"

    # The store: every column listed, each holding only the kinds listed for it.
    columns = stored_columns()
    for spec in columns.values():
        assert spec <= known, spec
    problems: list[str] = []
    for table, (names, rows) in tables.items():
        for name in names:
            if f"{table}.{name}" not in columns:
                problems.append(f"{table}.{name} is not listed")
        for row in rows:
            for name, value in zip(names, row, strict=True):
                unlisted = found.found_in(str(value)) - columns.get(f"{table}.{name}", known)
                if unlisted:
                    problems.append(f"{table}.{name} holds {sorted(unlisted)}: {value!r}")
    listed_tables = {column.partition(".")[0] for column in columns}
    missing = listed_tables - set(tables)
    if backend == "sqlite":
        missing -= set(BOOKKEEPING_TABLES)  # PostgreSQL's alone
    assert not missing, f"PRIVACY.md lists tables the store does not have: {missing}"
    for table, (names, _) in tables.items():
        stale = {c for c in columns if c.startswith(f"{table}.")} - {f"{table}.{n}" for n in names}
        assert not stale, f"PRIVACY.md lists columns the store does not have: {stale}"
    # What the story put there is really there: the check above saw real data.
    assert found.found_in(str(tables["watches"][1])) >= {"watched artist", "user id"}
    assert found.found_in(str(tables["subscriptions"][1])) >= {"user id", "server id"}

    # The logs: every record's logger listed, holding only what its rules allow.
    rules = log_rules()
    for rule in rules:
        assert rule.holds <= known, rule
    bots = [r for r in captured.records if not r.name.startswith(DISCORDS_SIDE)]
    assert bots, "nothing was logged"
    for record in bots:
        covering = [rule for rule in rules if rule.covers(record)]
        if not covering:
            problems.append(f"logger {record.name} is not listed: {record.getMessage()!r}")
            continue
        debug = record.levelno < logging.INFO
        allowed = frozenset().union(*(r.holds for r in covering if debug or not r.debug_only))
        unlisted = found.found_in(record_text(record)) - allowed
        if unlisted:
            problems.append(f"{record.name} {record.levelname} holds {sorted(unlisted)}: "
                            f"{record.getMessage()[:300]!r}")
        # And whatever PRIVACY.md says: no lookup is logged with what was searched at INFO.
        if not debug and found.found_in(record_text(record)) & {"searched text", "catalog rows"}:
            problems.append(f"{record.name} logs a search at {record.levelname}: "
                            f"{record.getMessage()[:300]!r}")

    # Nothing the people gave is on disk but in the store (read above): not in the index,
    # not in a catalog or export file, not in any file the bot wrote. (The watched artist is
    # also a dataset's artist by the end: the story's new data brings them.)
    for path in sorted(p for p in workspace.root.rglob("*") if p.is_file()):
        if path.name.startswith("subscriptions.sqlite"):
            continue
        data = path.read_bytes().decode("utf-8", errors="replace")
        on_disk = found.found_in(data) - {"watched artist"}
        if on_disk:
            problems.append(f"{path.relative_to(workspace.root)} holds {sorted(on_disk)}")
    assert not problems, "\n".join(problems)


# -- the /privacy commands ----------------------------------------------------------------------

def test_the_policy_points_to_the_operators_copy_or_else_to_the_source() -> None:
    published = policy_embed("https://example.org/trainedon/privacy")
    assert "(https://example.org/trainedon/privacy)" in fields(published.to_dict())[
        "The full policy"]
    assert fields(policy_embed(None).to_dict())["The full policy"] == POLICY_FULL_SOURCE
    assert "docs/PRIVACY.md" in POLICY_FULL_SOURCE and PRIVACY.is_file()


async def test_anyone_reads_the_policy_privately_in_a_server_or_a_dm(
    workspace: Workspace,
) -> None:
    async with privacy_world(workspace) as world:
        asked = [await in_general(world, "privacy", "policy", {}, world.people.alice),
                 await world.double.slash("privacy", "policy", user=world.people.bob)]
        for it in asked:
            answer = await final(it)
            assert is_ephemeral(answer)
            policy = embed_of(answer)
            assert policy["title"] == "TrainedOn and your data"
            assert "stores nothing" in policy["description"]
            assert "docs/PRIVACY.md" in fields(policy)["The full policy"]
            assert "/privacy forget-me" in fields(policy)["Deleting it"]


async def test_forget_me_deletes_a_persons_watches_and_their_id_everywhere(
    workspace: Workspace,
) -> None:
    async with privacy_world(workspace) as world:
        double, people, store = world.double, world.people, world.bot.require_store()
        mod = people.mod
        await store.subscribe(GUILD_ID, UPDATES, mod.user_id)
        await store.watches.watch(GUILD_ID, GENERAL, "Radiohead", "radiohead", mod.user_id)
        await store.watches.watch(OTHER_GUILD, 7, "TLC", "tlc", mod.user_id)
        await store.watches.watch(GUILD_ID, UPDATES, "Björk", "bjork", people.owner.user_id)

        # Someone the store knows nothing of is told so.
        nothing = await final(await in_general(world, "privacy", "forget-me", {}, people.alice))
        assert is_ephemeral(nothing)
        assert nothing["content"].startswith("TrainedOn keeps nothing about you")

        # The moderator asks from a DM: everything naming them goes, in every server.
        done = await final(await double.slash("privacy", "forget-me", user=mod))
        assert is_ephemeral(done)
        assert done["content"].startswith(
            "Done. Deleted 2 artist watches you created, and removed your user id from "
            "1 subscription you made")
        assert [(w.artist_norm, w.created_by) for w in await store.watches.for_guild(GUILD_ID)
                ] == [("bjork", people.owner.user_id)]
        assert await store.watches.for_guild(OTHER_GUILD) == []
        [subscription] = await store.for_guild(GUILD_ID)
        assert (subscription.channel_id, subscription.created_by) == (UPDATES, FORGOTTEN)
        assert [s.channel_id for s in await store.active()] == [UPDATES]  # still posted to


async def test_a_servers_managers_delete_its_data_after_confirming(workspace: Workspace) -> None:
    async with privacy_world(workspace) as world:
        double, people, store = world.double, world.people, world.bot.require_store()
        await store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        await store.watches.watch(GUILD_ID, GENERAL, "Radiohead", "radiohead",
                                  people.mod.user_id)
        await store.subscribe(OTHER_GUILD, 8, people.mod.user_id)

        async def server_data() -> tuple[int, int]:
            return (len(await store.for_guild(GUILD_ID)),
                    len(await store.watches.for_guild(GUILD_ID)))

        # A member without Manage Server is refused by the bot, whatever Discord shows.
        refused = await final(await in_general(world, "privacy", "delete-server-data", {},
                                               people.alice))
        assert is_ephemeral(refused)
        assert refused["content"].startswith("You need the Manage Server permission")
        in_dm = await final(await double.slash("privacy", "delete-server-data", user=people.mod))
        assert in_dm["content"] == "This command works in servers only."
        assert await server_data() == (1, 1)

        # A manager is asked first; cancelling deletes nothing; nobody else may press.
        question = await final(await in_general(world, "privacy", "delete-server-data", {},
                                                people.mod))
        assert is_ephemeral(question)
        assert question["content"].startswith(
            "This deletes everything TrainedOn keeps about this server: 1 subscription, "
            "1 artist watch and 0 recorded posts.")
        cancel = await double.press(button(question, "Cancel"), message=question,
                                    user=people.mod)
        assert (await cancel.response())["data"]["content"] == "Nothing was deleted."
        assert await server_data() == (1, 1)

        question = await final(await in_general(world, "privacy", "delete-server-data", {},
                                                people.mod))
        stranger = await double.press(button(question, "Delete this server's data"),
                                      message=question, user=people.alice)
        assert "Only the person who asked" in (await stranger.response())["data"]["content"]
        assert await server_data() == (1, 1)

        confirmed = await double.press(button(question, "Delete this server's data"),
                                       message=question, user=people.mod)
        deleted = (await confirmed.response())["data"]
        assert deleted["content"] == ("Deleted this server's data: 1 subscription, "
                                      "1 artist watch and 0 recorded posts.")
        assert not deleted.get("components")
        assert await server_data() == (0, 0)
        assert [s.channel_id for s in await store.for_guild(OTHER_GUILD)] == [8]

        # With nothing left, there is nothing to confirm.
        empty = await final(await in_general(world, "privacy", "delete-server-data", {},
                                             people.mod))
        assert empty["content"] == "TrainedOn keeps nothing about this server."
