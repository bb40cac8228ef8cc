"""Fetching dataset metadata over HTTP: resume, retries, verification, archives, state, CLI.

Everything runs against tests/helpers/http_mirror.py on 127.0.0.1; nothing touches the internet.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import io
import os
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.http_mirror import Mirror, forward_proxy

from bot.cli.fetch_cmd import add_fetch_parser, add_updates_parser, run_fetch, run_updates
from bot.config import load_config
from bot.datasets.manifest import DatasetSpec
from bot.fetch import (
    ArchiveError,
    FetchError,
    FetchState,
    IntegrityError,
    Outcome,
    extract,
    fetch_dataset,
    remote_changes,
)
from bot.fetch.download import download

CONTENT = os.urandom(300_000)
SERVED = {"train.parquet": CONTENT}  # by the mirror (the `served` fixture)
TRACKS_CSV = b"track_id,title\n1,Midnight Ferry\n2,Velvet Lanterns\n"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fma_zip(*extra: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as bundle:
        bundle.writestr("fma_metadata/", b"")
        bundle.writestr("fma_metadata/tracks.csv", TRACKS_CSV)
        bundle.writestr("fma_metadata/raw_tracks.csv", b"track_id\n1\n")
        for name, data in extra:
            bundle.writestr(name, data)
    return buffer.getvalue()


def zip_with_a_damaged_second_member() -> bytes:
    """A new tracks.csv first, then a member whose compressed bytes are damaged."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as bundle:
        bundle.writestr("fma_metadata/tracks.csv", b"a new version")
        bundle.writestr("fma_metadata/genres.csv", os.urandom(5000))
        damaged = bundle.getinfo("fma_metadata/genres.csv")
    data = bytearray(buffer.getvalue())
    start = damaged.header_offset + 30 + len(damaged.filename)
    middle = start + damaged.compress_size // 2
    data[middle:middle + 8] = bytes(8)
    return bytes(data)


def spec(dataset_id: str, downloads: list[dict[str, Any]]) -> DatasetSpec:
    return DatasetSpec.model_validate({
        "id": dataset_id, "name": dataset_id, "homepage": "https://example.org", "license": "x",
        "sources": [{"path": f"{dataset_id}/*.csv", "format": "csv"}], "downloads": downloads,
    })


# --- download ---------------------------------------------------------------------------


def test_a_download_cut_halfway_resumes_with_a_range_request(server: Mirror, tmp_path: Path):
    dest = tmp_path / "data" / "train.parquet"
    server.cut_next(100_000)
    result = download(server.url("train.parquet"), dest, sha256=sha256(CONTENT))
    assert dest.read_bytes() == CONTENT
    assert not dest.with_name("train.parquet.part").exists()
    first, second = server.gets()
    assert "Range" not in first.headers
    assert second.headers["Range"] == "bytes=100000-"
    assert second.headers["If-Range"] == server.etag("train.parquet")
    assert second.status == 206
    assert result.resumed and result.sha256 == sha256(CONTENT)
    assert (result.etag, result.revision) == (server.etag("train.parquet"), "rev-1")
    assert result.last_modified


def test_a_part_left_by_an_earlier_run_is_resumed(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    dest.with_name("train.parquet.part").write_bytes(CONTENT[:123_456])
    download(server.url("train.parquet"), dest, expected_size=len(CONTENT))
    assert dest.read_bytes() == CONTENT
    [request] = server.gets()
    assert request.headers["Range"] == "bytes=123456-" and request.status == 206


def test_a_server_that_ignores_range_restarts_cleanly(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    server.ignore_range = True
    server.cut_next(100_000)
    result = download(server.url("train.parquet"), dest, sha256=sha256(CONTENT))
    assert dest.read_bytes() == CONTENT
    assert [r.status for r in server.gets()] == [200, 200]
    assert server.gets()[1].headers["Range"] == "bytes=100000-"
    assert not result.resumed


def test_a_complete_part_answered_416_is_verified_and_kept(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    dest.with_name("train.parquet.part").write_bytes(CONTENT)
    download(server.url("train.parquet"), dest, sha256=sha256(CONTENT))
    assert dest.read_bytes() == CONTENT
    assert [r.status for r in server.gets()] == [416]


def test_a_stale_part_longer_than_the_file_is_dropped(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    dest.with_name("train.parquet.part").write_bytes(CONTENT + b"old tail")
    download(server.url("train.parquet"), dest)
    assert dest.read_bytes() == CONTENT
    assert [r.status for r in server.gets()] == [416, 200]


def test_server_errors_are_retried(server: Mirror, tmp_path: Path):
    server.fail_next(2, status=503)
    download(server.url("train.parquet"), tmp_path / "train.parquet")
    assert [r.status for r in server.gets()] == [503, 503, 200]


def test_a_missing_file_fails_at_once(server: Mirror, tmp_path: Path):
    with pytest.raises(FetchError, match="HTTP 404"):
        download(server.url("nope.parquet"), tmp_path / "nope.parquet")
    assert len(server.gets()) == 1


def test_corrupted_bytes_are_rejected_and_the_previous_file_kept(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    dest.write_bytes(b"the previous version")
    server.corrupt = True
    with pytest.raises(IntegrityError) as caught:
        download(server.url("train.parquet"), dest, sha256=sha256(CONTENT))
    assert "expected SHA-256" in str(caught.value) and "existing file kept" in str(caught.value)
    assert dest.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served", "train.parquet"]


def test_a_sha1_mismatch_is_rejected(server: Mirror, tmp_path: Path):
    with pytest.raises(IntegrityError, match=r"expected SHA-1 0{40}, found"):
        download(server.url("train.parquet"), tmp_path / "t.parquet", sha1="0" * 40)
    assert [p.name for p in tmp_path.iterdir()] == ["served"]


def test_a_download_that_keeps_breaking_fails_and_keeps_the_previous_file(
    server: Mirror, tmp_path: Path
):
    dest = tmp_path / "train.parquet"
    dest.write_bytes(b"the previous version")
    server.cut_next(1_000, times=10)
    with pytest.raises(FetchError, match="giving up after 3 attempts"):
        download(server.url("train.parquet"), dest, attempts=3)
    assert dest.read_bytes() == b"the previous version"
    assert dest.with_name("train.parquet.part").stat().st_size == 3_000  # resumable later


def test_a_file_shorter_than_the_manifest_says_is_rejected(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    dest.write_bytes(b"the previous version")
    with pytest.raises(IntegrityError, match=f"expected {len(CONTENT) + 10:,} bytes"):
        download(server.url("train.parquet"), dest, expected_size=len(CONTENT) + 10)
    assert dest.read_bytes() == b"the previous version"
    assert not dest.with_name("train.parquet.part").exists()


async def test_the_mirror_serves_asyncio_tests_too(server: Mirror, tmp_path: Path):
    dest = tmp_path / "train.parquet"
    await asyncio.to_thread(download, server.url("train.parquet"), dest)
    assert dest.read_bytes() == CONTENT


# --- archives -----------------------------------------------------------------------------


def test_a_bzip2_zip_is_extracted_beside_itself(tmp_path: Path):
    archive = tmp_path / "fma" / "fma_metadata.zip"
    archive.parent.mkdir()
    archive.write_bytes(fma_zip())
    placed = extract(archive)
    assert (tmp_path / "fma" / "fma_metadata" / "tracks.csv").read_bytes() == TRACKS_CSV
    assert sorted(p.name for p in placed) == ["raw_tracks.csv", "tracks.csv"]
    assert sorted(p.name for p in archive.parent.iterdir()) == ["fma_metadata", "fma_metadata.zip"]


@pytest.mark.parametrize("evil", ["../evil.txt", "/tmp/evil.txt", "fma_metadata/../../evil.txt"])
def test_a_zip_slip_entry_is_refused_and_nothing_extracted(tmp_path: Path, evil: str):
    archive = tmp_path / "fma" / "fma_metadata.zip"
    archive.parent.mkdir()
    archive.write_bytes(fma_zip((evil, b"gotcha")))
    with pytest.raises(ArchiveError, match="unsafe member path"):
        extract(archive)
    assert sorted(p.name for p in archive.parent.iterdir()) == ["fma_metadata.zip"]
    assert not (tmp_path / "evil.txt").exists()


def test_a_corrupt_zip_leaves_earlier_files_untouched(tmp_path: Path):
    archive = tmp_path / "fma_metadata.zip"
    good = fma_zip()
    archive.write_bytes(good)
    extract(archive)
    tracks = tmp_path / "fma_metadata" / "tracks.csv"
    archive.write_bytes(zip_with_a_damaged_second_member())
    with pytest.raises(ArchiveError, match="cannot extract"):
        extract(archive)
    archive.write_bytes(good[: len(good) // 2])
    with pytest.raises(ArchiveError, match="cannot extract"):
        extract(archive)
    assert tracks.read_bytes() == TRACKS_CSV
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- per dataset, state and update checks -------------------------------------------------


def test_an_unchanged_source_answers_304_and_nothing_is_rewritten(server: Mirror, tmp_path: Path):
    data = tmp_path / "data"
    dataset = spec("laion", [{"url": server.url("train.parquet"), "path": "laion/train.parquet"}])
    first = fetch_dataset(dataset, data)
    assert [f.outcome for f in first.files] == [Outcome.DOWNLOADED] and first.ok
    dest = data / "laion" / "train.parquet"
    before = dest.stat().st_mtime_ns
    second = fetch_dataset(dataset, data)
    assert [f.outcome for f in second.files] == [Outcome.UNCHANGED]
    assert dest.stat().st_mtime_ns == before and dest.read_bytes() == CONTENT
    last = server.gets()[-1]
    assert last.headers["If-None-Match"] == server.etag("train.parquet") and last.status == 304
    recorded = FetchState.load(data).get(server.url("train.parquet"))
    assert recorded is not None
    assert (recorded.etag, recorded.revision, recorded.size, recorded.sha256) == (
        server.etag("train.parquet"), "rev-1", len(CONTENT), sha256(CONTENT))
    forced = fetch_dataset(dataset, data, force=True)
    assert [f.outcome for f in forced.files] == [Outcome.DOWNLOADED]
    assert "If-None-Match" not in server.gets()[-1].headers


def test_a_path_less_download_goes_under_the_dataset_id(server: Mirror, tmp_path: Path):
    result = fetch_dataset(spec("spotify", [{"url": server.url("train.parquet")}]), tmp_path)
    assert result.files[0].path == "spotify/train.parquet"
    assert (tmp_path / "spotify" / "train.parquet").read_bytes() == CONTENT


def test_a_fetched_zip_is_extracted_and_re_extracted_when_missing(served: Path, server: Mirror,
                                                                  tmp_path: Path):
    (served / "fma_metadata.zip").write_bytes(fma_zip())
    data = tmp_path / "data"
    dataset = spec("fma", [{"url": server.url("fma_metadata.zip"), "path": "fma/fma_metadata.zip",
                            "sha1": hashlib.sha1(fma_zip()).hexdigest()}])
    assert fetch_dataset(dataset, data).ok
    tracks = data / "fma" / "fma_metadata" / "tracks.csv"
    assert tracks.read_bytes() == TRACKS_CSV
    tracks.unlink()
    again = fetch_dataset(dataset, data)
    assert [f.outcome for f in again.files] == [Outcome.UNCHANGED]
    assert tracks.read_bytes() == TRACKS_CSV


def test_a_file_placed_by_hand_with_the_right_checksum_is_adopted(server: Mirror, tmp_path: Path):
    (tmp_path / "laion").mkdir()
    (tmp_path / "laion" / "train.parquet").write_bytes(CONTENT)
    dataset = spec("laion", [{"url": server.url("train.parquet"), "path": "laion/train.parquet",
                              "sha256": sha256(CONTENT)}])
    assert [f.outcome for f in fetch_dataset(dataset, tmp_path).files] == [Outcome.UNCHANGED]
    assert server.gets() == []  # a HEAD for the validators, no download
    assert [f.outcome for f in fetch_dataset(dataset, tmp_path).files] == [Outcome.UNCHANGED]
    assert [r.status for r in server.gets()] == [304]


def test_one_failing_file_does_not_stop_the_others(server: Mirror, tmp_path: Path):
    dataset = spec("laion", [{"url": server.url("missing.parquet")},
                             {"url": server.url("train.parquet")}])
    result = fetch_dataset(dataset, tmp_path)
    assert [f.outcome for f in result.files] == [Outcome.FAILED, Outcome.DOWNLOADED]
    assert "HTTP 404" in result.files[0].message and not result.ok


def test_a_manual_download_yields_its_sentence_and_url(server: Mirror, tmp_path: Path):
    dataset = spec("sleeping", [{"url": "https://example.org/sleeping",
                                 "manual": "Download the *.jsonl files by hand."}])
    [item] = fetch_dataset(dataset, tmp_path).files
    assert (item.outcome, item.message, item.url) == (
        Outcome.MANUAL, "Download the *.jsonl files by hand.", "https://example.org/sleeping")
    assert remote_changes(dataset, tmp_path) == []
    assert server.requests == []


def test_remote_changes_reports_a_new_etag_and_nothing_when_unchanged(
    served: Path, server: Mirror, tmp_path: Path
):
    dataset = spec("laion", [{"url": server.url("train.parquet")}])
    [never] = remote_changes(dataset, tmp_path)
    assert (never.compared, never.old_version, never.new_version) == ("not fetched", None, "rev-1")
    fetch_dataset(dataset, tmp_path)
    assert remote_changes(dataset, tmp_path) == []
    old = server.etag("train.parquet")
    (served / "train.parquet").write_bytes(b"a new version")
    [change] = remote_changes(dataset, tmp_path)
    assert (change.compared, change.old_version, change.new_version) == (
        "ETag", old, server.etag("train.parquet"))
    assert {r.method for r in server.requests[-1:]} == {"HEAD"}


def test_remote_changes_compares_the_revision_without_an_etag(server: Mirror, tmp_path: Path):
    dataset = spec("laion", [{"url": server.url("train.parquet")}])
    fetch_dataset(dataset, tmp_path)
    state = FetchState.load(tmp_path)
    url = server.url("train.parquet")
    recorded = state.get(url)
    assert recorded is not None
    state.record(url, dataclasses.replace(recorded, etag=None))
    server.revision, server.refuse_head = "rev-2", True  # and fall back to a one-byte GET
    [change] = remote_changes(dataset, tmp_path)
    assert change.describe() == "laion/train.parquet: revision rev-1 → rev-2"
    assert server.gets()[-1].headers["Range"] == "bytes=0-0"


# --- the command line ---------------------------------------------------------------------


def write_workspace(root: Path, datasets: list[dict[str, Any]]) -> Path:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "datasets.yaml").write_text(yaml.safe_dump({"datasets": datasets}))
    config = root / "config.yaml"
    config.write_text("data_dir: data\n")
    return config


def cli(*argv: str) -> int:
    """The fetch commands as bot/cli wires them (through its parser once that is done)."""
    from bot.cli import build_parser, main

    subcommands = [a for a in build_parser()._actions
                   if isinstance(a, argparse._SubParsersAction)]
    if any("fetch" in action.choices for action in subcommands):
        return main(list(argv))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path)
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    add_fetch_parser(commands, common)
    add_updates_parser(commands, common)
    args = parser.parse_args(argv)
    config = load_config(args.config)
    return run_fetch(args, config) if args.command == "fetch" else run_updates(args, config)


def test_cli_fetches_everything_then_reports_unchanged(
    served: Path, server: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    (served / "fma_metadata.zip").write_bytes(fma_zip())
    config = write_workspace(tmp_path, [
        {"id": "laion", "name": "L", "homepage": "h", "license": "l",
         "sources": [{"path": "laion/*.parquet", "format": "laion-disco"}],
         "downloads": [{"url": server.url("train.parquet"), "path": "laion/train.parquet"}]},
        {"id": "fma", "name": "F", "homepage": "h", "license": "l",
         "sources": [{"path": "fma/fma_metadata/tracks.csv", "format": "fma-tracks"}],
         "downloads": [{"url": server.url("fma_metadata.zip"), "path": "fma/fma_metadata.zip"}]},
        {"id": "sleeping", "name": "S", "homepage": "h", "license": "l",
         "sources": [{"path": "sleeping/*.jsonl", "format": "sleeping-disco"}],
         "downloads": [{"url": "https://example.org/s", "manual": "Fetch it by hand."}]},
        {"id": "demo", "name": "D", "homepage": "h", "license": "l", "demo": True,
         "sources": [{"path": "demo/*.csv", "format": "csv"}],
         "downloads": [{"url": server.url("nothing-here")}]},
    ])
    assert cli("fetch", "--config", str(config)) == 0
    out = capsys.readouterr().out
    assert "downloaded  laion/train.parquet (293.0 KB)" in out
    assert "needs a manual step: Fetch it by hand.\n    https://example.org/s" in out
    assert "2 downloaded, 0 resumed, 0 unchanged, 1 need a manual step, 0 failed" in out
    assert (tmp_path / "data" / "fma" / "fma_metadata" / "tracks.csv").read_bytes() == TRACKS_CSV
    assert not any("nothing-here" in r.path for r in server.requests)  # demo: not by default

    assert cli("fetch", "--config", str(config)) == 0
    assert "0 downloaded, 0 resumed, 2 unchanged" in capsys.readouterr().out

    assert cli("updates", "check", "--dry-run", "--config", str(config)) == 0
    out = capsys.readouterr().out
    assert "laion: unchanged" in out and "sleeping: manual (check https://example.org/s" in out
    (served / "train.parquet").write_bytes(b"changed")
    assert cli("updates", "check", "laion", "--dry-run", "--config", str(config)) == 0
    assert "laion: changed\n  laion/train.parquet: ETag" in capsys.readouterr().out


def test_cli_unknown_ids_and_failures(
    server: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    config = write_workspace(tmp_path, [
        {"id": "broken", "name": "B", "homepage": "h", "license": "l",
         "sources": [{"path": "b/*.csv", "format": "csv"}],
         "downloads": [{"url": server.url("missing.csv")}]},
        {"id": "laion", "name": "L", "homepage": "h", "license": "l",
         "sources": [{"path": "laion/*.parquet", "format": "laion-disco"}],
         "downloads": [{"url": server.url("train.parquet")}]},
    ])
    assert cli("fetch", "nope", "--config", str(config)) == 2
    assert "unknown dataset 'nope'; known: broken, laion" in capsys.readouterr().err
    assert cli("fetch", "--config", str(config)) == 1
    out = capsys.readouterr().out
    assert "failed      broken/missing.csv:" in out and "downloaded  laion/train.parquet" in out


# --- proxies ------------------------------------------------------------------------------


def test_downloads_go_through_http_proxy(server: Mirror, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    """urllib reads HTTP_PROXY when an opener is built; without NO_PROXY even 127.0.0.1 uses it.

    NO_PROXY lists host names or suffixes (no address ranges): "127.0.0.1" exempts the mirror.
    """
    with forward_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        assert urllib.request.getproxies()["http"] == proxy.url
        assert not urllib.request.proxy_bypass("127.0.0.1")
        download(server.url("train.parquet"), tmp_path / "via-proxy.parquet")
        assert (tmp_path / "via-proxy.parquet").read_bytes() == CONTENT
        assert [r.path for r in proxy.seen] == [server.url("train.parquet")]
        assert len(server.gets()) == 1

        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        assert urllib.request.proxy_bypass("127.0.0.1")
        download(server.url("train.parquet"), tmp_path / "direct.parquet")
        assert len(proxy.seen) == 1 and len(server.gets()) == 2


def test_a_resumed_download_through_the_proxy_keeps_its_range(server: Mirror, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    dest = tmp_path / "train.parquet"
    dest.with_name("train.parquet.part").write_bytes(CONTENT[:1000])
    with forward_proxy() as proxy:
        monkeypatch.setenv("http_proxy", proxy.url)
        download(server.url("train.parquet"), dest, sha256=sha256(CONTENT))
    assert dest.read_bytes() == CONTENT
    assert proxy.seen[0].headers["Range"] == "bytes=1000-" and proxy.seen[0].status == 206
