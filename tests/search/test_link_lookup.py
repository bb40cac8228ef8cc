"""Link lookups and identities against a real index of datasets that publish ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.identity_data import (
    CAPTION,
    FMA_NUMBER,
    LOW_A,
    LOW_A_TRACKS,
    LOW_B,
    LOW_C,
    SPOTIFY_RICK,
    TRACK,
    VIDEO,
    tube_video,
    write_manifest,
)
from helpers.workspace import Workspace

from bot.index.atomic import previous_of
from bot.search.identity import link_arrivals
from bot.search.searcher import Searcher
from bot.text.links import IdKind, LinkId


@pytest.fixture
def searcher(workspace: Workspace) -> Searcher:
    workspace.write("alpha/songs.csv", "title,artist,album,url,id\nSong,Radiohead,,,a1\n")
    workspace.write("beta/songs.csv", "title,artist,album,url,id\nOther,Radiohead,,,b1\n")
    write_manifest(workspace)
    workspace.build()
    return workspace.searcher()


def channel(value: str) -> LinkId:
    return LinkId(IdKind.YOUTUBE_CHANNEL, value)


def test_a_video_is_answered_with_every_dataset_row_holding_it(searcher: Searcher) -> None:
    result = searcher.lookup_link(LinkId(IdKind.YOUTUBE_VIDEO, VIDEO), query="pasted")
    assert result.found and result.query == "pasted"
    assert {d.id: d.tracks for d in result.datasets if d.tracks} == {"tube": 1, "captions": 1}
    tube, clip = result.matches
    assert (tube.dataset, tube.title, tube.artists) == ("tube", "Never Gonna Give You Up",
                                                        ("Rick Astley",))
    assert tube.source_id is not None
    assert (clip.dataset, clip.title, clip.artists) == ("captions", "", ())
    assert dict(clip.details)["caption"] == CAPTION


def test_a_channel_answers_every_track_credited_to_it_and_pages(searcher: Searcher) -> None:
    link = channel(LOW_A)
    result = searcher.lookup_link(link, limit=10)
    assert result.is_artist and result.total == LOW_A_TRACKS and len(result.matches) == 10
    assert result.credited_name == "Low"
    tube = searcher.reader.dataset("tube")
    assert tube is not None
    pages = [searcher.link_tracks(link, tube, 10, offset) for offset in (0, 10, 20)]
    titles = [s.title for page in pages for s in page]
    assert len(titles) == LOW_A_TRACKS == len(set(titles)) and "Duet" in titles
    assert not any(t.startswith(("Other Low", "Third Low")) for t in titles)


def test_spotify_and_fma_ids_are_answered_exactly(searcher: Searcher) -> None:
    track = searcher.lookup_link(LinkId(IdKind.SPOTIFY_TRACK, TRACK))
    assert [(m.dataset, m.title) for m in track.matches] == [("spot", "Never Gonna Give You Up")]
    artist = searcher.lookup_link(LinkId(IdKind.SPOTIFY_ARTIST, SPOTIFY_RICK))
    assert artist.total == 1 and artist.credited_name == "Rick Astley"
    fma = searcher.lookup_link(LinkId(IdKind.FMA_TRACK, FMA_NUMBER))
    assert [(m.dataset, m.title) for m in fma.matches] == [("free", "Food")]


def test_an_id_no_dataset_holds_is_not_found_and_never_a_guess(searcher: Searcher) -> None:
    result = searcher.lookup_link(LinkId(IdKind.YOUTUBE_VIDEO, "zzzzzzzzzzz"))
    assert not result.found and result.total == 0 and result.matches == ()
    page = LinkId(IdKind.FMA_TRACK, "AWOL/AWOL_-_A_Way_Of_Life/Food")
    assert searcher.lookup_link(page).hint is not None


def test_same_name_different_artists_are_split_by_their_ids(searcher: Searcher) -> None:
    low = searcher.lookup_artist("low").matches[0]
    assert low.name == "Low" and low.total_tracks == LOW_A_TRACKS + 3
    assert [(i.dataset, i.artist_id, i.tracks) for i in low.identities] == [
        ("tube", LOW_A, LOW_A_TRACKS), ("tube", LOW_B, 2), ("tube", LOW_C, 1)]
    (shared,) = low.shared_names()
    assert shared.sentence("Low") == "3 different YouTube Music channels are credited as Low " \
                                     "in Tube Set"
    assert [s.title for s in low.identities[1].samples] == ["Other Low 0", "Other Low 1"]
    radiohead = searcher.lookup_artist("radiohead").matches[0]
    assert radiohead.identities == () and radiohead.shared_names() == []


def test_a_rebuild_alerts_an_id_watch_only_with_tracks_credited_to_that_id(
    workspace: Workspace, searcher: Searcher,
) -> None:
    searcher.reader.close()
    index = workspace.index_path
    write_manifest(workspace, extra_tube=[("New Low B", "Low", LOW_B, tube_video("n", 0)),
                                          ("New Low A", "Low", LOW_A, tube_video("n", 1))])
    workspace.build()
    watched = {"key-b": channel(LOW_B), "key-c": channel(LOW_C)}
    (arrival,) = link_arrivals(previous_of(index), index, watched)
    assert (arrival.artist_norm, arrival.artist_name, arrival.dataset_id) == ("key-b", "Low",
                                                                            "tube")
    assert arrival.new_tracks == 1 and [s.title for s in arrival.samples] == ["New Low B"]
    assert link_arrivals(Path("/nonexistent"), index, {"k": channel(LOW_C)})[0].new_tracks == 1
