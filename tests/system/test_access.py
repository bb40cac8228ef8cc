"""Who may run what, checked by the bot itself; and the token never leaves the process.

The access table lists every slash command the bot registers; a test compares it with the
bot's command tree, so a new command cannot be added without saying who may run it. The
double delivers any command from anyone, as Discord does when a server's admins change a
command's permissions, so every refusal seen here comes from the bot's own checks.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import discord
import pytest
import yaml
from discord import app_commands
from discord_double import (
    AttachmentSpec,
    DiscordDouble,
    MemberSpec,
    SentInteraction,
    is_deferred,
    is_ephemeral,
    make_member,
)
from helpers.bot_world import (
    GENERAL,
    GUILD_ID,
    ROLE_MODERATES,
    UPDATES,
    People,
    guild,
    role_holder,
    seed,
    world,
)
from helpers.workspace import Workspace

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.errors import UNEXPECTED, guild_only

CATALOG = AttachmentSpec("cat.csv", b"artist,title\nRadiohead,Song Number 1\n", "text/csv")
IN_DMS = "This command works in servers only."
SHOWN = {"manage_channels": "Manage Channels", "manage_guild": "Manage Server"}


@dataclass(frozen=True)
class Access:
    """Who may run a command, with options that make it do its work and what success says."""

    succeeds_with: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    permission: str | None = None  # None: every member
    guild_only: bool = False
    owner_only: bool = False  # the bot's owner alone; shown by default to Administrators
    # A subcommand of a group everyone may use (/privacy): Discord shows it to everyone and
    # everywhere, so the bot's own check alone refuses other members, and direct messages.
    checked_only: bool = False


MANAGE = "manage_channels"
ACCESS: dict[str, Access] = {
    "lookup artist": Access(("Artist: Radiohead",), {"name": "radiohead"}),
    "lookup song": Access(("Song: Creep",), {"title": "creep"}),
    "lookup link": Access(("Not in any indexed dataset",), {"url": "https://youtu.be/dQw4w9WgXcQ"}),
    "datasets": Access(("Indexed datasets",)),
    "help": Access(("About TrainedOn",)),
    "check catalog": Access(("Catalog check: cat.csv",), {"file": CATALOG}),
    "subscriptions": Access(("Update subscriptions",), permission=MANAGE, guild_only=True),
    "subscribe": Access(("will get a post", "is already subscribed"),
                        {"channel": UPDATES}, MANAGE, True),
    "unsubscribe": Access(("will no longer get update posts", "was not subscribed"),
                          {"channel": UPDATES}, MANAGE, True),
    "watch artist": Access(("Now watching **Radiohead**", "already watches **Radiohead**"),
                           {"name": "radiohead"}, MANAGE, True),
    "unwatch artist": Access(("no longer watches **radiohead**", "does not watch"),
                             {"name": "radiohead"}, MANAGE, True),
    "watches": Access(("Artist watches",), permission=MANAGE, guild_only=True),
    "reload": Access(("Reload done",), permission="manage_guild", guild_only=True),
    "status": Access(("TrainedOn status",), owner_only=True),
    "privacy policy": Access(("TrainedOn and your data",)),
    "privacy forget-me": Access(("TrainedOn keeps nothing about you", "Done. Deleted")),
    "privacy delete-server-data": Access(("This deletes everything TrainedOn keeps",
                                          "TrainedOn keeps nothing about this server"),
                                         permission="manage_guild", checked_only=True),
}
MODERATED = [name for name, access in ACCESS.items() if access.permission]
OWNER_ONLY = [name for name, access in ACCESS.items() if access.owner_only]
NOT_OWNER = "Only the bot's owner can do that."


class Members:
    """One member per way of holding (or not) a moderator's rights."""

    def __init__(self, people: People) -> None:
        self.plain = people.alice
        self.channel_manager = make_member("chan-manager",
                                           permissions=discord.Permissions(manage_channels=True))
        self.server_manager = make_member("server-manager",
                                          permissions=discord.Permissions(manage_guild=True))
        self.role_holder = role_holder()
        self.owner = people.owner  # owns the server and the application

    def holding(self, permission: str) -> MemberSpec:
        return self.channel_manager if permission == MANAGE else self.server_manager

    def not_holding(self, permission: str) -> MemberSpec:
        """A member with a moderator's other permission, but not this one."""
        return self.server_manager if permission == MANAGE else self.channel_manager


def leaf_names(bot: TrainedOnBot) -> dict[str, app_commands.Command[Any, ..., Any]]:
    return {c.qualified_name: c for c in bot.tree.walk_commands()
            if isinstance(c, app_commands.Command)}


def registered_leaves(double: DiscordDouble) -> dict[str, dict[str, Any]]:
    """Leaf command names as Discord has them, each with its top-level command."""
    found: dict[str, dict[str, Any]] = {}
    for command in double.commands():
        subs = [o for o in command.get("options", []) if o["type"] == 1]
        for sub in subs:
            found[f"{command['name']} {sub['name']}"] = command
        if not subs:
            found[command["name"]] = command
    return found


async def run(double: DiscordDouble, name: str, member: MemberSpec, *,
              in_dm: bool = False, options: dict[str, Any] | None = None) -> SentInteraction:
    access = ACCESS[name]
    command, _, sub = name.partition(" ")
    given = dict(access.options if options is None else options)
    if "channel" in given:
        channel = double.guilds[GUILD_ID].channel(given["channel"])
        given["channel"] = channel
    where: dict[str, Any] = {} if in_dm else {"guild_id": GUILD_ID, "channel_id": GENERAL}
    return await double.slash(command, sub or None, given, user=member, **where)


async def answer(it: SentInteraction) -> tuple[str, bool]:
    """The text of the bot's answer (content and embed titles), and whether it is private."""
    response = await it.response()
    if is_deferred(response):
        message = await it.original(
            timeout=60,
            predicate=lambda m: not m["content"].startswith(("Checking", "Another catalog")))
    else:
        message = response["data"]
    titles = [e.get("title", "") for e in message.get("embeds") or []]
    return " ".join([message.get("content") or "", *titles]), is_ephemeral(message)


async def snapshot(bot: TrainedOnBot) -> tuple[object, ...]:
    """What a refused command must not have changed."""
    assert bot.store is not None
    return (await bot.store.for_guild(GUILD_ID), await bot.store.watches.for_guild(GUILD_ID),
            bot.index.reloading, bot.index.searcher.reader.built_at)


def succeeded(name: str, text: str) -> bool:
    return any(marker in text for marker in ACCESS[name].succeeds_with) and UNEXPECTED not in text


async def test_the_access_table_covers_every_registered_command(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, _, _):
        commands = leaf_names(bot)
        assert sorted(commands) == sorted(ACCESS), "a command is missing from the access table"
        registered = registered_leaves(double)
        assert sorted(registered) == sorted(ACCESS)
        for name, access in ACCESS.items():
            assert guild_only(commands[name]) == access.guild_only, name
            top = registered[name]
            in_servers_only = top.get("contexts") == [0] or top.get("dm_permission") is False
            assert in_servers_only == access.guild_only, name
            # What Discord shows by default matches what the bot checks (but only hides).
            shown = top.get("default_member_permissions")
            expected = (discord.Permissions(**{access.permission: True}).value
                        if access.permission and not access.checked_only else None)
            if access.owner_only:
                expected = discord.Permissions(administrator=True).value
            assert (int(shown) if shown is not None else None) == expected, name


async def test_members_without_the_permission_are_refused_by_the_bot(
    workspace: Workspace,
) -> None:
    extra = ROLE_MODERATES
    async with world(workspace, extra) as (double, bot, people, _):
        members = Members(people)
        before = await snapshot(bot)
        refused: dict[str, list[str]] = {}
        for name in MODERATED:
            permission = ACCESS[name].permission
            assert permission is not None
            for member in (members.plain, members.not_holding(permission)):
                text, private = await answer(await run(double, name, member))
                expected = f"You need the {SHOWN[permission]} permission or a moderator role"
                if not (private and text.startswith(expected)):
                    refused.setdefault(name, []).append(f"{member.name}: {text!r}")
        for name in OWNER_ONLY:  # even a server's managers and moderators
            for member in (members.plain, members.server_manager, members.channel_manager,
                           members.role_holder):
                text, private = await answer(await run(double, name, member))
                if not (private and text == NOT_OWNER):
                    refused.setdefault(name, []).append(f"{member.name}: {text!r}")
        assert refused == {}
        assert await snapshot(bot) == before  # nothing was subscribed, watched or rebuilt

        for name in ACCESS.keys() - set(MODERATED) - set(OWNER_ONLY):  # any member may run these
            text, _ = await answer(await run(double, name, members.plain))
            assert succeeded(name, text), (name, text)


async def test_members_with_the_permission_or_a_moderator_role_are_let_in(
    workspace: Workspace,
) -> None:
    extra = ROLE_MODERATES
    async with world(workspace, extra) as (double, _, people, _):
        members = Members(people)
        for name in MODERATED:
            permission = ACCESS[name].permission
            assert permission is not None
            for member in (members.holding(permission), members.role_holder):
                text, _ = await answer(await run(double, name, member))
                assert succeeded(name, text), (name, member.name, text)


async def test_guild_only_commands_refuse_direct_messages(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        members = Members(people)
        # Discord does not offer them in DMs (registered for servers only); the bot refuses
        # them itself all the same, for a client that sends one anyway.
        assert all(c["contexts"] == [0] for c in double.commands()
                   if c.get("dm_permission") is False)
        double.check_offers = False
        for name, access in ACCESS.items():
            options = {k: v for k, v in access.options.items() if k != "channel"}
            text, private = await answer(await run(double, name, members.owner, in_dm=True,
                                                   options=options))
            if access.guild_only or access.checked_only:
                assert private and text == IN_DMS, (name, text)
            else:
                assert succeeded(name, text), (name, text)


async def test_a_guild_only_command_that_forgot_its_checks_still_refuses_dms(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        ran: list[int] = []

        @app_commands.command(name="probe", description="A command with no check of its own")
        @app_commands.guild_only()
        async def probe(interaction: discord.Interaction) -> None:
            ran.append(interaction.id)
            await interaction.response.send_message("ran", ephemeral=True)

        bot.tree.add_command(probe)
        await bot.tree.sync()
        text, private = await answer(await double.slash("probe", user=people.alice))
        assert (text, private, ran) == (IN_DMS, True, [])
        in_server = await double.slash("probe", user=people.alice, guild_id=GUILD_ID,
                                       channel_id=GENERAL)
        assert (await answer(in_server))[0] == "ran" and ran == [in_server.id]


async def test_watched_artist_suggestions_are_for_moderators_only(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None
        await bot.store.watches.watch(GUILD_ID, GENERAL, "Radiohead", "radiohead",
                                      people.mod.user_id)
        members = Members(people)
        for member, expected in ((members.plain, []), (members.channel_manager, ["Radiohead"])):
            typed = await double.autocomplete("unwatch", "artist", focused="name",
                                              options={"name": "radio"}, user=member,
                                              guild_id=GUILD_ID, channel_id=GENERAL)
            choices = (await typed.response())["data"]["choices"]
            assert [c["name"] for c in choices] == expected, member.name


# -- the token ----------------------------------------------------------------------------------

# Shaped like a real token (user id, timestamp, HMAC); the last part is the secret one.
TOKEN = "MTExMTExMTExMTExMTExMTEx.GqX7vT.Zr8-kQw3LmN0pV5sXa2Hd9JyUeT4cBfGoIv1"
SECRET = TOKEN.rsplit(".", 1)[1]


def token_free(text: str) -> bool:
    return TOKEN not in text and SECRET not in text


def bot_env(api_url: str, token: str | None = TOKEN) -> dict[str, str]:
    """The environment of `trainedon run`; `token=None` leaves DISCORD_TOKEN unset."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN",
                                                           "DISCORD_API_BASE_URL")}
    return {**env, **({"DISCORD_TOKEN": token} if token is not None else {}),
            "DISCORD_API_BASE_URL": api_url}


async def start(workspace: Workspace, double: DiscordDouble,
                token: str | None = TOKEN) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(workspace.config_path),
        env=bot_env(double.api_url, token), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


class Output:
    """Everything a process writes to stdout and stderr, collected as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.text = ""
        self._more = asyncio.Event()
        streams = (process.stdout, process.stderr)
        self._readers = [asyncio.create_task(self._read(s)) for s in streams if s is not None]

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.text += chunk.decode(errors="replace")
            self._more.set()

    async def wait_for(self, needle: str, timeout: float = 30) -> None:
        async with asyncio.timeout(timeout):
            while needle not in self.text:
                self._more.clear()
                await self._more.wait()

    async def end(self) -> str:
        """All of it, once the process has closed both streams."""
        await asyncio.wait_for(asyncio.gather(*self._readers), 30)
        return self.text


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_the_token_appears_in_no_output_of_a_full_run(
    workspace: Workspace, log_format: str,
) -> None:
    people = People()
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id,
                             token=TOKEN) as double:
        seed(workspace, double.api_url, {"logging": {"format": log_format}})
        workspace.build()
        process = await start(workspace, double)
        output = Output(process)
        try:
            await double.wait_for_identify(timeout=30)
            await double.wait_for_commands(timeout=30)
            # Lookups, and a subscription for the update post below.
            asked = await double.slash("lookup", "artist", {"name": "radiohed"},
                                       user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
            await asked.followups(timeout=30)
            suggest = await double.autocomplete("lookup", "artist", focused="name",
                                                options={"name": "radi"}, user=people.alice,
                                                guild_id=GUILD_ID, channel_id=GENERAL)
            await suggest.response(timeout=30)
            subscribed = await double.slash("subscribe", options={}, user=people.mod,
                                            guild_id=GUILD_ID, channel_id=UPDATES)
            await subscribed.response(timeout=30)

            # A reload that fails: the old index keeps serving.
            workspace.write("beta/songs.csv", "")
            failed = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                        channel_id=GENERAL)
            assert "Reload failed" in (await failed.followups(timeout=60))[0]["content"]

            # An unexpected error inside a command, with the token in Discord's error text (an
            # echoing proxy, say), and an update post that Discord refuses, likewise.
            echo = f"Bad request from Bot {TOKEN}"
            double.fail(r"POST /interactions/", 400, times=2, message=echo)
            await double.slash("lookup", "artist", {"name": "tlc"}, user=people.bob,
                               guild_id=GUILD_ID, channel_id=GENERAL)
            await output.wait_for("could not tell the user about an error")
            double.fail(r"POST /channels/\d+/messages", 403, channel_id=UPDATES, message=echo)
            workspace.write("beta/songs.csv", "title,artist,album,url,id\nNew,Radiohead,,,n1\n")
            rebuilt = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                         channel_id=GENERAL)
            assert "Reload done" in str(await rebuilt.followups(timeout=60))
            await output.wait_for("could not post to channel")
        finally:
            process.send_signal(signal.SIGTERM)
            text = await output.end()
            await asyncio.wait_for(process.wait(), 30)
    assert process.returncode == 0, text
    # The scenario happened and was logged, with the traceback of the unexpected error...
    assert "command /lookup artist failed" in text and "Traceback" in text
    assert "stopping" in text
    assert "[token]" in text  # ...where the echoed token was replaced
    assert token_free(text), "the token leaked into the bot's output"
    # Nor was it ever sent to Discord in a message.
    for request in double.requests:
        assert token_free(str(request.json)), request.route


async def test_a_crash_at_start_up_does_not_print_the_token(workspace: Workspace) -> None:
    people = People()
    async with DiscordDouble([guild(people)], token=TOKEN) as double:
        seed(workspace, double.api_url)
        double.fail(r"GET /oauth2/applications/@me", 403, times=5,
                    message=f"Missing Access for Bot {TOKEN}")
        process = await start(workspace, double)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    output = out.decode() + err.decode()
    assert process.returncode != 0
    assert "error:" in output and "403" in output
    assert token_free(output), output


# The token as secrets mounted from files and CRLF env files hand it over: discord.py strips it
# and Discord accepts it, so the stripped form is the one that can appear in output.
PADDED = {
    "trailing-newline": TOKEN + "\n",
    "crlf": TOKEN + "\r\n",
    "leading-spaces": "   " + TOKEN,
    "tabs": "\t" + TOKEN + "\t\n",
}


def place_token(workspace: Workspace, padded: str, source: str) -> str | None:
    """Put the padded token in the environment (returned) or in config.yaml (None returned)."""
    if source == "env":
        return padded
    config = yaml.safe_load(workspace.config_path.read_text())
    config["discord"]["token"] = padded
    workspace.config_path.write_text(yaml.safe_dump(config))
    return None


@pytest.mark.parametrize("source", ["env", "config"])
@pytest.mark.parametrize("padded", PADDED.values(), ids=PADDED.keys())
async def test_a_crash_at_start_up_does_not_print_a_padded_token(
    workspace: Workspace, padded: str, source: str,
) -> None:
    people = People()
    async with DiscordDouble([guild(people)], token=TOKEN) as double:
        seed(workspace, double.api_url)
        double.fail(r"GET /oauth2/applications/@me", 403, times=5,
                    message=f"Missing Access for Bot {TOKEN} (signature {SECRET})")
        process = await start(workspace, double, place_token(workspace, padded, source))
        out, err = await asyncio.wait_for(process.communicate(), 60)
    output = out.decode() + err.decode()
    assert process.returncode != 0
    assert "error:" in output and "403" in output  # it logged in, then crashed
    assert token_free(output), output


@pytest.mark.parametrize(("padded", "source"), [(PADDED["trailing-newline"], "env"),
                                                (PADDED["crlf"], "config")],
                         ids=["env-newline", "config-crlf"])
async def test_a_padded_token_connects_stripped_and_never_reaches_the_output(
    workspace: Workspace, padded: str, source: str,
) -> None:
    people = People()
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id,
                             token=TOKEN) as double:
        seed(workspace, double.api_url)
        workspace.build()
        process = await start(workspace, double, place_token(workspace, padded, source))
        output = Output(process)
        try:
            await double.wait_for_identify(timeout=30)
            await double.wait_for_commands(timeout=30)
            # An unexpected error whose text echoes the token, and its secret part on its own.
            double.fail(r"POST /interactions/", 400, times=2,
                        message=f"Bad request from Bot {TOKEN} (signature {SECRET})")
            await double.slash("lookup", "artist", {"name": "tlc"}, user=people.bob,
                               guild_id=GUILD_ID, channel_id=GENERAL)
            await output.wait_for("could not tell the user about an error")
        finally:
            process.send_signal(signal.SIGTERM)
            text = await output.end()
            await asyncio.wait_for(process.wait(), 30)
    assert process.returncode == 0, text
    assert "[token]" in text and "Traceback" in text
    assert token_free(text), "the token leaked into the bot's output"
    # Discord (the double answers 401 to anything else) was sent the stripped token.
    assert {r.headers["Authorization"] for r in double.requests
            if "Authorization" in r.headers} == {f"Bot {TOKEN}"}
