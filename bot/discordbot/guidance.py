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

BUTTON_LABEL = "What can I do?"
TITLE = "What can I do?"
FOOTER = "Informational, not legal advice · guidance checked {checked}"
COLOUR = discord.Colour.from_rgb(88, 101, 242)


def steps_embeds(steps: NextSteps) -> list[discord.Embed]:
    """The guidance for one answer as embeds, each within Discord's limits."""
    parts = [safe(steps.notice, 1500)]
    if steps.listed_in:
        parts.append("Listed in: " + ", ".join(safe(name, 100) for name in steps.listed_in) + ".")
    if steps.no_route:
        parts.append("No publisher route on file for: "
                     + ", ".join(safe(name, 100) for name in steps.no_route) + ".")
    head = discord.Embed(title=TITLE, description="\n\n".join(parts), colour=COLOUR)
    head.set_footer(text=FOOTER.format(checked=steps.checked.isoformat()))
    fields: list[tuple[str, str]] = []
    for section, item in steps.lines():
        fields += field_chunks(f"{safe(section.title, 120)}: {safe(item.title, 120)}",
                               item_lines(item))
    return pack_embeds(head, fields, f"{TITLE} (continued)")


def item_lines(item: GuidanceItem) -> list[str]:
    """An item as lines of a field: what it says, a quote with who said it, where to go."""
    lines = [safe(item.text, 700)]
    if item.quote is not None:
        lines.append(f"“{safe(item.quote.text, 450)}” — {safe(item.quote.by, 100)}")
    links = [safe_link("Go there", item.link)] if item.link else []
    links.append(f"{safe_link('Source', item.source)}, checked {item.checked.isoformat()}")
    lines.append(" · ".join(links))
    return lines


async def send_steps(interaction: discord.Interaction, steps: NextSteps) -> None:
    """The guidance to the one who pressed: the first message answers, the rest follow."""
    groups = message_groups(steps_embeds(steps))
    await interaction.response.send_message(embeds=groups[0], ephemeral=True,
                                            allowed_mentions=NO_MENTIONS)
    for group in groups[1:]:
        await interaction.followup.send(embeds=group, ephemeral=True, allowed_mentions=NO_MENTIONS)


class GuidanceButton(discord.ui.Button[discord.ui.View]):
    """The "What can I do?" button; the steps were chosen when the answer was made."""

    def __init__(self, steps: NextSteps, row: int | None = None) -> None:
        super().__init__(label=BUTTON_LABEL, style=discord.ButtonStyle.secondary, row=row)
        self.steps = steps

    async def callback(self, interaction: discord.Interaction) -> None:
        await send_steps(interaction, self.steps)


class GuidanceView(AskerOnlyView):
    """Only the button, for an answer that has no other view (a catalog check)."""

    def __init__(self, steps: NextSteps, author_id: int, timeout: float) -> None:
        super().__init__(author_id, timeout)
        self.add_item(GuidanceButton(steps))

    def allows(self, interaction: discord.Interaction) -> bool:
        return True  # general information: anyone who sees the answer may ask for it
