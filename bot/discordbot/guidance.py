"""The "What can I do?" button under a found answer: the guidance, privately, within limits.

Pressing it answers only the person who pressed (anyone may: it is general information), with
the routes of the datasets in that answer and the general routes, each with its source and the
date it was checked. The embeds are pure functions of the guidance, so what a press sends is
tested without Discord; nothing is cut to fit, it is spread over fields, embeds and messages.
"""

from __future__ import annotations

import logging

import discord

from bot.datasets.guidance import GuidanceItem, NextSteps
from bot.discordbot.i18n import ENGLISH, Messages, messages_for
from bot.discordbot.safety import (
    NO_MENTIONS,
    field_chunks,
    message_groups,
    pack_embeds,
    safe,
    safe_link,
)
from bot.discordbot.views import AskerOnlyView

log = logging.getLogger(__name__)

BUTTON_LABEL = ENGLISH("guidance-button")
COLOUR = discord.Colour.from_rgb(88, 101, 242)


def steps_embeds(steps: NextSteps, msg: Messages = ENGLISH) -> list[discord.Embed]:
    """The guidance for one answer as embeds, each within Discord's limits.

    The frame is in `msg`'s language; the guidance itself is the file's, as written.
    """
    names = msg("list-separator")
    parts = [safe(steps.notice, 1500)]
    if steps.listed_in:
        parts.append(msg("guidance-listed-in",
                         datasets=names.join(safe(name, 100) for name in steps.listed_in)))
    if steps.no_route:
        parts.append(msg("guidance-no-route",
                         datasets=names.join(safe(name, 100) for name in steps.no_route)))
    title = msg("guidance-title")
    head = discord.Embed(title=title, description="\n\n".join(parts), colour=COLOUR)
    head.set_footer(text=msg("guidance-footer", checked=steps.checked.isoformat()))
    fields: list[tuple[str, str]] = []
    for section, item in steps.lines():
        fields += field_chunks(f"{safe(section.title, 120)}: {safe(item.title, 120)}",
                               item_lines(item, msg), msg)
    return pack_embeds(head, fields, msg("guidance-continued"), msg)


def item_lines(item: GuidanceItem, msg: Messages = ENGLISH) -> list[str]:
    """An item as lines of a field: what it says, a quote with who said it, where to go."""
    lines = [safe(item.text, 700)]
    if item.quote is not None:
        lines.append(f"“{safe(item.quote.text, 450)}” — {safe(item.quote.by, 100)}")
    links = [safe_link(msg("guidance-go-there"), item.link)] if item.link else []
    links.append(msg("guidance-source", source=safe_link(msg("guidance-source-label"),
                                                           item.source),
                     checked=item.checked.isoformat()))
    lines.append(" · ".join(links))
    return lines


async def send_steps(interaction: discord.Interaction, steps: NextSteps) -> None:
    """The guidance to the one who pressed, in their language; the first message answers."""
    groups = message_groups(steps_embeds(steps, messages_for(interaction)))
    await interaction.response.send_message(embeds=groups[0], ephemeral=True,
                                            allowed_mentions=NO_MENTIONS)
    for group in groups[1:]:
        await interaction.followup.send(embeds=group, ephemeral=True, allowed_mentions=NO_MENTIONS)


class GuidanceButton(discord.ui.Button[discord.ui.View]):
    """The "What can I do?" button; the steps were chosen when the answer was made."""

    def __init__(self, steps: NextSteps, row: int | None = None, msg: Messages = ENGLISH) -> None:
        super().__init__(label=msg("guidance-button"), style=discord.ButtonStyle.secondary,
                         row=row)
        self.steps = steps

    async def callback(self, interaction: discord.Interaction) -> None:
        await send_steps(interaction, self.steps)


class GuidanceView(AskerOnlyView):
    """Only the button, for an answer that has no other view (a catalog check)."""

    def __init__(self, steps: NextSteps, author_id: int, timeout: float,
                 msg: Messages = ENGLISH) -> None:
        super().__init__(author_id, timeout)
        self.add_item(GuidanceButton(steps, msg=msg))

    def allows(self, interaction: discord.Interaction) -> bool:
        return True  # general information: anyone who sees the answer may ask for it
