"""HTTP plumbing: one catch-all handler that records, injects faults, routes and answers JSON.

A hand-rolled route table (rather than aiohttp's router) lets every request, known or not,
pass through the same recording and fault injection, and unknown routes be listed for tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from .records import RecordedRequest, UploadedFile

if TYPE_CHECKING:
    from .double import DiscordDouble

API_PREFIX = "/api/v10"


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
    """The aiohttp app: gateway websocket, attachment downloads and the REST API."""

    async def api(request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX) :] or "/"
        record = await read_request(request, path)
        double.requests.append(record)
        try:
            response = await _answer(double, router, record)
        except DiscordError as error:
            body = {"message": error.message, "code": error.code}
            response = json_response(body, status=error.status)
        record.status = response.status
        await double.changes.notify()
        return response

    async def attachment(request: web.Request) -> web.Response:
        data = double.messages.attachment_data.get(int(request.match_info["id"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    app = web.Application()
    app.router.add_get("/gateway", double.gateway.handle)
    app.router.add_get("/attachments/{id}/{name}", attachment)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", api)
    return app


async def _answer(
    double: DiscordDouble, router: Router, record: RecordedRequest
) -> web.StreamResponse:
    """Faults first (as Discord's edge would), then the route, else a recorded 404."""
    for fault in double.faults:
        if fault.exhausted or not fault.pattern.search(record.route):
            continue
        fault.hits.append(record)
        if fault.delay:
            # Stopping the double ends the wait, so a stalled request never delays teardown.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(double.stopping.wait(), fault.delay)
        if fault.status is not None:
            return json_response(fault.body(), status=fault.status, headers=fault.headers())
        break
    found = router.match(record.method, record.path)
    if found is None:
        double.unknown_routes.append(record)
        return json_response({"message": "404: Not Found", "code": 0}, status=404)
    handler, params, needs_auth = found
    if needs_auth and record.headers.get("Authorization") != f"Bot {double.token}":
        return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
    return await handler(Call(record, params))
