"""Shared test helpers, imported as `helpers.…` from any folder (pyproject sets pythonpath)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # the repository's root, wherever a test file sits
