"""HTTP requests through urllib, so proxy settings work the way they do for other tools.

urllib's default opener reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lowercase forms win) when
it is built, so one is built per request and a changed environment is honoured. NO_PROXY holds
host names or suffixes ("localhost,.internal"), or "*"; address ranges such as 127.0.0.0/8 are
not understood, and without NO_PROXY even 127.0.0.1 goes through the proxy.

Statuses urllib raises as exceptions come back as ordinary responses (304, 416, 4xx) or as
TransientError (5xx, 408, 429, network errors), so callers branch on status, not exception type.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any, TypeVar

from bot import __version__
from bot.fetch.errors import FetchError, TransientError

log = logging.getLogger(__name__)

USER_AGENT = f"trainedon/{__version__}"
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
NETWORK_ERRORS = (OSError, http.client.HTTPException)  # URLError and timeouts are OSErrors
HEAD_REFUSED = frozenset({403, 405, 501})
REVISION_HEADER = "X-Repo-Commit"  # Hugging Face's commit of the file served

T = TypeVar("T")


@dataclass(frozen=True)
class Remote:
    """What a response says about the file behind a URL: its validators and full size."""

    etag: str | None = None
    last_modified: str | None = None
    revision: str | None = None
    total_size: int | None = None


@dataclass
class Response:
    """A response of any status, with its body (empty for HEAD, 304 and errors)."""

    status: int
    reason: str
    remote: Remote
    range_start: int | None
    body: IO[bytes]

    def read(self, size: int) -> bytes:
        """Read up to `size` bytes; an interrupted body raises TransientError."""
        try:
            return self.body.read(size)
        except NETWORK_ERRORS as exc:
            raise TransientError(_describe(exc)) from exc


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    """Keeps the headers of redirects: Hugging Face puts X-Repo-Commit on the first hop."""

    def __init__(self) -> None:
        self.hops: list[Message] = []

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        self.hops.append(headers)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@contextmanager
def open_url(url: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
             timeout: float = 60.0) -> Iterator[Response]:
    """Send one request (following redirects) and yield the response, closed afterwards."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    all_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **(headers or {})}
    request = urllib.request.Request(url, method=method, headers=all_headers)
    raw: Any
    try:
        raw = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code in TRANSIENT_STATUSES:
            exc.close()
            raise TransientError(f"the server answered HTTP {exc.code} {exc.reason}") from None
        raw = exc  # an HTTPError is also the response: the caller decides what it means
    except NETWORK_ERRORS as exc:
        raise TransientError(_describe(exc)) from exc
    with closing(raw):
        yield _response(raw.status, raw, redirects.hops)


def probe(url: str, *, timeout: float = 30.0) -> Remote:
    """The remote file's validators and size without its body: HEAD, else a one-byte GET."""
    with open_url(url, method="HEAD", timeout=timeout) as response:
        if 200 <= response.status < 300:
            return response.remote
        if response.status not in HEAD_REFUSED:
            raise FetchError(f"{url}: the server answered HTTP {response.status} {response.reason}")
    with open_url(url, headers={"Range": "bytes=0-0"}, timeout=timeout) as response:
        if response.status not in (200, 206):
            raise FetchError(f"{url}: the server answered HTTP {response.status} {response.reason}")
        return response.remote


def with_retries(action: Callable[[], T], *, what: str, attempts: int, backoff: float) -> T:
    """Run `action`, retrying TransientError with exponential backoff (backoff, 2×, 4×…)."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except TransientError as exc:
            if attempt == attempts:
                raise FetchError(f"{what}: giving up after {attempts} attempts ({exc})") from None
            delay = backoff * 2 ** (attempt - 1)
            log.warning("%s: %s; retrying in %.1fs (attempt %d of %d)",
                        what, exc, delay, attempt + 1, attempts)
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _response(status: int, raw: Any, hops: list[Message]) -> Response:
    headers: Message = raw.headers
    range_start, range_total = _content_range(headers.get("Content-Range"))
    length = _int_or_none(headers.get("Content-Length"))
    total = range_total if range_total is not None else (length if status == 200 else None)
    every = [headers, *reversed(hops)]  # the final response first, then the hops nearest it
    remote = Remote(
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        revision=next((h[REVISION_HEADER] for h in every if h.get(REVISION_HEADER)), None),
        total_size=total,
    )
    return Response(status, str(getattr(raw, "reason", "")), remote, range_start, raw)


def _content_range(value: str | None) -> tuple[int | None, int | None]:
    """`bytes 100-199/1000` → (100, 1000); `bytes */1000` → (None, 1000)."""
    if not value or not value.strip().lower().startswith("bytes"):
        return None, None
    span, _, total = value.strip()[5:].strip().partition("/")
    start = _int_or_none(span.partition("-")[0]) if span != "*" else None
    return start, _int_or_none(total)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc.reason, str):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, TimeoutError):
        return "the connection timed out"
    if isinstance(exc, http.client.IncompleteRead):
        return "the connection closed mid-transfer"
    text = getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__
    return f"network error: {text}"
