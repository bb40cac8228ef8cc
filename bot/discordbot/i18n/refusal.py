"""Refusals raised in the Discord layer, shown by the error handler in the reader's language."""

from __future__ import annotations

from bot.discordbot.i18n.loader import Value
from bot.discordbot.i18n.messages import ENGLISH, Messages
from bot.errors import StoreError, TrainedOnError


class Refusal(TrainedOnError):
    """A catalogue message as an error: its English text is the exception's, for the logs."""

    def __init__(self, key: str, /, **values: Value) -> None:
        super().__init__(ENGLISH(key, **values))
        self.key = key
        self.values = values

    def text(self, msg: Messages) -> str:
        """The sentence in `msg`'s language."""
        return msg(self.key, **self.values)


class StoreUnavailable(Refusal, StoreError):
    """The subscriptions store or the processes' shared state is not open (yet, or any more)."""
