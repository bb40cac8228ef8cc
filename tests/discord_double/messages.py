"""Messages the bot created: full message objects, kept current through edits."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .records import UploadedFile
from .snowflakes import iso_now, snowflake

# Keys of a create/edit body that are stored on the message as sent.
_COPIED_KEYS = ("content", "embeds", "components", "flags", "tts", "poll", "sticker_ids")
_CLEARED: dict[str, Any] = {"content": "", "embeds": [], "components": [], "flags": 0}
EPHEMERAL = 1 << 6
LOADING = 1 << 7


class MessageStore:
    """Every message by id, plus the order of plain channel posts."""

    def __init__(self, base_url: Callable[[], str], author: dict[str, Any]) -> None:
        self._base_url = base_url  # known only once the server listens
        self._author = author
        self.by_id: dict[int, dict[str, Any]] = {}
        self.channel_posts: dict[int, list[int]] = {}
        self.channel_order: dict[int, list[int]] = {}
        self.attachment_data: dict[int, bytes] = {}

    def create(
        self,
        channel_id: int,
        body: dict[str, Any],
        files: list[UploadedFile],
        *,
        guild_id: int | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store a new message built from a create body, as Discord would return it."""
        message: dict[str, Any] = {
            "id": str(snowflake()),
            "channel_id": str(channel_id),
            "author": copy.deepcopy(self._author),
            "content": "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": 0,
        }
        if guild_id is not None:
            message["guild_id"] = str(guild_id)
        if "nonce" in body:
            message["nonce"] = body["nonce"]
        if body.get("message_reference"):
            reference = {"type": 0, "channel_id": str(channel_id), **body["message_reference"]}
            message["message_reference"] = reference
        message.update(extra or {})
        self._apply(message, body, files)
        self.by_id[int(message["id"])] = message
        self.channel_order.setdefault(channel_id, []).append(int(message["id"]))
        return message

    def edit(
        self, message_id: int, body: dict[str, Any], files: list[UploadedFile]
    ) -> dict[str, Any]:
        """Apply an edit body in place; the message keeps its id and author."""
        message = self.by_id[message_id]
        was_ephemeral = message.get("flags", 0) & EPHEMERAL
        self._apply(message, body, files)
        # An edit ends the "thinking…" state; ephemerality cannot be edited away.
        message["flags"] = (message.get("flags", 0) & ~LOADING) | was_ephemeral
        message["edited_timestamp"] = iso_now()
        return message

    def delete(self, message_id: int) -> None:
        """Forget a message (its id stays out of listings)."""
        message = self.by_id.pop(message_id)
        channel_id = int(message["channel_id"])
        for index in (self.channel_posts, self.channel_order):
            ids = index.get(channel_id, [])
            if message_id in ids:
                ids.remove(message_id)

    def _apply(
        self, message: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]
    ) -> None:
        for key in _COPIED_KEYS:
            if key in body:
                # An explicit null clears the field (discord.py sends `content: null` so).
                value = body[key] if body[key] is not None else _CLEARED.get(key)
                message[key] = copy.deepcopy(value)
        if "attachments" in body or files:
            message["attachments"] = self._attachments(message, body, files)

    def _attachments(
        self, message: dict[str, Any], body: dict[str, Any], files: list[UploadedFile]
    ) -> list[dict[str, Any]]:
        """Keep listed existing attachments and add uploads, matched by `files[n]` index."""
        existing = {a["id"]: a for a in message.get("attachments", [])}
        uploads = {_file_index(f.field): f for f in files}
        listed = body.get("attachments")
        if listed is None:
            listed = [{"id": index} for index in uploads]
        result: list[dict[str, Any]] = []
        for entry in listed:
            key = str(entry.get("id"))
            if key in existing:
                result.append(existing[key])
                continue
            upload = uploads.pop(int(key), None) if key.isdigit() else None
            if upload is not None:
                result.append(self._store_attachment(upload, entry))
        # Uploads the payload did not list are still attached, as Discord does.
        result += [self._store_attachment(upload, {}) for upload in uploads.values()]
        return result

    def _store_attachment(self, upload: UploadedFile, entry: dict[str, Any]) -> dict[str, Any]:
        attachment_id = snowflake()
        self.attachment_data[attachment_id] = upload.data
        filename = entry.get("filename") or upload.filename
        url = f"{self._base_url()}/attachments/{attachment_id}/{filename}"
        data: dict[str, Any] = {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": upload.content_type,
            "flags": 0,
        }
        if entry.get("description"):
            data["description"] = entry["description"]
        return data


def _file_index(field: str) -> int:
    """`files[3]` -> 3; discord.py names parts this way and lists them by index."""
    inner = field.partition("[")[2].rstrip("]")
    return int(inner) if inner.isdigit() else -1
