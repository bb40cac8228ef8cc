"""/check catalog and the Export button, through the real client and the Discord double."""

from __future__ import annotations

import csv
import io
import json

from discord_double import AttachmentSpec, button, embed_of, fields, is_deferred, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

CATALOG = (
    b"Artist,Track Title,ISRC\n"
    b"Radiohead,Song Numbr 3,GBAYE0000001\n"  # a typo
    b"Bjork,Joga,ISX000000001\n"  # missing accents
    b"TLC,Creep,USLF00000001\n"
    b"Nobody Known,Totally Absent Song,XX0000000000\n"  # absent
    b"Radiohead,,\n"  # no title: unreadable row
)


def report_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


async def test_a_catalog_upload_is_checked_with_a_csv_report(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        upload = AttachmentSpec("my catalog.csv", CATALOG, "text/csv")
        it = await double.slash("check", "catalog", {"file": upload}, user=people.alice,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await it.response())
        answer = await it.original(timeout=30, predicate=lambda m: bool(m.get("embeds")))
        embed = embed_of(answer)
        assert embed["title"] == "Catalog check: my catalog.csv"
        assert embed["description"].startswith("**3** of 5 tracks found in at least one dataset")
        assert fields(embed)["Alpha Set"].startswith("3 found")
        files = double.files_in(answer)
        rows = report_rows(files["my_catalog-trainedon-report.csv"])
        statuses = [(r["input title"], r["status"]) for r in rows]
        assert statuses == [("Song Numbr 3", "found"), ("Joga", "found"), ("Creep", "found"),
                            ("Totally Absent Song", "not found"), ("", "invalid")]
        creep = rows[2]
        assert creep["matched artists"] == "TLC" and creep["link"] == "https://example.org/a15"


async def test_bad_catalog_files_get_one_clear_sentence(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        cases = [
            (AttachmentSpec("cat.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "cat.png"),
            (AttachmentSpec("empty.csv", b""), "empty"),
            (AttachmentSpec("huge.csv", b"a,b\n", size=50 * 1024 * 1024), "the limit is 8 MB"),
        ]
        for (upload, expected), user in zip(cases, people.all(), strict=False):
            it = await double.slash("check", "catalog", {"file": upload}, user=user,
                                    guild_id=GUILD_ID, channel_id=GENERAL)
            response = await it.response()
            # Refused at once, or deferred and then refused in a private follow-up.
            deferred = is_deferred(response)
            message = (await it.followups())[0] if deferred else response["data"]
            assert is_ephemeral(message)
            assert expected in message["content"], message["content"]
            assert "Traceback" not in message["content"]


async def test_export_button_attaches_every_track_as_csv_and_json(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        answer = (await asked.followups())[0]
        # Anyone may take the evidence away, not only the person who asked.
        pressed = await double.press(button(answer, "Export CSV + JSON"), message=answer,
                                     user=people.bob)
        assert is_deferred(await pressed.response())
        sent = (await pressed.followups())[0]
        assert is_ephemeral(sent)
        files = double.files_in(sent)
        rows = report_rows(files["trainedon-artist-radiohead.csv"])
        assert len(rows) == 23
        ids = {r["source id"] for r in rows}
        assert {f"a{i}" for i in range(15)} | {f"b{i}" for i in range(8)} == ids
        first = rows[0]
        assert first["link"].startswith("https://example.org/") and first["index built at"]
        exported = json.loads(files["trainedon-artist-radiohead.json"])
        assert exported["match"] == "Radiohead" and len(exported["tracks"]) == 23
