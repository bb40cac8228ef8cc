"""Pure rendering: escaping, Discord's embed limits, page arithmetic. No network."""

from __future__ import annotations

import discord
import pytest

from bot.discordbot.pages import Slice, page_count, page_slices
from bot.discordbot.render import lookup_embed, update_embed
from bot.discordbot.safety import (
    EMBED_TOTAL_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    fit_embed,
    safe,
    safe_link,
)
from bot.index.report import BuildReport, DatasetChange
from bot.index.samples import Sample
from bot.search.results import DatasetCount, LookupKind, LookupResult, Match, MatchKey
from bot.search.verdict import Thresholds

THRESHOLDS = Thresholds(found=88, uncertain=75)

DANGEROUS = [
    ("@everyone", "@\u200beveryone"),
    ("@here", "@\u200bhere"),
    ("<@&123>", "<\u200b@&123>"),
    ("<@456>", "<\u200b@456>"),
    ("<#789>", "<\u200b#789>"),
    ("**bold**", "\\*\\*bold\\*\\*"),
    ("```code```", "\\`\\`\\`code\\`\\`\\`"),
    ("[x](https://evil.example)", "\\[x\\](https://evil.example)"),
    ("a|b ~~s~~ _i_", "a\\|b \\~\\~s\\~\\~ \\_i\\_"),
    ("line\nbreak\x00", "linebreak"),
]


@pytest.mark.parametrize(("raw", "expected"), DANGEROUS)
def test_safe_escapes_markdown_and_mentions(raw: str, expected: str) -> None:
    shown = safe(raw)
    assert "@everyone" not in shown and "@here" not in shown
    for char in "*`_~|[":
        assert shown.count(char) == shown.count("\\" + char), (raw, shown)
    assert shown == expected


def test_links_cannot_break_out_of_markdown() -> None:
    link = safe_link("Song [live]", "https://example.org/a)(b <x>")
    assert link.startswith("[Song \\[live\\]](https://example.org/a%29%28b%20%3Cx%3E")
    assert safe_link("T", "javascript:alert(1)") == "T"
    assert safe_link("T", None) == "T"


def test_embed_limits_are_enforced_with_visible_truncation() -> None:
    embed = discord.Embed(title="t" * 400, description="d" * 5000)
    for i in range(30):
        embed.add_field(name=f"f{i}", value="v" * 2000)
    fit_embed(embed)
    assert len(embed.title or "") == TITLE_LIMIT and (embed.title or "").endswith("…")
    assert len(embed.fields) <= 25
    assert all(len(f.value or "") <= FIELD_VALUE_LIMIT for f in embed.fields)
    assert len(embed) <= EMBED_TOTAL_LIMIT


def sample(title: str) -> Sample:
    return Sample(title, ("@everyone",), "laion", "https://www.youtube.com/watch?v=x", "x", False)


def test_lookup_embed_escapes_dataset_text_and_shows_every_dataset() -> None:
    match = Match(
        name="**Evil** @everyone", score=93.4, total_tracks=3,
        datasets=(DatasetCount("laion", "LAION", 3, False), DatasetCount("fma", "FMA", 0, False)),
        samples=(sample("<@&1> [x](https://e.x)"),), key=MatchKey(LookupKind.ARTIST, 1),
    )
    result = LookupResult("evil", LookupKind.ARTIST, (match,),
                          index_built_at="2026-11-25T16:00:00+00:00", thresholds=THRESHOLDS)
    embed = lookup_embed(result)
    text = str(embed.to_dict())
    assert "@everyone" not in text and "<@&1>" not in text and "[x]" not in text
    assert embed.title == "Artist: \\*\\*Evil\\*\\* @\u200beveryone"
    fields = {f.name: f.value for f in embed.fields}
    assert fields["LAION"] == "**3** tracks" and fields["FMA"] == "none"
    assert "Index built 2026-11-25 16:00 UTC" in (embed.footer.text or "")


def test_uncertain_and_not_found_answers() -> None:
    near = Match("Radiohead", 70.0, 5, (), (), MatchKey(LookupKind.ARTIST, 1))
    missing = LookupResult("radio gaga", LookupKind.ARTIST, (), (near,),
                           "2026-11-25T16:00:00+00:00", thresholds=THRESHOLDS)
    embed = lookup_embed(missing)
    assert "is not found in any indexed dataset" in (embed.description or "")
    assert "Radiohead" in str(embed.fields[0].value)
    close = Match("Radiohead", 80.0, 5, (DatasetCount("a", "A", 5, False),), (),
                  MatchKey(LookupKind.ARTIST, 1))
    other = Match("Radiohearts", 78.0, 1, (), (), MatchKey(LookupKind.ARTIST, 2))
    unsure = LookupResult("radiohxxd", LookupKind.ARTIST, (close, other), (), "x",
                          thresholds=THRESHOLDS)
    fields = {f.name: f.value for f in lookup_embed(unsure).fields}
    assert "Radiohearts" in fields["Did you mean"]


def test_update_embed_names_datasets_and_deltas() -> None:
    report = BuildReport(
        built_at="2026-11-25T17:00:00+00:00", seconds=1.0, tracks=10, artists=4, titles=9,
        datasets=[], changes=[
            DatasetChange("new", "New Set", "added", 0, 7, 0, 3),
            DatasetChange("old", "Old Set", "changed", 5, 3, 2, 1, tracks_added=1,
                          tracks_removed=3, new_artists=1, new_artist_names=["@everyone"],
                          source_date="2026-11-24T08:00:00+00:00"),
            DatasetChange("same", "Same", "unchanged", 1, 1, 1, 1),
        ],
    )
    embed = update_embed(report)
    fields = {f.name: f.value for f in embed.fields}
    assert fields == {
        "New Set — added": "7 tracks · 3 artists",
        "Old Set — updated": "+1 / −3 tracks (now 3) · −1 artists (1)\n"
                             "1 new artists, e.g. @\u200beveryone\n"
                             "source files dated 2026-11-24 08:00 UTC",
    }


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (0, [Slice("a", 0, 10)]),
        (1, [Slice("a", 10, 2), Slice("b", 0, 8)]),
        (2, [Slice("b", 8, 2), Slice("c", 0, 1)]),
        (3, []),
    ],
)
def test_page_slices_walk_datasets_in_order(page: int, expected: list[Slice]) -> None:
    assert page_slices([("a", 12), ("b", 10), ("c", 1)], page) == expected


def test_page_count() -> None:
    assert page_count(0) == 1 and page_count(10) == 1 and page_count(11) == 2
