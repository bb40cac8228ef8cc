"""Making dataset and user text safe to post, and keeping embeds within Discord's limits.

Every string that came from a dataset or a person goes through `safe()` before it is posted
(or `choices()` for autocomplete, which Discord shows as plain text); every message goes out
with NO_MENTIONS. Limits are enforced with a visible "…".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

import discord
from discord import app_commands

from bot.discordbot.i18n import ENGLISH, Messages
from bot.text.normalize import clean_display

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
CHOICE_COUNT_LIMIT = 25

# Put after every "<" and after the "@" of @everyone/@here. Every angle-bracket form Discord
# renders (mentions <@1> <@!1> <@&1> <#1>, slash commands </a b:1>, emoji <:e:1> <a:e:1>,
# timestamps <t:1:R>, guild links <id:browse>, autolinks <https://…>) starts with "<"
# directly followed by its sigil, so one rule covers the forms Discord adds later too.
BREAK = "\u200b"
# Markdown that works anywhere in a line, brackets included (no masked links), and the
# backslash itself, so that an escape in the data cannot cancel ours.
_INLINE_MARKUP = re.compile(r"[\\*_~|`\[\]]")
# Markdown that only works at the start of a line: headings "# ", subtext "-# ", quotes "> "
# and ">>> ", lists "- ", "+ ", "1. ". safe() text is one line, but a caller may start a line
# with it.
_LINE_START_MARKUP = re.compile(r"^(\s*)(\d*[.)](?=\s)|[#>+-])")
_BROADCAST = re.compile(r"@(everyone|here)")
_JOINER = "\u200d"


def safe(text: str, limit: int | None = None) -> str:
    """Markdown and mentions escaped, control characters dropped, optionally truncated.

    Not discord.utils.escape_markdown: its masked-link rule passes everything from the first
    "[" to the last ")" through unescaped ("[a](b) ``` (c)" keeps its code fence), and it
    leaves URLs unescaped.
    """
    cleaned = "".join(c for c in text if c.isprintable() or c == " ")
    escaped = _INLINE_MARKUP.sub(r"\\\g<0>", cleaned)
    escaped = _LINE_START_MARKUP.sub(_escape_mark, escaped, count=1)
    escaped = escaped.replace("<", "<" + BREAK)
    escaped = _BROADCAST.sub("@" + BREAK + r"\1", escaped)
    return truncate(escaped, limit) if limit else escaped


def _escape_mark(found: re.Match[str]) -> str:
    r"""The backslash goes before the punctuation: "1\. ", "\# " ("\1" would escape nothing)."""
    lead, mark = found.groups()
    return f"{lead}{mark[:-1]}\\{mark[-1]}"


def truncate(text: str, limit: int) -> str:
    r"""At most `limit` characters, ending in "…" when cut.

    The cut moves left until it splits nothing: not an escape ("\*", "\\"), which would
    leave a backslash escaping the "…", and not a character from what it attaches to (an
    accent, a variation selector, an emoji joined by U+200D, the zero-width space of a
    mention breaker).
    """
    if len(text) <= limit:
        return text
    cut = max(limit - 1, 0)
    while cut > 0 and (_attaches(text[cut]) or text[cut - 1] == _JOINER):
        cut -= 1
    kept = text[:cut]
    if (len(kept) - len(kept.rstrip("\\"))) % 2:  # an odd run ends in half an escape
        kept = kept[:-1]
    return kept + "…"


def _attaches(char: str) -> bool:
    """Whether `char` belongs to the character before it."""
    return (char in (BREAK, _JOINER) or unicodedata.category(char)[0] == "M"
            or "\U0001f3fb" <= char <= "\U0001f3ff")  # skin-tone modifiers


def choices(texts: Iterable[str]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices, in order: one clean line each, no repeats, at most 25.

    Discord shows them as plain text, so markdown stays as it is, but a bidi control or a
    zero-width character could make one name pass for another; a choice left empty is
    dropped, since Discord refuses the whole answer for it.
    """
    chosen: dict[str, app_commands.Choice[str]] = {}
    for text in texts:
        name = clean_display(text, CHOICE_LIMIT)
        if name and name.casefold() not in chosen:
            chosen[name.casefold()] = app_commands.Choice(name=name, value=name)
            if len(chosen) == CHOICE_COUNT_LIMIT:
                break
    return list(chosen.values())


def safe_link(label: str, url: str | None, limit: int = 200) -> str:
    """A masked link whose label is escaped and whose URL cannot break out of the markdown."""
    shown = safe(label, limit)
    if not url or not url.startswith(("https://", "http://")):
        return shown
    target = quote(url, safe=":/?&=#%~+@!$,;*'")  # percent-encodes ( ) < > [ ] space quotes
    return f"[{shown}]({target})"


def fit_embed(embed: discord.Embed, msg: Messages = ENGLISH) -> discord.Embed:
    """Enforce every per-part limit, then the 6,000-character total, dropping fields last first.

    `msg`: the language of the embed, for the field that counts the ones left out.
    """
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
        fields = [*fields[:FIELD_COUNT_LIMIT - 1],
                  ("…", msg("embed-more-not-shown", count=hidden), False)]
    embed.clear_fields()
    for name, value, inline in fields:
        embed.add_field(name=name, value=value, inline=bool(inline))
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    if len(embed) > EMBED_TOTAL_LIMIT and embed.description:
        over = len(embed) - EMBED_TOTAL_LIMIT
        embed.description = truncate(embed.description, max(1, len(embed.description) - over))
    return embed


# An embed sent whole, never cut: long content is spread over more fields, embeds and messages.
EMBEDS_PER_MESSAGE = 10
_FIELD_NAME_ROOM = FIELD_NAME_LIMIT - 12  # room left for " (cont.)" on a field that goes on


def field_chunks(name: str, lines: list[str], msg: Messages = ENGLISH) -> list[tuple[str, str]]:
    """One field's lines as as many fields as they need, split between lines, never inside one.

    A line longer than a field is truncated with a visible "…"; callers keep lines short (a
    link is one line, so it is never cut in two).
    """
    name = truncate(name, _FIELD_NAME_ROOM)
    more = msg("field-continued", name=name)
    chunks: list[tuple[str, str]] = []
    current: list[str] = []
    for line in (truncate(line, FIELD_VALUE_LIMIT) for line in lines):
        if current and len("\n".join([*current, line])) > FIELD_VALUE_LIMIT:
            chunks.append((name if not chunks else more, "\n".join(current)))
            current = []
        current.append(line)
    if current or not chunks:
        chunks.append((name if not chunks else more, "\n".join(current) or "—"))
    return chunks


def pack_embeds(head: discord.Embed, fields: list[tuple[str, str]], more: str,
                msg: Messages = ENGLISH) -> list[discord.Embed]:
    """`head` with `fields` added, spread over as many embeds as Discord's limits need.

    Each embed stays within the field count and the 6,000-character total; the ones after the
    first are titled `more` and keep the head's colour and footer.
    """
    embeds = [head]
    for name, value in fields:
        current = embeds[-1]
        size = len(name) + len(value)
        if len(current.fields) >= FIELD_COUNT_LIMIT or len(current) + size > EMBED_TOTAL_LIMIT:
            current = discord.Embed(title=more, colour=head.colour)
            if head.footer.text:
                current.set_footer(text=head.footer.text)
            embeds.append(current)
        current.add_field(name=name, value=value, inline=False)
    return [fit_embed(embed, msg) for embed in embeds]


def message_groups(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds grouped into messages: at most ten a message, 6,000 characters in all."""
    groups: list[list[discord.Embed]] = []
    for embed in embeds:
        last = groups[-1] if groups else None
        if (last is None or len(last) >= EMBEDS_PER_MESSAGE
                or sum(len(e) for e in last) + len(embed) > EMBED_TOTAL_LIMIT):
            groups.append([embed])
        else:
            last.append(embed)
    return groups
