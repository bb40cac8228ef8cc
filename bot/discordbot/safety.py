"""Making dataset and user text safe to post, and keeping embeds within Discord's limits.

Every string that came from a dataset or a person goes through `safe()` before it is posted;
every message goes out with NO_MENTIONS. Limits are enforced with a visible "…".
"""

from __future__ import annotations

import re
from urllib.parse import quote

import discord

NO_MENTIONS = discord.AllowedMentions.none()

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELD_COUNT_LIMIT = 25
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
CONTENT_LIMIT = 2000
CHOICE_LIMIT = 100  # autocomplete choice names and values


# A bracket after an even number of backslashes is not escaped yet.
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)([\[\]])")
_MENTION_START = re.compile(r"<([@#])")
_BROADCAST = re.compile(r"@(everyone|here)")


def safe(text: str, limit: int | None = None) -> str:
    """Markdown and mentions escaped, control characters dropped, optionally truncated.

    Mentions get a zero-width space ("<\u200b@123>", "@\u200beveryone") so that they show
    as text, never as a pill or a ping; brackets are escaped so no text becomes a link.
    """
    cleaned = "".join(c for c in text if c.isprintable() or c == " ")
    escaped = discord.utils.escape_markdown(cleaned)
    escaped = _UNESCAPED_BRACKET.sub(r"\1\\\2", escaped)
    escaped = _MENTION_START.sub("<\u200b\\1", escaped)
    escaped = _BROADCAST.sub("@\u200b\\1", escaped)
    return truncate(escaped, limit) if limit else escaped


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when cut (never inside an escape)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut.endswith("\\"):
        cut = cut[:-1]
    return cut + "…"


def safe_link(label: str, url: str | None, limit: int = 200) -> str:
    """A masked link whose label is escaped and whose URL cannot break out of the markdown."""
    shown = safe(label, limit)
    if not url or not url.startswith(("https://", "http://")):
        return shown
    target = quote(url, safe=":/?&=#%~+@!$,;*'")  # percent-encodes ( ) < > [ ] space quotes
    return f"[{shown}]({target})"


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Enforce every per-part limit, then the 6,000-character total, dropping fields last first."""
    if embed.title:
        embed.title = truncate(embed.title, TITLE_LIMIT)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION_LIMIT)
    if embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER_LIMIT))
    fields = [
        (truncate(f.name or "\u200b", FIELD_NAME_LIMIT), truncate(f.value or "\u200b",
                                                                   FIELD_VALUE_LIMIT), f.inline)
        for f in embed.fields
    ]
    if len(fields) > FIELD_COUNT_LIMIT:
        hidden = len(fields) - FIELD_COUNT_LIMIT + 1
        fields = [*fields[:FIELD_COUNT_LIMIT - 1], ("…", f"{hidden} more not shown", False)]
    embed.clear_fields()
    for name, value, inline in fields:
        embed.add_field(name=name, value=value, inline=bool(inline))
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        over = len(embed) - EMBED_TOTAL_LIMIT
        embed.description = truncate(embed.description, max(1, len(embed.description) - over))
    return embed
