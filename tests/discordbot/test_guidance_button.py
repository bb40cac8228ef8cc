"""The "What can I do?" button and /datasets' facts, through the real client and the double.

Under a found answer (/lookup artist, song and link, /check catalog) the button answers whoever
presses it, privately, with the routes of the datasets in that answer and the general ones,
each with its source and date; guidance and facts texts are shown inert, mentions off.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import discord
import yaml
from discord_double import (
    AttachmentSpec,
    DiscordDouble,
    SentInteraction,
    button,
    embed_of,
    fields,
    is_answer,
    is_ephemeral,
)
from helpers import REPO
from helpers.bot_world import GENERAL, GUILD_ID, People, assert_no_mentions_anywhere, world
from helpers.identity_data import VIDEO, identity_world
from helpers.workspace import Workspace, songs_dataset

from bot.datasets.guidance import MAX_GENERAL_ITEMS, MAX_TEXT, load_guidance
from bot.discordbot.guidance import BUTTON_LABEL, steps_embeds
from bot.discordbot.safety import (
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    field_chunks,
    message_groups,
)

HOSTILE = "@everyone **look** `x` [click](https://evil.example) <@&123>"
CHECKED = "2026-11-30"


def route(title: str, text: str, source: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, "text": text, "source": source, "checked": CHECKED, **extra}


def guidance_doc(general: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "checked": CHECKED,
        "notice": "Your song is listed in a dataset's published metadata. "
                  "Informational, not legal advice.",
        "general": general if general is not None else [
            {**route("A registry", "Register a reservation of rights.",
                     "https://example.org/registry"), "kind": "opt-out"},
            {**route("A court case", "A court heard a case.", "https://example.org/case"),
             "kind": "case"},
        ],
        "hosts": {"hub": {"name": "The Hub", "items": [
            route("Report the repository", "Use the report menu.", "https://example.org/hub"),
        ]}},
        "datasets": {
            "alpha": {"host": "hub", "items": [
                route("Write to Alpha", HOSTILE, "https://example.org/alpha",
                      link="https://example.org/alpha/contact"),
            ]},
            "tube": {"items": [route("Write to Tube", "Tube's maintainers read issues.",
                                     "https://example.org/tube")]},
        },
    }


def write_guidance(workspace: Workspace, doc: dict[str, Any] | None = None) -> None:
    workspace.write("guidance.yaml", yaml.safe_dump(doc or guidance_doc(), allow_unicode=True))


async def lookup(double: DiscordDouble, people: People, name: str) -> dict[str, Any]:
    it = await double.slash("lookup", "artist", {"name": name}, user=people.alice,
                            guild_id=GUILD_ID, channel_id=GENERAL)
    return (await it.followups())[0]


def labels(message: dict[str, Any]) -> list[str]:
    return [c.get("label") for row in message.get("components", []) for c in row["components"]]


async def pages_of(pressed: SentInteraction) -> list[dict[str, Any]]:
    """The embeds a press answered with, privately, in its one message."""
    response = await pressed.response()
    assert is_answer(response) and is_ephemeral(response), response
    return list(response["data"]["embeds"])


def all_fields(embeds: list[dict[str, Any]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for embed in embeds:
        merged.update(fields(embed))
    return merged


# --- the button under a found answer ----------------------------------------------------------

async def test_a_found_artist_has_the_button_and_anyone_gets_the_routes_privately(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        write_guidance(workspace)
        answer = await lookup(double, people, "radiohead")
        assert BUTTON_LABEL in labels(answer)
        # Bob did not ask, but may read what can be done: it is general information.
        pressed = await double.press(button(answer, BUTTON_LABEL), message=answer,
                                     user=people.bob)
        embeds = await pages_of(pressed)
        head = embeds[0]
        assert head["title"] == "What can I do?"
        assert "Informational, not legal advice." in head["description"]
        assert "Listed in: Alpha Set, Beta Set." in head["description"]
        assert "No publisher route on file for: Beta Set." in head["description"]
        assert head["footer"]["text"] == (
            f"Informational, not legal advice · guidance checked {CHECKED}")
        shown = all_fields(embeds)
        alpha = shown["Alpha Set: Write to Alpha"]
        assert f"[Source](https://example.org/alpha), checked {CHECKED}" in alpha
        assert "[Go there](https://example.org/alpha/contact)" in alpha
        assert list(shown) == ["Alpha Set: Write to Alpha",
                               "The Hub (hosts Alpha Set): Report the repository",
                               "Opt-outs and registries: A registry", "Court cases: A court case"]
        assert f"[Source](https://example.org/case), checked {CHECKED}" in shown[
            "Court cases: A court case"]
        assert_no_mentions_anywhere(double)


async def test_guidance_text_with_mentions_and_markdown_is_shown_inert(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        write_guidance(workspace)
        answer = await lookup(double, people, "radiohead")
        pressed = await double.press(button(answer, BUTTON_LABEL), message=answer,
                                     user=people.alice)
        text = all_fields(await pages_of(pressed))["Alpha Set: Write to Alpha"]
        assert "@everyone" not in text and "@\u200beveryone" in text
        assert "\\*\\*look\\*\\*" in text and "\\`x\\`" in text
        assert "\\[click\\](https://evil.example)" in text  # no masked link of the text's own
        assert "<@&123>" not in text and "<\u200b@&123>" in text
        body = (await pressed.response())["data"]
        assert body["allowed_mentions"] == {"parse": []}


async def test_long_guidance_is_spread_over_private_messages_none_cut(
    workspace: Workspace,
) -> None:
    general = [{**route(f"Route {n:02d}", "A long route. " * (MAX_TEXT // 14),
                        f"https://example.org/route/{n}"), "kind": "opt-out"}
               for n in range(MAX_GENERAL_ITEMS)]
    async with world(workspace) as (double, _, people, _):
        write_guidance(workspace, guidance_doc(general))
        answer = await lookup(double, people, "radiohead")
        pressed = await double.press(button(answer, BUTTON_LABEL), message=answer,
                                     user=people.alice)
        first = await pressed.response()
        assert is_ephemeral(first)
        steps = load_guidance(workspace.data / "guidance.yaml").next_steps(
            [("alpha", "Alpha Set"), ("beta", "Beta Set")])
        expected = len(message_groups(steps_embeds(steps)))
        assert expected >= 3
        follow_ups = await pressed.followups(min_count=expected - 1, timeout=5)
        assert len(follow_ups) == expected - 1
        messages = [first["data"], *follow_ups]
        for message in messages:
            assert is_ephemeral(message)
            assert sum(_size(e) for e in message["embeds"]) <= EMBED_TOTAL_LIMIT
        shown = all_fields([e for m in messages for e in m["embeds"]])
        for n in range(MAX_GENERAL_ITEMS):
            assert f"(https://example.org/route/{n})" in shown[
                f"Opt-outs and registries: Route {n:02d}"]
        assert all(not v.endswith("…") for v in shown.values())


def _size(embed: dict[str, Any]) -> int:
    """The characters Discord counts toward the 6,000 of a message."""
    return (len(embed.get("title", "")) + len(embed.get("description", ""))
            + len(embed.get("footer", {}).get("text", ""))
            + sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", [])))


async def test_an_uncertain_answer_and_a_missing_file_show_no_button(
    workspace: Workspace,
) -> None:
    strict = {"search": {"found_score": 100, "uncertain_score": 50}}
    async with world(workspace, strict) as (double, _, people, _):
        answer = await lookup(double, people, "radiohead")  # found, but no guidance file
        assert BUTTON_LABEL not in labels(answer) and "Export CSV + JSON" in labels(answer)
        write_guidance(workspace)
        found = await lookup(double, people, "radiohead")
        assert BUTTON_LABEL in labels(found)
        uncertain = await lookup(double, people, "radiohed")  # a typo: below 100
        assert "Not an exact match" in embed_of(uncertain)["description"]
        assert BUTTON_LABEL not in labels(uncertain)


async def test_a_link_answer_has_the_button_with_that_datasets_routes(
    workspace: Workspace,
) -> None:
    async with identity_world(workspace) as (double, _, people):
        write_guidance(workspace)
        it = await double.slash("lookup", "link", {"url": f"https://youtu.be/{VIDEO}"},
                                user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        answer = (await it.followups())[0]
        pressed = await double.press(button(answer, BUTTON_LABEL), message=answer,
                                     user=people.alice)
        embeds = await pages_of(pressed)
        assert "Listed in: Tube Set, Caption Set." in embeds[0]["description"]
        assert "Tube Set: Write to Tube" in all_fields(embeds)


async def test_a_catalog_check_with_found_rows_has_the_button(workspace: Workspace) -> None:
    catalog = b"Artist,Track Title\nRadiohead,Song Number 3\nNobody Known,Absent Song\n"
    async with world(workspace) as (double, _, people, _):
        write_guidance(workspace)
        it = await double.slash("check", "catalog",
                                {"file": AttachmentSpec("cat.csv", catalog, "text/csv")},
                                user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        answer = await it.original(timeout=30, predicate=lambda m: bool(m.get("embeds")))
        assert labels(answer) == [BUTTON_LABEL]
        pressed = await double.press(button(answer, BUTTON_LABEL), message=answer,
                                     user=people.bob)
        embeds = await pages_of(pressed)
        assert "Listed in: Alpha Set." in embeds[0]["description"]
        assert "Alpha Set: Write to Alpha" in all_fields(embeds)
        absent = AttachmentSpec("none.csv", b"Artist,Title\nNobody Known,Absent Song\n")
        none_found = await double.slash("check", "catalog", {"file": absent}, user=people.bob,
                                        guild_id=GUILD_ID, channel_id=GENERAL)
        plain = await none_found.original(timeout=30, predicate=lambda m: bool(m.get("embeds")))
        assert BUTTON_LABEL not in labels(plain)


async def test_the_evidence_export_carries_the_guidance_as_a_file_and_in_the_json(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        write_guidance(workspace)
        answer = await lookup(double, people, "radiohead")
        pressed = await double.press(button(answer, "Export CSV + JSON"), message=answer,
                                     user=people.bob)
        files = double.files_in((await pressed.followups())[0])
        rows = list(csv.DictReader(io.StringIO(
            files["trainedon-artist-radiohead-what-you-can-do.csv"].decode("utf-8-sig"))))
        assert rows[0]["section"] == "Notice" and "not legal advice" in rows[0]["text"]
        assert rows[1]["section"] == "No route on file" and rows[1]["text"] == "Beta Set"
        alpha = rows[2]
        assert (alpha["section"], alpha["title"]) == ("Alpha Set", "Write to Alpha")
        assert alpha["text"] == "'" + HOSTILE  # "@…" would start a spreadsheet formula
        assert (alpha["source"], alpha["checked"]) == ("https://example.org/alpha", CHECKED)
        data = json.loads(files["trainedon-artist-radiohead.json"])
        assert data["guidance"]["listed_in"] == ["Alpha Set", "Beta Set"]
        assert len(rows) == 2 + sum(len(s["items"]) for s in data["guidance"]["sections"])


# --- /datasets shows the facts ----------------------------------------------------------------

def fact(value: str | int, source: str) -> dict[str, Any]:
    return {"value": value, "source": source, "checked": CHECKED}


async def test_datasets_shows_each_fact_with_its_source_and_date_or_unverified(
    workspace: Workspace,
) -> None:
    facts = {
        "publisher": fact("Alpha Lab @everyone", "https://example.org/alpha-card"),
        "year": fact(2024, "https://example.org/alpha-card"),
        "rows": fact(12320916, "https://example.org/alpha-rows"),
        "license": {"value": "unknown", "unverified": "the card states no licence"},
    }
    async with world(workspace) as (double, _, people, _):
        workspace.write_manifest([songs_dataset("alpha", "alpha/*.csv", name="Alpha Set",
                                                facts=facts),
                                  songs_dataset("beta", "beta/*.csv", name="Beta Set")])
        it = await double.slash("datasets", user=people.alice, guild_id=GUILD_ID,
                                channel_id=GENERAL)
        response = await it.response()
        embeds = response["data"]["embeds"]
        assert embeds[0]["title"] == "Indexed datasets"
        [facts_embed] = [e for e in embeds if e["title"].startswith("Facts as published")]
        shown = fields(facts_embed)
        alpha = shown["Alpha Set"].splitlines()
        assert alpha[0] == (f"Publisher: [Alpha Lab @\u200beveryone](https://example.org/"
                            f"alpha-card) (checked {CHECKED})")
        assert alpha[2] == (f"Rows as published: [12,320,916](https://example.org/alpha-rows) "
                            f"(checked {CHECKED})")
        assert alpha[3] == "Licence: unknown — **unverified**: the card states no licence"
        assert shown["Beta Set"] == "**Unverified**: no facts recorded in the manifest."
        assert response["data"]["allowed_mentions"] == {"parse": []}


async def test_datasets_still_answers_when_the_manifest_cannot_be_read(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        (workspace.data / "datasets.yaml").write_text("datasets: [", encoding="utf-8")
        it = await double.slash("datasets", user=people.alice, guild_id=GUILD_ID,
                                channel_id=GENERAL)
        embeds = (await it.response())["data"]["embeds"]
        assert embeds[0]["title"] == "Indexed datasets"
        assert "The facts could not be read:" in embeds[1]["description"]
        assert "not valid YAML" in embeds[1]["description"]


# --- within Discord's limits, without Discord -------------------------------------------------

def test_the_shipped_guidance_for_every_dataset_fits_discord_and_keeps_every_source() -> None:
    guidance = load_guidance(REPO / "data" / "guidance.yaml")
    listed = [(key, key.upper()) for key in guidance.datasets]
    embeds: list[discord.Embed] = steps_embeds(guidance.next_steps(listed))
    text = ""
    for embed in embeds:
        assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) <= FIELD_COUNT_LIMIT
        for field in embed.fields:
            assert field.name is not None and field.value is not None
            assert len(field.name) <= FIELD_NAME_LIMIT and len(field.value) <= FIELD_VALUE_LIMIT
            assert not field.value.endswith("…")
            text += field.value
    for item in guidance.items():
        assert f"({item.source}), checked {item.checked.isoformat()}" in text, item.title


def test_a_field_too_long_for_discord_goes_on_in_another_between_lines() -> None:
    lines = ["a" * 600, f"[Source](https://example.org/{'b' * 400}), checked {CHECKED}"]
    [(first, one), (second, two)] = field_chunks("Alpha Set", lines)
    assert (first, second) == ("Alpha Set", "Alpha Set (cont.)")
    assert (one, two) == tuple(lines)  # each line whole: no link is cut in two
    assert field_chunks("Empty", []) == [("Empty", "—")]
