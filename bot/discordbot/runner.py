"""`trainedon run`: start the bot, stop it cleanly on SIGINT and SIGTERM.

A missing or rejected token is one clear sentence and a non-zero exit. The token is never
logged: a filter on every handler replaces it wherever it might appear.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import discord

from bot.config import TOKEN_ENV, Config
from bot.discordbot.client import TrainedOnBot
from bot.errors import TrainedOnError

log = logging.getLogger(__name__)


class MissingToken(TrainedOnError):
    """No token in the environment (nor in the config file)."""


class RejectedToken(TrainedOnError):
    """Discord (or the configured API) refused the token."""


class BotCrashed(Exception):
    """What ended the bot unexpectedly, with the token taken out of its text.

    The CLI prints an unexpected error's text as it is, outside logging and its filter.
    """


class RedactToken(logging.Filter):
    """Replace the token in every log record, message and arguments alike."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def redact(self, text: str) -> str:
        """`text` with every occurrence of the token replaced."""
        return text.replace(self.token, "[token]")

    def filter(self, record: logging.LogRecord) -> bool:
        if self.token in record.getMessage():
            record.msg = self.redact(record.getMessage())
            record.args = None
        if record.exc_info and not record.exc_text:
            # Formatted here, once, so that the text the handlers print is the redacted one.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def run(config: Config) -> int:
    """Run until stopped; the exit status for the CLI."""
    token = config.discord_token()
    if not token:
        raise MissingToken(f"no Discord bot token: set the {TOKEN_ENV} environment variable")
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    logging.getLogger("discord").setLevel(logging.WARNING)  # quiet unless something is wrong
    try:
        return asyncio.run(_run(config, token))
    except TrainedOnError:
        raise
    except Exception as exc:  # its text could quote the token (an echoed header, a URL)
        raise BotCrashed(redact.redact(f"{exc.__class__.__name__}: {exc}")) from exc


async def _run(config: Config, token: str) -> int:
    bot = TrainedOnBot(config, freeze_startup_objects=True)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(bot.start(token))
    stopper = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("stopping")
        else:
            runner.result()  # re-raises what ended the bot
    except discord.LoginFailure:
        raise RejectedToken(f"Discord rejected the bot token: check {TOKEN_ENV}") from None
    except discord.PrivilegedIntentsRequired:
        raise TrainedOnError("Discord refused the connection's intents") from None
    finally:
        stopper.cancel()
        await bot.close()
        if not runner.done():
            await asyncio.wait({runner}, timeout=10)
    return 0
