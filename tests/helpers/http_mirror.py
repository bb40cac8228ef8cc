"""A local HTTP file server (and a forward proxy) with fault injection, for the fetch tests.

Serves a folder on 127.0.0.1 with Content-Length, ETag (a hash of the content), Last-Modified,
X-Repo-Commit, byte ranges (206/416) and conditional requests (304). Faults apply to the next
responses: cut the body after N bytes, answer with 5xx, serve corrupted bytes, ignore Range,
refuse HEAD. Slow servers: `pace` sends the body a piece at a time (changeable while a
transfer runs), `drip_headers` sends the header block a byte at a time. `no_length` leaves out
Content-Length (the body ends when the connection closes), and `redirects` answers a path
with a 30x to any Location. Every request is recorded. It runs in a thread, so asyncio tests
can use it too.
"""

from __future__ import annotations

import hashlib
import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The environment variables urllib reads to pick a proxy (REQUEST_METHOD, as under CGI, makes it
# ignore HTTP_PROXY): a test talking to the mirror on 127.0.0.1 runs without them.
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUEST_METHOD")


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    status: int


class Mirror:
    """The server's files and knobs; `url(path)` is where a file is served."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.revision: str | None = "rev-1"  # sent as X-Repo-Commit when set
        self.corrupt = False  # flip a byte of every body, keeping the advertised ETag
        self.ignore_range = False  # answer Range requests with 200 and the whole file
        self.refuse_head = False  # answer HEAD with 405
        self.no_length = False  # no Content-Length: the body ends when the connection closes
        self.pace: tuple[int, float] | None = None  # (bytes, seconds): a piece, then a pause
        self.drip_headers: float | None = None  # seconds between the bytes of the header block
        self.redirects: dict[str, tuple[int, str]] = {}  # path → (status, Location)
        self.requests: list[Recorded] = []
        self.port = 0
        self._lock = threading.Lock()
        self._cuts: list[int] = []
        self._failures: list[int] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{urllib.parse.quote(path)}"

    def cut_next(self, nbytes: int, times: int = 1) -> None:
        """Close the connection after `nbytes` of the body of the next `times` GETs."""
        with self._lock:
            self._cuts.extend([nbytes] * times)

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next `count` requests with `status`."""
        with self._lock:
            self._failures.extend([status] * count)

    def gets(self, path: str | None = None) -> list[Recorded]:
        return [r for r in self.requests if r.method == "GET"
                and (path is None or r.path == "/" + path)]

    def etag(self, path: str) -> str:
        return etag_of((self.folder / path).read_bytes())

    def _take(self, queue: list[int]) -> int | None:
        with self._lock:
            return queue.pop(0) if queue else None

    def _record(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        with self._lock:
            self.requests.append(Recorded(handler.command, urllib.parse.unquote(handler.path),
                                          dict(handler.headers.items()), status))


class Listener:
    """A bare TCP port that counts the connections it accepts (an ftp:// redirect's target)."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.05)
        self.port: int = self._socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="listener", daemon=True)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn, suppress(OSError):
                conn.sendall(b"220 hello\r\n")  # an FTP greeting: a client goes on to log in


@contextmanager
def listener() -> Iterator[Listener]:
    """A TCP listener on 127.0.0.1 that records whether anything connected to it."""
    running = Listener()
    running._thread.start()
    try:
        yield running
    finally:
        running._stop.set()
        running._thread.join(timeout=5)
        running._socket.close()


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


class _MirrorHandler(BaseHTTPRequestHandler):
    server: _MirrorServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        mirror = self.server.mirror
        failure = mirror._take(mirror._failures)
        if failure is not None:
            return self._status(failure)
        if head and mirror.refuse_head:
            return self._status(405)
        relative = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path).lstrip("/")
        if relative in mirror.redirects:
            status, location = mirror.redirects[relative]
            mirror._record(self, status)
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.close_connection = True
            return None
        file = (mirror.folder / relative).resolve()
        if ".." in Path(relative).parts or not file.is_file():
            return self._status(404)
        content = file.read_bytes()
        mtime = int(file.stat().st_mtime)
        etag = etag_of(content)
        last_modified = formatdate(mtime, usegmt=True)
        if self._not_modified(etag, mtime):
            return self._status(304, etag, last_modified)
        start, status = 0, 200
        wanted = self._range_start(etag, last_modified)
        if wanted is not None and not mirror.ignore_range:
            if wanted >= len(content):
                return self._status(416, etag, last_modified, f"bytes */{len(content)}")
            start, status = wanted, 206
        body = content[start:]
        if mirror.corrupt and body:
            middle = len(body) // 2
            body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1:]
        mirror._record(self, status)
        self.send_response(status)
        self._validators(etag, last_modified)
        if not mirror.no_length:
            self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(content) - 1}/{len(content)}")
        self.close_connection = True
        try:
            self._end_headers(mirror.drip_headers)
            if head:
                return None
            cut = mirror._take(mirror._cuts)
            self._send_body(body if cut is None else body[:cut])
        except OSError:
            pass  # the client went away (or was killed): nothing more to send
        return None

    def _end_headers(self, drip: float | None) -> None:
        if drip is None:
            return self.end_headers()
        self.send_header("X-Padding", "x" * 200)  # more header bytes to drip
        self._headers_buffer.append(b"\r\n")  # type: ignore[attr-defined]
        block = b"".join(self._headers_buffer)  # type: ignore[attr-defined]
        self._headers_buffer = []  # type: ignore[attr-defined]
        for i in range(len(block)):
            self.wfile.write(block[i:i + 1])
            self.wfile.flush()
            time.sleep(drip)
        return None

    def _send_body(self, body: bytes) -> None:
        """All at once, or a piece per `pace` (read at each piece, so a test can change it)."""
        mirror = self.server.mirror
        sent = 0
        while sent < len(body):
            pace = mirror.pace
            piece = len(body) if pace is None else pace[0]
            self.wfile.write(body[sent:sent + piece])
            self.wfile.flush()
            sent += len(body[sent:sent + piece])
            if pace is not None:
                time.sleep(pace[1])

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if "If-None-Match" in self.headers:
            return etag in [t.strip() for t in self.headers["If-None-Match"].split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return mtime <= parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def _range_start(self, etag: str, last_modified: str) -> int | None:
        value = self.headers.get("Range", "")
        if_range = self.headers.get("If-Range")
        if not value.startswith("bytes=") or if_range not in (None, etag, last_modified):
            return None
        first = value[6:].split(",")[0].partition("-")[0].strip()
        return int(first) if first.isdigit() else None

    def _validators(self, etag: str, last_modified: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Accept-Ranges", "bytes")
        if self.server.mirror.revision:
            self.send_header("X-Repo-Commit", self.server.mirror.revision)

    def _status(self, status: int, etag: str | None = None, last_modified: str | None = None,
                content_range: str | None = None) -> None:
        self.server.mirror._record(self, status)
        self.send_response(status)
        if etag and last_modified:
            self._validators(etag, last_modified)
        if content_range:
            self.send_header("Content-Range", content_range)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.close_connection = True


class _MirrorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mirror: Mirror) -> None:
        super().__init__(("127.0.0.1", 0), _MirrorHandler)
        self.mirror = mirror


@contextmanager
def _running(server: ThreadingHTTPServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="http-mirror",
                              daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def mirror(folder: Path) -> Iterator[Mirror]:
    """Serve `folder` on 127.0.0.1 (a random port) for the duration of the block."""
    served = Mirror(folder)
    server = _MirrorServer(served)
    served.port = server.server_address[1]
    with _running(server):
        yield served


# --- A forward proxy, to check that downloads honour HTTP_PROXY ---------------------------

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization",
              "te", "trailer", "transfer-encoding", "upgrade"}


class Proxy:
    """Records what it relays; `url` is what HTTP_PROXY should be set to."""

    def __init__(self) -> None:
        self.port = 0
        self.seen: list[Recorded] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: _ProxyServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._relay()

    def do_HEAD(self) -> None:
        self._relay()

    def _relay(self) -> None:
        target = urllib.parse.urlsplit(self.path)  # a proxy is sent the absolute URL
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection(target.hostname or "", target.port or 80, timeout=10)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            upstream.request(self.command, path or "/", headers=headers)
            answer = upstream.getresponse()
            body = answer.read()
        finally:
            upstream.close()
        self.server.proxy.seen.append(
            Recorded(self.command, self.path, dict(self.headers.items()), answer.status))
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.close_connection = True


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, proxy: Proxy) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.proxy = proxy


@contextmanager
def forward_proxy() -> Iterator[Proxy]:
    """A plain-HTTP forward proxy on 127.0.0.1 that relays GET and HEAD."""
    proxy = Proxy()
    server = _ProxyServer(proxy)
    proxy.port = server.server_address[1]
    with _running(server):
        yield proxy
