"""The language a server's posts are written in, kept with its subscriptions and watches.

Discord tells it with every command run in the server (`guild_locale`) and when the server
changes it. The process that writes a post may not see the server at all (another process runs
its shard), so the language is stored with each target rather than read from the writer's own
view of Discord. It is the server's, not a channel's: learning it anew brings every
subscription and watch of the server up to date at once.
"""

from __future__ import annotations

from bot.subscriptions.database import Queries

# Discord's locale codes are five characters at most ("pt-BR"); this only keeps out garbage.
MAX_LOCALE_LENGTH = 35


def check_locale(locale: str) -> None:
    """A locale is a short code, never empty."""
    if not locale or len(locale) > MAX_LOCALE_LENGTH:
        raise ValueError(f"not a locale code: {locale[:MAX_LOCALE_LENGTH + 1]!r}")


async def note_server_locale(queries: Queries, guild_id: int, locale: str) -> int:
    """Store `locale` on every subscription and watch of a server; how many rows changed."""
    check_locale(locale)
    changed = 0
    for table in ("subscriptions", "watches"):
        changed += await queries.execute(
            f"UPDATE {table} SET guild_locale = ? WHERE guild_id = ?"
            " AND guild_locale IS DISTINCT FROM ?",
            (locale, guild_id, locale),
        )
    return changed
