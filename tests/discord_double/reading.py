"""Reading what the bot sent: embeds, their fields, buttons, every message body."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .double import DiscordDouble


def button(message: dict[str, Any], label: str) -> str:
    for row in message.get("components", []):
        for component in row.get("components", []):
            if component.get("label") == label:
                return str(component["custom_id"])
    raise LookupError(f"no button {label!r} in {message.get('components')}")


def embed_of(message: dict[str, Any]) -> dict[str, Any]:
    embeds = message.get("embeds") or []
    assert embeds, f"no embed in {message}"
    return dict(embeds[0])


def fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


async def buttons_disabled_within(
    double: DiscordDouble, message: dict[str, Any], seconds: float = 5.0
) -> bool:
    """Whether every button on `message` (as it stands now) is disabled within `seconds`."""

    def disabled() -> bool:
        rows = double.messages.by_id[int(message["id"])].get("components", [])
        return bool(rows) and all(c.get("disabled") for r in rows for c in r["components"])

    deadline = asyncio.get_running_loop().time() + seconds
    while not disabled() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    return disabled()


def message_bodies(double: DiscordDouble) -> list[dict[str, Any]]:
    """Every message the bot created or edited: callbacks' data, webhook and channel posts."""
    bodies = []
    for request in double.requests:
        body = request.json
        if not isinstance(body, dict) or request.method not in ("POST", "PATCH"):
            continue
        if request.path.endswith("/callback"):
            body = body.get("data") or {}
            if "choices" in body:  # autocomplete answers are not messages
                continue
        creates = any(part in request.path for part in ("/webhooks/", "/messages", "/callback"))
        if creates and (body.get("content") or body.get("embeds")):
            bodies.append(body)
    return bodies
