"""A procedural universe of artists and songs that every synthetic dataset draws from.

Nothing is stored per artist or per song: artist `i` and song `k` are pure functions of the
seed and the index (a splitmix64 hash feeds every choice), so a universe of millions costs no
memory, any song can be rebuilt from its index, and all formats agree on what song `k` is.
That is what makes the same song show up in several datasets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.devtools.synth import vocab

_MASK64 = (1 << 64) - 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MUL1 = np.uint64(0xBF58476D1CE4E5B9)
_MUL2 = np.uint64(0x94D049BB133111EB)
_ZIPF_OFFSET = 50.0  # flattens the head: the top artist holds ~0.3% of songs, not ~10%
FEATURE_SHARE = 0.15
_CACHED_NAMES = 1 << 16
_ALBUMS_PER_ARTIST = 4
_BASE64URL = np.frombuffer(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", dtype=np.uint8
)
_BASE62 = _BASE64URL[:62]

# Salts: one per independent decision, so that changing one never shifts another.
(S_SCRIPT, S_NAME, S_SONG, S_FEAT, S_FEAT1, S_FEAT2, S_TITLE, S_ALBUM, S_ID) = range(1, 10)


def _scalar_mix(value: int) -> int:
    z = (value + 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def mix(values: np.ndarray, salt: int) -> np.ndarray:
    """splitmix64 of each value under a salt: 64 independent-looking bits per value."""
    z = values.astype(np.uint64) * _GOLDEN + np.uint64(salt & _MASK64)
    z = (z ^ (z >> np.uint64(30))) * _MUL1
    z = (z ^ (z >> np.uint64(27))) * _MUL2
    return z ^ (z >> np.uint64(31))


def uniform(hashes: np.ndarray) -> np.ndarray:
    """Floats in [0, 1) from hashes (their top 53 bits)."""
    return (hashes >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def bits(hashes: np.ndarray, shift: int, width: int) -> np.ndarray:
    """`width` bits of each hash starting at `shift`, as int64 (for indexing)."""
    return ((hashes >> np.uint64(shift)) & np.uint64((1 << width) - 1)).astype(np.int64)


def id_strings(hashes: np.ndarray, length: int, alphabet: np.ndarray = _BASE64URL) -> list[str]:
    """Opaque ids (YouTube-like base64url or Spotify-like base62) from hashes."""
    n, base = len(hashes), np.uint64(len(alphabet))
    out = np.empty((n, length), dtype=np.uint8)
    h = hashes
    for pos in range(length):
        if pos and pos % 10 == 0:
            h = mix(hashes, pos)  # fresh bits: 10 digits use up a 64-bit hash
        out[:, pos] = alphabet[(h % base).astype(np.int64)]
        h = h // base
    return out.view(f"S{length}").ravel().astype(f"U{length}").tolist()


@dataclass(frozen=True, slots=True)
class Song:
    """One song of the universe: its base title and who is credited."""

    index: int
    title: str
    lead: int
    featured: tuple[int, ...]


class Universe:
    """Artists `0..n_artists-1` (0 is the most popular) and songs `0..n_songs-1`."""

    def __init__(self, seed: int, n_artists: int, n_songs: int) -> None:
        if n_artists < 1 or n_songs < 1:
            raise ValueError("a universe needs at least one artist and one song")
        self.seed = seed
        self.n_artists = n_artists
        self.n_songs = n_songs
        self._salt = _scalar_mix(seed & _MASK64)
        shares = np.array(list(vocab.SCRIPT_SHARES.values()))
        self._script_edges = np.cumsum(shares / shares.sum())[:-1]
        self._popular_names: np.ndarray | None = None
        self._popular_albums: np.ndarray | None = None

    def _hash(self, values: np.ndarray, purpose: int) -> np.ndarray:
        return mix(values, _scalar_mix(self._salt ^ purpose))

    # -- artists -------------------------------------------------------------------------

    def artist_scripts(self, artists: np.ndarray) -> np.ndarray:
        """Index into `vocab.SCRIPTS` of each artist's writing system."""
        u = uniform(self._hash(artists, S_SCRIPT))
        return np.searchsorted(self._script_edges, u, side="right")

    def artist_names(self, artists: np.ndarray) -> list[str]:
        """Display names, vectorized; the same index always gives the same name."""
        artists = np.asarray(artists, dtype=np.int64)
        if self._popular_names is None:
            # Zipf: the most popular artists are most of the credits, so keep their names.
            count = min(self.n_artists, _CACHED_NAMES)
            self._popular_names = self._build_names(np.arange(count, dtype=np.int64))
        cached = artists < len(self._popular_names)
        if cached.all():
            result: list[str] = self._popular_names[artists].tolist()
            return result
        names = np.empty(len(artists), dtype=object)
        names[cached] = self._popular_names[artists[cached]]
        rest = np.flatnonzero(~cached)
        names[rest] = self._build_names(artists[rest])
        result = names.tolist()
        return result

    def _build_names(self, artists: np.ndarray) -> np.ndarray:
        names = np.empty(len(artists), dtype=object)
        scripts = self.artist_scripts(artists)
        hashes = self._hash(artists, S_NAME)
        for script_index, script in enumerate(vocab.SCRIPTS):
            where = np.flatnonzero(scripts == script_index)
            if len(where):
                names[where] = _NAME_BUILDERS[script](hashes[where], script)
        return names

    def artist_name(self, artist: int) -> str:
        return self.artist_names(np.array([artist]))[0]

    def popularity(self, artists: np.ndarray) -> np.ndarray:
        """Each artist's expected share of all songs (the Zipf-like weights)."""
        a = np.asarray(artists, dtype=np.float64)
        q, n = _ZIPF_OFFSET, float(self.n_artists)
        scale = np.log((n + q) / q)
        return np.asarray(np.log((a + 1 + q) / (a + q)) / scale)

    def _zipf(self, u: np.ndarray) -> np.ndarray:
        q, n = _ZIPF_OFFSET, float(self.n_artists)
        ranks = np.floor(q * np.exp(u * np.log((n + q) / q)) - q).astype(np.int64)
        return np.asarray(np.clip(ranks, 0, self.n_artists - 1))

    # -- songs ---------------------------------------------------------------------------

    def song_leads(self, songs: np.ndarray) -> np.ndarray:
        return self._zipf(uniform(self._hash(songs, S_SONG)))

    def song_features(self, songs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Featured artists per song: two arrays, -1 where there is none."""
        songs = np.asarray(songs, dtype=np.int64)
        leads = self.song_leads(songs)
        u = uniform(self._hash(songs, S_FEAT))
        has_one = (u < FEATURE_SHARE) & (self.n_artists > 1)
        has_two = (u < FEATURE_SHARE * 0.3) & (self.n_artists > 2)
        first = self._other_than(self._zipf(uniform(self._hash(songs, S_FEAT1))), leads)
        second = self._other_than(self._zipf(uniform(self._hash(songs, S_FEAT2))), leads)
        second = np.where(second == first, (second + 1) % self.n_artists, second)
        second = self._other_than(second, leads)
        return np.where(has_one, first, -1), np.where(has_two & (second != first), second, -1)

    def _other_than(self, picks: np.ndarray, leads: np.ndarray) -> np.ndarray:
        return np.where(picks == leads, (picks + 1) % self.n_artists, picks)

    def song_titles(self, songs: np.ndarray) -> list[str]:
        """Base titles (no "(Official Video)" or "(feat. X)": formats add those)."""
        songs = np.asarray(songs, dtype=np.int64)
        h = self._hash(songs, S_TITLE)
        scripts = self.artist_scripts(self.song_leads(songs))
        # Half of the songs by non-Latin artists are titled in the artist's script.
        own_script = (bits(h, 60, 1) == 1) & (scripts >= 2) & (scripts != _EMOJI)
        titles = np.empty(len(songs), dtype=object)
        english = np.flatnonzero(~own_script)
        titles[english] = _english_titles(h[english])
        for script_index, script in enumerate(vocab.SCRIPTS):
            where = np.flatnonzero(own_script & (scripts == script_index))
            if len(where):
                titles[where] = _script_titles(h[where], script)
        result: list[str] = titles.tolist()
        return result

    def song(self, index: int) -> Song:
        return self.songs(np.array([index]))[0]

    def songs(self, indexes: np.ndarray) -> list[Song]:
        indexes = np.asarray(indexes, dtype=np.int64)
        first, second = self.song_features(indexes)
        return [
            Song(int(k), title, int(lead), tuple(int(a) for a in (f1, f2) if a >= 0))
            for k, title, lead, f1, f2 in zip(
                indexes, self.song_titles(indexes), self.song_leads(indexes), first, second,
                strict=True,
            )
        ]

    def songs_of(self, artist: int, limit: int = 10, chunk: int = 1 << 20) -> list[Song]:
        """Songs whose lead artist is `artist` (a scan, in chunks: fine for tests)."""
        found: list[int] = []
        for start in range(0, self.n_songs, chunk):
            k = np.arange(start, min(start + chunk, self.n_songs), dtype=np.int64)
            found.extend(k[self.song_leads(k) == artist][: limit - len(found)].tolist())
            if len(found) >= limit:
                break
        return self.songs(np.array(found, dtype=np.int64))

    def album_keys(self, songs: np.ndarray) -> np.ndarray:
        """A song's album: one of its lead artist's four albums."""
        h = self._hash(songs, S_ALBUM)
        return np.asarray(self.song_leads(songs) * _ALBUMS_PER_ARTIST + bits(h, 0, 2))

    def album_titles(self, album_keys: np.ndarray) -> list[str]:
        """Album titles by album key; popular artists' albums are built once and kept."""
        album_keys = np.asarray(album_keys, dtype=np.int64)
        if self._popular_albums is None:
            count = min(self.n_artists, _CACHED_NAMES) * _ALBUMS_PER_ARTIST
            keys = np.arange(count, dtype=np.int64)
            self._popular_albums = np.array(_english_titles(self._hash(keys, S_ALBUM)),
                                            dtype=object)
        cached = album_keys < len(self._popular_albums)
        titles = np.empty(len(album_keys), dtype=object)
        titles[cached] = self._popular_albums[album_keys[cached]]
        rest = np.flatnonzero(~cached)
        if len(rest):
            titles[rest] = _english_titles(self._hash(album_keys[rest], S_ALBUM))
        result: list[str] = titles.tolist()
        return result

    def ids(self, values: np.ndarray, purpose: int, length: int, base62: bool = False) -> list[str]:
        """Stable opaque ids for any integer keys (videos, albums, channels)."""
        hashes = self._hash(values, S_ID * 1000 + purpose)
        return id_strings(hashes, length, _BASE62 if base62 else _BASE64URL)


_EMOJI = vocab.SCRIPTS.index("emoji")


def _pick(words: np.ndarray, h: np.ndarray, shift: int) -> np.ndarray:
    return np.asarray(words[bits(h, shift, 13) % len(words)])


def _joined(*parts: np.ndarray | str, sep: str = " ") -> list[str]:
    columns = [p if isinstance(p, np.ndarray) else None for p in parts]
    n = next(len(c) for c in columns if c is not None)
    cells = [c if c is not None else [p] * n for c, p in zip(columns, parts, strict=True)]
    return [sep.join(row) for row in zip(*cells, strict=True)]


def _by_pattern(h: np.ndarray, builders: list[tuple[float, Callable[[np.ndarray], list[str]]]]
                ) -> list[str]:
    """Apply name builders to shares of the hashes, chosen by 8 bits of each hash."""
    out = np.empty(len(h), dtype=object)
    pattern = bits(h, 52, 8) / 256.0
    low = 0.0
    for share, build in builders:
        where = np.flatnonzero((pattern >= low) & (pattern < low + share))
        low += share
        if len(where):
            out[where] = build(h[where])
    result: list[str] = out.tolist()
    return result


_PARTICLES = np.array(["von", "de", "van der", "da", "di", "le", "del", "af"], dtype=object)
_ASCII_PREFIX = np.array(["DJ", "Lil", "MC", "Big", "Young", "Saint", "Dr."], dtype=object)
_SURNAME_ENDS = np.array(["", "", "son", "ton", "ley", "field", "er", "s", "man", "wood"],
                         dtype=object)
_ENSEMBLES = np.array(["Band", "Trio", "Quartet", "Orchestra", "Collective", "Ensemble", "Crew"],
                      dtype=object)


def _latin_names(h: np.ndarray, script: str) -> list[str]:
    w = vocab.script_words(script)
    return _by_pattern(h, [
        (0.80, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13))),
        (0.10, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), _pick(w, x, 26))),
        (0.10, lambda x: _joined(_pick(w, x, 0), _pick(_PARTICLES, x, 26), _pick(w, x, 13))),
    ])


def _ascii_names(h: np.ndarray, script: str) -> list[str]:
    w = vocab.script_words(script)
    adj, nouns, given = vocab.ENGLISH_ADJECTIVES, vocab.ENGLISH_NOUNS, vocab.ENGLISH_GIVEN

    def surname(x: np.ndarray) -> np.ndarray:
        return np.array([a + b for a, b in zip(_pick(w, x, 13), _pick(_SURNAME_ENDS, x, 26),
                                               strict=True)], dtype=object)

    return _by_pattern(h, [
        (0.05, lambda x: _joined("The", _pick(adj, x, 0), _pick(nouns, x, 13))),
        (0.12, lambda x: _joined("The", _pick(w, x, 0), _pick(nouns, x, 13))),
        (0.28, lambda x: _joined(_pick(given, x, 0), surname(x))),
        (0.43, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13))),
        (0.07, lambda x: _joined(_pick(_ASCII_PREFIX, x, 39), surname(x))),
        (0.05, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), _pick(_ENSEMBLES, x, 26))),
    ])


def _spaced_names(h: np.ndarray, script: str) -> list[str]:
    w = vocab.script_words(script)
    return _by_pattern(h, [
        (0.90, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13))),
        (0.10, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), _pick(w, x, 26))),
    ])


def _east_asian_names(h: np.ndarray, script: str) -> list[str]:
    w = vocab.script_words(script)
    return _by_pattern(h, [
        (0.60, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), sep="")),
        (0.30, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13))),
        (0.10, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), _pick(w, x, 26), sep="")),
    ])


def _emoji_names(h: np.ndarray, script: str) -> list[str]:
    e, latin = vocab.script_words("emoji"), vocab.script_words("ascii")
    return _by_pattern(h, [
        (0.40, lambda x: _joined(_pick(e, x, 0), _pick(e, x, 13), _pick(e, x, 26), sep="")),
        (0.20, lambda x: _joined(_pick(e, x, 0), _pick(e, x, 13), sep="")),
        (0.40, lambda x: _joined(_pick(e, x, 0), _pick(latin, x, 13), _pick(latin, x, 26))),
    ])


_NAME_BUILDERS: dict[str, Callable[[np.ndarray, str], list[str]]] = {
    "latin": _latin_names, "ascii": _ascii_names, "cyrillic": _spaced_names,
    "greek": _spaced_names, "arabic": _spaced_names, "hebrew": _spaced_names,
    "devanagari": _spaced_names, "cjk": _east_asian_names, "kana": _east_asian_names,
    "hangul": _east_asian_names, "emoji": _emoji_names,
}


def _english_titles(h: np.ndarray) -> list[str]:
    words = vocab.ENGLISH_TITLE_WORDS
    templates = vocab.TITLE_TEMPLATES
    picks = bits(h, 40, 8) % len(templates)
    first, second, third = _pick(words, h, 0), _pick(words, h, 13), _pick(words, h, 26)
    return [
        templates[t].format(a, b.lower() if t in (6, 11) else b, c)
        for t, a, b, c in zip(picks.tolist(), first, second, third, strict=True)
    ]


def _script_titles(h: np.ndarray, script: str) -> list[str]:
    w = vocab.script_words(script)
    sep = "" if script in ("cjk", "kana") else " "
    return _by_pattern(h, [
        (0.35, lambda x: _joined(_pick(w, x, 0))),
        (0.45, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), sep=sep)),
        (0.20, lambda x: _joined(_pick(w, x, 0), _pick(w, x, 13), _pick(w, x, 26), sep=sep)),
    ])
