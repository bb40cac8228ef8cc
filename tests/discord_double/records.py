"""What the double remembers: requests, uploaded files, injected faults, and waiting on them."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

T = TypeVar("T")


@dataclass(frozen=True)
class UploadedFile:
    """One `files[n]` part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class StoredFile:
    """A file the double serves on its CDN: a bot upload or a user's slash attachment."""

    id: int
    channel_id: int
    filename: str
    content_type: str | None
    data: bytes
    ephemeral: bool = False

    @property
    def cdn_path(self) -> str:
        """`/attachments/{channel}/{id}/{filename}` (`/ephemeral-attachments/...` if so)."""
        folder = "ephemeral-attachments" if self.ephemeral else "attachments"
        return f"/{folder}/{self.channel_id}/{self.id}/{quote(self.filename)}"


@dataclass
class RecordedRequest:
    """One REST request as the bot sent it, and the status the double answered."""

    method: str
    path: str  # relative to /api/v10 ("/channels/1/messages"); CDN: "/attachments/1/2/a.csv"
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    files: list[UploadedFile]
    time: float
    status: int = 0
    dropped: bool = False  # the connection was cut instead of answering (a lost response)

    @property
    def route(self) -> str:
        """`METHOD /path`, the string fault patterns are matched against."""
        return f"{self.method} {self.path}"


# Discord's error bodies for the statuses tests inject.
_DEFAULT_ERRORS: dict[int, tuple[int, str]] = {
    400: (50035, "Invalid Form Body"),
    401: (0, "401: Unauthorized"),
    403: (50001, "Missing Access"),
    404: (10003, "Unknown Channel"),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
}


@dataclass
class Fault:
    """An injected failure: answer matching requests `times` times with `status` (or delay).

    `handled`: the request is carried out first and only its answer fails (a response lost or
    slowed on the way back). `disconnect`: the connection is cut instead of answering.
    """

    pattern: re.Pattern[str]
    status: int | None
    times: int
    retry_after: float = 0.1
    delay: float = 0.0
    is_global: bool = False
    code: int | None = None
    message: str | None = None
    handled: bool = False
    disconnect: bool = False
    hits: list[RecordedRequest] = field(default_factory=list)

    @property
    def exhausted(self) -> bool:
        """Whether the fault has answered as many times as asked."""
        return len(self.hits) >= self.times

    def body(self) -> dict[str, Any]:
        """The JSON error body Discord would send for this status."""
        if self.status == 429:
            return {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.is_global,
                "code": 0,
            }
        code, message = _DEFAULT_ERRORS.get(self.status or 500, (0, "Error"))
        return {"message": self.message or message, "code": self.code or code}

    def headers(self) -> dict[str, str]:
        """Rate-limit headers; discord.py retries a 429 only when `Via` is present."""
        if self.status != 429:
            return {}
        headers = {
            "Retry-After": str(max(1, round(self.retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
            "X-RateLimit-Bucket": "double-" + str(abs(hash(self.pattern.pattern)) % 10**8),
            "X-RateLimit-Scope": "global" if self.is_global else "user",
            "Via": "1.1 google",
        }
        if self.is_global:
            headers["X-RateLimit-Global"] = "true"
        return headers


class Changes:
    """Lets tests wait for a condition on the double's state instead of sleeping."""

    def __init__(self) -> None:
        self._condition = asyncio.Condition()

    async def notify(self) -> None:
        """Wake every waiter so it re-checks its condition."""
        async with self._condition:
            self._condition.notify_all()

    async def wait_for(
        self,
        probe: Callable[[], T | None],
        *,
        timeout: float,
        what: str,
        seen: Callable[[], object] = lambda: None,
    ) -> T:
        """Return the first non-None `probe()`; on timeout say what was awaited and seen."""
        result: T | None = None

        def ready() -> bool:
            nonlocal result
            result = probe()
            return result is not None

        try:
            async with asyncio.timeout(timeout):
                async with self._condition:
                    await self._condition.wait_for(ready)
        except TimeoutError:
            detail = seen()
            suffix = f"; saw {detail!r}" if detail is not None else ""
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}{suffix}") from None
        assert result is not None
        return result
