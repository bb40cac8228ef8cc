"""The synthetic corpus is read back by the real readers with the promised counts."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from bot.datasets.formats import reader_for
from bot.datasets.manifest import load_manifest
from bot.datasets.records import RawTrack, SkippedRow
from bot.devtools.synth import FORMATS, make_universe, split_tracks, write_corpus

TRACKS = 3000
MALFORMED = 0.03


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = write_corpus(out, TRACKS, ["all"], seed=7, malformed=MALFORMED)
    manifest = load_manifest(summary.manifest_path)
    read: dict[str, tuple[list[RawTrack], list[SkippedRow]]] = {}
    for dataset in manifest.datasets:
        tracks: list[RawTrack] = []
        skipped: list[SkippedRow] = []
        for source in dataset.sources:
            files = dataset.source_files(out, source)
            assert files, f"{dataset.id}: no files for {source.path}"
            for path in files:
                for item in reader_for(source)(path, source):
                    (tracks if isinstance(item, RawTrack) else skipped).append(item)
        read[dataset.id] = (tracks, skipped)
    return summary, read


def test_every_format_is_written_and_listed(corpus):
    summary, read = corpus
    assert list(summary.formats) == list(FORMATS)
    assert set(read) == {summary.dataset_id(f) for f in FORMATS}
    assert summary.rows == TRACKS
    assert summary.config_path is not None and summary.config_path.exists()
    assert (summary.out_dir / "fma" / "tracks.csv").exists()
    assert (summary.out_dir / "sleeping-disco-9m" / "other.jsonl").exists()


def test_row_counts_match_the_summary(corpus):
    summary, read = corpus
    for fmt, result in summary.formats.items():
        tracks, skipped = read[summary.dataset_id(fmt)]
        assert len(tracks) + len(skipped) == result.rows, fmt
        assert len(skipped) == result.malformed, fmt


def test_malformed_share_is_roughly_the_requested_one(corpus):
    _, read = corpus
    skipped = sum(len(s) for _, s in read.values())
    assert 0.5 * MALFORMED * TRACKS < skipped < 1.6 * MALFORMED * TRACKS
    reasons = Counter(r.reason.split(" (")[0] for _, s in read.values() for r in s)
    assert {"missing title", "no artist credited", "invalid UTF-8", "malformed JSON"} <= set(
        reasons)
    assert any(reason.startswith("expected ") for reason in reasons)  # wrong field count


def test_multi_artist_credits_and_scripts(corpus):
    _, read = corpus
    laion, _ = read["synth-laion-disco"]
    assert 0.08 < sum(len(t.artists) > 1 for t in laion) / len(laion) < 0.25
    sleeping, _ = read["synth-sleeping-disco"]
    credits = [t.artists[0] for t in sleeping]
    assert any(" feat. " in c or " ft. " in c for c in credits)
    assert any(" & " in c for c in credits)
    assert any(" and " in c and ", " in c for c in credits)
    assert any(a.endswith(" - Topic") for t in laion for a in t.artists)
    names = " ".join(a for tracks, _ in read.values() for t in tracks for a in t.artists)
    for low, high in ((0x0400, 0x04FF), (0x0370, 0x03FF), (0x4E00, 0x9FFF), (0x30A0, 0x30FF),
                      (0x0600, 0x06FF), (0x05D0, 0x05EA), (0x0900, 0x097F), (0xAC00, 0xD7A3)):
        assert any(low <= ord(ch) <= high for ch in names), hex(low)
    assert any(ord(ch) >= 0x1F300 for ch in names)  # emoji
    assert any(ch in "áéíóúöüøåæñçčřšž" for ch in names)


def test_same_song_in_several_formats(corpus):
    summary, read = corpus
    universe = summary.universe
    base = set(universe.song_titles(np.arange(universe.n_songs)))
    seen: dict[str, set[str]] = {}
    for dataset, (tracks, _) in read.items():
        for t in tracks:
            if t.title in base:
                seen.setdefault(t.title, set()).add(dataset)
    assert sum(len(d) >= 2 for d in seen.values()) > 50


def test_universe_names_are_found_in_the_corpus(corpus):
    summary, read = corpus
    top = summary.universe.artist_name(0)
    credited = [a for tracks, _ in read.values() for t in tracks for a in t.artists]
    assert sum(top in a for a in credited) >= 3
    songs = summary.universe.songs_of(0, limit=3)
    assert songs and all(s.lead == 0 for s in songs)


def test_same_seed_gives_identical_text_files(tmp_path):
    first = write_corpus(tmp_path / "a", 800, ["all"], seed=3, malformed=0.05)
    write_corpus(tmp_path / "b", 800, ["all"], seed=3, malformed=0.05)
    other = write_corpus(tmp_path / "c", 800, ["all"], seed=4, malformed=0.05)
    texts = [p for r in first.formats.values() for p in r.files if p.suffix in (".csv", ".jsonl")]
    assert texts
    for path in texts:
        relative = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (tmp_path / "b" / relative).read_bytes(), relative
    fma = Path("fma") / "tracks.csv"
    assert (tmp_path / "a" / fma).read_bytes() != (tmp_path / "c" / fma).read_bytes()
    assert first.formats.keys() == other.formats.keys()


def test_universe_is_deterministic_and_names_mostly_distinct():
    one, two = make_universe(5, 50_000, 100_000), make_universe(5, 50_000, 100_000)
    names = one.artist_names(np.arange(50_000))
    assert names == two.artist_names(np.arange(50_000))
    assert len(set(names)) > 0.97 * len(names)
    assert one.songs(np.arange(20)) == two.songs(np.arange(20))


def test_split_keeps_every_format_and_the_total():
    counts = split_tracks(1000, FORMATS)
    assert sum(counts.values()) == 1000 and min(counts.values()) >= 1
    assert counts["laion-disco"] == 500
    assert split_tracks(10, ["fma-tracks"]) == {"fma-tracks": 10}


def test_ids_are_shaped_like_the_real_datasets(corpus):
    """Channels aligned with credits; ids distinct within a dataset except the repeats the
    real files have: the Spotify Tracks Dataset's track_id once per genre, a LAION video."""
    _, read = corpus
    laion = read["synth-laion-disco"][0]
    assert all(t.ids and len(t.artist_ids) == len(t.artists) for t in laion)
    videos = Counter(t.ids[0].id for t in laion)
    assert sum(videos.values()) - len(videos) <= 0.01 * len(laion)
    for dataset in ("synth-sleeping-disco", "synth-disco-10m"):
        own = [t.source_id for t in read[dataset][0]]
        assert all(own) and len(set(own)) == len(own), dataset
    disco = read["synth-disco-10m"][0]
    assert all(len(t.ids) == 2 and len(t.artist_ids) == 1 for t in disco)
    spotify = Counter(t.source_id for t in read["synth-spotify-tracks"][0])
    repeats = sum(spotify.values()) - len(spotify)
    assert 0.05 * sum(spotify.values()) <= repeats <= 0.4 * sum(spotify.values())
