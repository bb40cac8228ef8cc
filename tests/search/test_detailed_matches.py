"""Samples and artist ids are fetched for as many matches as the caller shows in full."""

from __future__ import annotations

from helpers.workspace import Workspace

SONGS = (
    "title,artist,album,url,id\n"
    "Creep,Radiohead,,https://example.org/1,1\n"
    "Karma Police,Radiohead,,https://example.org/2,2\n"
    "Creep,Radiohead Tribute,,https://example.org/3,3\n"
    "Creep,Radioheads,,https://example.org/4,4\n"
    "Creep,TLC,,https://example.org/5,5\n"
)


def built(workspace: Workspace) -> Workspace:
    workspace.write_manifest([workspace.write_songs("alpha", "alpha/songs.csv", SONGS)])
    workspace.build()
    return workspace


def test_only_the_best_match_is_detailed_when_asked(workspace: Workspace) -> None:
    searcher = built(workspace).searcher()
    full = searcher.lookup_artist("radiohead")
    brief = searcher.lookup_artist("radiohead", detailed=1)
    assert len(full.matches) >= 2
    assert [m.name for m in brief.matches] == [m.name for m in full.matches]
    assert [m.total_tracks for m in brief.matches] == [m.total_tracks for m in full.matches]
    assert brief.matches[0] == full.matches[0]  # samples and ids as before
    assert all(m.samples for m in full.matches)
    assert [m.samples for m in brief.matches[1:]] == [()] * (len(full.matches) - 1)


def test_songs_too(workspace: Workspace) -> None:
    searcher = built(workspace).searcher()
    full = searcher.lookup_song("creep")
    brief = searcher.lookup_song("creep", detailed=1)
    assert len(full.matches) >= 2
    assert brief.matches[0] == full.matches[0]
    assert [(m.name, m.artists, m.datasets) for m in brief.matches] == [
        (m.name, m.artists, m.datasets) for m in full.matches]
    assert all(not m.samples for m in brief.matches[1:])
