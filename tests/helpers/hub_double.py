"""A local Hugging Face Hub that the real huggingface_hub client talks to, for the fetch tests.

Two servers on 127.0.0.1: the Hub (its API and resolve URLs) and its CDN on another port. The
client treats the CDN as a foreign host, as it does the real one: a HEAD stops at the Hub's
redirect, whose headers carry the file's own version (X-Repo-Commit, X-Linked-Etag,
X-Linked-Size), and the token is never sent to the CDN.

What it answers, as huggingface_hub 2.4 asks (read from its source: hf_api.py, file_download.py,
utils/_http.py, utils/_pagination.py):

- GET  /api/datasets/{repo}[/revision/{rev}]: `{"id", "sha", "gated", "siblings", …}`
- GET  /api/datasets/{repo}/tree/{rev}[/{path}]?recursive=…&expand=…: files (`oid`, `size`,
       `path`, and `lfs: {oid, size, pointerSize}` for LFS files) and folders, `page_size` at a
       time with a `Link: <…&cursor=N>; rel="next"` header, as the Hub pages
- HEAD/GET /datasets/{repo}/resolve/{rev}/{path}: a small file is served here (ETag: its git
       blob id); an LFS file answers 302 to the CDN, with X-Linked-Etag (its SHA-256) and
       X-Linked-Size, and an ETag of its own (the pointer's) that a client must not take
- HEAD/GET {cdn}/{sha256}: the bytes, with the CDN's own ETag and byte ranges (206/416)

The Hub's errors are sent the way hf_raise_for_status reads them: X-Error-Code RepoNotFound
(404, or 401 without a token), RevisionNotFound, EntryNotFound, GatedRepo (401 without a
token, 403 with one that has no access); a token it does not know gets 401 with X-Error-Message
"Invalid credentials in Authorization header"; `rate_limited` answers 429 with Retry-After.
Faults: `cut_next` closes a CDN body after N bytes, `pace` sends CDN bodies a piece at a time,
`corrupt` serves other bytes than the listing's, `unresolvable` files are listed but their
resolve URL answers EntryNotFound. Every request is recorded, with the server that saw it.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

INVALID_TOKEN = "Invalid credentials in Authorization header"
POINTER_SIZE = 134  # the size of a git-lfs pointer file, as the Hub lists it
SMALL_FILES = ("README.md", ".gitattributes")  # kept in git; every other file is LFS


def git_blob_id(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Seen:
    server: str  # "hub" or "cdn"
    method: str
    path: str  # with the query
    headers: dict[str, str]  # names in title case: Authorization, Range
    status: int


@dataclass
class HubRepo:
    """A dataset repo: its commits (each a whole tree), branches, and who may read if gated."""

    repo_id: str
    gated: bool = False
    commits: dict[str, dict[str, bytes]] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    allowed: set[str] = field(default_factory=set)  # tokens with access to a gated repo

    def commit_for(self, revision: str) -> str | None:
        if revision in self.branches:
            return self.branches[revision]
        return revision if revision in self.commits else None


class HubDouble:
    """The Hub's state and knobs; `endpoint` is what the client is given."""

    def __init__(self) -> None:
        self.repos: dict[str, HubRepo] = {}
        self.tokens: set[str] = set()  # tokens the Hub knows; any other is rejected
        self.rate_limited = False
        self.retry_after = 120
        self.corrupt = False
        self.page_size = 1000
        self.unresolvable: set[str] = set()  # listed, but their resolve URL says EntryNotFound
        self.pace: tuple[int, float] | None = None  # CDN bodies: (bytes, seconds) per piece
        self.requests: list[Seen] = []
        self.port = 0
        self.cdn_port = 0
        self._lock = threading.Lock()
        self._cuts: list[int] = []
        self._pushes = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def cdn(self) -> str:
        return f"http://127.0.0.1:{self.cdn_port}"

    def add_repo(self, repo_id: str, files: dict[str, bytes], *, gated: bool = False) -> str:
        """A new repo whose main branch holds `files`; returns that commit."""
        self.repos[repo_id] = HubRepo(repo_id, gated=gated)
        return self.push(repo_id, files)

    def push(self, repo_id: str, files: dict[str, bytes], branch: str = "main") -> str:
        """A new commit on `branch` holding exactly `files`; returns its sha."""
        repo = self.repos[repo_id]
        self._pushes += 1
        digest = hashlib.sha1(f"{repo_id}:{self._pushes}".encode(), usedforsecurity=False)
        for path in sorted(files):
            digest.update(path.encode() + files[path])
        sha = digest.hexdigest()
        repo.commits[sha] = dict(files)
        repo.branches[branch] = sha
        return sha

    def remove_repo(self, repo_id: str) -> None:
        """Withdrawn: from now on the Hub answers RepoNotFound."""
        del self.repos[repo_id]

    def grant(self, repo_id: str, token: str) -> None:
        """`token` is known to the Hub and has access to the gated `repo_id`."""
        self.tokens.add(token)
        self.repos[repo_id].allowed.add(token)

    def cut_next(self, nbytes: int, times: int = 1) -> None:
        """Close the connection after `nbytes` of the body of the next `times` CDN GETs."""
        with self._lock:
            self._cuts.extend([nbytes] * times)

    def seen(self, server: str | None = None, method: str | None = None) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if (server is None or r.server == server)
                    and (method is None or r.method == method)]

    def blob(self, sha256: str) -> bytes | None:
        for repo in self.repos.values():
            for files in repo.commits.values():
                for content in files.values():
                    if sha256_of(content) == sha256:
                        return content
        return None

    def _take_cut(self) -> int | None:
        with self._lock:
            return self._cuts.pop(0) if self._cuts else None

    def _record(self, server: str, handler: BaseHTTPRequestHandler, status: int) -> None:
        with self._lock:
            headers = {key.title(): value for key, value in handler.headers.items()}
            self.requests.append(Seen(server, handler.command, handler.path, headers, status))


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        try:
            if self.server.role == "cdn":
                self._cdn()
            else:
                self._hub()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away

    # --- the Hub ---------------------------------------------------------------------------

    def _hub(self) -> None:
        hub = self.server.hub
        token = self._token()
        if token is not None and token not in hub.tokens:
            return self._error(401, message=INVALID_TOKEN)
        if hub.rate_limited:
            return self._error(429, message="You have exceeded our request rate limit",
                               extra={"Retry-After": str(hub.retry_after)})
        split = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in split.path.split("/")[1:]]
        if parts[:2] == ["api", "datasets"] and len(parts) >= 4:
            return self._api(parts[2] + "/" + parts[3], parts[4:], split.query, token)
        if parts[:1] == ["datasets"] and len(parts) >= 6 and parts[3] == "resolve":
            return self._resolve(parts[1] + "/" + parts[2], parts[4], "/".join(parts[5:]),
                                 token)
        return self._error(404, message="Not found")

    def _repo(self, repo_id: str, token: str | None) -> HubRepo | None:
        repo = self.server.hub.repos.get(repo_id)
        if repo is None:
            self._error(401 if token is None else 404, code="RepoNotFound",
                        message="Repository not found")
        return repo

    def _commit(self, repo: HubRepo, revision: str) -> str | None:
        sha = repo.commit_for(revision)
        if sha is None:
            self._error(404, code="RevisionNotFound", message=f"Invalid rev id: {revision}")
        return sha

    def _api(self, repo_id: str, rest: list[str], query: str, token: str | None) -> None:
        repo = self._repo(repo_id, token)
        if repo is None:
            return None
        if not rest or rest[0] == "revision":
            sha = self._commit(repo, rest[1] if len(rest) > 1 else "main")
            if sha is None:
                return None
            return self._json({
                "_id": hashlib.md5(repo_id.encode(), usedforsecurity=False).hexdigest()[:24],
                "id": repo_id, "author": repo_id.split("/")[0], "sha": sha, "private": False,
                "gated": "manual" if repo.gated else False, "disabled": False,
                "lastModified": "2026-11-01T00:00:00.000Z", "tags": [], "downloads": 0,
                "likes": 0, "siblings": [{"rfilename": p} for p in sorted(repo.commits[sha])],
            })
        if rest[0] == "tree" and len(rest) >= 2:
            sha = self._commit(repo, rest[1])
            if sha is None:
                return None
            return self._tree(repo_id, repo.commits[sha], "/".join(rest[2:]), query)
        return self._error(404, message="Not found")

    def _tree(self, repo_id: str, files: dict[str, bytes], under: str, query: str) -> None:
        params = urllib.parse.parse_qs(query)
        recursive = params.get("recursive", ["false"])[0].lower() == "true"
        cursor = int(params.get("cursor", ["0"])[0])
        prefix = f"{under}/" if under else ""
        entries = _tree_entries(files, prefix, recursive)
        page = entries[cursor:cursor + self.server.hub.page_size]
        headers = {}
        if cursor + len(page) < len(entries):
            others = {k: v[0] for k, v in params.items() if k != "cursor"}
            following = urllib.parse.urlencode({**others, "cursor": cursor + len(page)})
            path = urllib.parse.urlsplit(self.path).path
            headers["Link"] = f'<{self.server.hub.endpoint}{path}?{following}>; rel="next"'
        return self._json(page, headers)

    def _resolve(self, repo_id: str, revision: str, path: str, token: str | None) -> None:
        hub = self.server.hub
        repo = self._repo(repo_id, token)
        if repo is None:
            return None
        sha = self._commit(repo, revision)
        if sha is None:
            return None
        if repo.gated and token not in repo.allowed:
            return self._error(401 if token is None else 403, code="GatedRepo",
                               message=f"Access to dataset {repo_id} is restricted. You must "
                                       "have access to it and be authenticated to access it.")
        content = repo.commits[sha].get(path)
        if content is None or path in hub.unresolvable:
            return self._error(404, code="EntryNotFound", message="Entry not found",
                               extra={"X-Repo-Commit": sha})
        if path.rsplit("/", 1)[-1] in SMALL_FILES:
            return self._bytes("hub", content, {"ETag": f'"{git_blob_id(content)}"',
                                                "X-Repo-Commit": sha})
        digest = sha256_of(content)
        self.server.hub._record("hub", self, 302)
        self.send_response(302)
        self.send_header("Location", f"{hub.cdn}/{digest}?repo={urllib.parse.quote(repo_id)}")
        self.send_header("X-Repo-Commit", sha)
        self.send_header("X-Linked-Etag", f'"{digest}"')
        self.send_header("X-Linked-Size", str(len(content)))
        self.send_header("ETag", f'"{git_blob_id(_pointer(content))}"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.close_connection = True
        return None

    # --- the CDN ---------------------------------------------------------------------------

    def _cdn(self) -> None:
        hub = self.server.hub
        digest = urllib.parse.urlsplit(self.path).path.strip("/")
        content = hub.blob(digest)
        if content is None:
            return self._error(404, message="NoSuchKey")
        if hub.corrupt:
            content = content[:-1] + bytes([content[-1] ^ 0xFF])
        etag = '"cdn-' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'
        return self._bytes("cdn", content, {"ETag": etag}, cuttable=True)

    # --- answers ---------------------------------------------------------------------------

    def _bytes(self, server: str, content: bytes, headers: dict[str, str],
               cuttable: bool = False) -> None:
        """`content`, or the range asked for (206, or 416 past its end)."""
        start, status = 0, 200
        wanted = self.headers.get("Range", "")
        if wanted.startswith("bytes="):
            first = wanted[6:].partition("-")[0].strip()
            start = int(first) if first.isdigit() else 0
            if start >= len(content):
                return self._error(416, extra={"Content-Range": f"bytes */{len(content)}"},
                                   server=server)
            status = 206
        body = content[start:]
        self.server.hub._record(server, self, status)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(len(body)))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(content) - 1}/{len(content)}")
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return None
        cut = self.server.hub._take_cut() if cuttable else None
        body = body if cut is None else body[:cut]
        pace = self.server.hub.pace if cuttable else None
        piece = len(body) if pace is None else pace[0]
        with suppress(OSError):
            for at in range(0, len(body), max(piece, 1)):
                self.wfile.write(body[at:at + piece])
                self.wfile.flush()
                if pace is not None:
                    time.sleep(pace[1])
        return None

    def _json(self, payload: object, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self.server.hub._record("hub", self, 200)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, *, code: str | None = None, message: str | None = None,
               extra: dict[str, str] | None = None, server: str = "hub") -> None:
        body = json.dumps({"error": message or "error"}).encode()
        self.server.hub._record(server, self, status)
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
        if message:
            self.send_header("X-Error-Message", message)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def _token(self) -> str | None:
        value = self.headers.get("Authorization", "")
        return value[7:].strip() if value.lower().startswith("bearer ") else None


def _pointer(content: bytes) -> bytes:
    return (f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256_of(content)}\n"
            f"size {len(content)}\n").encode()


def _tree_entries(files: dict[str, bytes], prefix: str, recursive: bool) -> list[dict[str, object]]:
    """Folders and files under `prefix`, as /tree lists them (folders first, by path)."""
    below = {p: c for p, c in files.items() if p.startswith(prefix)}
    folders: set[str] = set()
    listed: dict[str, bytes] = {}
    for path, content in below.items():
        rest = path[len(prefix):].split("/")
        for depth in range(1, len(rest)):
            folders.add(prefix + "/".join(rest[:depth]))
            if not recursive:
                break
        if recursive or len(rest) == 1:
            listed[path] = content
    entries: list[dict[str, object]] = [
        {"type": "directory", "oid": hashlib.sha1(f.encode(), usedforsecurity=False).hexdigest(),
         "size": 0, "path": f} for f in sorted(folders)
    ]
    for path in sorted(listed):
        content = listed[path]
        entry: dict[str, object] = {"type": "file", "size": len(content), "path": path}
        if path.rsplit("/", 1)[-1] in SMALL_FILES:
            entry["oid"] = git_blob_id(content)
        else:
            entry["oid"] = git_blob_id(_pointer(content))
            entry["lfs"] = {"oid": sha256_of(content), "size": len(content),
                            "pointerSize": POINTER_SIZE}
        entries.append(entry)
    return entries


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, hub: HubDouble, role: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hub, self.role = hub, role


@contextmanager
def hub_double() -> Iterator[HubDouble]:
    """The Hub and its CDN on 127.0.0.1 (random ports) for the duration of the block."""
    hub = HubDouble()
    servers = [_Server(hub, "hub"), _Server(hub, "cdn")]
    hub.port, hub.cdn_port = (s.server_address[1] for s in servers)
    threads = [threading.Thread(target=s.serve_forever, args=(0.05,), name=f"hub-{s.role}",
                                daemon=True) for s in servers]
    for thread in threads:
        thread.start()
    try:
        yield hub
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        for thread in threads:
            thread.join(timeout=5)


HUB_ENVIRONMENT = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "HF_HUB_OFFLINE",
                   "HF_OIDC_RESOURCE")


def isolate_hub_client(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No developer's token, endpoint or offline switch; the client's files under `home`.

    huggingface_hub reads its paths when imported, so they are replaced on its constants. Its
    shared HTTP session is closed afterwards by the caller (`close_hub_session`), so no pooled
    connection to a stopped double is reused.
    """
    from huggingface_hub import constants

    for name in HUB_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", str(home / "token"))
    monkeypatch.setattr(constants, "HF_STORED_TOKENS_PATH", str(home / "stored_tokens"))
    monkeypatch.setattr(constants, "AGENT_HARNESSES_PATH", str(home / "agents.json"))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def close_hub_session() -> None:
    from huggingface_hub import close_session

    close_session()
