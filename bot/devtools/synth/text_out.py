"""Sleeping-DISCO JSONL, FMA's two CSV files and the Spotify Tracks CSV, chunk by chunk.

Malformed rows are written the way they break in the wild: a truncated JSON line, bytes that
are not UTF-8 (written through `surrogateescape`), a missing title or artist, a row with the
wrong number of fields.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from json.encoder import encode_basestring as quoted
from pathlib import Path
from typing import IO

import numpy as np

from bot.devtools.synth import tracks, vocab
from bot.devtools.synth.tracks import Batch
from bot.devtools.synth.universe import Universe

BAD_UTF8 = "\udcff\udcfe"  # written through surrogateescape: the bytes FF FE
SLEEPING_BAD_KINDS = 4  # truncated line, invalid UTF-8, no title, empty artist
FMA_BAD_KINDS = 3  # missing title, wrong field count, invalid UTF-8
SPOTIFY_BAD_KINDS = 3  # no artists, no track name, wrong field count

FMA_GROUPS: dict[str, tuple[str, ...]] = {
    "album": ("comments", "date_created", "date_released", "engineer", "favorites", "id",
              "information", "listens", "producer", "tags", "title", "tracks", "type"),
    "artist": ("active_year_begin", "active_year_end", "associated_labels", "bio", "comments",
               "date_created", "favorites", "id", "latitude", "location", "longitude",
               "members", "name", "related_projects", "tags", "website", "wikipedia_page"),
    "set": ("split", "subset"),
    "track": ("bit_rate", "comments", "composer", "date_created", "date_recorded", "duration",
              "favorites", "genre_top", "genres", "genres_all", "information", "interest",
              "language_code", "license", "listens", "lyricist", "number", "publisher", "tags",
              "title"),
}
RAW_TRACKS_HEADER = (
    "track_id", "album_id", "album_title", "album_url", "artist_id", "artist_name", "artist_url",
    "artist_website", "license_image_file", "license_image_file_large", "license_parent_id",
    "license_title", "license_url", "tags", "track_bit_rate", "track_comments", "track_composer",
    "track_copyright_c", "track_copyright_p", "track_date_created", "track_date_recorded",
    "track_disc_number", "track_duration", "track_explicit", "track_explicit_notes",
    "track_favorites", "track_file", "track_genres", "track_image_file", "track_information",
    "track_instrumental", "track_interest", "track_language_code", "track_listens",
    "track_lyricist", "track_number", "track_publisher", "track_title", "track_url",
)
SPOTIFY_HEADER = (
    "", "track_id", "artists", "album_name", "track_name", "popularity", "duration_ms",
    "explicit", "danceability", "energy", "key", "loudness", "mode", "speechiness",
    "acousticness", "instrumentalness", "liveness", "valence", "tempo", "time_signature",
    "track_genre",
)
SPOTIFY_REPEATED = 0.2  # rows repeating an earlier row's track_id, under another genre
FMA_SITE = "https://freemusicarchive.org/music/"
WATCH = "https://www.youtube.com/watch?v="


def open_text(path: Path) -> IO[str]:
    """UTF-8 text that lets lone surrogates through as the raw bytes they stand for."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8", errors="surrogateescape", newline="")


class SleepingWriter:
    """Per-letter JSONL files, opened as rows for them appear."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.jsonl"):
            old.unlink()
        self.folder = folder
        self.handles: dict[str, IO[bytes]] = {}

    def write_chunk(self, universe: Universe, batch: Batch) -> None:
        rng, n = batch.rng, len(batch)
        titles, in_title = tracks.featured_in_title(
            tracks.decorated(batch.titles, rng, "genius"), batch, 0.3)
        credits = tracks.credit_strings(batch)
        for i in np.flatnonzero(in_title).tolist():
            credits[i] = batch.lead_names[i]  # Genius: featured artists in the title only
        albums = [quoted(a) for a in universe.album_titles(batch.album_keys(universe))]
        for i in np.flatnonzero(rng.random(n) < 0.2).tolist():
            albums[i] = "null"
        videos = universe.ids(batch.variants(uploads=3), tracks.VIDEO, 11)
        lyrics = [  # Genius-style: "https://genius.com/Artist-name-song-title-lyrics"
            quoted("https://genius.com/" + f"{c} {t}-lyrics".replace(" ", "-").replace('"', "")
                   .replace("(", "").replace(")", "").replace(",", ""))
            for c, t in zip(credits, titles, strict=True)
        ]
        genius_ids = (batch.songs + 100_000).tolist()
        lines = [
            f'{{"title": {quoted(title)}, "artist": {quoted(credit)}, "album": {album}, '
            f'"youtube_url": "{WATCH}{video}", "genius_id": {gid}, "lyrics_url": {lyric}}}\n'
            for title, credit, album, video, gid, lyric in zip(
                titles, credits, albums, videos, genius_ids, lyrics, strict=True)
        ]
        for i in np.flatnonzero(batch.bad_kind >= 0).tolist():
            kind = int(batch.bad_kind[i])
            if kind == 0:
                lines[i] = lines[i][: len(lines[i]) // 2] + "\n"
            elif kind == 1:
                lines[i] = lines[i].replace(quoted(titles[i]), quoted(titles[i] + BAD_UTF8), 1)
            elif kind == 2:
                lines[i] = "{" + lines[i][lines[i].index('"artist"'):]
            else:
                lines[i] = lines[i].replace(quoted(credits[i]), '""', 1)
                credits[i] = ""
        buffers: dict[str, list[str]] = {}
        for credit, line in zip(credits, lines, strict=True):
            first = credit[:1].lower()
            buffers.setdefault(first if "a" <= first <= "z" else "other", []).append(line)
        for letter, chunk in buffers.items():
            handle = self.handles.get(letter)
            if handle is None:
                handle = self.handles[letter] = (self.folder / f"{letter}.jsonl").open("wb")
            handle.write("".join(chunk).encode("utf-8", "surrogateescape"))

    def close(self) -> list[Path]:
        for handle in self.handles.values():
            handle.close()
        return sorted(self.folder / f"{letter}.jsonl" for letter in self.handles)


def fma_header_rows() -> list[list[str]]:
    """tracks.csv's three header rows: groups, fields, and the lone index label."""
    groups = [""] + [g for g, fields in FMA_GROUPS.items() for _ in fields]
    fields = [""] + [f for fields in FMA_GROUPS.values() for f in fields]
    return [groups, fields, ["track_id"] + [""] * (len(groups) - 1)]


def fma_credits(batch: Batch) -> list[str]:
    """FMA credits: one string, and "The X" sometimes catalogued as "X, The"."""
    credits = tracks.credit_strings(batch)
    flip = (batch.rng.random(len(batch)) < 0.5).tolist()
    return [
        lead[4:] + ", The" + credit[len(lead):] if f and lead.startswith("The ") else credit
        for lead, credit, f in zip(batch.lead_names, credits, flip, strict=True)
    ]


def fma_titles(batch: Batch) -> list[str]:
    """Plain titles, a few with a line break inside (FMA has them)."""
    titles = tracks.decorated(batch.titles, batch.rng, "plain")
    for i in np.flatnonzero(batch.rng.random(len(batch)) < 0.005).tolist():
        titles[i] = titles[i] + "\n(bonus track)"
    return titles


def _broken(rows: list[list[str]], kinds: list[int], title_at: int, kind_missing: int,
            kind_count: int, kind_utf8: int) -> None:
    for i, kind in enumerate(kinds):
        if kind == kind_missing:
            rows[i][title_at] = ""
        elif kind == kind_utf8:
            rows[i][title_at] = rows[i][title_at] + BAD_UTF8
        elif kind == kind_count:
            rows[i] = rows[i][:-1]


def fma_tracks_rows(universe: Universe, batch: Batch, first_id: int) -> list[list[str]]:
    """Rows of tracks.csv in FMA_GROUPS order (53 columns with track_id)."""
    rng, n = batch.rng, len(batch)
    credits, titles = fma_credits(batch), fma_titles(batch)
    album_keys = batch.album_keys(universe)
    albums = universe.album_titles(album_keys)
    genres = rng.integers(0, len(vocab.FMA_GENRES), n).tolist()
    seconds = tracks.durations(rng, n).tolist()
    listens = tracks.view_counts(rng, n).tolist()
    split = tracks.chosen(rng, ("training",) * 8 + ("validation", "test"), n)
    subset = tracks.chosen(rng, ("small", "medium", "large", "large", "large"), n)
    licenses = tracks.chosen(rng, vocab.FMA_LICENSES, n)
    locations = tracks.chosen(rng, vocab.FMA_LOCATIONS, n)
    rows: list[list[str]] = []
    for i in range(n):
        gid, gtitle = vocab.FMA_GENRES[genres[i]]
        date = f"20{8 + i % 9:02d}-{1 + i % 12:02d}-{1 + i % 28:02d} 0{i % 10}:44:45"
        rows.append([
            str(first_id + i),
            "0", date, "", "", "2", str(album_keys[i]), "", str(listens[i] * 3), "", "[]",
            albums[i], str(1 + i % 14), "Album",
            "", "", "", "", "0", date, "1", str(batch.leads[i]), "", locations[i], "", "",
            credits[i], "", "[]", "", "",
            split[i], subset[i],
            "256000", "0", "", date, "", str(seconds[i]), "0", gtitle, f"[{gid}, 811]",
            f"[{gid}, 811]", "", "0", "en", licenses[i], str(listens[i]), "", str(1 + i % 12),
            "", "[]", titles[i],
        ])
    _broken(rows, batch.bad_kind.tolist(), -1, kind_missing=0, kind_count=1, kind_utf8=2)
    return rows


def fma_raw_rows(universe: Universe, batch: Batch, first_id: int) -> list[list[str]]:
    """Rows of raw_tracks.csv in RAW_TRACKS_HEADER order; broken quoting adds a field."""
    rng, n = batch.rng, len(batch)
    credits, titles = fma_credits(batch), fma_titles(batch)
    album_keys = batch.album_keys(universe)
    albums = universe.album_titles(album_keys)
    urls = [
        f"{FMA_SITE}{a}/{b}/{c}" for a, b, c in zip(
            tracks.slugs(credits, "_"), tracks.slugs(albums, "_"), tracks.slugs(titles, "_"),
            strict=True)
    ]
    genres = rng.integers(0, len(vocab.FMA_GENRES), n).tolist()
    seconds = tracks.durations(rng, n).tolist()
    licenses = tracks.chosen(rng, vocab.FMA_LICENSES, n)
    rows: list[list[str]] = []
    for i in range(n):
        gid, gtitle = vocab.FMA_GENRES[genres[i]]
        m, s = divmod(seconds[i], 60)
        artist_url = urls[i].rsplit("/", 2)[0]
        rows.append([
            str(first_id + i), str(album_keys[i]), albums[i], urls[i].rsplit("/", 1)[0],
            str(batch.leads[i]), credits[i], artist_url, "", "", "", "", licenses[i],
            "http://creativecommons.org/licenses/by-nc-sa/3.0/", "['experimental', 'lo-fi']",
            "256000", "0", "", "", "", "11/26/2008 01:48:12 AM", "", "1", f"{m:02d}:{s:02d}",
            "", "", "0", f"music/raw/{first_id + i:06d}.mp3",
            f"[{{'genre_id': '{gid}', 'genre_title': '{gtitle}', "
            f"'genre_url': 'http://freemusicarchive.org/genre/{gtitle}/'}}]",
            "", "", "0", "120", "en", "300", "", str(1 + i % 12), "", titles[i], urls[i],
        ])
    kinds = batch.bad_kind.tolist()
    _broken(rows, kinds, -2, kind_missing=0, kind_count=99, kind_utf8=2)  # 1: write_raw_rows
    return rows


def unquoted(row: list[str]) -> str:
    """A row whose writer forgot to quote: a comma in the title adds a field."""
    cells = [c.replace('"', "").replace("\n", " ") for c in row]
    cells[-2] = cells[-2] + ", unquoted"
    return ",".join(cells) + "\n"


def write_raw_rows(handle: IO[str], rows: list[list[str]], kinds: list[int]) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    for row, kind in zip(rows, kinds, strict=True):
        if kind == 1:
            handle.write(unquoted(row))
        else:
            writer.writerow(row)


def spotify_rows(universe: Universe, batch: Batch, first_index: int) -> list[list[str]]:
    """Rows of the Spotify Tracks dataset.csv: artists joined by ';', audio features."""
    rng, n = batch.rng, len(batch)
    titles, _ = tracks.featured_in_title(tracks.decorated(batch.titles, rng, "spotify"),
                                         batch, 0.5)
    artists = [";".join((lead, *feats))
               for lead, feats in zip(batch.lead_names, batch.featured_names, strict=True)]
    albums = universe.album_titles(batch.album_keys(universe))
    ids = universe.ids(batch.variants(), tracks.SPOTIFY_TRACK, 22, base62=True)
    features = rng.random((n, 8)).round(4).tolist()
    ints = np.stack([rng.integers(0, 101, n), tracks.durations(rng, n) * 1000,
                     rng.integers(0, 12, n), rng.integers(0, 2, n)], axis=1).tolist()
    genres = tracks.chosen(rng, vocab.GENRES, n)
    explicit = (rng.random(n) < 0.09).tolist()
    rows = [
        [str(first_index + i), ids[i], artists[i], albums[i], titles[i], str(ints[i][0]),
         str(ints[i][1]), "True" if explicit[i] else "False", *map(str, features[i][:2]),
         str(ints[i][2]), f"{-30 * features[i][2]:.3f}", str(ints[i][3]),
         *map(str, features[i][3:8]), f"{60 + 140 * features[i][0]:.3f}", "4", genres[i]]
        for i in range(n)
    ]
    for i, kind in enumerate(batch.bad_kind.tolist()):
        if kind == 0:
            rows[i][2] = ""
        elif kind == 1:
            rows[i][4] = ""
        elif kind == 2:
            rows[i] = rows[i][:-1]
    # The real file repeats a track_id once per track_genre (about a fifth of its rows).
    for i, source in enumerate(tracks.repeated_rows(batch, SPOTIFY_REPEATED).tolist()):
        if source != i:
            other = vocab.GENRES[(vocab.GENRES.index(rows[source][-1]) + 1) % len(vocab.GENRES)]
            rows[i] = [rows[i][0], *rows[source][1:-1], other]
    return rows


def write_csv_rows(handle: IO[str], rows: Iterable[list[str]]) -> None:
    csv.writer(handle, lineterminator="\n").writerows(rows)
