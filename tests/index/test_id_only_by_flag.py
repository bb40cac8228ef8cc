"""Whether a dataset's rows are ids alone is the manifest's word, not each row's shape; and
what decides which AudioSet clips are music is part of the dataset's fingerprint."""

from __future__ import annotations

import pytest
from helpers import REPO
from helpers.workspace import Workspace, dataset_entry

from bot.datasets.records import RawTrack
from bot.index.prepare import NO_ARTIST, NO_ID, PreparedBatch, TrackPreparer
from bot.index.reader import IndexReader
from bot.text.links import IdKind, LinkId

NAMELESS_VIDEO = "nAmElEsS001"
NAMED_VIDEO = "nAmEdSoNg01"
TUBE_COLUMNS = {"title": "title", "artists": "artist", "video_id": "video"}


def tube(workspace: Workspace, *, id_only: bool) -> dict:
    workspace.write("tube/songs.csv", "title,artist,video\n"
                    f"A Song,An Artist,{NAMED_VIDEO}\n"
                    f",,{NAMELESS_VIDEO}\n"  # names nothing, but has a video id
                    "Orphan,Nobody,\n")  # no id at all
    return dataset_entry("tube", [{"path": "tube/songs.csv", "format": "csv",
                                   "columns": TUBE_COLUMNS}], id_only=id_only)


@pytest.mark.parametrize(("id_only", "kept", "skipped"), [
    (False, [], [NO_ARTIST]),  # a reader's nameless row, in a dataset of songs: not a track
    (True, [("", ())], []),
])
def test_a_nameless_row_is_kept_for_its_id_only_where_the_manifest_says_so(id_only, kept,
                                                                           skipped):
    batch = PreparedBatch()
    TrackPreparer(id_only=id_only).add(
        RawTrack(title="", artists=(), ids=(LinkId(IdKind.YOUTUBE_VIDEO, NAMELESS_VIDEO),)),
        batch)
    assert list(zip(batch.titles, batch.artists, strict=True)) == kept
    assert [row.reason for row in batch.skipped] == skipped
    assert batch.id_value == ([NAMELESS_VIDEO] if kept else [])


def test_an_id_only_dataset_keeps_every_row_with_an_id_and_skips_the_rest(tmp_path):
    workspace = Workspace(tmp_path)
    workspace.write_manifest([tube(workspace, id_only=True)])
    [dataset] = workspace.build().datasets
    assert (dataset.tracks, dataset.skipped) == (1, 2)
    assert [f.skip_reasons for f in dataset.files] == [{"missing title": 1, NO_ID: 1}]
    reader = IndexReader(workspace.index_path)
    try:
        named = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, NAMED_VIDEO), 5)
        assert [(row.title, row.artists) for row in named] == [("", ())]  # names not read
    finally:
        reader.close()


def test_a_changed_ontology_changes_the_audioset_dataset(tmp_path):
    workspace = Workspace(tmp_path)
    demo = REPO / "data" / "demo" / "audioset"
    for path in demo.iterdir():
        workspace.write(f"audioset/{path.name}", path.read_bytes())
    workspace.write_manifest([dataset_entry(
        "audioset", [{"path": "audioset/*_segments.csv", "format": "audioset"}], id_only=True)])
    first = workspace.build()
    assert [c.change for c in workspace.build().changes] == ["unchanged"]
    ontology = workspace.data / "audioset" / "ontology.json"
    ontology.write_bytes(ontology.read_bytes() + b"\n")  # the same classes, a new file
    second = workspace.build()
    assert [c.change for c in second.changes] == ["changed"]
    assert second.datasets[0].fingerprint != first.datasets[0].fingerprint
