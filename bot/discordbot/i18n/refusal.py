"""Errors in the reader's language.

Refusals raised in the Discord layer, and the core's errors that name their sentence in the
catalogue (`TrainedOnError.key`).
"""

from __future__ import annotations

import logging

from bot.discordbot.i18n.loader import SOURCE, catalogue
from bot.discordbot.i18n.messages import ENGLISH, Messages
from bot.errors import StoreError, TrainedOnError, Value

log = logging.getLogger(__name__)


class Refusal(TrainedOnError):
    """A catalogue message as an error: its English text is the exception's, for the logs."""

    def __init__(self, key: str, /, **values: Value) -> None:
        super().__init__(ENGLISH(key, **values), key=key, **values)


class StoreUnavailable(Refusal, StoreError):
    """The subscriptions store or the processes' shared state is not open (yet, or any more)."""


def error_text(error: TrainedOnError, msg: Messages) -> str:
    """The error's sentence in `msg`'s language, or its English where it names none.

    A key the catalogue lacks (the tests forbid it) is logged, and the English shown.
    """
    if error.key is None:
        return str(error)
    if not catalogue().has(SOURCE, error.key):
        log.error("error %s names message %r, missing from the catalogue",
                  type(error).__name__, error.key)
        return str(error)
    return msg(error.key, **error.values)
