"""Synthetic corpora in the layouts of the real music datasets, for tests and benchmarks.

`write_corpus` writes any number of tracks in every supported format plus a manifest and a
config; `make_universe` rebuilds the artists and songs a corpus was drawn from, so a test can
take a real name from it, misspell it and expect to find it.
"""

from bot.devtools.synth.corpus import (
    FORMAT_SHARES,
    FORMATS,
    CorpusSummary,
    FormatResult,
    default_universe,
    make_universe,
    split_tracks,
    write_corpus,
)
from bot.devtools.synth.universe import Song, Universe

__all__ = [
    "FORMATS",
    "FORMAT_SHARES",
    "CorpusSummary",
    "FormatResult",
    "Song",
    "Universe",
    "default_universe",
    "make_universe",
    "split_tracks",
    "write_corpus",
]
