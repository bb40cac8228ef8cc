"""The fetch tests' fixtures: the local HTTP mirror and the local Hub, with no proxy or long
retry wait in the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.http_mirror import PROXY_VARIABLES, Mirror, mirror
from helpers.hub_double import HubDouble, close_hub_session, hub_double, isolate_hub_client

import bot.fetch.download as download_module


@pytest.fixture(autouse=True)
def no_proxy_and_quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's proxy must not see 127.0.0.1 requests; retries wait 10 ms, not seconds."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setattr(download_module, "DEFAULT_BACKOFF_SECONDS", 0.01)


@pytest.fixture
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The folder the mirror serves, holding the test module's `SERVED` files ({name: bytes})."""
    folder = tmp_path / "served"
    folder.mkdir()
    for name, content in getattr(request.module, "SERVED", {}).items():
        (folder / name).write_bytes(content)
    return folder


@pytest.fixture
def server(served: Path) -> Iterator[Mirror]:
    with mirror(served) as running:
        yield running


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HubDouble]:
    """A local Hub and CDN; the client isolated from a developer's token and endpoint."""
    isolate_hub_client(monkeypatch, tmp_path / "hf-home")
    with hub_double() as running:
        yield running
    close_hub_session()
