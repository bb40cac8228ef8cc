"""One verdict: found, uncertain and not found come from one rule fed by one pair of settings.

The thresholds are set once, in the config file; `trainedon lookup song`, `trainedon check
catalog`, /lookup song and /check catalog must then all say the same of the same row.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from discord_double import AttachmentSpec, DiscordDouble, embed_of
from helpers.bot_world import GENERAL, GUILD_ID, People, seed, world
from helpers.workspace import Workspace

from bot.cli import main
from bot.config import SearchSettings
from bot.discordbot import render
from bot.search.verdict import Thresholds, Verdict

ARTIST, TITLE = "Radiohead", "Song Numbr 3"  # a typo: scored as any lookup, not matched exactly
CATALOG = f"Artist,Title\n{ARTIST},{TITLE}\n"
SHOWN_AS = {render.FOUND.value: Verdict.FOUND, render.UNCERTAIN.value: Verdict.UNCERTAIN,
            render.NOT_FOUND.value: Verdict.NOT_FOUND}


pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging


@pytest.mark.parametrize(("score", "expected"), [
    (100.0, Verdict.FOUND), (88.0, Verdict.FOUND), (87.9, Verdict.UNCERTAIN),
    (75.0, Verdict.UNCERTAIN), (74.9, Verdict.NOT_FOUND), (0.0, Verdict.NOT_FOUND),
])
def test_a_score_on_a_threshold_counts_as_reaching_it(score: float, expected: Verdict) -> None:
    assert Thresholds(found=88.0, uncertain=75.0).judge(score) is expected


def test_the_thresholds_are_the_two_search_settings() -> None:
    assert Thresholds.from_settings(SearchSettings()) == Thresholds(found=88.0, uncertain=75.0)
    settings = SearchSettings(found_score=90, uncertain_score=60)
    assert Thresholds.from_settings(settings) == Thresholds(found=90.0, uncertain=60.0)


def score_of_the_row(workspace: Workspace) -> float:
    """The score the row gets, to place the thresholds around it."""
    seed(workspace, "http://127.0.0.1:9/api/v10")  # the data only: no bot talks to it
    workspace.build()
    return workspace.searcher().lookup_song(TITLE, artist=ARTIST, limit=1).matches[0].score


def placed(score: float, verdict: Verdict) -> dict[str, float]:
    """Config thresholds that put `score` in `verdict`, half a point clear of the rounding."""
    found, uncertain = {
        Verdict.FOUND: (score - 0.5, score - 5),
        Verdict.UNCERTAIN: (score + 0.5, score - 0.5),
        Verdict.NOT_FOUND: (score + 1, score + 0.5),
    }[verdict]
    return {"found_score": found, "uncertain_score": uncertain}


def _said(answer: dict[str, Any]) -> Verdict:
    if not answer["found"]:
        return Verdict.NOT_FOUND
    return Verdict.UNCERTAIN if answer["uncertain"] else Verdict.FOUND


def terminal_verdicts(workspace: Workspace,
                      capsys: pytest.CaptureFixture[str]) -> tuple[Verdict, Verdict]:
    """What `trainedon lookup song --json` and `trainedon check catalog --json` say of the row."""
    config = str(workspace.config_path)
    capsys.readouterr()
    main(["lookup", "song", TITLE, "--artist", ARTIST, "--json", "--config", config])
    looked_up = json.loads(capsys.readouterr().out)
    catalog = workspace.root / "catalog.csv"
    catalog.write_text(CATALOG, encoding="utf-8")
    assert main(["check", "catalog", str(catalog), "--json", "--config", config]) == 0
    checked = json.loads(capsys.readouterr().out)
    return _said(looked_up), Verdict(checked["rows"][0]["status"])


async def discord_verdicts(double: DiscordDouble, people: People) -> tuple[Verdict, Verdict]:
    """What /lookup song (by its colour) and /check catalog (in its report) say of the row."""
    asked = await double.slash("lookup", "song", {"title": TITLE, "artist": ARTIST},
                               user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
    embed = embed_of((await asked.followups())[0])
    upload = AttachmentSpec("catalog.csv", CATALOG.encode(), "text/csv")
    checked = await double.slash("check", "catalog", {"file": upload}, user=people.alice,
                                 guild_id=GUILD_ID, channel_id=GENERAL)
    answer = await checked.original(timeout=30, predicate=lambda m: bool(m.get("embeds")))
    report = double.files_in(answer)["catalog-trainedon-report.csv"].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(report)))
    return SHOWN_AS[embed["color"]], Verdict(row["status"])


@pytest.mark.parametrize("expected", list(Verdict), ids=[v.name.lower() for v in Verdict])
async def test_a_lookup_and_a_catalog_check_give_a_row_the_same_verdict(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], expected: Verdict
) -> None:
    thresholds = placed(score_of_the_row(workspace), expected)
    async with world(workspace, {"search": thresholds}) as (double, _, people, _):
        on_discord = await discord_verdicts(double, people)
    # after the bot has closed: main() points logging at capsys, which its threads outlive
    in_the_terminal = terminal_verdicts(workspace, capsys)
    assert in_the_terminal == on_discord == (expected, expected)
