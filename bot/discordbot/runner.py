"""`trainedon run`: start the bot, stop it cleanly on SIGINT and SIGTERM.

On the first signal the bot takes no new interactions (each is told to try again shortly),
gives those in flight up to DRAIN_SECONDS to finish (bot/discordbot/inflight.py), then closes
the gateway, the outbox pump, the shared state and the stores, and exits 0; a second signal
ends the wait at once. A missing or rejected token is one clear sentence and a non-zero exit.
The token is never logged: a filter on every handler replaces it wherever it might appear.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import quote

import discord

from bot.config import TOKEN_ENV, Config
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.inflight import DRAIN_SECONDS
from bot.errors import TrainedOnError
from bot.logging_setup import extra_fields

log = logging.getLogger(__name__)


class MissingToken(TrainedOnError):
    """No token in the environment (nor in the config file)."""


class RejectedToken(TrainedOnError):
    """Discord (or the configured API) refused the token."""


class BotCrashed(Exception):
    """What ended the bot unexpectedly, with the token taken out of its text.

    The CLI prints an unexpected error's text as it is, outside logging and its filter.
    """


# A Discord token is three dot-separated base64 parts: the bot's user id, a timestamp and an
# HMAC, the secret. Parts this long are redacted on their own too (a proxy or a library may
# quote one without the rest); the 6-character timestamp alone tells nothing.
MIN_REDACTED_PART = 8
REDACTED = "[token]"


def token_forms(token: str) -> list[str]:
    """Every form of the token that is redacted, longest first so the whole goes before its parts.

    The token as sent (config.discord_token() strips it), each long part of it, and the
    percent-encoded form of each (a token quoted in a URL).
    """
    forms = {token} | {part for part in token.split(".") if len(part) >= MIN_REDACTED_PART}
    forms |= {quote(form, safe="") for form in forms}
    return sorted(forms, key=len, reverse=True)


class RedactToken(logging.Filter):
    """Replace the token in every log record: message, arguments, traceback and stack."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.forms = token_forms(token)

    def redact(self, text: str) -> str:
        """`text` with every form of the token replaced."""
        for form in self.forms:
            text = text.replace(form, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: logging would print msg and args as they are
            message = f"{record.msg} {record.args}"
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so that the text the handlers print is the redacted one.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        for key, value in extra_fields(record).items():  # the fields of JSON lines
            if isinstance(value, str):
                setattr(record, key, self.redact(value))
        return True


def run(config: Config) -> int:
    """Run until stopped; the exit status for the CLI."""
    token = config.discord_token()
    if not token:
        raise MissingToken(f"no Discord bot token: set the {TOKEN_ENV} environment variable "
                           f"(or {TOKEN_ENV}_FILE, naming a file that holds it)")
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    logging.getLogger("discord").setLevel(logging.WARNING)  # quiet unless something is wrong
    try:
        return asyncio.run(_run(config, token))
    except TrainedOnError as exc:  # the CLI prints its text outside logging too
        exc.args = (redact.redact(str(exc)),)
        raise
    except Exception as exc:  # its text could quote the token (an echoed header, a URL)
        raise BotCrashed(redact.redact(f"{exc.__class__.__name__}: {exc}")) from exc


async def _run(config: Config, token: str) -> int:
    bot = TrainedOnBot(config, freeze_startup_objects=True)
    loop = asyncio.get_running_loop()
    signals: asyncio.Queue[str] = asyncio.Queue()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, signals.put_nowait, sig.name)
    runner = asyncio.create_task(bot.start(token))
    stopper = asyncio.create_task(signals.get())
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            await _finish_in_flight(bot, stopper.result(), signals)
        else:
            runner.result()  # re-raises what ended the bot
    except discord.LoginFailure:
        raise RejectedToken(f"Discord rejected the bot token: check {TOKEN_ENV}") from None
    except discord.PrivilegedIntentsRequired:
        raise TrainedOnError("Discord refused the connection's intents") from None
    finally:
        stopper.cancel()
        await bot.close()  # the gateway, then the pump, shared state, index and stores
        if not runner.done():
            await asyncio.wait({runner}, timeout=10)
    log.info("stopped: connections and stores closed")
    return 0


async def _finish_in_flight(bot: TrainedOnBot, received: str, signals: asyncio.Queue[str]
                            ) -> None:
    """Take no new interactions and let those running finish, for up to DRAIN_SECONDS."""
    log.info("%s received: stopping; finishing %d interaction(s) in flight (up to %g s)",
             received, len(bot.in_flight), DRAIN_SECONDS)
    bot.in_flight.closing = True  # from now on, not at the task's first step
    finish = asyncio.create_task(bot.in_flight.finish(DRAIN_SECONDS))
    again = asyncio.create_task(signals.get())
    try:
        done, _ = await asyncio.wait({finish, again}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        again.cancel()
    if finish in done:
        if left := finish.result():
            log.warning("%d interaction(s) still running after %g s were cancelled",
                        left, DRAIN_SECONDS)
    else:
        finish.cancel()
        log.warning("%s received again: stopping without waiting for %d interaction(s)",
                    again.result(), len(bot.in_flight))
        await bot.in_flight.cancel()
