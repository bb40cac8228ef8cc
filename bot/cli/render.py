"""Plain-text rendering of lookups, build reports and index stats for a terminal."""

from __future__ import annotations

import textwrap

from bot.datasets.facts import NO_FACTS, FactLine, ManifestFacts
from bot.datasets.guidance import KIND_TITLES, GuidanceItem, NextSteps
from bot.index.reader import DatasetInfo
from bot.index.report import BuildReport, DatasetChange, DatasetReport
from bot.search.results import LinkMatch, LinkResult, LookupResult, Match
from bot.text.normalize import clean_display

DEMO_MARK = " [demo data]"
IDENTITIES_LISTED = 5  # per dataset where several ids share a name
WRAP = 88  # guidance paragraphs are wrapped to this width
LONG_TEXT = 2000  # longer than any text the guidance or the manifest may hold


def render_lookup(result: LookupResult) -> str:
    query = clean_display(result.query)  # a pasted or batch-file query may hold escape codes
    head = f'{result.kind.label} lookup: "{query}"'
    if result.artist_query:
        head += f' by "{clean_display(result.artist_query)}"'
    if result.dataset_filter:
        head += f" in {result.dataset_filter}"
    lines = [head, f"(index built {result.index_built_at})", ""]
    if not result.found:
        lines.append(f'"{query}" is not found in any indexed dataset.')
        if result.near_misses:
            lines.append("Near misses (too far to be the same name):")
            lines += [f"  - {_title(m)}  (score {m.score:.1f})" for m in result.near_misses]
        return "\n".join(lines)
    if result.uncertain:
        lines += ["No exact match; the closest names are below (uncertain).", ""]
    for number, match in enumerate(result.matches, start=1):
        lines += _match_lines(number, match)
    return "\n".join(lines).rstrip()


def _title(match: Match) -> str:
    if match.artists:
        return f"{match.name} — {', '.join(match.artists)}"
    return match.name


def _match_lines(number: int, match: Match) -> list[str]:
    demo = DEMO_MARK if match.demo else ""
    lines = [
        f"{number}. {_title(match)}  ·  score {match.score:.1f}  ·  "
        f"{match.total_tracks:,} track{'s' if match.total_tracks != 1 else ''}{demo}"
    ]
    width = max((len(d.name) for d in match.datasets), default=10)
    for dataset in match.datasets:
        count = f"{dataset.tracks:,}" if dataset.tracks else "—"
        lines.append(f"     {dataset.name:<{width}}  {count:>9}")
    if match.samples:
        lines.append("   Sample tracks:")
        for sample in match.samples:
            artists = ", ".join(sample.artists)
            where = f"{sample.dataset} · demo" if sample.demo else sample.dataset
            lines.append(f"     • {sample.title} — {artists}  [{where}]")
            if sample.url:
                lines.append(f"       {sample.url}")
    lines += _identity_lines(match)
    lines.append("")
    return lines


def _identity_lines(match: Match) -> list[str]:
    """Where one name is credited to several published ids: each id, its tracks, a way in."""
    shared = match.shared_names()
    lines: list[str] = []
    for group in shared:
        lines.append(f"   {group.sentence(match.name)}:")
        for identity in group.identities[:IDENTITIES_LISTED]:
            count = f"{identity.tracks:,} track{'s' if identity.tracks != 1 else ''}"
            lines.append(f"     • {identity.link.url or identity.artist_id}  ({count})")
            lines += [f"         {s.title} — {', '.join(s.artists)}" for s in identity.samples]
        more = len(group.identities) - IDENTITIES_LISTED
        if more > 0:
            lines.append(f"     … and {more:,} more")
    if shared:
        lines.append("   One of them alone: trainedon lookup link URL")
    return lines


def render_link(result: LinkResult) -> str:
    """Every row holding the id, listed as the datasets publish it, or "not in any"."""
    link = result.link
    lines = [f'Link lookup: "{clean_display(result.query)}"',
             f"{link.kind.label} {link.id}" + (f"  {link.url}" if link.url else ""),
             f"(index built {result.index_built_at})", ""]
    if not result.found:
        lines.append(f"This {link.kind.label} is not in any indexed dataset.")
        if result.hint:
            lines.append(result.hint)
        return "\n".join(lines)
    holders = [d for d in result.datasets if d.tracks]
    if result.is_artist:
        lines.append(f"{result.total:,} track{'s' if result.total != 1 else ''} credited to "
                     f"this {link.kind.label}{DEMO_MARK if result.demo else ''}:")
        width = max(len(d.name) for d in holders)
        lines += [f"     {d.name:<{width}}  {d.tracks:>9,}" for d in holders]
        shown = len(result.matches)
        more = f" (the first {shown:,}; --limit N for more)" if shown < result.total else ""
        lines += ["", f"Tracks{more}:"]
    else:
        places = f"{len(holders)} dataset{'s' if len(holders) != 1 else ''}"
        lines.append(f"Listed in {places}{DEMO_MARK if result.demo else ''}:")
    for number, match in enumerate(result.matches, start=1):
        lines += _link_match_lines(number, match)
    return "\n".join(lines).rstrip()


def _link_match_lines(number: int, match: LinkMatch) -> list[str]:
    row = f" (row {match.source_id})" if match.source_id else ""
    demo = " · demo" if match.demo and "demo" not in match.dataset_name.lower() else ""
    lines = [f"  {number}. {match.dataset_name}{row}{demo}"]
    if match.title or match.artists:
        credit = f" — {', '.join(match.artists)}" if match.artists else ""
        album = f"  · album {match.album}" if match.album else ""
        lines.append(f"     {match.title or '(no title)'}{credit}{album}")
    lines += [f"     {name}: {value}" for name, value in match.details]
    if match.url:
        lines.append(f"     {match.url}")
    return lines


def render_report(report: BuildReport) -> str:
    lines = [
        f"Index built {report.built_at} in {report.seconds:.1f}s: {report.tracks:,} tracks, "
        f"{report.artists:,} artists, {report.titles:,} titles.",
        "",
    ]
    for dataset in report.datasets:
        if dataset.status == "built":
            lines.append(
                f"  {dataset.id}: {dataset.tracks:,} tracks, {dataset.artists:,} artists, "
                f"{dataset.skipped:,} rows skipped ({dataset.seconds:.1f}s)"
            )
            lines += _identity_notes(dataset)
            for file in dataset.files:
                for location, reason in file.skip_examples:
                    where = f"line {location}" if location else "a row"
                    lines.append(f"      skipped {file.path} {where}: {reason}")
                more = file.skipped - len(file.skip_examples)
                if more > 0:
                    lines.append(f"      … and {more:,} more in {file.path}")
        elif dataset.status == "failed":
            lines.append(f"  {dataset.id}: FAILED: {dataset.error}")
        else:
            lines.append(f"  {dataset.id}: not present ({dataset.error})")
    lines += ["", render_changes(report.changes, report.previous_built_at)]
    return "\n".join(lines)


def _identity_notes(dataset: DatasetReport) -> list[str]:
    """Duplicate rows, ids left out, and whether the dataset names songs at all."""
    notes = []
    if dataset.duplicate_rows:
        notes.append(f"{dataset.duplicate_rows:,} duplicate row"
                     f"{'s' if dataset.duplicate_rows != 1 else ''} (same track id)")
    notes += [f"{count:,} invalid {label} id{'s' if count != 1 else ''}"
              for label, count in dataset.invalid_ids.items()]
    if dataset.id_only:
        notes.append("answers link lookups only")
    return [f"      {'; '.join(notes)}"] if notes else []


def render_changes(changes: list[DatasetChange], previous_built_at: str | None) -> str:
    since = f" since the index of {previous_built_at}" if previous_built_at else ""
    changed = [c for c in changes if c.change != "unchanged"]
    if not changed:
        return f"No dataset changed{since}."
    lines = [f"Changes{since}:"]
    for change in changed:
        if change.change == "added":
            lines.append(
                f"  + {change.id}: added, {change.tracks_after:,} tracks, "
                f"{change.artists_after:,} artists"
            )
        elif change.change == "removed":
            lines.append(f"  - {change.id}: removed ({change.tracks_before:,} tracks)")
        else:
            moved = ""
            if change.tracks_added is not None and change.tracks_removed is not None:
                moved = f": +{change.tracks_added:,} added, -{change.tracks_removed:,} removed"
            lines.append(
                f"  ~ {change.id}: changed, tracks {_delta(change.track_delta)}{moved} "
                f"({change.tracks_after:,}), artists {_delta(change.artist_delta)} "
                f"({change.artists_after:,})"
            )
            if change.new_artists:
                lines.append(f"      {change.new_artists:,} new artists, e.g. "
                             f"{', '.join(change.new_artist_names)}")
    return "\n".join(lines)


def render_history(history: list[BuildReport]) -> str:
    """One line per build: when, and which datasets changed how."""
    lines = ["History (newest first):"]
    for build in history:
        changed = build.changed
        summary = "; ".join(
            f"{c.id} {c.change}"
            + (f" ({_delta(c.track_delta)} tracks)" if c.change == "changed" else "")
            for c in changed
        ) or "no dataset changed"
        lines.append(f"  {build.built_at}: {build.tracks:,} tracks — {summary}")
    return "\n".join(lines)


def render_stats(datasets: list[DatasetInfo], built_at: str, report: BuildReport | None) -> str:
    lines = [f"Index built {built_at}", ""]
    header = ("dataset", "tracks", "artists", "skipped", "duplicates", "license")
    rows = [
        (d.id + (" (demo)" if d.demo and "demo" not in d.id else ""), f"{d.tracks:,}",
         "links only" if d.id_only else f"{d.artists:,}", f"{d.skipped:,}",
         f"{d.duplicate_rows:,}", d.license)
        for d in datasets
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(
            cell.ljust(widths[i]) if i in (0, 5) else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip())
    if any(d.duplicate_rows for d in datasets):
        lines.append("(tracks are distinct: duplicates are rows repeating a track's own id)")
    if report is not None:
        lines += [
            "",
            f"Totals: {report.tracks:,} tracks, {report.artists:,} artists, "
            f"{report.titles:,} titles; last build took {report.seconds:.1f}s.",
            render_changes(report.changes, report.previous_built_at),
        ]
        missing = [d for d in report.datasets if d.status != "built"]
        for dataset in missing:
            lines.append(f"  ({dataset.id}: {dataset.status}: {dataset.error})")
    return "\n".join(lines)


def _delta(value: int) -> str:
    return f"+{value:,}" if value >= 0 else f"{value:,}"


def render_steps(steps: NextSteps, full: bool = False) -> str:
    """The "What can I do?" section under a found answer: routes, sources, dates checked.

    The routes of the answer's own datasets are shown in full; the general ones (opt-outs,
    collecting societies, court cases: the same under every answer) one line each, with
    their source, unless `full` (`--guidance`): in a terminal they would bury the answer.
    """
    lines = [f"What can I do? (informational, not legal advice; guidance checked "
             f"{steps.checked.isoformat()})", *_wrapped(steps.notice, "")]
    if steps.no_route:
        lines.append(f"No publisher route on file for: {_one_line(', '.join(steps.no_route))}.")
    general = set(KIND_TITLES.values())
    for section in steps.sections:
        lines += ["", _one_line(section.title)]
        for item in section.items:
            if full or section.title not in general:
                lines += _item_lines(item)
            else:
                lines.append(f"  • {_one_line(item.title)}  [{_one_line(item.source)}, "
                             f"checked {item.checked.isoformat()}]")
    if not full and any(section.title in general for section in steps.sections):
        lines += ["", "Each general route explained: run the same command with --guidance."]
    return "\n".join(lines)


def _item_lines(item: GuidanceItem) -> list[str]:
    lines = [f"  • {_one_line(item.title)}", *_wrapped(item.text, "    ")]
    if item.quote is not None:
        lines += _wrapped(f"“{item.quote.text}” — {item.quote.by}", "    ")
    if item.link:
        lines.append(f"    Go to: {_one_line(item.link)}")
    lines.append(f"    Source: {_one_line(item.source)} (checked {item.checked.isoformat()})")
    return lines


def render_facts(datasets: list[DatasetInfo], facts: ManifestFacts) -> str:
    """Each real dataset's facts as published, with source and date checked, or unverified."""
    lines = ["Facts as published (each with its source and the date it was checked):"]
    if facts.problem:  # unknown, not missing: no dataset is said to have none
        return "\n".join([*lines, f"  (the facts could not be read: {_one_line(facts.problem)})"])
    for dataset in datasets:
        if dataset.demo:
            continue
        lines.append(f"  {dataset.id} ({_one_line(dataset.name)})")
        shown = facts.lines(dataset.id)
        lines += [f"    {fact_text(line)}" for line in shown] or [f"    unverified: {NO_FACTS}"]
    return "\n".join(lines)


def fact_text(line: FactLine) -> str:
    """"Label: value  [source, checked date]", or "Label: value — unverified: why"."""
    note = f" ({_one_line(line.note)})" if line.note else ""
    if line.verified:
        assert line.checked is not None
        return (f"{line.label}: {_one_line(line.value)}{note}  [{_one_line(line.source or '')}, "
                f"checked {line.checked.isoformat()}]")
    value = f"{_one_line(line.value)} — " if line.value else ""
    return (f"{line.label}: {value}unverified: "
            f"{_one_line(line.unverified or 'no source recorded')}{note}")


def _one_line(text: str) -> str:
    """Text from a file a person edits: no control characters or escape codes reach the terminal."""
    return clean_display(text, LONG_TEXT)


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(_one_line(text), WRAP, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)
