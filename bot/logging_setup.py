"""One place that configures logging for the CLI and the bot.

Text for people at a terminal; one JSON object a line for log collectors (`logging.format: json`),
carrying each record's fields (`log.info(..., extra={"command": "lookup"})`) as keys of their
own, so that a collector can count and filter without parsing sentences.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

# What every record carries; anything else on a record was given as `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "taskName",
}
_BASE_KEYS = ("time", "level", "logger", "message", "traceback")


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The fields given to this record with `extra=`, by name."""
    return {key: value for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")}


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, the record's fields (and the traceback) as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in extra_fields(record).items():
            if key not in _BASE_KEYS:  # a field never hides what every line has
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(level: str | int = "INFO", as_json: bool = False) -> None:
    """Log to stderr, leaving stdout to the command's own output."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter() if as_json else logging.Formatter(FORMAT, datefmt="%H:%M:%S")
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
