"""One chunk of tracks drawn from the universe, and the dressing every format applies to it.

Formats differ in how they spell the same song: YouTube titles carry "(Official Video)",
Spotify puts "(feat. X)" in the title, Genius credits "A feat. B" in one string. The helpers
here do that spelling with numpy picks and plain list comprehensions, chunk by chunk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from bot.devtools.synth import vocab
from bot.devtools.synth.universe import Universe

CHUNK_ROWS = 50_000  # divides SHARD_ROWS, so a parquet chunk never straddles two shards
_YEARS = tuple(range(1999, 2024, 2))

# Id purposes (see Universe.ids): one per kind of id so they never coincide.
VIDEO, CHANNEL, ALBUM, SPOTIFY_TRACK, SPOTIFY_ARTIST, SPOTIFY_ALBUM, PREVIEW = range(7)


@dataclass(slots=True)
class Batch:
    """A chunk of tracks: which songs, their base titles and credited artists."""

    rng: np.random.Generator
    songs: np.ndarray
    titles: list[str]
    leads: np.ndarray
    featured: list[tuple[int, ...]]
    lead_names: list[str]
    featured_names: list[tuple[str, ...]]
    bad_kind: np.ndarray  # -1 for a good row, else the index of the malformation to apply
    # How many rows of this format drew the same song before each row: a song's second row
    # is another upload or release, with ids of its own (`variants`).
    occurrence: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.songs)

    def album_keys(self, universe: Universe) -> np.ndarray:
        return universe.album_keys(self.songs)

    def variants(self, uploads: int = 1) -> np.ndarray:
        """Keys for per-row ids (a video, a Spotify track).

        Distinct within one format, and shared across formats for the same song's same
        occurrence, one time in `uploads`.
        """
        occurrence = self.occurrence if self.occurrence is not None else np.zeros(len(self))
        pick = self.rng.integers(0, uploads, len(self)) if uploads > 1 else 0
        return np.asarray(self.songs * 256 + np.minimum(occurrence, 63) * 4 + pick)


class Occurrences:
    """How often each song has been drawn so far by one format (two bytes a song)."""

    def __init__(self, n_songs: int) -> None:
        self._counts = np.zeros(n_songs, dtype=np.uint16)

    def of(self, songs: np.ndarray) -> np.ndarray:
        """Each row's earlier draws of its song, counting earlier rows of the same chunk."""
        order = np.argsort(songs, kind="stable")
        ordered = songs[order]
        starts = np.ones(len(songs), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        first = np.maximum.accumulate(np.where(starts, np.arange(len(songs)), 0))
        within = np.empty(len(songs), dtype=np.int64)
        within[order] = np.arange(len(songs)) - first
        found: np.ndarray = self._counts[songs].astype(np.int64) + within
        np.add.at(self._counts, songs, 1)
        return found


def draw(universe: Universe, rng: np.random.Generator, n: int, malformed: float,
         bad_kinds: int) -> Batch:
    """Pick `n` songs (with repeats, as in the real datasets) and mark malformed rows."""
    songs = rng.integers(0, universe.n_songs, n, dtype=np.int64)
    leads = universe.song_leads(songs)
    first, second = universe.song_features(songs)
    has_first, has_second = first >= 0, second >= 0
    everyone = np.concatenate([leads, first[has_first], second[has_second]])
    names = universe.artist_names(everyone)
    lead_names = names[:n]
    first_names = np.full(n, None, dtype=object)
    first_names[has_first] = names[n : n + int(has_first.sum())]
    second_names = np.full(n, None, dtype=object)
    second_names[has_second] = names[n + int(has_first.sum()) :]
    # Most tracks have no featured artist: fill the few that do.
    featured: list[tuple[int, ...]] = [()] * n
    featured_names: list[tuple[str, ...]] = [()] * n
    for i in np.flatnonzero(has_first).tolist():
        if second[i] < 0:
            featured[i], featured_names[i] = (int(first[i]),), (first_names[i],)
        else:
            featured[i] = (int(first[i]), int(second[i]))
            featured_names[i] = (first_names[i], second_names[i])
    bad = rng.random(n) < malformed
    bad_kind = np.where(bad, rng.integers(0, max(bad_kinds, 1), n), -1)
    return Batch(rng, songs, universe.song_titles(songs), leads, featured, lead_names,
                 featured_names, bad_kind)


def credit_strings(batch: Batch) -> list[str]:
    """One credit string per track: "A", "A feat. B", "A & B", "A, B and C"."""
    out = list(batch.lead_names)
    style = batch.rng.integers(0, 4, len(batch))
    for i in _with_features(batch):
        lead, feats, s = out[i], batch.featured_names[i], style[i]
        if len(feats) == 1:
            out[i] = (f"{lead} & {feats[0]}" if s == 0 else
                      f"{lead} ft. {feats[0]}" if s == 1 else f"{lead} feat. {feats[0]}")
        else:
            out[i] = (f"{lead}, {feats[0]} and {feats[1]}" if s < 2 else
                      f"{lead} feat. {feats[0]} & {feats[1]}")
    return out


def featured_in_title(
    titles: list[str], batch: Batch, share: float
) -> tuple[list[str], list[bool]]:
    """Move featured artists into the title ("Song (feat. X)") for a share of the tracks."""
    moved = batch.rng.random(len(batch)) < share
    out, flags = list(titles), [False] * len(batch)
    for i in _with_features(batch):
        if moved[i]:
            out[i] = f"{out[i]} (feat. {' & '.join(batch.featured_names[i])})"
            flags[i] = True
    return out, flags


def _with_features(batch: Batch) -> list[int]:
    return [i for i, feats in enumerate(batch.featured_names) if feats]


def _expanded(table: list[tuple[str, float]]) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    weights: list[float] = []
    for text, weight in table:
        if "{year}" in text:
            texts.extend(text.format(year=y) for y in _YEARS)
            weights.extend([weight / len(_YEARS)] * len(_YEARS))
        elif "{city}" in text:
            texts.extend(text.format(city=c) for c in vocab.CITIES)
            weights.extend([weight / len(vocab.CITIES)] * len(vocab.CITIES))
        else:
            texts.append(text)
            weights.append(weight)
    p = np.array(weights)
    return texts, np.cumsum(p / p.sum())


_OFFICIAL = [(d, 0.16 / len(vocab.OFFICIAL_DECORATIONS)) for d in vocab.OFFICIAL_DECORATIONS]
DECORATIONS: dict[str, tuple[list[str], np.ndarray]] = {
    "youtube": _expanded([("", 0.70), *_OFFICIAL, (" (Remastered {year})", 0.03),
                          (" [Live]", 0.03), (" - Radio Edit", 0.02), (" (Live)", 0.01),
                          (" - Live at {city}", 0.01), (" (Remix)", 0.02), (" [Demo]", 0.02)]),
    "spotify": _expanded([("", 0.88), (" - Remastered {year}", 0.04), (" - Radio Edit", 0.03),
                          (" - Live at {city}", 0.02), (" (Acoustic)", 0.02),
                          (" (Remastered {year})", 0.01)]),
    "genius": _expanded([("", 0.93), (" [Live]", 0.02), (" (Remastered {year})", 0.02),
                         (" (Remix)", 0.02), (" - Radio Edit", 0.01)]),
    "plain": _expanded([("", 0.95), (" [Live]", 0.02), (" (Demo)", 0.02), (" - Radio Edit", 0.01)]),
}


def decorated(titles: list[str], rng: np.random.Generator, style: str) -> list[str]:
    """Titles with the suffixes of one kind of catalog, at realistic rates."""
    texts, edges = DECORATIONS[style]
    picks = np.searchsorted(edges, rng.random(len(titles)), side="right").tolist()
    return [t + texts[min(p, len(texts) - 1)] for t, p in zip(titles, picks, strict=True)]


def chosen(rng: np.random.Generator, options: tuple[str, ...], n: int) -> list[str]:
    return [options[i] for i in rng.integers(0, len(options), n).tolist()]


def durations(rng: np.random.Generator, n: int) -> np.ndarray:
    """Track lengths in seconds: mostly 2-5 minutes, a long tail."""
    return np.clip(rng.lognormal(5.4, 0.35, n), 25, 3600).astype(np.int64)


def view_counts(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.floor(rng.lognormal(9.0, 2.6, n)).astype(np.int64)


def slugs(texts: list[str], sep: str) -> list[str]:
    """URL path parts the way catalogs build them: brackets and quotes dropped, words joined."""
    # Chained replace() is several times faster than translate() on non-ASCII text.
    return [
        sep.join(t.replace('"', "").replace("(", "").replace(")", "").replace(",", "").split())
        for t in texts
    ]


def batches(universe: Universe, seed: int, stream: int, rows: int, malformed: float,
            bad_kinds: int) -> Iterator[Batch]:
    """Chunks of one format's rows; each chunk has its own generator, so runs are repeatable."""
    occurrences = Occurrences(universe.n_songs)
    for index, start in enumerate(range(0, rows, CHUNK_ROWS)):
        rng = np.random.default_rng([seed, stream, index])
        batch = draw(universe, rng, min(CHUNK_ROWS, rows - start), malformed, bad_kinds)
        batch.occurrence = occurrences.of(batch.songs)
        yield batch


def repeated_rows(batch: Batch, share: float) -> np.ndarray:
    """Row order with a `share` of good rows replaced by a copy of an earlier good row.

    The same item listed twice, as crawled lists do. Identity where nothing is repeated.
    """
    order = np.arange(len(batch))
    good = np.flatnonzero(batch.bad_kind < 0)
    if share <= 0 or len(good) < 2:
        return order
    chosen = good[1:][batch.rng.random(len(good) - 1) < share]
    for row in chosen.tolist():  # copy a good row from before it
        earlier = good[: np.searchsorted(good, row)]
        order[row] = earlier[int(batch.rng.integers(0, len(earlier)))]
    return order
