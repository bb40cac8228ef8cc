"""/watch artist, /unwatch artist, /watches: a channel is told when a watched artist arrives.

The typed name is matched against the index first, so a typo does not watch the wrong key; when
the match is not sure, the person who asked picks from the candidates. An artist that is in no
dataset yet can still be watched: that is when a watch is most useful. A YouTube Music channel
or Spotify artist link in place of the name watches that one artist id, whatever name its
tracks are credited under (one "Low" of several).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.checks import ModeratorGroup, moderator_only
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import ENGLISH, Messages, Refusal, messages_for, server_locale, tr
from bot.discordbot.options import target_channel
from bot.discordbot.render import NEUTRAL
from bot.discordbot.safety import NO_MENTIONS, choices, fit_embed, safe
from bot.discordbot.views import AskerOnlyView
from bot.errors import IndexNotReady
from bot.index.schema import NameKind
from bot.search.identity import CannotResolve
from bot.search.results import ARTIST_KINDS, LookupResult
from bot.subscriptions import WatchStore
from bot.subscriptions.watches import link_key
from bot.text.links import LinkId, Unresolvable, parse_link
from bot.text.normalize import clean_display, normalize_name

log = logging.getLogger(__name__)

SUGGESTIONS = 25
CANDIDATES = 4
# A second match this close to the best one makes the name ambiguous, however good both are.
CLOSE_MARGIN = 3.0
LABEL_LIMIT = 80

# Called with the interaction of the press and the display name chosen.
OnPick = Callable[[discord.Interaction, str], Awaitable[None]]


def candidates(result: LookupResult) -> list[str] | None:
    """Names to ask about, or None when the best match is sure enough to watch at once."""
    if result.found:
        best = result.matches[0]
        close = [m for m in result.matches[1:] if best.score - m.score <= CLOSE_MARGIN]
        exact = normalize_name(best.name) == normalize_name(result.query)
        if exact or (not result.uncertain and not close):
            return None
        names = [m.name for m in result.matches]
    else:
        names = [m.name for m in result.near_misses]
    return list(dict.fromkeys(names))[:CANDIDATES]


class ArtistPicker(AskerOnlyView):
    """One button per candidate, maybe the typed name itself, and "None of these"."""

    refusal = "refusal-picker"

    def __init__(self, author_id: int, names: list[str], typed: str | None, on_pick: OnPick,
                 timeout: float, msg: Messages = ENGLISH) -> None:
        super().__init__(author_id, timeout)
        self.on_pick = on_pick
        for name in names:
            self.add_item(_Choice(clean_display(name, LABEL_LIMIT), name,
                                  discord.ButtonStyle.primary))
        if typed is not None:
            label = clean_display(msg("picker-watch-anyway", name=typed), LABEL_LIMIT)
            self.add_item(_Choice(label, typed, discord.ButtonStyle.secondary))
        self.add_item(_Choice(msg("picker-none"), None, discord.ButtonStyle.danger))

    async def chosen(self, interaction: discord.Interaction, name: str | None) -> None:
        """A press by the asker: watch `name`, or nothing; the question is then closed."""
        self.stop()
        if name is None:
            await interaction.response.edit_message(content=tr(interaction, "picker-nothing"),
                                                    view=None, allowed_mentions=NO_MENTIONS)
        else:
            await self.on_pick(interaction, name)


class _Choice(discord.ui.Button[ArtistPicker]):
    """A picker button that knows which name (None: none of them) it stands for."""

    def __init__(self, label: str, name: str | None, style: discord.ButtonStyle) -> None:
        super().__init__(label=label, style=style)
        self.artist = name

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        await self.view.chosen(interaction, self.artist)


class NotAnArtistLink(Refusal):
    """A link to a video or a track where a watch needs an artist."""


def artist_link(text: str) -> LinkId | None:
    """The artist id of a pasted channel or Spotify artist link or bare channel id, else None.

    Any other pasted link is refused with a sentence, never watched as a name.
    """
    pasted = "/" in text or text.lower().startswith("spotify:")
    parsed = parse_link(text)
    if isinstance(parsed, LinkId):
        if parsed.kind in ARTIST_KINDS:
            return parsed
        if pasted:
            raise NotAnArtistLink("watch-not-artist-link", kind=parsed.kind.value)
    elif isinstance(parsed, Unresolvable) and pasted:
        raise CannotResolve.saying(parsed)
    return None


class Watches(commands.Cog):
    """Channels watching artists for new tracks in the datasets."""

    watch = ModeratorGroup(name="watch", description="Be told when an artist gets new tracks",
                           manage_channels=True)
    unwatch = ModeratorGroup(name="unwatch", description="Stop watching an artist",
                             manage_channels=True)

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @property
    def store(self) -> WatchStore:
        return self.bot.require_store().watches

    @watch.command(name="artist", description="Post here when a rebuild adds this artist's tracks")
    @app_commands.describe(name="The artist's name (typos are fine), or their YouTube Music "
                                "channel or Spotify artist link",
                           channel="Where to post (default: here)")
    async def watch_artist(self, interaction: discord.Interaction,
                           name: app_commands.Range[str, 1, 200],
                           channel: app_commands.AppCommandChannel | None = None) -> None:
        target = target_channel(interaction, channel)
        typed = _visible(name)  # a watch stores the name as it is shown
        link = artist_link(typed)
        if link is not None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send(await self._watch_link(interaction, target, link),
                                            ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        if not normalize_name(typed):
            await _reply(interaction, tr(interaction, "watch-no-letters"))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        searcher = self.bot.index.searcher
        result = await self.bot.index.run(searcher.lookup_artist, typed, limit=CANDIDATES + 1)
        names = candidates(result)
        if names is None:
            await interaction.followup.send(await self._watch(interaction, target,
                                                              result.matches[0].name),
                                            ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        offer_typed = all(normalize_name(n) != normalize_name(typed) for n in names)

        async def pick(press: discord.Interaction, chosen: str) -> None:
            text = await self._watch(press, target, chosen)
            await press.response.edit_message(content=text, view=None,
                                              allowed_mentions=NO_MENTIONS)

        msg = messages_for(interaction)
        picker = ArtistPicker(interaction.user.id, names, typed if offer_typed else None, pick,
                              self.bot.config.discord.page_timeout_seconds, msg)
        picker.message = await interaction.followup.send(
            _question(typed, result, names, msg), view=picker, ephemeral=True,
            allowed_mentions=NO_MENTIONS, wait=True,
        )

    @unwatch.command(name="artist", description="Stop posting about this artist")
    @app_commands.describe(name="A watched artist", channel="Which channel (default: here)")
    async def unwatch_artist(self, interaction: discord.Interaction,
                             name: app_commands.Range[str, 1, 200],
                             channel: app_commands.AppCommandChannel | None = None) -> None:
        target = target_channel(interaction, channel)
        removed = await self.store.unwatch(target, await self._key_of(target, name))
        text = tr(interaction, "unwatch-removed" if removed else "unwatch-not-watched",
                  channel=f"<#{target}>", name=safe(name, 200))
        await _reply(interaction, text)

    @app_commands.command(name="watches", description="Which artists this server's channels watch")
    @app_commands.describe(channel="Only this channel (default: the whole server)")
    @moderator_only(manage_channels=True)
    async def watches(self, interaction: discord.Interaction,
                      channel: app_commands.AppCommandChannel | None = None) -> None:
        assert interaction.guild_id is not None
        rows = (await self.store.for_channel(channel.id) if channel is not None
                else await self.store.for_guild(interaction.guild_id))
        msg = messages_for(interaction)
        lines = []
        for row in rows:
            state = (msg("state-disabled", failures=row.failures,
                         error=safe(row.last_error or "", 100))
                     if row.disabled else msg("state-since", date=f"{row.created_at:%Y-%m-%d}"))
            lines.append(msg("watches-line", channel=f"<#{row.channel_id}>",
                             name=safe(row.artist_name, 100), state=state))
        nothing = (msg("watches-none-channel", channel=f"<#{channel.id}>")
                   if channel is not None else msg("watches-none-server"))
        embed = discord.Embed(title=msg("watches-title"),
                              description="\n".join(lines) or nothing, colour=NEUTRAL)
        await interaction.response.send_message(embed=fit_embed(embed, msg), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)

    @watch_artist.autocomplete("name")
    async def _indexed_names(self, interaction: discord.Interaction, current: str
                             ) -> list[app_commands.Choice[str]]:
        """The person's own text first, then the closest indexed names."""
        text = current.strip()
        if not text:
            return []
        try:
            searcher = self.bot.index.searcher
        except IndexNotReady:
            return choices([text])
        names = await self.bot.index.run(searcher.suggest, NameKind.ARTIST, text, SUGGESTIONS)
        return choices([text, *names])

    @unwatch_artist.autocomplete("name")
    @app_commands.check(unwatch.rule.allows)  # the group's rule: else anyone sees watches
    async def _watched_names(self, interaction: discord.Interaction, current: str
                             ) -> list[app_commands.Choice[str]]:
        """Watches of the chosen channel (default: this one) containing what was typed."""
        channel = getattr(interaction.namespace, "channel", None)
        channel_id = channel.id if channel is not None else interaction.channel_id
        if channel_id is None or self.bot.store is None:
            return []
        typed = _visible(current).casefold()
        names = [w.artist_name for w in await self.store.for_channel(channel_id)]
        return choices(n for n in names if typed in _visible(n).casefold())

    async def _key_of(self, target: int, name: str) -> str:
        """The key of the watch `name` means: an artist link's, a shown name's, or a name's."""
        link = artist_link(_visible(name))
        if link is not None:
            return link_key(link)
        shown = _visible(name).casefold()
        for watch in await self.store.for_channel(target):  # "Low (YouTube Music channel …)"
            if watch.artist_name.casefold() == shown:
                return watch.artist_norm
        return normalize_name(name)

    async def _watch_link(self, interaction: discord.Interaction, target: int,
                          link: LinkId) -> str:
        """Watch an artist id, shown with the name its tracks credit it as, if indexed yet."""
        assert interaction.guild_id is not None
        searcher = self.bot.index.searcher
        result = await self.bot.index.run(searcher.lookup_link, link, CANDIDATES)
        label = f"{link.kind.label} {link.id}"
        name = f"{result.credited_name} ({label})" if result.credited_name else label
        added = await self.store.watch(interaction.guild_id, target, name, link_key(link),
                                       interaction.user.id, locale=server_locale(interaction))
        return _watch_answer(interaction, target, safe(name, 200), added,
                             link.kind.value, result.found)

    async def _watch(self, interaction: discord.Interaction, target: int, name: str) -> str:
        """Store the watch and say what happened."""
        assert interaction.guild_id is not None
        added = await self.store.watch(interaction.guild_id, target, name, normalize_name(name),
                                       interaction.user.id, locale=server_locale(interaction))
        return _watch_answer(interaction, target, safe(name, 200), added)


def _watch_answer(interaction: discord.Interaction, target: int, shown: str, added: bool,
                  kind: str | None = None, indexed: bool = True) -> str:
    """What a new watch says: where it posts, about what; `kind` for a watched artist id."""
    msg = messages_for(interaction)
    channel = f"<#{target}>"
    if not added:
        return msg("watch-already", channel=channel, name=shown)
    here = target == interaction.channel_id
    if kind is None:
        return msg("watch-added-here" if here else "watch-added-in", name=shown, channel=channel)
    text = msg("watch-link-added-here" if here else "watch-link-added-in", name=shown,
               channel=channel, kind=kind)
    return text if indexed else f"{text} {msg('watch-link-not-indexed')}"


def _question(typed: str, result: LookupResult, names: list[str],
              msg: Messages = ENGLISH) -> str:
    shown = safe(typed, 100)
    if result.found:
        return msg("picker-not-exact", name=shown)
    if names:
        return msg("picker-not-indexed", name=shown)
    return msg("picker-watch-unindexed", name=shown)


def _visible(text: str) -> str:
    """The whole text as people see it: on one line, without invisible characters."""
    return clean_display(text, max(len(text), 1))


async def _reply(interaction: discord.Interaction, text: str) -> None:
    await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Watches(bot))
