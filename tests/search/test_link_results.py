"""Link answers and identities as plain data: their JSON, their sentences, and read_link."""

from __future__ import annotations

import pytest

from bot.index.samples import Sample
from bot.search.identity import CannotResolve, NotALink, read_link
from bot.search.results import (
    FMA_PAGE_HINT,
    DatasetCount,
    IdentitySummary,
    LinkMatch,
    LinkResult,
    LookupKind,
    Match,
    MatchKey,
)
from bot.text.links import IdKind, LinkId

VIDEO = LinkId(IdKind.YOUTUBE_VIDEO, "dQw4w9WgXcQ")
LOW_A = LinkId(IdKind.YOUTUBE_CHANNEL, "UC" + "a" * 22)
LOW_B = LinkId(IdKind.YOUTUBE_CHANNEL, "UC" + "b" * 22)
LOW_C = LinkId(IdKind.YOUTUBE_CHANNEL, "UC" + "c" * 22)
SPOTIFY_LOW = LinkId(IdKind.SPOTIFY_ARTIST, "0OdUWJ0sBjDrqHygGUXeCF")


def row(dataset: str = "laion", **extra: object) -> LinkMatch:
    values: dict[str, object] = {
        "dataset": dataset, "dataset_name": dataset.upper(), "demo": False, "title": "Song",
        "artists": ("Low",), "album": None, "source_id": "r1", "url": None,
    }
    values.update(extra)
    return LinkMatch(**values)  # type: ignore[arg-type]


def result(link: LinkId, matches: tuple[LinkMatch, ...], tracks: int | None = None
           ) -> LinkResult:
    total = len(matches) if tracks is None else tracks
    return LinkResult(query="pasted", link=link, found=bool(total), total=total,
                      datasets=(DatasetCount("laion", "LAION", total, False),
                                DatasetCount("fma", "FMA", 0, False)),
                      matches=matches, index_built_at="2026-01-01T00:00:00+00:00")


def test_a_link_answer_has_the_json_shape_of_the_issue() -> None:
    clip = row("audioset", title="", artists=(), source_id="dQw4w9WgXcQ@30",
               details=(("split", "eval"), ("clip", "30–40 s"), ("labels", "Music; Guitar")))
    data = result(VIDEO, (row(), clip)).to_json()
    assert list(data)[:5] == ["query", "kind", "link", "found", "total"]
    assert data["kind"] == "link" and data["link"] == {"type": "youtube_video",
                                                       "id": "dQw4w9WgXcQ"}
    assert data["found"] is True and data["total"] == 2
    assert data["datasets"][0] == {"id": "laion", "name": "LAION", "tracks": 2, "demo": False}
    first, second = data["matches"]
    assert set(first) >= {"dataset", "title", "artists", "album", "source_id", "url", "details"}
    assert second["details"] == {"split": "eval", "clip": "30–40 s", "labels": "Music; Guitar"}
    assert second["title"] == "" and second["artists"] == []


def test_not_found_is_false_with_no_matches() -> None:
    data = result(VIDEO, (), 0).to_json()
    assert data["found"] is False and data["matches"] == [] and data["total"] == 0


def test_an_fma_page_that_finds_nothing_suggests_the_number_or_a_name() -> None:
    page = LinkId(IdKind.FMA_TRACK, "AWOL/AWOL_-_A_Way_Of_Life/Food")
    assert result(page, (), 0).hint == FMA_PAGE_HINT
    assert result(LinkId(IdKind.FMA_TRACK, "2"), (), 0).hint is None
    assert result(page, (row(),)).hint is None


def test_a_channel_answer_is_named_by_what_its_tracks_credit_it_as() -> None:
    credited = row(artists=("Low", "Guest"), artist_ids=(LOW_A, None))
    other = row(artists=("Someone",), artist_ids=(LOW_B,))
    answer = result(LOW_A, (credited, other))
    assert answer.is_artist and answer.credited_name == "Low"
    assert result(VIDEO, (row(),)).credited_name is None


def match(identities: tuple[IdentitySummary, ...]) -> Match:
    return Match(name="Low", score=100.0, total_tracks=7, datasets=(), samples=(),
                 key=MatchKey(LookupKind.ARTIST, 1), identities=identities)


def test_same_name_different_artists_are_told_apart_per_dataset() -> None:
    sample = Sample("Words", ("Low",), "laion", None, "v1", False)
    found = match((
        IdentitySummary("laion", "LAION-DISCO-12M", LOW_A, 4, (sample,)),
        IdentitySummary("laion", "LAION-DISCO-12M", LOW_B, 2),
        IdentitySummary("laion", "LAION-DISCO-12M", LOW_C, 1),
        IdentitySummary("disco", "DISCO-10M", SPOTIFY_LOW, 5),
    ))
    (shared,) = found.shared_names()  # one Spotify id in DISCO-10M: nobody to tell apart
    assert shared.sentence("Low") == (
        "3 different YouTube Music channels are credited as Low in LAION-DISCO-12M")
    data = found.to_json()
    assert data["identities"][0] == {"dataset": "laion", "kind": "youtube_channel",
                                     "artist_id": LOW_A.id, "tracks": 4}
    assert [i["kind"] for i in data["identities"]][-1] == "spotify_artist"


def test_song_matches_carry_no_identities_and_artist_matches_always_do() -> None:
    assert match(()).to_json()["identities"] == []
    song = Match(name="Words", score=100.0, total_tracks=1, datasets=(), samples=(),
                 key=MatchKey(LookupKind.SONG, 1, 2), artists=("Low",))
    assert "identities" not in song.to_json()


@pytest.mark.parametrize(("text", "error", "words"), [
    ("not a link", NotALink, ["youtube.com/watch?v=", "open.spotify.com/track/"]),
    ("x" * 2_001, NotALink, ["paste"]),
    ("https://www.youtube.com/@low", CannotResolve, ["@handle", "UC"]),
])
def test_read_link_refuses_with_a_sentence(text: str, error: type[Exception],
                                           words: list[str]) -> None:
    with pytest.raises(error) as raised:
        read_link(text)
    assert all(word in str(raised.value) for word in words)
    assert len(str(raised.value)) < 600


def test_read_link_returns_the_id() -> None:
    assert read_link(" <https://youtu.be/dQw4w9WgXcQ?si=x> ") == VIDEO
