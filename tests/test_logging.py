"""Log output: JSON lines on request, and the token never in it."""

from __future__ import annotations

import json
import logging

import pytest

from bot.discordbot.runner import RedactToken
from bot.logging_setup import setup_logging


def test_json_lines_and_token_redaction(
    capsys: pytest.CaptureFixture[str], restore_root_logging: None
) -> None:
    setup_logging("INFO", as_json=True)
    secret = "MTIz.secret.token"
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(secret))
    log = logging.getLogger("bot.test")
    log.info("connecting with %s", secret)
    try:
        raise RuntimeError(f"boom {secret}")
    except RuntimeError:
        log.exception("failed")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [entry["level"] for entry in lines] == ["INFO", "ERROR"]
    assert lines[0]["logger"] == "bot.test"
    assert lines[0]["message"] == "connecting with [token]"
    assert "RuntimeError" in lines[1]["traceback"]
    assert secret not in json.dumps(lines)
