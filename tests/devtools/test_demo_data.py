"""The bundled demo files are read by their readers with the expected counts."""


import pytest
from helpers import REPO

from bot.datasets.formats import reader_for
from bot.datasets.formats.audioset import NOT_MUSIC
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, SkippedRow
from bot.devtools import demo, demo_clips
from bot.text.links import IdKind, LinkId

DEMO = REPO / "data" / "demo"
SPOTIFY = SourceSpec(
    path="spotify-tracks/dataset.csv", format="csv",
    columns={"title": "track_name", "artists": "artists", "album": "album_name",
             "id": "track_id", "spotify_id": "track_id"},
    artist_separator=";", url_template="https://open.spotify.com/track/{id}",
)
# file -> (source, tracks, skipped rows); the readers yield duplicate rows (a LAION video
# listed twice, Spotify's track_id once per genre), which the index counts once
EXPECTED = {
    "laion-disco-12m/data/train-00000-of-00001.parquet": ("laion-disco", 38, 2),
    "disco-10m/data/train-00000-of-00001.parquet": ("disco-10m", 22, 2),
    "fma/tracks.csv": ("fma-tracks", 18, 2),
    "fma/raw_tracks.csv": ("fma-raw-tracks", 18, 2),
    "spotify-tracks/dataset.csv": (SPOTIFY, 28, 2),
    "sleeping-disco-9m/a.jsonl": ("sleeping-disco", 3, 1),
    "sleeping-disco-9m/b.jsonl": ("sleeping-disco", 3, 1),
    "sleeping-disco-9m/l.jsonl": ("sleeping-disco", 2, 1),
    "sleeping-disco-9m/m.jsonl": ("sleeping-disco", 3, 1),
    "sleeping-disco-9m/n.jsonl": ("sleeping-disco", 4, 1),
    "sleeping-disco-9m/other.jsonl": ("sleeping-disco", 9, 1),
    "sleeping-disco-9m/s.jsonl": ("sleeping-disco", 5, 1),
    "sleeping-disco-9m/t.jsonl": ("sleeping-disco", 7, 1),
    "audioset/eval_segments.csv": ("audioset", 1, 3),  # skips: clips without music too
    "audioset/balanced_train_segments.csv": ("audioset", 1, 2),
    "audioset/unbalanced_train_segments.csv": ("audioset", 3, 3),
    "musiccaps/musiccaps-public.csv": ("musiccaps", 3, 2),
}
# Read by the AudioSet reader beside each segment list, never on their own.
AUDIOSET_SIDE_FILES = {"audioset/class_labels_indices.csv", "audioset/ontology.json"}
ID_ONLY = {relative for relative, (source, _, _) in EXPECTED.items()
           if source in ("audioset", "musiccaps")}
NAMED = sorted(set(EXPECTED) - ID_ONLY)
LAION = "laion-disco-12m/data/train-00000-of-00001.parquet"


def _read(relative: str) -> tuple[list[RawTrack], list[SkippedRow]]:
    source, _, _ = EXPECTED[relative]
    spec = source if isinstance(source, SourceSpec) else SourceSpec(path=relative, format=source)
    items = list(reader_for(spec)(DEMO / relative, spec))
    return ([i for i in items if isinstance(i, RawTrack)],
            [i for i in items if isinstance(i, SkippedRow)])


def test_demo_files_are_exactly_the_expected_ones():
    files = {str(p.relative_to(DEMO)) for p in DEMO.rglob("*") if p.is_file()}
    assert files - {"README.md"} == set(EXPECTED) | AUDIOSET_SIDE_FILES


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_demo_file_counts(relative):
    tracks, skipped = _read(relative)
    _, expected_tracks, expected_skipped = EXPECTED[relative]
    assert (len(tracks), len(skipped)) == (expected_tracks, expected_skipped)
    malformed = [row for row in skipped if row.reason != NOT_MUSIC]
    assert 1 <= len(malformed) <= 2


@pytest.mark.parametrize("relative", NAMED)
def test_velvet_lanterns_in_every_file_that_names_artists(relative):
    tracks, _ = _read(relative)
    assert any("Velvet Lanterns" in artist for t in tracks for artist in t.artists)


def test_demo_shows_off_the_hard_cases():
    everything = [t for relative in EXPECTED for t in _read(relative)[0]]
    artists = {a for t in everything for a in t.artists}
    titles = {t.title for t in everything}
    for name in ("Sigrún Ósk", "Белые Ночи", "夜明けのカナリア", "نجوم الصحراء", "🌙🦊🌊",
                 "Marlowe feat. Juniper Quay", "Ash & Ember", "Lanterns, The",
                 "The Velvet Lanterns - Topic"):
        assert name in artists, name
    for fragment in ("@everyone", "<@&123>", "[click](https://example.com)", "```code```",
                     "**bold**", "(Remastered 2011)", "[Official Video]", " - Radio Edit"):
        assert any(fragment in title for title in titles), fragment
    laion = {t.title for t in _read("laion-disco-12m/data/train-00000-of-00001.parquet")[0]}
    spotify = {t.title for t in _read("spotify-tracks/dataset.csv")[0]}
    assert "Lantern Light" in laion & spotify


def test_demo_is_deterministic(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    demo.write_demo(first)
    demo.write_demo(second)
    for path in demo.write_demo(first):
        relative = path.relative_to(first)
        assert path.read_bytes() == (second / relative).read_bytes(), relative
    assert (first / "fma" / "tracks.csv").read_bytes() == (DEMO / "fma" / "tracks.csv").read_bytes()


@pytest.mark.parametrize("relative", sorted(ID_ONLY))
def test_id_only_demo_rows_name_no_song_and_carry_their_video(relative):
    tracks, _ = _read(relative)
    for track in tracks:
        video = track.source_id.split("@")[0]
        assert (track.title, track.artists) == ("", ())
        assert track.ids == (LinkId(IdKind.YOUTUBE_VIDEO, video),)
        assert [key for key, _ in track.details][:2] == ["split", "clip"]


def test_a_demo_video_is_in_laion_audioset_and_musiccaps_together():
    laion = {(t.title, t.artists[0]): t.source_id for t in _read(LAION)[0]}
    videos = {relative: {t.ids[0].id for t in _read(relative)[0]} for relative in ID_ONLY}
    lantern = laion["Lantern Light [Official Video]", demo.VL]
    assert lantern in videos["audioset/eval_segments.csv"]
    assert lantern in videos["musiccaps/musiccaps-public.csv"]
    for song in (("Paper Boats - Radio Edit", demo.VL), ("Harbor of Glass", demo.VL),
                 ("Kettle Moon (Remastered 2011)", "Sigrún Ósk")):
        assert any(laion[song] in found for relative, found in videos.items()
                   if relative.startswith("audioset/")), song
    assert set(demo.clip_videos()) <= set(laion.values())


def test_demo_audioset_keeps_music_only():
    kept = {t.ids[0].id: t for relative in ID_ONLY if relative.startswith("audioset/")
            for t in _read(relative)[0]}
    for not_music in ("demo:press-conference", "demo:barking", "demo:lecture", "demo:dog-park"):
        assert demo_clips.video_id(not_music) not in kept, not_music
    electric = kept[demo.clip_videos()[1]]  # labelled only "Electric guitar"
    assert dict(electric.details)["labels"] == "Electric guitar"
