"""Checking a whole catalog at once, and exporting the evidence behind a match.

No Discord here: the CLI (`trainedon check catalog`) and the bot both call these functions.
"""

from bot.catalog.check import (
    BestMatch,
    CatalogReport,
    DatasetTally,
    RowResult,
    RowStatus,
    check_catalog,
)
from bot.catalog.decode import CatalogError
from bot.catalog.export import Export, ExportTrack, export_csv, export_json, export_match
from bot.catalog.parse import Catalog, CatalogRow, parse_catalog
from bot.catalog.report import report_csv, report_json, report_json_bytes, summary_text

__all__ = [
    "BestMatch",
    "Catalog",
    "CatalogError",
    "CatalogReport",
    "CatalogRow",
    "DatasetTally",
    "Export",
    "ExportTrack",
    "RowResult",
    "RowStatus",
    "check_catalog",
    "export_csv",
    "export_json",
    "export_match",
    "parse_catalog",
    "report_csv",
    "report_json",
    "report_json_bytes",
    "summary_text",
]
