"""The Hugging Face Hub, asked through its own client (huggingface_hub), in plain terms.

Only this module imports huggingface_hub. What leaves it is plain data (a commit, the files of
a revision, the version of one file) or a FetchError whose message is one sentence a person can
act on: a gated repo, a rejected token, a repo or revision that is gone, a 429, no network.

What the client does here: the revision (`dataset_info`), the listing with sizes and LFS
SHA-256 (`list_repo_tree`), a file's own version from the first hop of a HEAD
(`get_hf_file_metadata`: X-Repo-Commit, X-Linked-Etag, X-Linked-Size, and the CDN location
it does not follow), the token (HF_TOKEN, or the one `hf auth login` saved) and the HTTP
session the bytes come through, with its error types (`hf_raise_for_status`).

What it does not do: `hf_hub_download`. In huggingface_hub 2.4 it deletes a partial download
on any failure (a killed fetch starts over), keeps a second copy of every file in its cache,
and has no hook for fetch.max_file_mb and fetch.timeout_minutes. So the bytes go from the
client's session into our own `.part` (bot.fetch.hub_fetch), which the next run resumes.

Telemetry is switched off: with it on, the client's user agent asks huggingface.co itself (not
the configured endpoint) for a list of AI coding agents, and caches it under HF_HOME.
"""

from __future__ import annotations

import json
import logging
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2
from huggingface_hub import (
    HfApi,
    RepoFile,
    constants,
    get_hf_file_metadata,
    get_session,
    hf_hub_url,
    hf_raise_for_status,
    set_client_factory,
)
from huggingface_hub.errors import (
    DisabledRepoError,
    FileMetadataError,
    GatedRepoError,
    HfHubHTTPError,
    HFValidationError,
    OfflineModeIsEnabled,
    RemoteEntryNotFoundError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import build_hf_headers, filter_repo_objects
from huggingface_hub.utils._http import default_client_factory  # no public name for it

from bot import __version__
from bot.fetch.errors import FetchError, HubError, TransientError
from bot.fetch.limits import describe_duration
from bot.fetch.transport import TRANSIENT_STATUSES, content_range, int_or_none

log = logging.getLogger(__name__)

REPO_TYPE = "dataset"
LIBRARY = "trainedon"
TOKEN_HINT = "HF_TOKEN"
# The client's shared session has no timeout of its own: a listing could wait forever.
SESSION_TIMEOUT_SECONDS = 60.0
INVALID_TOKEN_MESSAGE = "Invalid credentials"  # the Hub's X-Error-Message for a bad token
NETWORK_ERRORS = (httpx2.TransportError, OfflineModeIsEnabled)

constants.HF_HUB_DISABLE_TELEMETRY = True  # see the module's docstring
_session_configured = False


@dataclass(frozen=True)
class HubFile:
    """One file of a repo at a commit, as the listing gives it."""

    path: str
    size: int
    blob_id: str  # the git blob id: the ETag of a small file
    lfs_sha256: str | None  # the SHA-256 of an LFS file: its X-Linked-Etag

    @property
    def etag(self) -> str:
        """The version the Hub gives this file's resolve URL (normalized: no quotes, no W/)."""
        return self.lfs_sha256 or self.blob_id


@dataclass(frozen=True)
class FileVersion:
    """A file's own version, read from the first hop of a HEAD on its resolve URL."""

    commit: str | None
    etag: str | None
    size: int | None
    location: str  # where its bytes are: a CDN for LFS files, else the resolve URL itself


@dataclass(frozen=True)
class Body:
    """An open download: its status, where it resumes and the pieces as they arrive."""

    status: int
    range_start: int | None
    total_size: int | None
    pieces: Iterator[bytes]


def hub_uri(repo: str, path: str) -> str:
    """`hf://datasets/<repo>/<path>`: how a Hub file is named in the fetch state and reports."""
    return f"hf://datasets/{repo}/{path}"


def short(revision: str | None) -> str:
    """A commit as people read it (12 characters); a branch or tag name as it is."""
    if revision and len(revision) == 40 and all(c in "0123456789abcdef" for c in revision):
        return revision[:12]
    return revision or "?"


def matching(files: list[HubFile], patterns: list[str]) -> list[HubFile]:
    """The files whose repo path matches one of `patterns`, as snapshot_download's allow_patterns.

    The patterns are fnmatch globs: `*` also crosses folders, and `data/` means everything under
    `data/`.
    """
    return sorted(filter_repo_objects(files, allow_patterns=patterns, key=lambda f: f.path),
                  key=lambda f: f.path)


class HubClient:
    """The Hub at one endpoint (a mirror, or the local double in tests)."""

    def __init__(self, endpoint: str, *, timeout: float = 30.0) -> None:
        _configure_session()
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self._api = HfApi(endpoint=self.endpoint, library_name=LIBRARY,
                          library_version=__version__)

    def page(self, repo: str) -> str:
        """The dataset's page, where access to a gated repo is requested."""
        return f"{self.endpoint}/datasets/{repo}"

    def commit_of(self, repo: str, revision: str | None = None) -> str:
        """The commit `revision` names now (the default branch's head when None)."""
        with self.translated(repo, revision):
            info = self._api.dataset_info(repo, revision=revision, timeout=self.timeout)
        if not info.sha:
            raise HubError(f"{repo}: the Hub at {self.endpoint} gave no commit for revision "
                           f"{revision or 'main'}")
        return info.sha

    def list_files(self, repo: str, commit: str) -> list[HubFile]:
        """Every file of the repo at `commit`, with its size and, for LFS files, its SHA-256."""
        with self.translated(repo, commit):
            entries = list(self._api.list_repo_tree(repo, recursive=True, revision=commit,
                                                    repo_type=REPO_TYPE))
        return [HubFile(e.path, e.size, e.blob_id, e.lfs.sha256 if e.lfs else None)
                for e in entries if isinstance(e, RepoFile)]

    def file_version(self, repo: str, path: str, revision: str) -> FileVersion:
        """HEAD on the file's resolve URL; the CDN it redirects to is named, not asked."""
        url = self.resolve_url(repo, path, revision)
        with self.translated(repo, revision, path):
            meta = get_hf_file_metadata(url, timeout=self.timeout, endpoint=self.endpoint,
                                        library_name=LIBRARY, library_version=__version__)
        return FileVersion(meta.commit_hash, meta.etag, meta.size, meta.location)

    def resolve_url(self, repo: str, path: str, revision: str) -> str:
        return hf_hub_url(repo, path, repo_type=REPO_TYPE, revision=revision,
                          endpoint=self.endpoint)

    @contextmanager
    def open_body(self, url: str, *, offset: int, timeout: float,
                  repo: str | None = None) -> Iterator[Body]:
        """GET `url` from `offset` through the client's session (raises FetchError on errors).

        The token goes only to the Hub itself: a CDN location is a signed URL of its own.
        `timeout` bounds each read, so the caller's deadline is met within one read.
        """
        headers = build_hf_headers(library_name=LIBRARY, library_version=__version__)
        headers["Accept-Encoding"] = "identity"  # the sizes are those of the file
        if not _same_origin(url, self.endpoint):
            headers.pop("authorization", None)
        if offset:
            headers["Range"] = f"bytes={offset}-"
        try:
            with get_session().stream("GET", url, headers=headers, timeout=timeout) as response:
                if response.status_code in TRANSIENT_STATUSES:
                    raise TransientError(f"the server answered HTTP {response.status_code}")
                if response.status_code >= 400 and response.headers.get("X-Error-Code"):
                    with self.translated(repo, None):  # the Hub's own refusal (gated…)
                        hf_raise_for_status(response)
                if response.status_code >= 400:
                    host = urllib.parse.urlsplit(url).netloc
                    raise FetchError(f"the download server {host} answered HTTP "
                                     f"{response.status_code}")
                start, total = content_range(response.headers.get("Content-Range"))
                if total is None and response.status_code == 200:
                    total = int_or_none(response.headers.get("Content-Length"))
                yield Body(response.status_code, start, total, _pieces(response))
        except NETWORK_ERRORS as exc:
            raise TransientError(_network_reason(exc)) from None

    @contextmanager
    def translated(self, repo: str | None, revision: str | None,
                   path: str | None = None) -> Iterator[None]:
        """Turn what the client raises into one sentence: what happened and what to do."""
        try:
            yield
        except GatedRepoError:
            raise HubError(f"{repo} is gated: request access at {self.page(repo or '')} and set "
                           f"{TOKEN_HINT} to a token of the account that has it") from None
        except RevisionNotFoundError:
            raise HubError(f"{repo} has no revision {revision!r} on {self.endpoint} (rewritten "
                           "or deleted upstream?): set `hub.revision` in the manifest to one "
                           f"listed at {self.page(repo or '')}/commits/main") from None
        except RemoteEntryNotFoundError:
            raise FetchError(f"{repo}@{short(revision)}: {path} is not in the repo; check "
                             f"`hub.files` and `hub.sha256` against {self.page(repo or '')}"
                             ) from None
        except DisabledRepoError:
            raise HubError(f"{repo} has been disabled on {self.endpoint}; its files cannot be "
                           f"downloaded (see {self.page(repo or '')})") from None
        except RepositoryNotFoundError as exc:
            raise HubError(self._not_found(repo, exc)) from None
        except HfHubHTTPError as exc:
            raise self._http_error(repo, exc) from None
        except FileMetadataError:
            raise HubError(f"{self.endpoint} does not answer like a Hugging Face Hub (no "
                           "X-Repo-Commit or ETag); check fetch.hub_endpoint and HF_ENDPOINT"
                           ) from None
        except NETWORK_ERRORS as exc:
            raise HubError(f"cannot reach the Hub at {self.endpoint} "
                           f"({_network_reason(exc)}); check the network, or fetch.hub_endpoint "
                           "and HF_ENDPOINT") from None
        except (httpx2.HTTPError, json.JSONDecodeError) as exc:
            raise HubError(f"{self.endpoint} does not answer like a Hugging Face Hub "
                           f"({exc.__class__.__name__}); check fetch.hub_endpoint and "
                           "HF_ENDPOINT") from None
        except HFValidationError as exc:
            raise FetchError(f"{repo}: not a repo id or revision the Hub accepts "
                             f"({str(exc).splitlines()[0]})") from None

    def _not_found(self, repo: str | None, exc: RepositoryNotFoundError) -> str:
        status = exc.response.status_code
        if _token_rejected(exc):
            return self._rejected_token(status)
        return (f"{repo} was not found on {self.endpoint} (HTTP {status}): it may have been "
                f"withdrawn, renamed or made private; check {self.page(repo or '')}, and if "
                f"it is private to an account you have, set {TOKEN_HINT}")

    def _http_error(self, repo: str | None, exc: HfHubHTTPError) -> FetchError:
        status = exc.response.status_code
        if status == 401 and _token_rejected(exc):
            return HubError(self._rejected_token(status))
        if status == 429:
            wait = int_or_none(exc.response.headers.get("Retry-After"))
            asks = f"; it asks to wait {describe_duration(wait)}" if wait else ""
            return HubError(f"the Hub at {self.endpoint} is limiting requests (HTTP 429){asks}; "
                            "nothing was changed, try again later")
        if status >= 500:
            return HubError(f"the Hub at {self.endpoint} answered HTTP {status} (down or "
                            "overloaded?); nothing was changed, try again later")
        what = f" for {repo}" if repo else ""
        return HubError(f"the Hub at {self.endpoint} answered HTTP {status}{what}")

    def _rejected_token(self, status: int) -> str:
        return (f"the Hub at {self.endpoint} rejected the token (HTTP {status}): renew "
                f"{TOKEN_HINT} at {self.endpoint}/settings/tokens, or unset it for public "
                "datasets")


def _configure_session() -> None:
    """Give the client's shared session a timeout (once per process; the client reuses it)."""
    global _session_configured
    if _session_configured:
        return

    def factory() -> httpx2.Client:
        client = default_client_factory()
        client.timeout = httpx2.Timeout(SESSION_TIMEOUT_SECONDS)
        return client

    set_client_factory(factory)
    # httpx2 logs every request at INFO, which would fill the fetch's output; HF_DEBUG=1 shows
    # the client's requests (as curl commands) when they are wanted.
    if logging.getLogger("httpx2").level == logging.NOTSET:
        logging.getLogger("httpx2").setLevel(logging.WARNING)
    _session_configured = True


def _pieces(response: httpx2.Response) -> Iterator[bytes]:
    """The body as it arrives; a connection lost mid-body is a TransientError (resumable)."""
    try:
        yield from response.iter_bytes()
    except NETWORK_ERRORS as exc:
        raise TransientError(_network_reason(exc)) from None


def _token_rejected(exc: HfHubHTTPError) -> bool:
    message = exc.response.headers.get("X-Error-Message") or ""
    return INVALID_TOKEN_MESSAGE.lower() in message.lower()


def _network_reason(exc: BaseException) -> str:
    if isinstance(exc, OfflineModeIsEnabled):
        return "HF_HUB_OFFLINE is set"
    if isinstance(exc, httpx2.TimeoutException):
        return "the connection timed out"
    if isinstance(exc, httpx2.RemoteProtocolError):
        return "the connection closed mid-transfer"
    text = str(exc).strip() or exc.__class__.__name__
    return f"network error: {text.splitlines()[0]}"


def _same_origin(url: str, other: str) -> bool:
    a, b = urllib.parse.urlsplit(url), urllib.parse.urlsplit(other)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
