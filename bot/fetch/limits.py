"""How much one fetched file may take: bytes on disk and wall-clock time.

The numbers come from the `fetch` section of the config; this is the one place that turns them
into bytes and seconds, so the download and the archive extraction apply the same limits.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from bot.config import FetchSettings

MB = 1024 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """The most bytes one file (or one archive's contents) may take, and its overall deadline."""

    max_bytes: int
    deadline_seconds: float

    @classmethod
    def from_settings(cls, settings: FetchSettings) -> FetchLimits:
        return cls(settings.max_file_mb * MB, settings.timeout_minutes * 60)

    def describe_max(self) -> str:
        """`the 20,000 MB limit (fetch.max_file_mb)`: names the key a person would change."""
        return f"the {describe_size(self.max_bytes)} limit (fetch.max_file_mb)"

    def describe_deadline(self) -> str:
        """`120 minutes (fetch.timeout_minutes)`."""
        return f"{describe_duration(self.deadline_seconds)} (fetch.timeout_minutes)"


DEFAULT_LIMITS = FetchLimits.from_settings(FetchSettings())


def describe_size(nbytes: int) -> str:
    """Bytes as megabytes (`1.5 MB`), the unit the limits are configured in; small ones as is."""
    if nbytes < MB // 10:
        return f"{nbytes:,} bytes"
    megabytes = nbytes / MB
    return f"{megabytes:,.0f} MB" if megabytes == int(megabytes) else f"{megabytes:,.1f} MB"


def describe_duration(seconds: float) -> str:
    """`90 minutes`, `1 minute`, `0.5 seconds`: minutes from one minute up."""
    value, unit = (seconds / 60, "minute") if seconds >= 60 else (seconds, "second")
    return f"{value:g} {unit}" + ("" if value == 1 else "s")


def require_free_space(folder: Path, needed: int, what: str) -> str | None:
    """A sentence saying `folder` lacks room for `needed` more bytes of `what`; None if it fits."""
    free = shutil.disk_usage(folder).free
    if needed <= free:
        return None
    return (f"{what} needs {describe_size(needed)} more on {folder}, but only "
            f"{describe_size(free)} is free")
