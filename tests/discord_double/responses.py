"""Interaction responses by name: the callback types, and predicates on what the bot answered.

`SentInteraction.response()` gives the bot's callback body, `{"type": N, "data": {...}}`; the
numbers are Discord's interaction callback types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .messages import EPHEMERAL

if TYPE_CHECKING:
    from .interactions import SentInteraction

PONG = 1
CHANNEL_MESSAGE = 4  # CHANNEL_MESSAGE_WITH_SOURCE: the answer itself
DEFERRED_CHANNEL_MESSAGE = 5  # "thinking…": @original or a follow-up answers later
DEFERRED_UPDATE_MESSAGE = 6  # a press acknowledged; its message may be edited later
UPDATE_MESSAGE = 7  # a press answered by editing the message it is on
AUTOCOMPLETE_RESULT = 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT: the choices
MODAL = 9
PREMIUM_REQUIRED = 10
LAUNCH_ACTIVITY = 12
MESSAGE_TYPES = (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE)  # these make a new @original
UPDATE_TYPES = (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE)  # these keep the pressed message


def is_answer(response: dict[str, Any]) -> bool:
    """Answered at once, in the response itself."""
    return bool(response["type"] == CHANNEL_MESSAGE)


def is_deferred(response: dict[str, Any]) -> bool:
    """Deferred: the bot is "thinking…" and answers in @original or a follow-up."""
    return bool(response["type"] == DEFERRED_CHANNEL_MESSAGE)


def is_update(response: dict[str, Any]) -> bool:
    """A press answered by editing the message the button is on."""
    return bool(response["type"] == UPDATE_MESSAGE)


def is_ephemeral(body: dict[str, Any]) -> bool:
    """Seen only by the one who asked: a message, or a callback response (by its `data`)."""
    message = body.get("data", body)  # a message object has no "data"
    return bool((message or {}).get("flags", 0) & EPHEMERAL)


async def private_answer(it: SentInteraction) -> dict[str, Any]:
    """The answer to a private command: a private "thinking…", then one private follow-up."""
    deferred = await it.response()
    assert is_deferred(deferred) and is_ephemeral(deferred), deferred
    [answer] = await it.followups()
    assert is_ephemeral(answer), answer
    return answer
