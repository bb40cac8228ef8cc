"""The index file's schema, versioned with PRAGMA user_version.

Artists and titles are stored once per normalized key. Each has a `rank` (0 = most
tracks); the gram postings list ranks, so the first entries of any list are the best-known
names and a list can be cut short without losing them.

A track's own published ids (video, Spotify track, FMA track) are in `track_ids`, keyed by
kind and value, so a pasted link is one primary-key probe; a dataset's tracks have consecutive
ids (`datasets.first_track`..`last_track`), so counting one dataset's rows of an id never reads
the tracks. A credited artist's id (channel, Spotify artist) is stored beside its
`artist_tracks` row, and summed per name in `artist_identities`, which is also how an artist
link finds its names. An id-only track (AudioSet, MusicCaps) has no title or
artist id and is in no name table: it answers link lookups only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.text.links import IdKind, LinkId
from bot.text.normalize import normalize_name, normalize_title

SCHEMA_VERSION = 4
# Joins a track's credits, as published, in `tracks.artists` (and their ids in `artist_ids`).
CREDIT_SEPARATOR = "\x1f"

# How each kind of id is stored: fixed numbers, never reused (the index file depends on them).
ID_KIND_CODES: dict[IdKind, int] = {
    IdKind.YOUTUBE_VIDEO: 1,
    IdKind.YOUTUBE_CHANNEL: 2,
    IdKind.SPOTIFY_TRACK: 3,
    IdKind.SPOTIFY_ARTIST: 4,
    IdKind.FMA_TRACK: 5,
}
ID_KINDS = {code: kind for kind, code in ID_KIND_CODES.items()}
ARTIST_ID_KINDS = frozenset({IdKind.YOUTUBE_CHANNEL, IdKind.SPOTIFY_ARTIST})


def encode_artist_ids(links: list[LinkId | None]) -> str | None:
    """`tracks.artist_ids`: each credit's id as its kind's code and value, "" for none."""
    if not any(links):
        return None
    return CREDIT_SEPARATOR.join(
        f"{ID_KIND_CODES[link.kind]}{link.id}" if link else "" for link in links)


def decode_artist_ids(text: str | None, credits: int) -> tuple[LinkId | None, ...]:
    """The ids `encode_artist_ids` wrote, aligned with the track's `credits` shown credits."""
    if not text:
        return ()
    links = tuple(LinkId(ID_KINDS[int(item[0])], item[1:]) if item else None
                  for item in text.split(CREDIT_SEPARATOR))
    return links if len(links) == credits else ()

# Tables filled while sources are read.
CREATE_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value NOT NULL);
CREATE TABLE datasets(
    idx INTEGER PRIMARY KEY,
    source_date TEXT,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    homepage TEXT NOT NULL,
    license TEXT NOT NULL,
    demo INTEGER NOT NULL,
    version TEXT,
    id_only INTEGER NOT NULL DEFAULT 0,
    tracks INTEGER NOT NULL DEFAULT 0,  -- distinct: rows repeating a track's own id are not
    rows INTEGER NOT NULL DEFAULT 0,    -- rows read: tracks, skipped and duplicate rows
    duplicate_rows INTEGER NOT NULL DEFAULT 0,
    first_track INTEGER NOT NULL DEFAULT 0,  -- its tracks are ids first_track..last_track
    last_track INTEGER NOT NULL DEFAULT -1,
    artists INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    fingerprint TEXT NOT NULL,
    files_json TEXT NOT NULL,
    built_at TEXT NOT NULL,
    build_seconds REAL NOT NULL
);
CREATE TABLE artists(
    id INTEGER PRIMARY KEY,
    norm TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    tracks INTEGER NOT NULL DEFAULT 0,
    rank INTEGER
);
CREATE TABLE titles(
    id INTEGER PRIMARY KEY,
    norm TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    tracks INTEGER NOT NULL DEFAULT 0,
    rank INTEGER
);
CREATE TABLE tracks(
    id INTEGER PRIMARY KEY,
    dataset INTEGER NOT NULL,
    title_id INTEGER,        -- NULL (and lead_artist_id too) for an id-only track
    lead_artist_id INTEGER,
    title TEXT NOT NULL,
    artists TEXT NOT NULL,
    album TEXT,
    url TEXT,
    source_id TEXT,
    artist_ids TEXT,         -- encode_artist_ids, aligned with `artists`; NULL: none published
    details TEXT             -- JSON [[label, value], ...] shown with the row; NULL: none
);
CREATE TABLE track_keys(dataset INTEGER PRIMARY KEY, keys BLOB NOT NULL);
CREATE TABLE builds(built_at TEXT PRIMARY KEY, report TEXT NOT NULL);
CREATE TABLE artist_tracks(
    artist_id INTEGER NOT NULL,
    dataset INTEGER NOT NULL,
    track_id INTEGER NOT NULL,
    link_kind INTEGER,  -- the id this credit was published with (ID_KIND_CODES), if any
    link TEXT,
    PRIMARY KEY (artist_id, dataset, track_id)
) WITHOUT ROWID;
"""

# The tracks' own ids as read, in a file beside the new index (attached as `staging`):
# appended in row order while reading, then sorted once into `track_ids`. Inserting them in
# the order read, at random places of a 20M-row b-tree, would be the slowest part of a build.
CREATE_STAGING = """
CREATE TABLE staging.ids(kind INTEGER NOT NULL, value TEXT NOT NULL, track_id INTEGER NOT NULL);
-- A duplicate row's ids, for the track it repeats (which may have them already).
CREATE TABLE staging.merged(kind INTEGER NOT NULL, value TEXT NOT NULL, track_id INTEGER NOT NULL);
"""

# Derived once every source has been read.
CREATE_DERIVED = """
-- Every track's own ids (a video, a Spotify or FMA track): a pasted link is one probe.
CREATE TABLE track_ids(
    kind INTEGER NOT NULL,
    value TEXT NOT NULL,
    track_id INTEGER NOT NULL,
    PRIMARY KEY (kind, value, track_id)
) WITHOUT ROWID;
INSERT INTO track_ids SELECT kind, value, track_id FROM staging.ids
    ORDER BY kind, value, track_id;
INSERT OR IGNORE INTO track_ids SELECT kind, value, track_id FROM staging.merged
    ORDER BY kind, value, track_id;
-- The published ids credited under each artist name, per dataset: same-name artists apart,
-- and, by kind and value, the names and datasets a channel or Spotify artist link reaches.
CREATE TABLE artist_identities(
    artist_id INTEGER NOT NULL,
    dataset INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    value TEXT NOT NULL,
    tracks INTEGER NOT NULL,
    PRIMARY KEY (artist_id, dataset, kind, value)
) WITHOUT ROWID;
INSERT INTO artist_identities SELECT artist_id, dataset, link_kind, link, COUNT(*)
    FROM artist_tracks WHERE link_kind IS NOT NULL GROUP BY artist_id, dataset, link_kind, link;
CREATE INDEX artist_identities_by_link ON artist_identities(kind, value, dataset);
CREATE INDEX tracks_by_title ON tracks(title_id, lead_artist_id, dataset)
    WHERE title_id IS NOT NULL;
CREATE TABLE artist_datasets(
    artist_id INTEGER NOT NULL,
    dataset INTEGER NOT NULL,
    tracks INTEGER NOT NULL,
    PRIMARY KEY (artist_id, dataset)
) WITHOUT ROWID;
INSERT INTO artist_datasets
    SELECT artist_id, dataset, COUNT(*) FROM artist_tracks GROUP BY artist_id, dataset;
UPDATE artists SET tracks = c.n
    FROM (SELECT artist_id, SUM(tracks) AS n FROM artist_datasets GROUP BY artist_id) AS c
    WHERE c.artist_id = artists.id;
UPDATE artists SET rank = r.rn
    FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY tracks DESC, id) - 1 AS rn FROM artists) AS r
    WHERE r.id = artists.id;
CREATE UNIQUE INDEX artists_by_rank ON artists(rank);
UPDATE titles SET tracks = c.n
    FROM (SELECT title_id, COUNT(*) AS n FROM tracks WHERE title_id IS NOT NULL
          GROUP BY title_id) AS c
    WHERE c.title_id = titles.id;
UPDATE titles SET rank = r.rn
    FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY tracks DESC, id) - 1 AS rn FROM titles) AS r
    WHERE r.id = titles.id;
CREATE UNIQUE INDEX titles_by_rank ON titles(rank);
-- A song is a title by one lead artist: its track count, read without touching the tracks.
CREATE TABLE songs(
    title_id INTEGER NOT NULL,
    artist_id INTEGER NOT NULL,
    tracks INTEGER NOT NULL,
    PRIMARY KEY (title_id, artist_id)
) WITHOUT ROWID;
INSERT INTO songs
    SELECT title_id, lead_artist_id, COUNT(*) FROM tracks WHERE title_id IS NOT NULL
    GROUP BY title_id, lead_artist_id;
CREATE INDEX songs_by_size ON songs(title_id, tracks DESC);
CREATE TABLE artist_grams(gram TEXT PRIMARY KEY, ranks BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE title_grams(gram TEXT PRIMARY KEY, ranks BLOB NOT NULL) WITHOUT ROWID;
"""


class NameKind(StrEnum):
    """The two kinds of name an index holds, each with its own tables and normalizer.

    Code that works on either kind asks the kind for its tables rather than testing which one
    it is, so a misspelt kind fails at once instead of quietly meaning titles. The values are
    the words used everywhere before ("artist", "title").
    """

    ARTIST = "artist"
    TITLE = "title"

    @property
    def table(self) -> str:
        """The names themselves: `artists` or `titles`."""
        return _NAME_TABLES[self].table

    @property
    def gram_table(self) -> str:
        """The trigram postings of those names: `artist_grams` or `title_grams`."""
        return _NAME_TABLES[self].gram_table

    @property
    def meta_prefix(self) -> str:
        """What the `meta` keys of this kind's ranked-name arrays start with (`artists_…`)."""
        return _NAME_TABLES[self].table

    @property
    def gram_counts_key(self) -> str:
        """The `meta` key of each name's gram count, by rank (`artist_grams_counts`)."""
        return f"{_NAME_TABLES[self].gram_table}_counts"

    @property
    def normalize(self) -> Callable[[str], str]:
        """Makes a name of this kind into the key it is stored and searched under."""
        return _NAME_TABLES[self].normalize

    @property
    def keeps_shortest_name(self) -> bool:
        """Whether the shortest spelling is shown ("Creep" rather than "Creep (Live)")."""
        return _NAME_TABLES[self].keeps_shortest_name


@dataclass(frozen=True, slots=True)
class _NameTables:
    table: str
    gram_table: str
    normalize: Callable[[str], str]
    keeps_shortest_name: bool


_NAME_TABLES = {
    NameKind.ARTIST: _NameTables("artists", "artist_grams", normalize_name, False),
    NameKind.TITLE: _NameTables("titles", "title_grams", normalize_title, True),
}
