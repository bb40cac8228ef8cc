"""`python -m bot.devtools.demo`: rewrite the bundled demo data under `data/demo/`.

Every artist and title here is invented. The rows are picked to exercise what the bot must
handle: a band present in every dataset, diacritics and non-Latin scripts, an emoji-only
name, multi-artist credits, catalog spellings ("Lanterns, The"), YouTube " - Topic" channels,
decorated titles, strings that are dangerous in Discord, and one or two malformed rows per
file. The id-only datasets (AudioSet, MusicCaps) are written by `demo_clips`, several of their
clips being demo LAION videos. The output is byte-for-byte the same on every run.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bot.devtools.demo_clips import write_audioset, write_musiccaps
from bot.devtools.synth import parquet_out, text_out

log = logging.getLogger(__name__)

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "demo"
VL = "The Velvet Lanterns"
MJ = ("Marlowe", "Juniper Quay")

# (title, credited artists, album): the demo's song universe.
SONGS: list[tuple[str, tuple[str, ...], str]] = [
    ("Lantern Light", (VL,), "Harbor of Glass"),
    ("Paper Boats", (VL,), "Harbor of Glass"),
    ("Harbor of Glass", (VL,), "Harbor of Glass"),
    ("Slow Motion Summer", (VL,), "Slow Motion Summer"),
    ("Moth to the Lamp", (VL,), "Slow Motion Summer"),
    ("Kettle Moon", ("Sigrún Ósk",), "Hálfmáni"),
    ("Norðurljós", ("Sigrún Ósk",), "Hálfmáni"),
    ("Hrím", ("Björk Sólveigsdóttir",), "Jökulsá"),
    ("Ísbrú", ("Björk Sólveigsdóttir",), "Jökulsá"),
    ("Белая ночь", ("Белые Ночи",), "Невский туман"),
    ("Метель над Невой", ("Белые Ночи",), "Невский туман"),
    ("夜明けの歌", ("夜明けのカナリア",), "朝焼けレコード"),
    ("カナリアの羽", ("夜明けのカナリア",), "朝焼けレコード"),
    ("قمر الصحراء", ("نجوم الصحراء",), "رمال ذهبية"),
    ("Fox Moon Tide", ("🌙🦊🌊",), "Tidepool"),
    ("Quayside", MJ, "Low Tide Letters"),
    ("Tinderbox", ("Ash & Ember",), "Kindling"),
    ("Smoke Signals", ("Ash & Ember",), "Kindling"),
    ("Lamplighter", ("The Lanterns",), "Wick & Wax"),
    ("Cobalt Hour", ("Mirela Dragoș",), "Ora albastră"),
    ("Faro del Sur", ("Los Faros Dorados",), "Costa Brava Nocturna"),
    ("은하수 아래", ("은하수 소년",), "별빛 정류장"),
    ("Κύμα της αυγής", ("Κύμα Ανατολής",), "Ανατολή"),
    ("@everyone listen up", ("Static Parade",), "Broadcast"),
    ("<@&123> Roll Call", ("Static Parade",), "Broadcast"),
    ("[click](https://example.com)", ("Null Pointer Choir",), "Segfault Hymns"),
    ("```code``` Blues", ("Null Pointer Choir",), "Segfault Hymns"),
    ("**bold** Move", ("Null Pointer Choir",), "Segfault Hymns"),
]
VL_SONGS = [i for i, (_, artists, _) in enumerate(SONGS) if artists == (VL,)]
# One name, three artists: LAION credits each to its own channel.
SAME_NAME = "Tidewater"
SAME_NAME_SONGS = [("Salt Road", "Breakwater", 1), ("Salt Road Revisited", "Breakwater", 1),
                   ("Glass Buoy", "Harbor Lights", 2), ("Neon Dunes", "Mirage FM", 3)]
# A few decorations, by song index, as a catalog would print them.
REMASTER, VIDEO, RADIO, LIVE = " (Remastered 2011)", " [Official Video]", " - Radio Edit", " [Live]"


def stable_id(text: str, length: int) -> str:
    """An id that depends only on the text: base64url for YouTube, base62-ish for Spotify."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return digest[:length] if length == 11 else digest.replace("-", "a").replace("_", "b")[:length]


def credit(artists: tuple[str, ...]) -> str:
    return artists[0] if len(artists) == 1 else f"{artists[0]} feat. {' & '.join(artists[1:])}"


def _decorations() -> dict[int, str]:
    return {0: VIDEO, 3: REMASTER, 1: RADIO, 16: LIVE, 5: REMASTER}


def write_laion(out: Path) -> None:
    """All songs once, Velvet Lanterns again as a " - Topic" channel, two malformed rows."""
    deco = _decorations()
    rows: list[dict[str, object]] = []
    for i, (title, artists, album) in enumerate(SONGS):
        rows.append(_laion_row(title + deco.get(i, ""), list(artists), album))
    for i in VL_SONGS[:3]:
        title, _, album = SONGS[i]
        rows.append(_laion_row(title, [f"{VL} - Topic"], album))
    rows.append(_laion_row("Quayside (Official Video)", [f"{MJ[0]} - Topic", MJ[1]],
                           "Low Tide Letters"))
    rows.append(_laion_row("Kettle Moon", ["Sigrún Ósk - Topic"], "Hálfmáni"))
    # Three different YouTube Music channels credited under one name (as with "Low").
    for title, album, number in SAME_NAME_SONGS:
        rows.append(_laion_row(title, [SAME_NAME], album, channel=f"{SAME_NAME} #{number}"))
    rows.append(dict(rows[5]))  # the same video listed twice: one track, one duplicate row
    rows.append(_laion_row(None, [VL], "Harbor of Glass"))  # malformed: no title
    rows.append(_laion_row("Ghost Track", [], None))  # malformed: empty artist list
    _write_parquet(out / "laion-disco-12m", parquet_out.LAION_SCHEMA, rows)


def laion_song_id(title: str | None, artists: list[str]) -> str:
    """The video id of a demo LAION row (its title as written there, decorations included)."""
    return stable_id(f"laion:{title}:{artists}", 11)


def clip_videos() -> list[str]:
    """Demo LAION videos that AudioSet and MusicCaps list too, in the order `demo_clips` takes.

    Those of "Lantern Light", "Paper Boats", "Kettle Moon" and "Harbor of Glass".
    """
    deco = _decorations()
    return [laion_song_id(SONGS[i][0] + deco.get(i, ""), list(SONGS[i][1])) for i in (0, 1, 5, 2)]


def _laion_row(title: str | None, artists: list[str], album: str | None,
               channel: str | None = None) -> dict[str, object]:
    """A LAION row.

    Each credit's channel id comes from its name (a " - Topic" credit is the artist's own
    channel), or from `channel` for a name several channels share.
    """
    key = f"laion:{title}:{artists}"
    channels = [channel or a.removesuffix(" - Topic") for a in artists]
    return {
        "song_id": laion_song_id(title, artists), "title": title, "artist_names": artists,
        "artist_ids": ["UC" + stable_id(c, 22) for c in channels], "album_name": album,
        "album_id": "MPREb_" + stable_id(f"album:{album}", 11) if album else None,
        "isExplicit": False, "views": str(1000 + len(key) * 137), "duration": 180 + len(key),
    }


def write_disco(out: Path) -> None:
    """Spotify-side titles ("(feat. X)", " - Remastered 2011"), single primary artist."""
    rows: list[dict[str, object]] = []
    for i, (title, artists, _album) in enumerate(SONGS[:22]):
        name = title + (" - Remastered 2011" if i == 3 else "")
        if len(artists) > 1:
            name += f" (feat. {' & '.join(artists[1:])})"
        rows.append(_disco_row(name, artists[0], f"{artists[0]} - {title} (Official Video)"))
    rows.append(_disco_row(None, VL, f"{VL} - Untitled"))  # malformed: no track name
    rows.append(_disco_row("Nobody's Song", "", "Unknown - Nobody's Song"))  # malformed
    _write_parquet(out / "disco-10m", parquet_out.DISCO_SCHEMA, rows)


def _disco_row(name: str | None, artist: str, video_title: str) -> dict[str, object]:
    key = f"disco:{video_title}"
    return {
        "video_url_youtube": parquet_out.WATCH + stable_id(key, 11),
        "video_title_youtube": video_title, "track_name_spotify": name,
        "primary_artist_name_spotify": artist, "artist_id_spotify": stable_id(artist, 22),
        "track_id_spotify": stable_id(f"spotify:{name}", 22),
        "album_id_spotify": stable_id(f"album:{video_title}", 22),
        "preview_url_spotify": "https://p.scdn.co/mp3-preview/" + stable_id(key, 40),
        "explicit_content_spotify": False, "track_duration_spotify_ms": 200_000 + len(key),
        "video_duration_youtube_sec": 200.0 + len(key), "video_view_count_youtube": 5000.0,
        "similarity_audio": 0.91,
    }


def _write_parquet(folder: Path, schema: pa.Schema, rows: list[dict[str, object]]) -> None:
    path = folder / "data" / "train-00000-of-00001.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def write_sleeping(out: Path) -> None:
    """Genius-style credits, split by first letter; one malformed line in each file."""
    folder = out / "sleeping-disco-9m"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    files: dict[str, list[str]] = {}

    def add(title: str | None, artist: str, album: str | None) -> None:
        record: dict[str, object] = {} if title is None else {"title": title}
        record |= {
            "artist": artist, "album": album,
            "youtube_url": parquet_out.WATCH + stable_id(f"sleeping:{title}:{artist}", 11),
            "genius_id": 4000 + len(files.get("all", [])) * 7,
            "lyrics_url": "https://genius.com/" + f"{artist} {title}-lyrics".replace(" ", "-"),
        }
        first = artist[:1].lower()
        letter = first if "a" <= first <= "z" else "other"
        line = json.dumps(record, ensure_ascii=False)
        files.setdefault(letter, []).append(line)
        files.setdefault("all", []).append(line)

    for title, artists, album in SONGS:
        add(title + (" (Remastered 2011)" if title == "Paper Boats" else ""), credit(artists),
            album)
    add("Lantern Light [Live]", VL, None)
    add("Embers", f"Ash & Ember feat. {VL}", "Kindling")
    add("Lighthouse Keeper", f"{MJ[0]} & {VL}", None)
    add("Snjór", f"Sigrún Ósk, {VL} and Björk Sólveigsdóttir", "Hálfmáni")
    add("Ночные фонари", f"Белые Ночи feat. {VL}", None)
    add("Ísbrú (Duet)", f"Björk Sólveigsdóttir & {VL}", "Jökulsá")
    add("Faro del Norte", f"Los Faros Dorados feat. {VL}", "Costa Brava Nocturna")
    add("Stack Overflow Lullaby", f"Null Pointer Choir & {VL}", "Segfault Hymns")
    add(None, "Ash & Ember", "Kindling")  # a.jsonl: no title
    add("Quiet Harbor", "", None)  # other.jsonl: empty artist
    add(None, "Los Faros Dorados", None)  # l.jsonl: no title
    add("", "Null Pointer Choir", "Segfault Hymns")  # n.jsonl: empty title
    del files["all"]
    files["m"].append('{"title": "Half a Reco')  # broken JSON lines
    files["b"].append('{"title": "Ísbrú", "artist": "Björk Sólveigsdóttir", "album": ')
    files["t"].append('{"title": "Lantern Light", "artist": "The Velvet Lant')
    for letter, lines in files.items():
        data = "".join(line + "\n" for line in lines).encode()
        if letter == "s":  # invalid UTF-8: a Latin-1 "ó" where UTF-8 was expected
            data += b'{"title": "Sigr\xfan \xd3sk Live", "artist": "Sigr\xfan \xd3sk"}\n'
        (folder / f"{letter}.jsonl").write_bytes(data)


def write_fma(out: Path) -> None:
    """tracks.csv (three header rows) and raw_tracks.csv, with FMA's catalog spellings."""
    picks: list[tuple[str, str, str]] = [
        ("Lantern Light", VL, "Harbor of Glass"),
        ("Paper Boats, Folded", VL, "Harbor of Glass"),
        ('The "Moth" Song', "Velvet Lanterns, The", "Slow Motion Summer"),
        ("Lamplighter", "Lanterns, The", "Wick & Wax"),
        ("Wick, Wax\nand Wire", "Lanterns, The", "Wick & Wax"),
        ("Kettle Moon", "Sigrún Ósk", "Hálfmáni"),
        ("Hrím", "Björk Sólveigsdóttir", "Jökulsá"),
        ("Белая ночь", "Белые Ночи", "Невский туман"),
        ("夜明けの歌", "夜明けのカナリア", "朝焼けレコード"),
        ("قمر الصحراء", "نجوم الصحراء", "رمال ذهبية"),
        ("Fox Moon Tide", "🌙🦊🌊", "Tidepool"),
        ("Quayside", "Marlowe feat. Juniper Quay", "Low Tide Letters"),
        ("Tinderbox", "Ash & Ember", "Kindling"),
        ("Cobalt Hour", "Mirela Dragoș", "Ora albastră"),
        ("Faro del Sur", "Los Faros Dorados", "Costa Brava Nocturna"),
        ("Κύμα της αυγής", "Κύμα Ανατολής", "Ανατολή"),
        ("```code``` Blues", "Null Pointer Choir", "Segfault Hymns"),
        ("Slow Motion Summer [Live]", VL, "Live at the Lamp House"),
    ]
    groups = text_out.fma_header_rows()
    width = len(groups[0])
    folder = out / "fma"
    with text_out.open_text(folder / "tracks.csv") as handle:
        rows = [_fma_row(groups[1], 2 + i * 3, *pick) for i, pick in enumerate(picks)]
        rows.append(_fma_row(groups[1], 200, "", VL, "Harbor of Glass"))  # missing title
        rows.append(_fma_row(groups[1], 203, "Half Row", VL, "Harbor of Glass")[: width - 4])
        text_out.write_csv_rows(handle, groups + rows)
    with text_out.open_text(folder / "raw_tracks.csv") as handle:
        raw = [_raw_row(2 + i * 3, *pick) for i, pick in enumerate(picks)]
        raw.append(_raw_row(200, "", VL, "Harbor of Glass"))  # missing title
        text_out.write_csv_rows(handle, [list(text_out.RAW_TRACKS_HEADER), *raw])
        handle.write(text_out.unquoted(_raw_row(203, "Unquoted", VL, "Harbor of Glass")))


def _fma_row(fields: list[str], track_id: int, title: str, artist: str, album: str) -> list[str]:
    values = {"title": title, "name": artist, "genres": "[21, 811]", "genre_top": "Hip-Hop",
              "license": "Attribution 4.0 International", "split": "training",
              "subset": "small", "duration": "201", "listens": "1234", "id": "7"}
    row = [str(track_id)]
    for position, field in enumerate(fields[1:], start=1):
        row.append(album if field == "title" and position < 14 else values.get(field, ""))
    return row


def _raw_row(track_id: int, title: str, artist: str, album: str) -> list[str]:
    def slug(text: str) -> str:
        return "_".join(text.replace(",", "").replace('"', "").split()) or "untitled"

    url = f"{text_out.FMA_SITE}{slug(artist)}/{slug(album)}/{slug(title)}"
    values = {"track_id": str(track_id), "album_title": album, "artist_name": artist,
              "track_title": title, "track_url": url, "track_duration": "03:21",
              "license_title": "Attribution 4.0 International", "tags": "['lo-fi']"}
    return [values.get(name, "") for name in text_out.RAW_TRACKS_HEADER]


def write_spotify(out: Path) -> None:
    """dataset.csv: unnamed index column, artists joined by ';'."""
    rows: list[list[str]] = [list(text_out.SPOTIFY_HEADER)]
    for i, (title, artists, album) in enumerate(SONGS[:24]):
        name = title + (" - Radio Edit" if i == 1 else "")
        if len(artists) > 1:
            name += f" (feat. {' & '.join(artists[1:])})"
        rows.append(_spotify_row(len(rows) - 1, ";".join(artists), album, name))
    rows.append(_spotify_row(len(rows) - 1, f"{VL};Ash & Ember", "Kindling", "Embers"))
    # The dataset repeats a track_id once per track_genre: duplicate rows, not new tracks.
    for row, genre in ((1, "dream-pop"), (1, "shoegaze"), (17, "folk")):
        rows.append([str(len(rows) - 1), *rows[row][1:-1], genre])
    rows.append(_spotify_row(len(rows) - 1, "", "Harbor of Glass", "Orphan Track"))  # no artist
    rows.append(_spotify_row(len(rows) - 1, VL, "Harbor of Glass", "Short Row")[:-3])
    with text_out.open_text(out / "spotify-tracks" / "dataset.csv") as handle:
        text_out.write_csv_rows(handle, rows)


def _spotify_row(index: int, artists: str, album: str, name: str) -> list[str]:
    return [str(index), stable_id(f"spotify:{name}", 22), artists, album, name, "42", "201000",
            "False", "0.612", "0.734", "5", "-6.2", "1", "0.041", "0.12", "0.0", "0.11", "0.56",
            "118.0", "4", "indie"]


def write_demo(out: Path = DEFAULT_OUT) -> list[Path]:
    """Write every demo file; returns them in a stable order."""
    for writer in (write_laion, write_sleeping, write_fma, write_disco, write_spotify):
        writer(out)
    write_audioset(out, clip_videos())
    write_musiccaps(out, clip_videos())
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix != ".md")
    log.info("wrote %d demo files under %s", len(files), out)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.devtools.demo",
                                     description="Rewrite the bundled fictional demo data.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    files = write_demo(args.out)
    print(f"wrote {len(files)} demo files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
