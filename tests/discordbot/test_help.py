"""/help lists every registered command, read from the command tree, with who may use it."""

from __future__ import annotations

from discord_double import embed_of, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace


def registered(commands: list[dict]) -> list[str]:
    """Leaf command names as Discord has them registered ("lookup artist", "datasets")."""
    names = []
    for command in commands:
        subs = [o["name"] for o in command.get("options", []) if o["type"] == 1]
        names += [f"{command['name']} {sub}" for sub in subs] or [command["name"]]
    return names


def command_of(line: str) -> str:
    """"lookup artist" of "`/lookup artist name: [private:]` — …": the words before options."""
    words = line.split("`")[1].removeprefix("/").split()
    return " ".join(w for w in words if not w.endswith(":") and not w.startswith("["))


async def test_help_lists_every_registered_command_with_who_may_use_it(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        it = await double.slash("help", user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        response = await it.response()
        assert is_ephemeral(response)
        embed = embed_of(response["data"])
        text = "\n".join(f["value"] for f in embed["fields"] if f["name"].startswith("Commands"))
        lines = {command_of(line): line for line in text.splitlines() if line.startswith("`/")}
        assert sorted(lines) == sorted(registered(double.commands()))
        assert lines["lookup artist"].startswith("`/lookup artist name: [private:]` — ")
        assert lines["lookup artist"].endswith("· *everyone*")
        assert lines["watch artist"].endswith("· *Manage Channels or a moderator role, in servers*")
        assert lines["reload"].endswith("· *Manage Server or a moderator role, in servers*")
        assert lines["status"].endswith("· *the bot's owner*")
        assert "**Export**" in text
