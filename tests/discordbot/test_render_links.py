"""Pure rendering of link answers and of same-name artists told apart. No network."""

from __future__ import annotations

from bot.discordbot.render import link_embed, link_page_embed, lookup_embed
from bot.index.samples import Sample
from bot.search.results import (
    DatasetCount,
    IdentitySummary,
    LinkMatch,
    LinkResult,
    LookupKind,
    LookupResult,
    Match,
    MatchKey,
)
from bot.search.verdict import Thresholds
from bot.text.links import IdKind, LinkId

BUILT = "2026-11-25T16:00:00+00:00"
VIDEO = LinkId(IdKind.YOUTUBE_VIDEO, "dQw4w9WgXcQ")
CHANNEL = LinkId(IdKind.YOUTUBE_CHANNEL, "UC" + "a" * 22)


def row(dataset: str, title: str, **extra: object) -> LinkMatch:
    values: dict[str, object] = {
        "dataset": dataset, "dataset_name": dataset.upper(), "demo": False, "title": title,
        "artists": ("@everyone",), "album": None, "source_id": "r_1", "url": None,
    }
    values.update(extra)
    return LinkMatch(**values)  # type: ignore[arg-type]


def answer(link: LinkId, matches: tuple[LinkMatch, ...], counts: dict[str, int]) -> LinkResult:
    datasets = tuple(DatasetCount(d, d.upper(), counts.get(d, 0), False)
                     for d in ("laion", "audioset", "fma"))
    total = sum(counts.values())
    return LinkResult("pasted", link, total > 0, total, datasets, matches, BUILT)


def test_a_video_answer_names_each_dataset_row_with_its_details() -> None:
    clip = row("audioset", "", artists=(), source_id="dQw4w9WgXcQ@30",
               details=(("split", "eval"), ("clip", "30–40 s"), ("labels", "Music; *Pop*")))
    embed = link_embed(answer(VIDEO, (row("laion", "**Song**", url="https://e.x/a"), clip),
                              {"laion": 1, "audioset": 1}))
    assert embed.title == "YouTube video: listed in 2 of 3 indexed datasets"
    names = [f.name for f in embed.fields]
    assert names == ["Listed in LAION (row r\\_1)", "Listed in AUDIOSET (row dQw4w9WgXcQ@30)"]
    first, second = (f.value or "" for f in embed.fields)
    assert "\\*\\*Song\\*\\*" in first and "@\u200beveryone" in first
    assert second == "Split: eval\nClip: 30–40 s\nLabels: Music; \\*Pop\\*"
    said = " ".join([embed.description or "", *(f"{f.name} {f.value}" for f in embed.fields)])
    assert not any(word in said.lower() for word in ("proof", "stolen", "trained on"))


def test_a_channel_answer_counts_per_dataset_and_lists_its_tracks() -> None:
    tracks = tuple(row("laion", f"Song {i}", artists=("Low",), artist_ids=(CHANNEL,))
                   for i in range(3))
    result = answer(CHANNEL, tracks, {"laion": 42})
    embed = link_embed(result)
    assert embed.title == "YouTube Music channel: Low"
    assert "**42** tracks credited to it in **1** of 3 indexed datasets" in (
        embed.description or "")
    fields = {f.name: f.value for f in embed.fields}
    assert fields["LAION"] == "**42** tracks" and fields["FMA"] == "none"
    assert "Song 2" in (fields["Tracks"] or "")
    page = link_page_embed(result, [tracks[0].as_sample()], 1, 5)
    assert page.title == "YouTube Music channel: Low — all tracks"
    assert "Page 2 of 5" in (page.footer.text or "")


def test_nothing_found_says_not_in_any_indexed_dataset_and_helps_with_fma_pages() -> None:
    page = LinkId(IdKind.FMA_TRACK, "AWOL/AWOL_-_A_Way_Of_Life/Food")
    embed = link_embed(answer(page, (), {}))
    assert embed.title == "Not in any indexed dataset"
    assert "This FMA track" in (embed.description or "")
    assert "try the track's number" in (embed.description or "")


def test_same_name_different_artists_get_a_field_with_each_id_and_its_tracks() -> None:
    sample = Sample("Words", ("Low",), "laion", None, "v1", False)
    identities = tuple(
        IdentitySummary("laion", "LAION-DISCO-12M", LinkId(IdKind.YOUTUBE_CHANNEL,
                                                           "UC" + c * 22), 5 - n, (sample,))
        for n, c in enumerate("abc"))
    match = Match(name="Low", score=100.0, total_tracks=12,
                  datasets=(DatasetCount("laion", "LAION-DISCO-12M", 12, False),),
                  samples=(sample,), key=MatchKey(LookupKind.ARTIST, 1), identities=identities)
    result = LookupResult("low", LookupKind.ARTIST, (match,), index_built_at=BUILT,
                          thresholds=Thresholds(found=88, uncertain=75))
    fields = {f.name: f.value or "" for f in lookup_embed(result).fields}
    value = fields["3 different YouTube Music channels are credited as Low in LAION-DISCO-12M"]
    assert value.count("https://www.youtube.com/channel/UC") == 3
    assert "5 tracks: Words" in value and "/lookup link" in value
