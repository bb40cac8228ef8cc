"""HTTP requests through urllib, so proxy settings work the way they do for other tools.

urllib's default opener reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY (lowercase forms win) when
it is built, so one is built per request and a changed environment is honoured. NO_PROXY holds
host names or suffixes ("localhost,.internal"), or "*"; address ranges such as 127.0.0.0/8 are
not understood, and without NO_PROXY even 127.0.0.1 goes through the proxy.

Statuses urllib raises as exceptions come back as ordinary responses (304, 416, 4xx) or as
TransientError (5xx, 408, 429, network errors), so callers branch on status, not exception type.

Redirects are followed only to http and https, and never from https down to http: urllib
alone would follow one to ftp:// (and retries would follow it again). A refused redirect is a
FetchError, not retried. A HEAD stays a HEAD across redirects: urllib (3.11) makes the next hop
a GET, so probing a Hub URL that redirects to its CDN would open the whole file.

A socket timeout bounds each read, not a transfer: a server sending a byte a second would never
time out. With a `deadline`, a timer shuts the request's sockets down when it passes, so no
read, not even of the headers, outlives it; the request then raises DeadlineExceeded.
"""

from __future__ import annotations

import http.client
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any, TypeVar

from bot import __version__
from bot.fetch.errors import DeadlineExceeded, FetchError, TransientError
from bot.fetch.limits import describe_duration

log = logging.getLogger(__name__)

USER_AGENT = f"trainedon/{__version__}"
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
NETWORK_ERRORS = (OSError, http.client.HTTPException)  # URLError and timeouts are OSErrors
HEAD_REFUSED = frozenset({403, 405, 501})
REVISION_HEADER = "X-Repo-Commit"  # Hugging Face's commit of the file served
WEB_SCHEMES = ("http", "https")

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
    watchdog: _Watchdog | None = None

    def read(self, size: int) -> bytes:
        """Read what has arrived, up to `size` bytes; an interrupted body raises TransientError.

        One read returns as soon as some bytes are there (read1), so a slow body is seen
        arriving rather than waited on until `size` bytes have come.
        """
        read = getattr(self.body, "read1", self.body.read)
        try:
            chunk: bytes = read(size)
        except NETWORK_ERRORS as exc:
            _check_deadline(self.watchdog)
            raise TransientError(_describe(exc)) from exc
        _check_deadline(self.watchdog)  # a shut-down socket reads as a short, clean end
        return chunk


def check_redirect(old_url: str, new_url: str) -> None:
    """Refuse a redirect off the web (ftp:, file:, data:…) or from https down to http."""
    old_scheme = urllib.parse.urlsplit(old_url).scheme.lower()
    new_scheme = urllib.parse.urlsplit(new_url).scheme.lower()
    if new_scheme not in WEB_SCHEMES:
        raise FetchError(f"{old_url}: refusing the server's redirect to {new_url}: only http and "
                         "https URLs are followed")
    if old_scheme == "https" and new_scheme == "http":
        raise FetchError(f"{old_url}: refusing the server's redirect to {new_url}: it would "
                         "leave https for unencrypted http")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows only safe redirects (check_redirect) and keeps each hop's headers.

    The headers matter because Hugging Face puts X-Repo-Commit on the first hop. urllib refuses
    some schemes before calling redirect_request, with an obscure HTTPError, so every 30x is
    checked on arrival too: one rule, one message, for every scheme.
    """

    def __init__(self) -> None:
        self.hops: list[Message] = []

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        _checked(req.full_url, newurl, fp)
        self.hops.append(headers)
        follow = super().redirect_request(req, fp, code, msg, headers, newurl)
        if follow is not None and req.get_method() == "HEAD":
            follow.method = "HEAD"  # urllib builds the next hop as a GET
        return follow

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        location = headers.get("Location") or headers.get("URI")
        if location:
            _checked(req.full_url, urllib.parse.urljoin(req.full_url, location.strip()), fp)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _checked(old_url: str, new_url: str, fp: IO[bytes]) -> None:
    """check_redirect, closing the redirect's response when it is refused."""
    try:
        check_redirect(old_url, new_url)
    except FetchError:
        fp.close()
        raise


class _Watchdog:
    """Shuts a request's sockets down when its deadline passes, waking any blocked read."""

    def __init__(self, deadline: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut_down(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut_down(sock)


def _shut_down(sock: socket.socket) -> None:
    with suppress(OSError):  # already closed: nothing left to wake
        sock.shutdown(socket.SHUT_RDWR)


def _check_deadline(watchdog: _Watchdog | None) -> None:
    if watchdog is not None and watchdog.expired:
        raise DeadlineExceeded("the deadline passed before the transfer ended")


def _watched_handlers(watchdog: _Watchdog) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections tell `watchdog` about their sockets."""

    class WatchedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            watchdog.watch(self.sock)

    class WatchedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            watchdog.watch(self.sock)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(WatchedHTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(WatchedHTTPS, req)

    return [HTTPHandler(), HTTPSHandler()]


@contextmanager
def open_url(url: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
             timeout: float = 60.0, deadline: float | None = None) -> Iterator[Response]:
    """Send one request (following redirects) and yield the response, closed afterwards.

    `deadline` is a time.monotonic() value after which the request, body included, stops
    with DeadlineExceeded.
    """
    if urllib.parse.urlsplit(url).scheme.lower() not in WEB_SCHEMES:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    watchdog = _Watchdog(deadline) if deadline is not None else None
    try:
        with _opened(url, method, headers, timeout, watchdog) as response:
            yield response
    finally:
        if watchdog is not None:
            watchdog.cancel()


@contextmanager
def _opened(url: str, method: str, headers: Mapping[str, str] | None, timeout: float,
            watchdog: _Watchdog | None) -> Iterator[Response]:
    redirects = _CheckedRedirects()
    extra = _watched_handlers(watchdog) if watchdog is not None else []
    opener = urllib.request.build_opener(redirects, *extra)
    all_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **(headers or {})}
    request = urllib.request.Request(url, method=method, headers=all_headers)
    raw: Any
    try:
        raw = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        _check_deadline(watchdog)
        if exc.code in TRANSIENT_STATUSES:
            exc.close()
            raise TransientError(f"the server answered HTTP {exc.code} {exc.reason}") from None
        raw = exc  # an HTTPError is also the response: the caller decides what it means
    except NETWORK_ERRORS as exc:
        _check_deadline(watchdog)
        raise TransientError(_describe(exc)) from exc
    with closing(raw):
        _check_deadline(watchdog)
        response = _response(raw.status, raw, redirects.hops)
        response.watchdog = watchdog
        yield response


def probe(url: str, *, timeout: float = 30.0) -> Remote:
    """The remote file's validators and size without its body: HEAD, else a one-byte GET.

    `timeout` bounds the whole probe, not each read: the bot's update check must not hang on
    a server that answers a byte at a time.
    """
    deadline = time.monotonic() + timeout
    try:
        with open_url(url, method="HEAD", timeout=timeout, deadline=deadline) as response:
            if 200 <= response.status < 300:
                return response.remote
            if response.status not in HEAD_REFUSED:
                raise FetchError(f"{url}: the server answered HTTP {response.status} "
                                 f"{response.reason}")
        with open_url(url, headers={"Range": "bytes=0-0"}, timeout=timeout,
                      deadline=deadline) as response:
            if response.status not in (200, 206):
                raise FetchError(f"{url}: the server answered HTTP {response.status} "
                                 f"{response.reason}")
            return response.remote
    except DeadlineExceeded:
        raise DeadlineExceeded(f"{url}: the server did not answer within "
                               f"{describe_duration(timeout)}") from None


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
    range_start, range_total = content_range(headers.get("Content-Range"))
    length = int_or_none(headers.get("Content-Length"))
    total = range_total if range_total is not None else (length if status == 200 else None)
    every = [headers, *reversed(hops)]  # the final response first, then the hops nearest it
    remote = Remote(
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        revision=next((h[REVISION_HEADER] for h in every if h.get(REVISION_HEADER)), None),
        total_size=total,
    )
    return Response(status, str(getattr(raw, "reason", "")), remote, range_start, raw)


def content_range(value: str | None) -> tuple[int | None, int | None]:
    """`bytes 100-199/1000` → (100, 1000); `bytes */1000` → (None, 1000)."""
    if not value or not value.strip().lower().startswith("bytes"):
        return None, None
    span, _, total = value.strip()[5:].strip().partition("/")
    start = int_or_none(span.partition("-")[0]) if span != "*" else None
    return start, int_or_none(total)


def int_or_none(value: str | None) -> int | None:
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
