"""One place that configures logging for the CLI and the bot.

Text for people at a terminal; one JSON object a line for log collectors (`logging.format: json`).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """time, level, logger, message (and the traceback, if any) as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["traceback"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str | int = "INFO", as_json: bool = False) -> None:
    """Log to stderr, leaving stdout to the command's own output."""
    handler = logging.StreamHandler(sys.stderr)
    formatter = JsonFormatter() if as_json else logging.Formatter(FORMAT, datefmt="%H:%M:%S")
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
