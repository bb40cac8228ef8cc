"""/status: the owner's view of this process (shards, build, peers), refused to anyone else."""

from __future__ import annotations

from discord_double import embed_of, fields, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

from bot.index.reader import IndexReader

ADMINISTRATOR = 1 << 3


async def test_the_owner_sees_shards_build_and_processes(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        it = await double.slash("status", user=people.owner, guild_id=GUILD_ID,
                                channel_id=GENERAL)
        response = await it.response()
        assert is_ephemeral(response)
        shown = fields(embed_of(response["data"]))
        assert bot.cluster is not None
        assert shown["This process"].startswith(f"{bot.cluster.process_id} · leader\n1 of 1")
        assert shown["Shards"].startswith("shard 0: ") and shown["Shards"].endswith(" ms")
        fingerprint = IndexReader(workspace.index_path).fingerprint
        assert f"`{fingerprint[:12]}`" in shown["Index build"]
        [(name, value)] = [(n, v) for n, v in shown.items() if n.startswith("Processes")]
        assert name == "Processes (1 live, store: sqlite)"
        assert value.startswith(f"{bot.cluster.process_id} · leader: shards all, "
                                f"`{fingerprint[:12]}`, serving")


async def test_anyone_else_is_refused_by_the_bot_whatever_the_server_shows(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        [status] = [c for c in double.commands() if c["name"] == "status"]
        assert int(status["default_member_permissions"]) == ADMINISTRATOR  # hidden by default
        for who in (people.mod, people.alice):  # a server admin may have shown it to them
            it = await double.slash("status", user=who, guild_id=GUILD_ID, channel_id=GENERAL)
            response = await it.response()
            assert is_ephemeral(response)
            assert response["data"]["content"] == "Only the bot's owner can do that."
