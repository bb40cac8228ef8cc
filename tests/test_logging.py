"""Log output: JSON lines with their fields on request, and the token never in it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.discordbot.runner import RedactToken
from bot.logging_setup import setup_logging


def json_lines_redacting(secret: str) -> str:
    """JSON log lines on stderr, with the runner's token filter on every handler."""
    setup_logging("INFO", as_json=True)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(secret))
    return secret


def test_json_lines_and_token_redaction(
    capsys: pytest.CaptureFixture[str], restore_root_logging: None
) -> None:
    secret = json_lines_redacting("MTIz.secret.token")
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


def test_json_lines_carry_each_records_fields_as_keys_of_their_own(
    capsys: pytest.CaptureFixture[str], restore_root_logging: None
) -> None:
    setup_logging("INFO", as_json=True)
    log = logging.getLogger("bot.test")
    log.info("/lookup artist answered in 12 ms", extra={
        "command": "lookup artist", "guild": None, "outcome": "answered", "elapsed_ms": 12,
        "level": "a field may not hide the record's level", "path": Path("/srv/x")})
    log.info("a sentence alone")
    first, second = (json.loads(line) for line in capsys.readouterr().err.splitlines())
    assert first["command"] == "lookup artist" and first["guild"] is None
    assert (first["outcome"], first["elapsed_ms"]) == ("answered", 12)
    assert first["level"] == "INFO"
    assert first["path"] == "/srv/x"  # what JSON cannot hold is written as text
    assert set(second) == {"time", "level", "logger", "message"}


def test_text_lines_stay_sentences(capsys: pytest.CaptureFixture[str],
                                   restore_root_logging: None) -> None:
    setup_logging("INFO")
    logging.getLogger("bot.test").info("/help answered in 3 ms", extra={"outcome": "answered"})
    line = capsys.readouterr().err.strip()
    assert line.endswith("INFO    bot.test: /help answered in 3 ms")


def test_the_token_is_redacted_from_fields_too(
    capsys: pytest.CaptureFixture[str], restore_root_logging: None
) -> None:
    secret = json_lines_redacting("MTIz.secret.token")
    logging.getLogger("bot.test").info("sent", extra={"url": f"https://x/{secret}/callback"})
    entry = json.loads(capsys.readouterr().err)
    assert entry["url"] == "https://x/[token]/callback"
