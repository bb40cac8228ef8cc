"""The Discord API double against the real, unpatched discord.py client over real sockets."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from discord_double import (
    AUTOCOMPLETE_RESULT,
    EPHEMERAL,
    AttachmentSpec,
    ChannelSpec,
    DiscordDouble,
    GuildSpec,
    RoleSpec,
    bot_running,
    is_answer,
    is_deferred,
    is_ephemeral,
    is_update,
    make_member,
    snowflake,
)

OWNER_ID = snowflake()
GUILD_ID = snowflake()
CHANNEL_ID = snowflake()
OTHER_CHANNEL_ID = snowflake()
MOD_ROLE_ID = snowflake()
ARTISTS = ["Radiohead", "Radio Moscow", "Röyksopp", "Portishead"]

# -- a small bot: one command group with a subcommand, autocomplete and a button ------------

lookup = app_commands.Group(name="lookup", description="Look things up")


class MoreView(discord.ui.View):
    """One button that rewrites the message it sits on."""

    def __init__(self) -> None:
        super().__init__(timeout=30)

    @discord.ui.button(label="More", custom_id="lookup:more", style=discord.ButtonStyle.primary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        button.disabled = True
        await interaction.response.edit_message(content="More results", view=self)


@lookup.command(name="artist", description="Find an artist")
@app_commands.describe(name="Artist name")
async def lookup_artist(interaction: discord.Interaction, name: str) -> None:
    await interaction.response.send_message(
        f"No exact match for {name}",
        ephemeral=True,
        view=MoreView(),
        allowed_mentions=discord.AllowedMentions.none(),
    )


@lookup_artist.autocomplete("name")
async def artist_names(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    matches = [a for a in ARTISTS if current.lower() in a.lower()]
    return [app_commands.Choice(name=a, value=a) for a in matches][:25]


@lookup.command(name="slow", description="A lookup that takes a while")
async def lookup_slow(interaction: discord.Interaction) -> None:
    await interaction.response.defer(thinking=True)
    await interaction.edit_original_response(content="3 matches")
    report = discord.File(io.BytesIO(b"id,title\n1,Creep\n"), filename="report.csv")
    await interaction.followup.send("Full report", file=report, ephemeral=True)


@lookup.command(name="later", description="Defer, then answer with a follow-up")
async def lookup_later(interaction: discord.Interaction) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    await interaction.followup.send("Done")


@lookup.command(name="announce", description="Post to the channel")
async def lookup_announce(interaction: discord.Interaction, text: str) -> None:
    assert isinstance(interaction.channel, discord.TextChannel)
    await interaction.channel.send(text)
    await interaction.response.send_message("Posted", ephemeral=True)


@lookup.command(name="whoami", description="Who is asking, and where")
async def lookup_whoami(interaction: discord.Interaction) -> None:
    place = "DM" if interaction.guild is None else interaction.guild.name
    admin = interaction.permissions.administrator
    await interaction.response.send_message(f"{interaction.user.name} in {place}, admin={admin}")


class DemoBot(commands.Bot):
    """What TrainedOn's bot looks like from the double's side, in miniature."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.members = intents.presences = intents.message_content = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            guild_ready_timeout=0.05,
        )
        self.errors: list[BaseException] = []

    async def setup_hook(self) -> None:
        self.tree.add_command(lookup)
        self.tree.on_error = self._on_app_command_error  # type: ignore[method-assign]
        await self.tree.sync()

    async def _on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.errors.append(error)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py sleeps 5 s before every re-IDENTIFY; tests need not wait."""


# -- fixtures ---------------------------------------------------------------------------------

member = make_member("alice")
moderator = make_member("mo", roles=[MOD_ROLE_ID])


def guild_spec() -> GuildSpec:
    return GuildSpec(
        GUILD_ID,
        "Test Guild",
        OWNER_ID,
        channels=[ChannelSpec(CHANNEL_ID, "general"), ChannelSpec(OTHER_CHANNEL_ID, "alerts")],
        roles=[RoleSpec(MOD_ROLE_ID, "mod", discord.Permissions(manage_messages=True))],
        members=[member, moderator],
    )


@dataclass
class Running:
    double: DiscordDouble
    bot: DemoBot


@pytest.fixture
async def running() -> AsyncIterator[Running]:
    async with DiscordDouble(guilds=[guild_spec()], owner_id=OWNER_ID) as double:
        bot = DemoBot()
        async with bot_running(double, bot):
            yield Running(double, bot)
            assert bot.errors == []
            assert double.unknown_routes == []


# -- tests ------------------------------------------------------------------------------------


async def test_login_and_ready(running: Running) -> None:
    double, bot = running.double, running.bot
    assert bot.user is not None and bot.user.id == double.bot_user_id
    assert bot.application_id == double.application_id
    assert bot.application is not None and bot.application.owner.id == OWNER_ID
    guild = bot.get_guild(GUILD_ID)
    assert guild is not None and guild.name == "Test Guild"
    assert guild.get_channel(CHANNEL_ID) is not None
    assert guild.me is not None and guild.me.guild_permissions.send_messages
    routes = [r.route for r in double.requests]
    assert "GET /users/@me" in routes and "GET /oauth2/applications/@me" in routes
    identify = next(f for f in double.gateway.received if f["op"] == 2)
    assert identify["d"]["token"] == double.token


async def test_command_sync_is_recorded(running: Running) -> None:
    double = running.double
    await double.wait_for_commands(timeout=5)
    (command,) = double.commands()
    assert command["name"] == "lookup" and command["application_id"] == str(double.application_id)
    subcommands = {o["name"]: o for o in command["options"]}
    assert set(subcommands) == {"artist", "slow", "later", "announce", "whoami"}
    assert subcommands["artist"]["options"][0]["autocomplete"] is True
    sync = next(r for r in double.requests if r.route.startswith("PUT /applications/"))
    assert sync.headers["Authorization"] == f"Bot {double.token}"


async def test_slash_command_round_trip(running: Running) -> None:
    double = running.double
    it = await double.slash(
        "lookup",
        subcommand="artist",
        options={"name": "radiohed"},
        user=member,
        guild_id=GUILD_ID,
        channel_id=CHANNEL_ID,
    )
    callback = await it.response(timeout=5)
    assert is_answer(callback)
    assert callback["data"]["content"] == "No exact match for radiohed"
    assert callback["data"]["flags"] == EPHEMERAL
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    original = await it.original(timeout=5)
    assert original["content"] == "No exact match for radiohed" and is_ephemeral(original)


async def test_permissions_reach_the_bot(running: Running) -> None:
    admin = make_member("root", permissions=discord.Permissions(administrator=True))
    it = await running.double.slash("lookup", "whoami", user=admin, guild_id=GUILD_ID)
    callback = await it.response()
    assert callback["data"]["content"] == "root in Test Guild, admin=True"
    plain = await running.double.slash("lookup", "whoami", user=member, guild_id=GUILD_ID)
    assert (await plain.response())["data"]["content"] == "alice in Test Guild, admin=False"


async def test_dm_interaction(running: Running) -> None:
    it = await running.double.slash("lookup", subcommand="whoami", user=member)
    assert it.payload["context"] == 1 and "user" in it.payload and "member" not in it.payload
    assert (await it.response())["data"]["content"] == "alice in DM, admin=False"


async def test_autocomplete(running: Running) -> None:
    it = await running.double.autocomplete(
        "lookup",
        subcommand="artist",
        focused="name",
        options={"name": "radi"},
        user=member,
        guild_id=GUILD_ID,
    )
    callback = await it.response(timeout=5)
    assert callback["type"] == AUTOCOMPLETE_RESULT
    assert [c["value"] for c in callback["data"]["choices"]] == ["Radiohead", "Radio Moscow"]


async def test_deferred_then_edit_and_followup_with_file(running: Running) -> None:
    double = running.double
    it = await double.slash("lookup", subcommand="slow", user=member, guild_id=GUILD_ID)
    assert is_deferred(await it.response())
    original = await it.original(timeout=5)
    assert original["content"] == "3 matches"
    (followup,) = await it.followups(min_count=1, timeout=5)
    assert followup["content"] == "Full report" and is_ephemeral(followup)
    (attachment,) = followup["attachments"]
    assert attachment["filename"] == "report.csv"
    upload = next(r for r in double.requests if r.files)
    assert upload.files[0].data == b"id,title\n1,Creep\n"
    async with aiohttp.ClientSession() as session, session.get(attachment["url"]) as download:
        assert await download.read() == upload.files[0].data


async def test_first_followup_after_defer_becomes_the_original(running: Running) -> None:
    it = await running.double.slash("lookup", "later", user=member, guild_id=GUILD_ID)
    original = await it.original()
    assert original["content"] == "Done" and original["flags"] == EPHEMERAL  # still ephemeral
    assert [m["id"] for m in await it.followups()] == [original["id"]]


async def test_button_press_updates_the_message(running: Running) -> None:
    double = running.double
    it = await double.slash("lookup", "artist", {"name": "x"}, user=member, guild_id=GUILD_ID)
    original = await it.original()
    press = await double.press("lookup:more", message=original, user=member)
    callback = await press.response(timeout=5)
    assert is_update(callback) and callback["data"]["content"] == "More results"
    updated = await it.original(predicate=lambda m: m["content"] == "More results")
    assert updated["components"][0]["components"][0]["disabled"] is True
    with pytest.raises(ValueError, match="disabled"):
        await double.press("lookup:more", message=updated, user=member)


async def test_channel_post(running: Running) -> None:
    double = running.double
    it = await double.slash(
        "lookup", "announce", {"text": "New dataset indexed"}, user=member, guild_id=GUILD_ID
    )
    (post,) = await double.channel_messages(CHANNEL_ID, min_count=1, timeout=5)
    assert post["content"] == "New dataset indexed"
    assert post["author"]["id"] == str(double.bot_user_id)
    assert (await it.response())["data"]["content"] == "Posted"


async def test_injected_429_is_retried(running: Running) -> None:
    double = running.double
    fault = double.fail(r"POST /channels/\d+/messages", status=429, retry_after=0.05)
    sent = await running.bot.get_partial_messageable(OTHER_CHANNEL_ID).send("after the limit")
    assert sent.content == "after the limit"
    posts = [r for r in double.requests if r.route.endswith("/messages")]
    assert [r.status for r in posts] == [429, 200]
    assert len(fault.hits) == 1
    assert (await double.channel_messages(OTHER_CHANNEL_ID))[0]["content"] == "after the limit"


async def test_forbidden_and_unknown_channel_faults(running: Running) -> None:
    double, bot = running.double, running.bot
    double.fail(channel_id=OTHER_CHANNEL_ID, status=403)
    with pytest.raises(discord.Forbidden) as forbidden:
        await bot.get_partial_messageable(OTHER_CHANNEL_ID).send("x")
    assert forbidden.value.code == 50001
    double.fail(r"/messages", channel_id=OTHER_CHANNEL_ID, status=404)
    with pytest.raises(discord.NotFound) as missing:
        await bot.get_partial_messageable(OTHER_CHANNEL_ID).send("x")
    assert missing.value.code == 10003


async def test_delay_fault_times_out_the_client(running: Running) -> None:
    running.double.fail(r"GET /channels/", delay=1.0)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(running.bot.fetch_channel(CHANNEL_ID), timeout=0.1)


@pytest.mark.parametrize("code", [4000, None])
async def test_gateway_drop_then_resume(running: Running, code: int | None) -> None:
    double = running.double
    await double.drop_gateway(code)
    it = await double.slash("lookup", "whoami", user=member, guild_id=GUILD_ID)
    assert is_answer(await it.response(timeout=5))
    await double.wait_for_resume(timeout=5)
    assert (double.gateway.identify_count, double.gateway.resume_count) == (1, 1)


async def test_unresumable_drop_makes_the_bot_identify_again(running: Running) -> None:
    double = running.double
    await double.drop_gateway(resumable=False)
    await double.wait_for_identify(timeout=5, count=2)
    it = await double.slash("lookup", "whoami", user=member, guild_id=GUILD_ID)
    assert is_answer(await it.response(timeout=5))
    assert double.gateway.resume_count == 0
    assert any(f["op"] == 6 for f in double.gateway.received)  # it tried to resume first


async def test_guild_commands(running: Running) -> None:
    guild = discord.Object(GUILD_ID)
    running.bot.tree.copy_global_to(guild=guild)
    await running.bot.tree.sync(guild=guild)
    (command,) = running.double.commands(guild_id=GUILD_ID)
    assert command["guild_id"] == str(GUILD_ID)
    it = await running.double.slash("lookup", "whoami", user=member, guild_id=GUILD_ID)
    assert it.payload["data"]["guild_id"] == str(GUILD_ID)
    assert (await it.response())["data"]["content"] == "alice in Test Guild, admin=False"


async def test_dispatched_event_reaches_the_bot(running: Running) -> None:
    removed = asyncio.create_task(running.bot.wait_for("guild_remove", timeout=5))
    await running.double.dispatch("GUILD_DELETE", {"id": str(GUILD_ID), "unavailable": False})
    assert (await removed).id == GUILD_ID
    assert running.bot.get_guild(GUILD_ID) is None


async def test_unknown_route_is_logged(running: Running) -> None:
    route = discord.http.Route("GET", "/nowhere/{x}", x=1)
    with pytest.raises(discord.NotFound):
        await running.bot.http.request(route)
    assert [r.route for r in running.double.unknown_routes] == ["GET /nowhere/1"]
    running.double.unknown_routes.clear()


async def test_mismatched_interaction_is_refused_before_sending(running: Running) -> None:
    with pytest.raises(ValueError, match="unknown option"):
        await running.double.slash("lookup", "artist", {"nam": "x"}, user=member, guild_id=GUILD_ID)
    with pytest.raises(LookupError):
        await running.double.slash("nope", user=member, guild_id=GUILD_ID)


async def test_clean_shutdown() -> None:
    async with DiscordDouble(guilds=[guild_spec()]) as double:
        bot = DemoBot()
        async with bot_running(double, bot) as task:
            assert bot.is_ready()
        assert bot.is_closed() and task.done() and task.exception() is None
        assert double.gateway.identify_count == 1  # it closed rather than reconnecting


async def test_guild_lookups_and_message_edits(running: Running) -> None:
    bot = running.bot
    guild = await bot.fetch_guild(GUILD_ID)
    assert guild.name == "Test Guild" and guild.owner_id == OWNER_ID
    fetched = await guild.fetch_member(moderator.user_id)
    assert MOD_ROLE_ID in [r.id for r in fetched.roles]
    assert {c.id for c in await guild.fetch_channels()} == {CHANNEL_ID, OTHER_CHANNEL_ID}
    assert "mod" in [r.name for r in await guild.fetch_roles()]
    with pytest.raises(discord.NotFound):
        await guild.fetch_member(snowflake())
    text_channel = await bot.fetch_channel(CHANNEL_ID)
    assert isinstance(text_channel, discord.TextChannel)
    sent = await text_channel.send("draft")
    await (await text_channel.fetch_message(sent.id)).edit(content="final")
    (stored,) = await running.double.channel_messages(CHANNEL_ID)
    assert stored["content"] == "final" and stored["edited_timestamp"] is not None


async def test_error_bodies_and_headers_on_the_wire(running: Running) -> None:
    double = running.double
    double.fail("GET /gateway/bot", status=502)
    double.fail("GET /users/@me", status=429, retry_after=0.25, is_global=True)
    headers = {"Authorization": f"Bot {double.token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(double.api_url + "/gateway/bot") as failed:
            assert failed.status == 502
        async with session.get(double.api_url + "/gateway/bot") as ok:
            assert ok.headers["Content-Type"] == "application/json"
            assert (await ok.json())["url"] == double.gateway_url
        async with session.get(double.api_url + "/users/@me") as limited:
            assert limited.status == 429 and limited.headers["Via"]
            assert limited.headers["X-RateLimit-Reset-After"] == "0.250"
            assert await limited.json() == {
                "message": "You are being rate limited.",
                "retry_after": 0.25,
                "global": True,
                "code": 0,
            }


async def test_heartbeats_are_acknowledged() -> None:
    async with DiscordDouble(guilds=[guild_spec()], heartbeat_interval=20) as double:
        bot = DemoBot()
        async with bot_running(double, bot):

            def three_beats() -> bool | None:
                return sum(f["op"] == 1 for f in double.gateway.received) >= 3 or None

            await double.changes.wait_for(three_beats, timeout=2, what="three heartbeats")
            assert bot.latency < 1


async def test_auto_sharded_bot_uses_gateway_bot() -> None:
    intents = discord.Intents.default()
    intents.members = intents.presences = intents.message_content = False
    async with DiscordDouble(guilds=[guild_spec()]) as double:
        bot = commands.AutoShardedBot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
        async with bot_running(double, bot):
            assert any(r.route == "GET /gateway/bot" for r in double.requests)
            identify = next(f for f in double.gateway.received if f["op"] == 2)
            assert identify["d"]["shard"] == [0, 1]
            assert bot.get_guild(GUILD_ID) is not None


async def test_a_bot_that_fails_to_log_in_fails_fast() -> None:
    async with DiscordDouble() as double:
        double.fail("GET /users/@me", status=401)
        with pytest.raises(discord.LoginFailure):
            async with bot_running(double, DemoBot()):
                pass


# -- slash-command attachment options ---------------------------------------------------------

check = app_commands.Group(name="check", description="Check uploaded files")
CATALOG = b"id,title\n1,Creep\n2,Glory Box\n"


@check.command(name="catalog", description="Read an uploaded catalog")
async def check_catalog(interaction: discord.Interaction, file: discord.Attachment) -> None:
    try:
        data = await file.read()
    except discord.HTTPException:
        await interaction.response.send_message("download failed", ephemeral=True)
        return
    assert isinstance(interaction.client, FileBot)
    interaction.client.downloaded.append(data)
    size = f"{file.filename}: {len(data)} bytes (says {file.size})"
    await interaction.response.send_message(size)
    checked = discord.File(io.BytesIO(data.upper()), filename=f"checked-{file.filename}")
    await interaction.followup.send("Checked copy", file=checked)


class FileBot(DemoBot):
    """A tiny bot whose one command downloads a user's file and sends a copy back."""

    def __init__(self) -> None:
        super().__init__()
        self.downloaded: list[bytes] = []

    async def setup_hook(self) -> None:
        self.tree.add_command(check)
        self.tree.on_error = self._on_app_command_error  # type: ignore[method-assign]
        await self.tree.sync()


@pytest.fixture
async def file_bot() -> AsyncIterator[Running]:
    async with DiscordDouble(guilds=[guild_spec()], owner_id=OWNER_ID) as double:
        bot = FileBot()
        async with bot_running(double, bot):
            yield Running(double, bot)
            assert bot.errors == []
            assert double.unknown_routes == []


async def test_attachment_option_round_trip(file_bot: Running) -> None:
    double, bot = file_bot.double, file_bot.bot
    assert isinstance(bot, FileBot)
    upload = AttachmentSpec("cat.csv", CATALOG, "text/csv")
    it = await double.slash(
        "check", "catalog", {"file": upload}, user=member, guild_id=GUILD_ID, channel_id=CHANNEL_ID
    )
    (option,) = it.payload["data"]["options"][0]["options"]
    assert option["type"] == 11
    resolved = it.payload["data"]["resolved"]["attachments"][option["value"]]
    assert resolved["filename"] == "cat.csv" and resolved["size"] == len(CATALOG)
    assert resolved["content_type"] == "text/csv" and resolved["ephemeral"] is True
    assert f"/ephemeral-attachments/{CHANNEL_ID}/{option['value']}/cat.csv?" in resolved["url"]

    reply = await it.response()
    assert reply["data"]["content"] == f"cat.csv: {len(CATALOG)} bytes (says {len(CATALOG)})"
    assert bot.downloaded == [CATALOG]
    (download,) = double.downloads
    assert download.route.startswith("GET /ephemeral-attachments/") and download.status == 200

    (followup,) = await it.followups()
    assert double.files_in(followup) == {"checked-cat.csv": CATALOG.upper()}
    async with aiohttp.ClientSession() as session, session.get(resolved["url"]) as served:
        assert served.headers["Content-Type"] == "text/csv"
        assert served.headers["Content-Length"] == str(len(CATALOG))


async def test_attachment_size_can_lie_and_dm_files_live_in_the_dm(file_bot: Running) -> None:
    double = file_bot.double
    upload = AttachmentSpec("big.csv", CATALOG, size=50 * 1024 * 1024)
    it = await double.slash("check", "catalog", {"file": upload}, user=member)
    reply = await it.response()
    assert reply["data"]["content"] == f"big.csv: {len(CATALOG)} bytes (says {50 * 1024 * 1024})"
    dm_channel = it.payload["channel_id"]
    assert double.downloads[0].path.startswith(f"/ephemeral-attachments/{dm_channel}/")
    (followup,) = await it.followups()
    assert double.files_in(int(followup["id"])) == {"checked-big.csv": CATALOG.upper()}


async def test_failed_attachment_download_reaches_the_bot_as_http_error(file_bot: Running) -> None:
    double = file_bot.double
    fault = double.fail(r"GET /(ephemeral-)?attachments/", 500)
    upload = AttachmentSpec("cat.csv", CATALOG, "text/csv")
    it = await double.slash("check", "catalog", {"file": upload}, user=member, guild_id=GUILD_ID)
    reply = await it.response()
    assert reply["data"]["content"] == "download failed"
    assert len(fault.hits) == 1 and double.downloads[0].status == 500


async def test_attachment_options_are_validated_before_sending(file_bot: Running) -> None:
    double = file_bot.double
    for wrong in (CATALOG, "cat.csv", 1):
        with pytest.raises(ValueError, match="AttachmentSpec"):
            await double.slash("check", "catalog", {"file": wrong}, user=member, guild_id=GUILD_ID)
    with pytest.raises(ValueError, match="required option"):
        await double.slash("check", "catalog", user=member, guild_id=GUILD_ID)
    assert double.interactions == {}


async def test_a_file_is_refused_by_a_non_attachment_option(running: Running) -> None:
    upload = AttachmentSpec("cat.csv", CATALOG)
    with pytest.raises(ValueError, match="takes a type-3 value"):
        await running.double.slash("lookup", "artist", {"name": upload}, user=member)
