"""Picking the names that share the most grams by counting gives exactly what sorting gives."""

from __future__ import annotations

import numpy as np
import pytest

from bot.search.candidates import _top, _top_counts


@pytest.mark.parametrize("seed", range(40))
def test_counting_picks_the_same_positions_as_partitioning(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3_000))
    counts = rng.integers(1, int(rng.integers(2, 12)), n).astype(np.uint8)
    k = int(rng.integers(1, 120))
    picked = _top_counts(counts, k)
    assert sorted(picked.tolist()) == sorted(_top(counts.astype(np.float32), k).tolist())
    assert len(picked) == min(k, n)


def test_ties_at_the_threshold_go_to_the_lower_positions():
    counts = np.array([1, 3, 2, 3, 2, 2, 1], dtype=np.uint8)
    assert _top_counts(counts, 4).tolist() == [1, 3, 2, 4]
