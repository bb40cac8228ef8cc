"""Embeds for every answer the bot gives: pure functions of search and build results."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.build_sync import Convergence
from bot.datasets.facts import NO_FACTS, FactLine, ManifestFacts
from bot.discordbot.safety import field_chunks, fit_embed, pack_embeds, safe, safe_link
from bot.index.reader import DatasetInfo
from bot.index.report import BuildReport, DatasetChange
from bot.index.samples import Sample
from bot.search.results import LinkMatch, LinkResult, LookupKind, LookupResult, Match

FOUND = discord.Colour.from_rgb(214, 64, 69)
UNCERTAIN = discord.Colour.from_rgb(232, 163, 23)
NOT_FOUND = discord.Colour.from_rgb(67, 160, 71)
NEUTRAL = discord.Colour.blurple()
DISCLAIMER = "Dataset metadata, not proof of what any company trained on."
OTHER_MATCHES = 4
IDENTITIES_SHOWN = 4  # per dataset where several ids share a name
ROWS_SHOWN = 10  # a link's rows as fields; the export has them all


def when(iso: str) -> str:
    """"2026-11-25 16:54 UTC" from an ISO timestamp (or the text itself if not one)."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return iso


def lookup_embed(result: LookupResult) -> discord.Embed:
    """The answer to /lookup: the best match, counts per dataset, samples, alternatives."""
    kind = result.kind.label
    if not result.found:
        return _not_found_embed(result, kind)
    best = result.matches[0]
    uncertain = result.uncertain
    title = f"{kind}: {_name(best)}"
    lines = [f"Match **{best.score:.0f}%** for “{safe(result.query, 100)}”"]
    if uncertain:
        lines.append("⚠️ Not an exact match: is this who you meant? See *Did you mean* below.")
    lines.append(
        f"**{best.total_tracks:,}** track{'s' if best.total_tracks != 1 else ''} "
        f"in **{sum(1 for d in best.datasets if d.tracks)}** of {len(best.datasets)} "
        "indexed datasets."
    )
    embed = discord.Embed(title=title, description="\n".join(lines),
                          colour=UNCERTAIN if uncertain else FOUND)
    for dataset in best.datasets:
        count = f"**{dataset.tracks:,}** tracks" if dataset.tracks else "none"
        embed.add_field(name=_dataset_name(dataset.name, dataset.demo), value=count, inline=True)
    if best.samples:
        embed.add_field(name="Sample tracks", value=sample_lines(best.samples), inline=False)
    _identity_fields(embed, best)
    others = result.matches[1 : 1 + OTHER_MATCHES]
    if others:
        embed.add_field(
            name="Did you mean" if uncertain else "Other matches",
            value="\n".join(f"• {_name(m)} — {m.score:.0f}%, {m.total_tracks:,} tracks"
                            for m in others),
            inline=False,
        )
    _footer(embed, result.index_built_at, best.demo)
    return fit_embed(embed)


def _identity_fields(embed: discord.Embed, match: Match) -> None:
    """One field per dataset where the name is credited to several ids: each id, its tracks."""
    for group in match.shared_names():
        lines = []
        for identity in group.identities[:IDENTITIES_SHOWN]:
            titles = ", ".join(safe(s.title, 40) for s in identity.samples)
            lines.append(f"• {safe_link(identity.artist_id, identity.link.url)} — "
                         f"{identity.tracks:,} track{'s' if identity.tracks != 1 else ''}"
                         + (f": {titles}" if titles else ""))
        more = len(group.identities) - IDENTITIES_SHOWN
        if more > 0:
            lines.append(f"… and {more:,} more")
        lines.append("`/lookup link` with one of these shows only its tracks.")
        embed.add_field(name=safe(group.sentence(match.name), 250), value="\n".join(lines),
                        inline=False)


def _not_found_embed(result: LookupResult, kind: str) -> discord.Embed:
    embed = discord.Embed(
        title=f"{kind} not found",
        description=f"“{safe(result.query, 200)}” is not found in any indexed dataset.",
        colour=NOT_FOUND,
    )
    if result.near_misses:
        embed.add_field(
            name="Near misses (too different to be the same name)",
            value="\n".join(f"• {_name(m)} — {m.score:.0f}%" for m in result.near_misses),
            inline=False,
        )
    _footer(embed, result.index_built_at, demo=False)
    return fit_embed(embed)


def sample_lines(samples: tuple[Sample, ...] | list[Sample]) -> str:
    lines = []
    for sample in samples:
        artists = safe(", ".join(sample.artists), 80)
        demo = " (demo)" if sample.demo else ""
        lines.append(
            f"• {safe_link(sample.title, sample.url, 90)} — {artists} · `{sample.dataset}`{demo}"
        )
    return "\n".join(lines)


def track_page_embed(match: Match, kind: LookupKind, samples: list[Sample], page: int,
                     pages: int, built_at: str) -> discord.Embed:
    """One page of all the tracks of a match."""
    embed = discord.Embed(
        title=f"{kind.label}: {_name(match)} — all tracks",
        description=sample_lines(samples) or "No tracks on this page.",
        colour=FOUND,
    )
    _footer(embed, built_at, match.demo, extra=f"Page {page + 1} of {pages}")
    return fit_embed(embed)


def link_embed(result: LinkResult) -> discord.Embed:
    """The answer to /lookup link: the rows holding the id, or the tracks credited to it."""
    link = result.link
    shown_id = safe_link(link.id, link.url, 120)
    if not result.found:
        lines = [f"This {link.kind.label} ({shown_id}) is not in any indexed dataset."]
        if result.hint:
            lines.append(result.hint)
        embed = discord.Embed(title="Not in any indexed dataset", description="\n".join(lines),
                              colour=NOT_FOUND)
        _footer(embed, result.index_built_at or "", demo=False)
        return fit_embed(embed)
    holders = sum(1 for d in result.datasets if d.tracks)
    where = f"in **{holders}** of {len(result.datasets)} indexed datasets"
    if result.is_artist:
        name = result.credited_name
        title = f"{link.kind.label}: {safe(name, 200)}" if name else link.kind.label
        credited = f"**{result.total:,}** track{'s' if result.total != 1 else ''} credited"
        embed = discord.Embed(title=title, colour=FOUND,
                              description=f"{shown_id}\n{credited} to it {where}.")
        for dataset in result.datasets:
            count = f"**{dataset.tracks:,}** tracks" if dataset.tracks else "none"
            embed.add_field(name=_dataset_name(dataset.name, dataset.demo), value=count)
        samples = [m.as_sample() for m in result.matches[:ROWS_SHOWN]]
        embed.add_field(name="Tracks", value=sample_lines(samples), inline=False)
    else:
        embed = discord.Embed(title=f"{link.kind.label}: listed {where.replace('**', '')}",
                              description=f"{shown_id} is listed {where}.", colour=FOUND)
        for match in result.matches[:ROWS_SHOWN]:
            embed.add_field(name=_row_name(match), value=_row_text(match), inline=False)
        more = len(result.matches) - ROWS_SHOWN
        if more > 0:
            embed.add_field(name="…", value=f"{more} more rows: see the export", inline=False)
    _footer(embed, result.index_built_at or "", result.demo)
    return fit_embed(embed)


def _row_name(match: LinkMatch) -> str:
    row = f" (row {safe(match.source_id, 100)})" if match.source_id else ""
    return f"Listed in {_dataset_name(match.dataset_name, match.demo)}{row}"


def _row_text(match: LinkMatch) -> str:
    lines = []
    if match.title or match.artists:
        credit = f" — {safe(', '.join(match.artists), 120)}" if match.artists else ""
        lines.append(f"**{safe_link(match.title or 'untitled', match.url, 150)}**{credit}")
    elif match.url:
        lines.append(safe_link(match.url, match.url, 150))
    if match.album:
        lines.append(f"Album: {safe(match.album, 150)}")
    lines += [f"{safe(name[:1].upper() + name[1:], 40)}: {safe(value, 400)}"
              for name, value in match.details]
    return "\n".join(lines) or "—"


def link_page_embed(result: LinkResult, samples: list[Sample], page: int, pages: int
                    ) -> discord.Embed:
    """One page of every track credited to a channel or Spotify artist."""
    name = result.credited_name
    label = result.link.kind.label
    embed = discord.Embed(
        title=f"{label}: {safe(name, 200)} — all tracks" if name else f"{label} — all tracks",
        description=sample_lines(samples) or "No tracks on this page.",
        colour=FOUND,
    )
    _footer(embed, result.index_built_at or "", result.demo,
            extra=f"Page {page + 1} of {pages}")
    return fit_embed(embed)


def datasets_embed(
    datasets: list[DatasetInfo], built_at: str, history: list[BuildReport] | None = None
) -> discord.Embed:
    """What is indexed: names, counts, source pages, licences, update dates, recent changes."""
    embed = discord.Embed(
        title="Indexed datasets",
        description=f"{sum(d.tracks for d in datasets):,} tracks from {len(datasets)} datasets.",
        colour=NEUTRAL,
    )
    for dataset in datasets:
        embed.add_field(
            name=_dataset_name(dataset.name, dataset.demo),
            value=(
                f"{dataset.tracks:,} tracks · {dataset.artists:,} artists\n"
                f"Licence: {safe(dataset.license, 120)}\n"
                f"{safe_link('Source', dataset.homepage)} · updated {when(dataset.built_at)}"
            ),
            inline=False,
        )
    recent = [build for build in (history or []) if build.changed][:3]
    if recent:
        embed.add_field(
            name="Recent changes",
            value="\n".join(
                f"• {when(build.built_at)}: " + ", ".join(
                    f"{safe(c.name, 60)} {_VERB[c.change]}" for c in build.changed[:5]
                )
                for build in recent
            ),
            inline=False,
        )
    _footer(embed, built_at, demo=any(d.demo for d in datasets))
    return fit_embed(embed)


FACTS_TITLE = "Facts as published, with sources"
FACTS_INTRO = ("Each fact as its publisher states it, linked to the page it was read from, with "
               "the date it was checked. A fact nobody could check says so.")


def facts_embeds(datasets: list[DatasetInfo], facts: ManifestFacts) -> list[discord.Embed]:
    """The verified facts of every indexed real dataset (demo data has none to show)."""
    real = [d for d in datasets if not d.demo]
    if not real:
        return []
    head = discord.Embed(title=FACTS_TITLE, description=FACTS_INTRO, colour=NEUTRAL)
    if facts.problem:  # unknown, not missing: no dataset is said to have none
        head.description = f"The facts could not be read: {safe(facts.problem, 400)}"
        return [fit_embed(head)]
    fields: list[tuple[str, str]] = []
    for dataset in real:
        lines = [fact_text(line) for line in facts.lines(dataset.id)]
        fields += field_chunks(_dataset_name(dataset.name, demo=False),
                               lines or [f"**Unverified**: {NO_FACTS}."])
    return pack_embeds(head, fields, f"{FACTS_TITLE} (continued)")


def fact_text(line: FactLine) -> str:
    """One fact: its value linked to its source and the date checked, or why unverified."""
    note = f" — {safe(line.note, 400)}" if line.note else ""
    if line.verified:
        assert line.source is not None and line.checked is not None
        return (f"{safe(line.label, 40)}: {safe_link(line.value, line.source, 120)} "
                f"(checked {line.checked.isoformat()}){note}")
    value = f"{safe(line.value, 120)} — " if line.value else ""
    why = safe(line.unverified or "no source recorded", 250)
    return f"{safe(line.label, 40)}: {value}**unverified**: {why}{note}"


_VERB = {"added": "added", "removed": "removed", "changed": "updated", "unchanged": "unchanged"}


def update_embed(report: BuildReport) -> discord.Embed:
    """The post a subscribed channel receives when the index changes."""
    embed = discord.Embed(
        title="Dataset update",
        description=(
            f"The index was rebuilt on {when(report.built_at)}: {report.tracks:,} tracks, "
            f"{report.artists:,} artists."
        ),
        colour=NEUTRAL,
    )
    for change in report.changed:
        embed.add_field(name=_change_title(change), value=_change_text(change), inline=False)
    if not report.changed:
        embed.add_field(name="No dataset changed", value="Counts are as before.", inline=False)
    embed.set_footer(text=DISCLAIMER)
    return fit_embed(embed)


# Processes behind a new build named in the /reload answer; the rest are counted.
PROCESSES_LISTED = 10


def reload_embed(report: BuildReport, convergence: Convergence | None = None
                 ) -> discord.Embed:
    """The moderator's reply to /reload: the diff, what was skipped or failed, who serves it."""
    embed = update_embed(report)
    embed.title = f"Reload done in {report.seconds:.1f}s"
    problems = []
    for dataset in report.datasets:
        if dataset.status == "failed":
            problems.append(f"• `{safe(dataset.id)}` failed: {safe(dataset.error or '', 200)}")
        elif dataset.skipped:
            example = next((f for f in dataset.files if f.skip_examples), None)
            detail = ""
            if example is not None:
                line, reason = example.skip_examples[0]
                detail = f" (e.g. {safe(example.path, 80)} line {line}: {safe(reason, 80)})"
            problems.append(f"• `{safe(dataset.id)}`: {dataset.skipped:,} rows skipped{detail}")
    if problems:
        embed.add_field(name="Skipped and failed", value="\n".join(problems), inline=False)
    if convergence is not None:
        embed.add_field(name="Processes", value=convergence_text(convergence), inline=False)
    return fit_embed(embed)


def convergence_text(convergence: Convergence) -> str:
    """How many bot processes serve the new build, and why the others do not."""
    lines = [f"{len(convergence.serving)} of {convergence.total} processes serve this build "
             f"(fingerprint `{convergence.fingerprint[:12]}`)."]
    for row in convergence.behind[:PROCESSES_LISTED]:
        why = row.reason or (f"still serves the build of {row.build_id}" if row.build_id
                             else f"still {row.state}")
        lines.append(f"• {safe(row.process_id, 80)}: {safe(why, 200)}")
    if len(convergence.behind) > PROCESSES_LISTED:
        lines.append(f"… and {len(convergence.behind) - PROCESSES_LISTED} more")
    return "\n".join(lines)


def _change_title(change: DatasetChange) -> str:
    return f"{safe(change.name, 200)} — {_VERB[change.change]}"


def _change_text(change: DatasetChange) -> str:
    if change.change == "removed":
        return f"was {change.tracks_before:,} tracks · {change.artists_before:,} artists"
    if change.change == "added":
        lines = [f"{change.tracks_after:,} tracks · {change.artists_after:,} artists"]
    else:
        tracks = f"{_delta(change.track_delta)} tracks"
        if change.tracks_added is not None and change.tracks_removed is not None:
            tracks = f"+{change.tracks_added:,} / −{change.tracks_removed:,} tracks"
        lines = [f"{tracks} (now {change.tracks_after:,}) · "
                 f"{_delta(change.artist_delta)} artists ({change.artists_after:,})"]
        if change.new_artists:
            examples = ", ".join(safe(n, 60) for n in change.new_artist_names)
            lines.append(f"{change.new_artists:,} new artists, e.g. {examples}")
    if change.source_version:
        lines.append(f"source version {safe(change.source_version, 80)}")
    elif change.source_date:
        lines.append(f"source files dated {when(change.source_date)}")
    return "\n".join(lines)


def _delta(value: int) -> str:
    return f"+{value:,}" if value >= 0 else f"−{-value:,}"


def _name(match: Match) -> str:
    if match.artists:
        return f"{safe(match.name, 150)} — {safe(', '.join(match.artists), 80)}"
    return safe(match.name, 200)


def _dataset_name(name: str, demo: bool) -> str:
    shown = safe(name, 200)
    return shown if not demo or "demo" in name.lower() else f"{shown} (demo)"


def _footer(embed: discord.Embed, built_at: str, demo: bool, extra: str = "") -> None:
    embed.set_footer(text=footer_text(built_at, demo, extra))


def footer_text(built_at: str, demo: bool, extra: str = "") -> str:
    """Which build answered, whether the data is demo data, and the disclaimer."""
    parts = [f"Index built {when(built_at)}"]
    if demo:
        parts.append("demo data, fictional")
    if extra:
        parts.append(extra)
    parts.append(DISCLAIMER)
    return " · ".join(parts)
