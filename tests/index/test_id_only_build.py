"""The demo AudioSet and MusicCaps in a real build: their clips answer a link, never a name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
import yaml
from helpers import REPO
from helpers.workspace import Workspace

from bot.devtools import demo, demo_clips
from bot.index.reader import IndexReader
from bot.text.links import IdKind, LinkId

DEMO = REPO / "data" / "demo"
DATASETS = ("demo-laion-disco", "demo-audioset", "demo-musiccaps")
ID_ONLY = {"demo-audioset", "demo-musiccaps"}


def video(text_or_id: str) -> LinkId:
    return LinkId(IdKind.YOUTUBE_VIDEO, text_or_id)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The three demo datasets with their shipped manifest entries, built once."""
    workspace = Workspace(tmp_path_factory.mktemp("id-only"))
    for folder in ("laion-disco-12m", "audioset", "musiccaps"):
        shutil.copytree(DEMO / folder, workspace.data / "demo" / folder)
    shipped = yaml.safe_load((REPO / "data" / "datasets.yaml").read_text(encoding="utf-8"))
    workspace.write_manifest([e for e in shipped["datasets"] if e["id"] in DATASETS])
    report = workspace.build()
    assert {d.id: (d.status, d.skipped) for d in report.datasets if d.id in ID_ONLY} == {
        "demo-audioset": ("built", 8), "demo-musiccaps": ("built", 2)}  # 4 of them not music
    return workspace


@pytest.fixture
def reader(workspace: Workspace) -> Iterator[IndexReader]:
    reader = IndexReader(workspace.index_path)
    yield reader
    reader.close()


def dataset_ids(reader: IndexReader, link: LinkId) -> list[str]:
    return [reader.by_idx[row.dataset].id for row in reader.tracks_with_id(link, limit=20)]


def test_one_video_is_found_in_laion_audioset_and_musiccaps_together(reader):
    lantern = video(demo.clip_videos()[0])
    assert dataset_ids(reader, lantern) == list(DATASETS)
    clips = [row for row in reader.tracks_with_id(lantern, limit=20)
             if reader.by_idx[row.dataset].id in ID_ONLY]
    audioset, musiccaps = clips
    assert (audioset.title, audioset.artists, audioset.source_id) == ("", (), f"{lantern.id}@30")
    assert audioset.details == (("split", "eval"), ("clip", "30–40 s"),
                                ("labels", "Music; Guitar"))
    assert dict(musiccaps.details)["caption"].startswith("Demo caption (fictional)")


def test_every_demo_clip_of_music_answers_its_video(reader):
    for ytid in [*demo.clip_videos(), demo_clips.video_id("demo:tidepool")]:
        assert set(dataset_ids(reader, video(ytid))) & ID_ONLY, ytid


def test_clips_that_are_not_music_are_not_in_the_index(reader):
    for text in ("demo:press-conference", "demo:barking", "demo:lecture", "demo:dog-park"):
        assert dataset_ids(reader, video(demo_clips.video_id(text))) == [], text


@pytest.mark.parametrize("query", [
    "Music", "Guitar", "Electric guitar", "Pop music", "jangly electric guitar", "eval",
    "Demo caption", "indie pop", demo.clip_videos()[0],
])
def test_no_name_search_finds_an_id_only_row(workspace, query):
    searcher = workspace.searcher()
    results = [searcher.lookup_artist(query), searcher.lookup_song(query)]
    matches = [match for result in results for match in (*result.matches, *result.near_misses)]
    found = {count.id for match in matches for count in match.datasets if count.tracks}
    found |= {sample.dataset for match in matches for sample in match.samples}
    assert not found & ID_ONLY
