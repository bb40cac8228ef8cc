"""A catalog check as files and text: the CSV report, a terminal summary and JSON."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from bot.catalog.cells import csv_bytes
from bot.catalog.check import BestMatch, CatalogReport, RowResult

log = logging.getLogger(__name__)

REPORT_HEADER = (
    "line", "input artist", "input title", "input isrc", "input ids", "status", "match",
    "score", "matched title", "matched artists", "datasets", "dataset rows", "link", "reason",
)


def report_csv(report: CatalogReport) -> bytes:
    """One row per input line, in input order, ready for a spreadsheet."""
    return csv_bytes(REPORT_HEADER, (_csv_row(r) for r in report.results))


def _csv_row(result: RowResult) -> tuple[str | int | float | None, ...]:
    match = result.match
    return (
        result.row.line,
        result.row.artist,
        result.row.title,
        result.row.isrc,
        "; ".join(link.url or link.id for link in result.row.ids),
        result.status,
        result.matched_by,
        match.score if match else None,
        match.title if match else None,
        "; ".join(match.artists) if match else None,
        dataset_counts(match) if match else None,
        dataset_rows(match) if match else None,
        match.link if match else None,
        result.reason,
    )


def dataset_counts(match: BestMatch) -> str:
    """Where a match was found, e.g. "laion-disco-12m:3; fma:1"."""
    return "; ".join(f"{dataset}:{tracks}" for dataset, tracks in match.datasets)


def dataset_rows(match: BestMatch) -> str:
    """The rows an exact id named, e.g. "laion-disco-12m row dQw4w9WgXcQ"."""
    return "; ".join(f"{dataset} row {row}" if row else dataset for dataset, row in match.rows)


def summary_text(report: CatalogReport, source: str = "") -> str:
    """Totals, per-dataset counts and the strongest matches, for a terminal."""
    totals = report.totals
    origin = f" from {source}" if source else ""
    lines = [
        f"Checked {totals['rows']:,} catalog rows{origin}",
        f"(index built {report.index_built_at})",
        "",
        *_table([
            (f"found (score ≥ {report.thresholds.found:g})", f"{totals['found']:,}"),
            *([("  of which by exact id", f"{report.found_by_id:,}")] if report.found_by_id
              else []),
            (f"uncertain (score ≥ {report.thresholds.uncertain:g})", f"{totals['uncertain']:,}"),
            ("not found", f"{totals['not found']:,}"),
            ("invalid rows", f"{totals['invalid']:,}"),
        ]),
    ]
    holders = [d for d in report.datasets if d.found or d.uncertain]
    if holders:
        lines += ["", "Catalog rows per dataset:"]
        lines += _table([("", "found", "uncertain")] + [
            (_dataset_label(d.name, d.id, d.demo), f"{d.found:,}", f"{d.uncertain:,}")
            for d in holders
        ])
    strongest = report.strongest()
    if strongest:
        lines += ["", "Strongest matches:"]
        for result in strongest:
            assert result.match is not None
            match = result.match
            who = ", ".join(match.artists) or "?"
            tracks = sum(n for _, n in match.datasets)
            where = f"{len(match.datasets)} dataset{'s' if len(match.datasets) != 1 else ''}"
            how = "   id" if result.matched_by == "exact id" else f"{match.score:5.1f}"
            lines.append(f"  {how}  {who} - {match.title}  "
                         f"({tracks:,} track{'s' if tracks != 1 else ''} in {where})")
    invalid = [r for r in report.results if r.status == "invalid"][:5]
    if invalid:
        lines += ["", "Rows that could not be checked:"]
        lines += [f"  line {r.row.line}: {r.reason}" for r in invalid]
        if totals["invalid"] > len(invalid):
            lines.append(f"  … and {totals['invalid'] - len(invalid):,} more (see the report)")
    return "\n".join(lines)


def _dataset_label(name: str, dataset_id: str, demo: bool) -> str:
    marked = demo and "demo" not in name.casefold()
    return f"{name} ({dataset_id})" + (" [demo data]" if marked else "")


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Indented rows: the first column left-aligned, the numbers right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  " + row[0].ljust(widths[0]) + "".join(f"  {cell:>{w}}" for cell, w in
                                                 zip(row[1:], widths[1:], strict=True))
        for row in rows
    ]


def report_json(report: CatalogReport) -> dict[str, Any]:
    """Everything in the report as plain data (for --json and for tests)."""
    return {
        "index_built_at": report.index_built_at,
        "found_score": report.thresholds.found,
        "uncertain_score": report.thresholds.uncertain,
        "totals": report.totals,
        "found_by_exact_id": report.found_by_id,
        "datasets": [
            {"id": d.id, "name": d.name, "demo": d.demo, "found": d.found,
             "uncertain": d.uncertain}
            for d in report.datasets
        ],
        "strongest": [r.row.line for r in report.strongest()],
        "rows": [_json_row(r) for r in report.results],
    }


def report_json_bytes(report: CatalogReport) -> bytes:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2).encode("utf-8")


def _json_row(result: RowResult) -> dict[str, Any]:
    match = result.match
    return {
        "line": result.row.line,
        "artist": result.row.artist,
        "title": result.row.title,
        "album": result.row.album,
        "isrc": result.row.isrc,
        "ids": [{"type": link.kind.value, "id": link.id} for link in result.row.ids],
        "status": result.status,
        "matched_by": result.matched_by,
        "reason": result.reason,
        "match": None if match is None else {
            "title": match.title,
            "artists": list(match.artists),
            "score": match.score,
            "datasets": [{"id": d, "tracks": n} for d, n in match.datasets],
            "rows": [{"dataset": d, "source_id": r} for d, r in match.rows],
            "link": match.link,
        },
    }
