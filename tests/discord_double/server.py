"""HTTP plumbing: one catch-all handler that records, injects faults, routes and answers JSON.

A hand-rolled route table (rather than aiohttp's router) lets every request, known or not,
pass through the same recording and fault injection, and unknown routes be listed for tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, web

from .records import Fault, RecordedRequest, UploadedFile

if TYPE_CHECKING:
    from .double import DiscordDouble

API_PREFIX = "/api/v10"
# Discord's CDN folders for message and slash-command files, served outside /api/v10.
CDN_FOLDERS = ("attachments", "ephemeral-attachments")


@dataclass
class Call:
    """A parsed request handed to a route handler."""

    record: RecordedRequest
    params: dict[str, str]

    @property
    def body(self) -> Any:
        """The JSON body, or `payload_json` of a multipart body."""
        return self.record.json

    @property
    def files(self) -> list[UploadedFile]:
        """Uploaded `files[n]` parts."""
        return self.record.files


Handler = Callable[[Call], Awaitable[web.StreamResponse]]


class DiscordError(Exception):
    """Raised by handlers to answer with a Discord-style error body."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """JSON with `Content-Type: application/json` exactly; discord.py compares the header."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def no_content() -> web.Response:
    """204, as Discord answers deletes and unwaited webhook executions."""
    return web.Response(status=204)


class Router:
    """Routes `(method, /path)` under /api/v10 to handlers with `{name}` parameters."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []

    def add(self, method: str, template: str, handler: Handler, *, auth: bool = True) -> None:
        """Register a handler; `auth=False` for token-authenticated interaction routes."""
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template)
        self._routes.append((method, re.compile(f"^{pattern}$"), handler, auth))

    def match(self, method: str, path: str) -> tuple[Handler, dict[str, str], bool] | None:
        """The handler for a request, its path parameters, and whether it needs a bot token."""
        for route_method, pattern, handler, auth in self._routes:
            found = pattern.match(path)
            if found and route_method == method:
                return handler, found.groupdict(), auth
        return None


async def read_request(request: web.Request, path: str) -> RecordedRequest:
    """Record a request with its JSON body or multipart parts (payload_json + files[n])."""
    body: Any = None
    files: list[UploadedFile] = []
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            name = part.name or ""
            if name == "payload_json":
                body = json.loads(await part.text())
            else:
                data = bytes(await part.read())
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                files.append(UploadedFile(name, part.filename or name, content_type, data))
    elif request.can_read_body:
        text = await request.text()
        try:
            body = json.loads(text) if text else None
        except json.JSONDecodeError:
            body = text
    return RecordedRequest(
        method=request.method,
        path=path,
        query=dict(request.query),
        headers=dict(request.headers),
        json=body,
        files=files,
        time=time.time(),
    )


def make_app(double: DiscordDouble, router: Router) -> web.Application:
    """The aiohttp app: gateway websocket, CDN file downloads and the REST API."""

    async def api(request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX) :] or "/"
        record = await read_request(request, path)
        double.requests.append(record)
        fault = _take_fault(double, record)
        response = None
        if fault is not None and not fault.handled:
            response = await _fault_answer(double, fault)
        if response is None:
            response = await _answer(double, router, record)
            if fault is not None and fault.handled:
                failed = await _fault_answer(double, fault)
                response = failed if failed is not None else response
        record.status = response.status
        if fault is not None and fault.disconnect:
            _drop(request, record)
        await double.changes.notify()
        return response

    async def cdn(request: web.Request) -> web.StreamResponse:
        # Recorded and fault-checked like API calls, under its own path ("GET /attachments/…").
        record = await read_request(request, request.path)
        double.requests.append(record)
        fault = _take_fault(double, record)
        response = await _fault_answer(double, fault) if fault is not None else None
        if response is None:  # (not `or`: an aiohttp response is an empty mapping, so falsy)
            response = _serve_file(double, request)
        record.status = response.status
        if fault is not None and fault.disconnect:
            _drop(request, record)
        await double.changes.notify()
        return response

    app = web.Application()
    app.router.add_get("/gateway", double.gateway.handle)
    for folder in CDN_FOLDERS:
        app.router.add_get(f"/{folder}/{{channel}}/{{id}}/{{name}}", cdn)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", api)
    return app


def _serve_file(double: DiscordDouble, request: web.Request) -> web.Response:
    """A stored file at its exact CDN path (folder, channel, id, filename), else 404."""
    info = request.match_info
    stored = double.messages.files.get(int(info["id"]) if info["id"].isdigit() else 0)
    if stored is None or request.path != unquote(stored.cdn_path):
        return web.Response(status=404, text="404: Not Found")
    content_type = stored.content_type
    if content_type is None:
        content_type = mimetypes.guess_type(stored.filename)[0] or "application/octet-stream"
    # Content-Length is set from the body by aiohttp.
    return web.Response(body=stored.data, headers={"Content-Type": content_type})


def _take_fault(double: DiscordDouble, record: RecordedRequest) -> Fault | None:
    """The first live fault matching `record.route`, with the hit counted."""
    fault = next(
        (f for f in double.faults if not f.exhausted and f.pattern.search(record.route)), None
    )
    if fault is not None:
        fault.hits.append(record)
    return fault


async def _fault_answer(double: DiscordDouble, fault: Fault) -> web.Response | None:
    """Wait out the fault's delay; its error answer, or None to answer normally."""
    if fault.delay:
        # Stopping the double ends the wait, so a stalled request never delays teardown.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(double.stopping.wait(), fault.delay)
    if fault.status is not None:
        return json_response(fault.body(), status=fault.status, headers=fault.headers())
    return None


def _drop(request: web.Request, record: RecordedRequest) -> None:
    """Cut the connection without a response, as a lost answer looks to the client."""
    record.dropped = True
    if request.transport is not None:
        request.transport.abort()


async def _answer(
    double: DiscordDouble, router: Router, record: RecordedRequest
) -> web.StreamResponse:
    """The route's answer (a Discord error body if it refuses), else a recorded 404."""
    found = router.match(record.method, record.path)
    if found is None:
        double.unknown_routes.append(record)
        return json_response({"message": "404: Not Found", "code": 0}, status=404)
    handler, params, needs_auth = found
    if needs_auth and record.headers.get("Authorization") != f"Bot {double.token}":
        return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
    try:
        return await handler(Call(record, params))
    except DiscordError as error:
        return json_response({"message": error.message, "code": error.code}, status=error.status)
