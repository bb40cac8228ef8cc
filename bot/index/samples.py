"""A track shown as evidence: what a lookup answer and a watch alert both show.

It lives with the index, the lowest layer that makes one (the diff finds a watched artist's new
tracks), so that the index never reaches up into search for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sample:
    """One track shown as evidence, with its link."""

    title: str
    artists: tuple[str, ...]
    dataset: str
    url: str | None
    source_id: str | None
    demo: bool
