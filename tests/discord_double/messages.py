"""Messages the bot created: full message objects, kept current through edits."""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable, Mapping
from typing import Any

from .records import StoredFile, UploadedFile
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
        self.attachment_data: dict[int, bytes] = {}  # attachment id -> bytes, every file
        self.files: dict[int, StoredFile] = {}  # attachment id -> what the CDN serves
        self.nonces: dict[str, tuple[int, float]] = {}  # channel-post nonce -> (id, time)

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

    def remember_nonce(self, nonce: str, message_id: int) -> None:
        """Note the nonce of a channel post, for `enforce_nonce` dedupe."""
        self.nonces[nonce] = (message_id, time.monotonic())

    def by_nonce(self, nonce: str, within: float) -> dict[str, Any] | None:
        """The stored post created with `nonce` less than `within` seconds ago, if any."""
        found = self.nonces.get(nonce)
        if found is None or time.monotonic() - found[1] > within:
            return None
        return self.by_id.get(found[0])

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
                result.append(self._store_attachment(message, upload, entry))
        # Uploads the payload did not list are still attached, as Discord does.
        result += [self._store_attachment(message, u, {}) for u in uploads.values()]
        return result

    def _store_attachment(
        self, message: dict[str, Any], upload: UploadedFile, entry: dict[str, Any]
    ) -> dict[str, Any]:
        filename = entry.get("filename") or upload.filename
        channel_id = int(message["channel_id"])
        data = self.store_file(channel_id, filename, upload.data, upload.content_type)
        if entry.get("description"):
            data["description"] = entry["description"]
        return data

    def store_file(
        self,
        channel_id: int,
        filename: str,
        data: bytes,
        content_type: str | None,
        *,
        size: int | None = None,
        ephemeral: bool = False,
    ) -> dict[str, Any]:
        """Keep a file for the CDN route and return its attachment object, as Discord would."""
        stored = StoredFile(snowflake(), channel_id, filename, content_type, data, ephemeral)
        self.files[stored.id] = stored
        self.attachment_data[stored.id] = data
        # Discord's CDN links are signed and expire: `?ex=<hex time>&is=<hex time>&hm=<sig>`.
        now = int(time.time())
        signature = f"?ex={now + 86400:x}&is={now:x}&hm={secrets.token_hex(32)}&"
        url = self._base_url() + stored.cdn_path + signature
        attachment: dict[str, Any] = {
            "id": str(stored.id),
            "filename": filename,
            "size": len(data) if size is None else size,
            "url": url,
            "proxy_url": url,
            "flags": 0,
        }
        if content_type is not None:
            attachment["content_type"] = content_type
        if ephemeral:
            attachment["ephemeral"] = True
        return attachment

    def files_in(self, message: Mapping[str, Any] | int) -> dict[str, bytes]:
        """`{filename: bytes}` of a stored message's attachments, in its current version."""
        message_id = message if isinstance(message, int) else int(message["id"])
        current = self.by_id.get(message_id)
        if current is None:
            raise LookupError(f"message {message_id} is not (or no longer) stored")
        found: dict[str, bytes] = {}
        for attachment in current.get("attachments", []):
            name = attachment["filename"]
            if name in found:
                raise ValueError(
                    f"message {message_id} has two files named {name!r}; read "
                    "double.messages.attachment_data[int(attachment['id'])] instead"
                )
            found[name] = self.attachment_data[int(attachment["id"])]
        return found


def _file_index(field: str) -> int:
    """`files[3]` -> 3; discord.py names parts this way and lists them by index."""
    inner = field.partition("[")[2].rstrip("]")
    return int(inner) if inner.isdigit() else -1
