"""Embeds for every answer the bot gives: pure functions of search and build results.

Every word comes from the message catalogue in the reader's language (`msg`, English by
default); everything from a dataset or a person is escaped with `safe` before it goes in.
"""

from __future__ import annotations

from datetime import datetime

import discord

from bot.build_sync import Convergence
from bot.datasets.facts import FactLine, ManifestFacts
from bot.discordbot.i18n import ENGLISH, Messages
from bot.discordbot.safety import field_chunks, fit_embed, pack_embeds, safe, safe_link
from bot.index.reader import DatasetInfo
from bot.index.report import BuildReport, DatasetChange
from bot.index.samples import Sample
from bot.search.results import LinkMatch, LinkResult, LookupKind, LookupResult, Match

FOUND = discord.Colour.from_rgb(214, 64, 69)
UNCERTAIN = discord.Colour.from_rgb(232, 163, 23)
NOT_FOUND = discord.Colour.from_rgb(67, 160, 71)
NEUTRAL = discord.Colour.blurple()
OTHER_MATCHES = 4
IDENTITIES_SHOWN = 4  # per dataset where several ids share a name
ROWS_SHOWN = 10  # a link's rows as fields; the export has them all


def when(iso: str) -> str:
    """"2026-11-25 16:54 UTC" from an ISO timestamp (or the text itself if not one)."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        return iso


def lookup_embed(result: LookupResult, msg: Messages = ENGLISH) -> discord.Embed:
    """The answer to /lookup: the best match, counts per dataset, samples, alternatives."""
    if not result.found:
        return _not_found_embed(result, msg)
    best = result.matches[0]
    uncertain = result.uncertain
    lines = [msg("lookup-score", score=round(best.score), query=safe(result.query, 100))]
    if uncertain:
        lines.append(msg("lookup-uncertain"))
    lines.append(msg("lookup-total", tracks=best.total_tracks,
                     holders=sum(1 for d in best.datasets if d.tracks),
                     datasets=len(best.datasets)))
    embed = discord.Embed(title=msg(f"lookup-title-{result.kind}", name=_name(best)),
                          description="\n".join(lines),
                          colour=UNCERTAIN if uncertain else FOUND)
    for dataset in best.datasets:
        embed.add_field(name=_dataset_name(dataset.name, dataset.demo, msg),
                        value=_track_count(dataset.tracks, msg), inline=True)
    if best.samples:
        embed.add_field(name=msg("lookup-samples"), value=sample_lines(best.samples, msg),
                        inline=False)
    _identity_fields(embed, best, msg)
    others = result.matches[1 : 1 + OTHER_MATCHES]
    if others:
        embed.add_field(
            name=msg("lookup-did-you-mean" if uncertain else "lookup-other-matches"),
            value="\n".join(msg("lookup-other-line", name=_name(m), score=round(m.score),
                                tracks=m.total_tracks) for m in others),
            inline=False,
        )
    _footer(embed, result.index_built_at, best.demo, msg=msg)
    return fit_embed(embed, msg)


def _identity_fields(embed: discord.Embed, match: Match, msg: Messages) -> None:
    """One field per dataset where the name is credited to several ids: each id, its tracks."""
    for group in match.shared_names():
        lines = []
        for identity in group.identities[:IDENTITIES_SHOWN]:
            titles = ", ".join(safe(s.title, 40) for s in identity.samples)
            who = safe_link(identity.artist_id, identity.link.url)
            lines.append(msg("identity-line-titles" if titles else "identity-line", id=who,
                             tracks=identity.tracks, titles=titles))
        more = len(group.identities) - IDENTITIES_SHOWN
        if more > 0:
            lines.append(msg("list-more", count=more))
        lines.append(msg("identity-hint"))
        shared = msg("identity-shared", count=len(group.identities), kind=group.kind.value,
                     name=match.name, dataset=group.dataset_name)
        embed.add_field(name=safe(shared, 250), value="\n".join(lines), inline=False)


def _not_found_embed(result: LookupResult, msg: Messages) -> discord.Embed:
    embed = discord.Embed(
        title=msg(f"lookup-not-found-title-{result.kind}"),
        description=msg("lookup-not-found", query=safe(result.query, 200)),
        colour=NOT_FOUND,
    )
    if result.near_misses:
        embed.add_field(
            name=msg("lookup-near-misses"),
            value="\n".join(msg("lookup-near-miss-line", name=_name(m), score=round(m.score))
                            for m in result.near_misses),
            inline=False,
        )
    _footer(embed, result.index_built_at, demo=False, msg=msg)
    return fit_embed(embed, msg)


def sample_lines(samples: tuple[Sample, ...] | list[Sample], msg: Messages = ENGLISH) -> str:
    lines = []
    for sample in samples:
        lines.append(msg("sample-line-demo" if sample.demo else "sample-line",
                         title=safe_link(sample.title, sample.url, 90),
                         artists=safe(", ".join(sample.artists), 80), dataset=sample.dataset))
    return "\n".join(lines)


def track_page_embed(match: Match, kind: LookupKind, samples: list[Sample], page: int,
                     pages: int, built_at: str, msg: Messages = ENGLISH) -> discord.Embed:
    """One page of all the tracks of a match."""
    embed = discord.Embed(
        title=msg(f"tracks-title-{kind}", name=_name(match)),
        description=sample_lines(samples, msg) or msg("tracks-page-empty"),
        colour=FOUND,
    )
    _footer(embed, built_at, match.demo, msg("page-of", page=page + 1, pages=pages), msg)
    return fit_embed(embed, msg)


def link_embed(result: LinkResult, msg: Messages = ENGLISH) -> discord.Embed:
    """The answer to /lookup link: the rows holding the id, or the tracks credited to it."""
    link = result.link
    kind = link.kind.value
    shown_id = safe_link(link.id, link.url, 120)
    if not result.found:
        lines = [msg("link-not-found", kind=kind, id=shown_id)]
        if result.hint:
            lines.append(msg("link-fma-hint"))
        embed = discord.Embed(title=msg("link-not-found-title"), description="\n".join(lines),
                              colour=NOT_FOUND)
        _footer(embed, result.index_built_at or "", demo=False, msg=msg)
        return fit_embed(embed, msg)
    holders = sum(1 for d in result.datasets if d.tracks)
    datasets = len(result.datasets)
    if result.is_artist:
        name = result.credited_name
        title = (msg("link-title-named", kind=kind, name=safe(name, 200)) if name
                 else msg(f"id-kind-{kind}"))
        credited = msg("link-credited", tracks=result.total, holders=holders, datasets=datasets)
        embed = discord.Embed(title=title, colour=FOUND, description=f"{shown_id}\n{credited}")
        for dataset in result.datasets:
            embed.add_field(name=_dataset_name(dataset.name, dataset.demo, msg),
                            value=_track_count(dataset.tracks, msg))
        samples = [m.as_sample() for m in result.matches[:ROWS_SHOWN]]
        embed.add_field(name=msg("link-tracks"), value=sample_lines(samples, msg), inline=False)
    else:
        embed = discord.Embed(
            title=msg("link-listed-title", kind=kind, holders=holders, datasets=datasets),
            description=msg("link-listed", id=shown_id, holders=holders, datasets=datasets),
            colour=FOUND)
        for match in result.matches[:ROWS_SHOWN]:
            embed.add_field(name=_row_name(match, msg), value=_row_text(match, msg),
                            inline=False)
        more = len(result.matches) - ROWS_SHOWN
        if more > 0:
            embed.add_field(name="…", value=msg("link-more-rows", count=more), inline=False)
    _footer(embed, result.index_built_at or "", result.demo, msg=msg)
    return fit_embed(embed, msg)


def _row_name(match: LinkMatch, msg: Messages) -> str:
    dataset = _dataset_name(match.dataset_name, match.demo, msg)
    if match.source_id:
        return msg("link-row-name-id", dataset=dataset, row=safe(match.source_id, 100))
    return msg("link-row-name", dataset=dataset)


def _row_text(match: LinkMatch, msg: Messages) -> str:
    lines = []
    if match.title or match.artists:
        credit = f" — {safe(', '.join(match.artists), 120)}" if match.artists else ""
        title = match.title or msg("link-untitled")
        lines.append(f"**{safe_link(title, match.url, 150)}**{credit}")
    elif match.url:
        lines.append(safe_link(match.url, match.url, 150))
    if match.album:
        lines.append(msg("link-album", album=safe(match.album, 150)))
    lines += [f"{safe(name[:1].upper() + name[1:], 40)}: {safe(value, 400)}"
              for name, value in match.details]  # the dataset's own column names
    return "\n".join(lines) or "—"


def link_page_embed(result: LinkResult, samples: list[Sample], page: int, pages: int,
                    msg: Messages = ENGLISH) -> discord.Embed:
    """One page of every track credited to a channel or Spotify artist."""
    name = result.credited_name
    kind = result.link.kind.value
    embed = discord.Embed(
        title=(msg("link-all-tracks-named", kind=kind, name=safe(name, 200)) if name
               else msg("link-all-tracks", kind=kind)),
        description=sample_lines(samples, msg) or msg("tracks-page-empty"),
        colour=FOUND,
    )
    _footer(embed, result.index_built_at or "", result.demo,
            msg("page-of", page=page + 1, pages=pages), msg)
    return fit_embed(embed, msg)


def datasets_embed(
    datasets: list[DatasetInfo], built_at: str, history: list[BuildReport] | None = None,
    msg: Messages = ENGLISH,
) -> discord.Embed:
    """What is indexed: names, counts, source pages, licences, update dates, recent changes."""
    embed = discord.Embed(
        title=msg("datasets-title"),
        description=msg("datasets-total", tracks=sum(d.tracks for d in datasets),
                        datasets=len(datasets)),
        colour=NEUTRAL,
    )
    for dataset in datasets:
        embed.add_field(
            name=_dataset_name(dataset.name, dataset.demo, msg),
            value=msg("datasets-entry", tracks=dataset.tracks, artists=dataset.artists,
                      licence=safe(dataset.license, 120),
                      source=safe_link(msg("datasets-source"), dataset.homepage),
                      updated=when(dataset.built_at)),
            inline=False,
        )
    recent = [build for build in (history or []) if build.changed][:3]
    if recent:
        embed.add_field(
            name=msg("datasets-recent"),
            value="\n".join(
                msg("datasets-recent-line", when=when(build.built_at),
                    changes=msg("list-separator").join(
                        msg(f"change-{c.change}", name=safe(c.name, 60))
                        for c in build.changed[:5]))
                for build in recent
            ),
            inline=False,
        )
    _footer(embed, built_at, demo=any(d.demo for d in datasets), msg=msg)
    return fit_embed(embed, msg)


def facts_embeds(datasets: list[DatasetInfo], facts: ManifestFacts, msg: Messages = ENGLISH
                 ) -> list[discord.Embed]:
    """The verified facts of every indexed real dataset (demo data has none to show)."""
    real = [d for d in datasets if not d.demo]
    if not real:
        return []
    head = discord.Embed(title=msg("facts-title"), description=msg("facts-intro"),
                         colour=NEUTRAL)
    if facts.problem:  # unknown, not missing: no dataset is said to have none
        head.description = msg("facts-unreadable", problem=safe(facts.problem, 400))
        return [fit_embed(head, msg)]
    fields: list[tuple[str, str]] = []
    for dataset in real:
        lines = [fact_text(line, msg) for line in facts.lines(dataset.id)]
        fields += field_chunks(_dataset_name(dataset.name, False, msg),
                               lines or [msg("facts-none")], msg)
    return pack_embeds(head, fields, msg("facts-continued"), msg)


def fact_text(line: FactLine, msg: Messages = ENGLISH) -> str:
    """One fact: its value linked to its source and the date checked, or why unverified."""
    label = safe(line.label, 40)  # labels and notes are the manifest's, as written
    note = f" — {safe(line.note, 400)}" if line.note else ""
    if line.verified:
        assert line.source is not None and line.checked is not None
        return msg("fact-verified", label=label, value=safe_link(line.value, line.source, 120),
                   checked=line.checked.isoformat()) + note
    why = safe(line.unverified, 250) if line.unverified else msg("fact-no-source")
    if line.value:
        return msg("fact-unverified-value", label=label, value=safe(line.value, 120),
                   why=why) + note
    return msg("fact-unverified", label=label, why=why) + note


def update_embed(report: BuildReport, msg: Messages = ENGLISH) -> discord.Embed:
    """The post a subscribed channel receives when the index changes."""
    embed = discord.Embed(
        title=msg("update-title"),
        description=msg("update-rebuilt", when=when(report.built_at), tracks=report.tracks,
                        artists=report.artists),
        colour=NEUTRAL,
    )
    for change in report.changed:
        embed.add_field(name=_change_title(change, msg), value=_change_text(change, msg),
                        inline=False)
    if not report.changed:
        embed.add_field(name=msg("update-nothing"), value=msg("update-nothing-detail"),
                        inline=False)
    embed.set_footer(text=msg("disclaimer"))
    return fit_embed(embed, msg)


# Processes behind a new build named in the /reload answer; the rest are counted.
PROCESSES_LISTED = 10


def reload_embed(report: BuildReport, convergence: Convergence | None = None,
                 msg: Messages = ENGLISH) -> discord.Embed:
    """The moderator's reply to /reload: the diff, what was skipped or failed, who serves it."""
    embed = update_embed(report, msg)
    embed.title = msg("reload-title", seconds=msg.number(report.seconds, tenths=True))
    problems = []
    for dataset in report.datasets:
        if dataset.status == "failed":
            problems.append(msg("reload-failed", dataset=safe(dataset.id),
                                error=safe(dataset.error or "", 200)))
        elif dataset.skipped:
            example = next((f for f in dataset.files if f.skip_examples), None)
            if example is None:
                problems.append(msg("reload-skipped", dataset=safe(dataset.id),
                                    rows=dataset.skipped))
            else:
                line, reason = example.skip_examples[0]
                problems.append(msg("reload-skipped-example", dataset=safe(dataset.id),
                                    rows=dataset.skipped, path=safe(example.path, 80),
                                    line=str(line), reason=safe(reason, 80)))
    if problems:
        embed.add_field(name=msg("reload-problems"), value="\n".join(problems), inline=False)
    if convergence is not None:
        embed.add_field(name=msg("reload-processes"), value=convergence_text(convergence, msg),
                        inline=False)
    return fit_embed(embed, msg)


def convergence_text(convergence: Convergence, msg: Messages = ENGLISH) -> str:
    """How many bot processes serve the new build, and why the others do not."""
    lines = [msg("convergence-serving", serving=len(convergence.serving),
                 total=convergence.total, fingerprint=convergence.fingerprint[:12])]
    for row in convergence.behind[:PROCESSES_LISTED]:
        why = row.reason or (msg("convergence-old-build", build=row.build_id) if row.build_id
                             else msg("convergence-still", state=row.state))
        lines.append(f"• {safe(row.process_id, 80)}: {safe(why, 200)}")
    if len(convergence.behind) > PROCESSES_LISTED:
        lines.append(msg("list-more", count=len(convergence.behind) - PROCESSES_LISTED))
    return "\n".join(lines)


def _change_title(change: DatasetChange, msg: Messages) -> str:
    return msg(f"change-title-{change.change}", name=safe(change.name, 200))


def _change_text(change: DatasetChange, msg: Messages) -> str:
    if change.change == "removed":
        return msg("change-was", tracks=change.tracks_before, artists=change.artists_before)
    if change.change == "added":
        lines = [msg("change-counts", tracks=change.tracks_after, artists=change.artists_after)]
    else:
        tracks = msg("change-track-delta", delta=_delta(change.track_delta, msg))
        if change.tracks_added is not None and change.tracks_removed is not None:
            tracks = msg("change-tracks-in-out", added=change.tracks_added,
                         removed=change.tracks_removed)
        lines = [msg("change-now", tracks=tracks, total=change.tracks_after,
                     artists=_delta(change.artist_delta, msg), artists_total=change.artists_after)]
        if change.new_artists:
            examples = ", ".join(safe(n, 60) for n in change.new_artist_names)
            lines.append(msg("change-new-artists", count=change.new_artists, examples=examples))
    if change.source_version:
        lines.append(msg("change-source-version", version=safe(change.source_version, 80)))
    elif change.source_date:
        lines.append(msg("change-source-date", when=when(change.source_date)))
    return "\n".join(lines)


def _delta(value: int, msg: Messages) -> str:
    return msg("delta-up" if value >= 0 else "delta-down", value=abs(value))


def _track_count(tracks: int, msg: Messages) -> str:
    return msg("count-tracks-bold", tracks=tracks) if tracks else msg("count-none")


def _name(match: Match) -> str:
    if match.artists:
        return f"{safe(match.name, 150)} — {safe(', '.join(match.artists), 80)}"
    return safe(match.name, 200)


def _dataset_name(name: str, demo: bool, msg: Messages = ENGLISH) -> str:
    shown = safe(name, 200)
    return shown if not demo or "demo" in name.lower() else msg("dataset-demo", name=shown)


def _footer(embed: discord.Embed, built_at: str, demo: bool, extra: str = "",
            msg: Messages = ENGLISH) -> None:
    embed.set_footer(text=footer_text(built_at, demo, extra, msg))


def footer_text(built_at: str, demo: bool, extra: str = "", msg: Messages = ENGLISH) -> str:
    """Which build answered, whether the data is demo data, and the disclaimer."""
    parts = [msg("footer-built", when=when(built_at))]
    if demo:
        parts.append(msg("footer-demo"))
    if extra:
        parts.append(extra)
    parts.append(msg("disclaimer"))
    return " · ".join(parts)
