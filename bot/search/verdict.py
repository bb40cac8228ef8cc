"""Found, uncertain or not found: the one rule every answer is given by.

`/lookup`, `trainedon lookup`, catalog checks (bot and CLI) and `/watch` all call `judge`, fed by
the one pair of settings (`search.found_score`, `search.uncertain_score`), so a row of a catalog
and the same song looked up alone can never be told two different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.config import SearchSettings


class Verdict(StrEnum):
    """What an answer says about a name; the values are the words shown and written to files."""

    FOUND = "found"
    UNCERTAIN = "uncertain"
    NOT_FOUND = "not found"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The two scores (0-100) that part found from uncertain, and uncertain from not found.

    The config checks that `uncertain` is not above `found` when it is loaded.
    """

    found: float
    uncertain: float

    @classmethod
    def from_settings(cls, settings: SearchSettings) -> Thresholds:
        return cls(found=settings.found_score, uncertain=settings.uncertain_score)

    def judge(self, score: float) -> Verdict:
        """The verdict on a best match of `score`; a score on a threshold counts as above it."""
        if score >= self.found:
            return Verdict.FOUND
        if score >= self.uncertain:
            return Verdict.UNCERTAIN
        return Verdict.NOT_FOUND
