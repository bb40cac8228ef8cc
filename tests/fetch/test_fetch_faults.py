"""Fetching when things go wrong: two fetches at once, killed fetches, hostile redirects, full
disks, endless downloads and zip bombs.

Every server is local (tests/helpers/http_mirror.py on 127.0.0.1) and every process is real
where the fault is about processes: `python -m bot fetch` is started, raced and killed with
SIGKILL.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import REPO
from helpers.http_mirror import PROXY_VARIABLES, Mirror, listener

import bot.fetch.download as download_module
import bot.fetch.limits as limits_module
from bot.datasets.manifest import DatasetSpec
from bot.fetch import (
    ArchiveError,
    DeadlineExceeded,
    FetchError,
    FetchInProgress,
    FetchLimits,
    IntegrityError,
    Outcome,
    data_dir_lock,
    extract,
    fetch_dataset,
    remote_changes,
)
from bot.fetch.download import download
from bot.fetch.limits import MB
from bot.fetch.transport import _CheckedRedirects

CONTENT = os.urandom(3 * MB)
SMALL = os.urandom(300_000)
SERVED = {"train.parquet": CONTENT, "small.parquet": SMALL}  # by the mirror (`served`)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dataset(url: str, path: str) -> dict[str, Any]:
    """One dataset, as the manifest lists it, with one download."""
    return {"id": "laion", "name": "L", "homepage": "https://example.org", "license": "l",
            "sources": [{"path": "laion/*.parquet", "format": "laion-disco"}],
            "downloads": [{"url": url, "path": path}]}


def spec_of(url: str, path: str = "laion/train.parquet") -> DatasetSpec:
    return DatasetSpec.model_validate(dataset(url, path))


def workspace(root: Path, url: str, path: str = "laion/train.parquet",
              fetch: dict[str, Any] | None = None) -> Path:
    """A config and a manifest with one dataset downloading `url`; returns the config."""
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "datasets.yaml").write_text(yaml.safe_dump({"datasets": [dataset(url, path)]}))
    config = root / "config.yaml"
    config.write_text(yaml.safe_dump({"data_dir": "data", **({"fetch": fetch} if fetch else {})}))
    return config


def child_env() -> dict[str, str]:
    """The test's environment without proxies (the mirror is on 127.0.0.1) or .pyc writes."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in PROXY_VARIABLES}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def start_fetch(config: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "fetch", "--config", str(config), *extra],
        cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.02)


def recorded_sha256(data: Path, url: str) -> str | None:
    return json.loads((data / ".fetch-state.json").read_text())["files"][url]["sha256"]


def damage(found: bytes, expected: bytes) -> str:
    """How `found` differs from `expected`, in a line (a diff of megabytes helps nobody)."""
    if found == expected:
        return ""
    at = next((i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b),
              min(len(found), len(expected)))
    run = len(found[at:]) - len(found[at:].lstrip(b"\0"))
    return (f"{len(found):,} bytes instead of {len(expected):,}; the first difference is at "
            f"byte {at:,}, where {run:,} NUL bytes follow")


def size_or_zero(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def kill_fetch_midway(server: Mirror, config: Path, part: Path) -> None:
    """Start `trainedon fetch`, served slowly, and SIGKILL it once it wrote 100 kB to `part`."""
    server.pace = (16_384, 0.02)
    killed = start_fetch(config)
    try:
        wait_until(lambda: size_or_zero(part) > 100_000, "the fetch has written 100 kB")
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.communicate(timeout=60)
    server.pace = None


# --- 1. two fetches of one data folder; fetches killed midway --------------------------------


@pytest.mark.parametrize("second", ["same-command", "force", "server-ignores-range"])
def test_a_second_fetch_of_the_folder_is_refused_and_the_first_puts_the_served_bytes_in_place(
    server: Mirror, tmp_path: Path, second: str
) -> None:
    """The issue's race: the second run used to truncate or replace the first one's .part.

    The first fetch is slowed until the second has started (and, before the fix, had begun
    writing); the second is then killed with SIGKILL if it is still running.
    """
    config = workspace(tmp_path, server.url("train.parquet"))
    data = tmp_path / "data"
    dest, part = data / "laion" / "train.parquet", data / "laion" / "train.parquet.part"
    server.ignore_range = second == "server-ignores-range"
    server.pace = (16_384, 0.02)
    first = start_fetch(config)
    started = [first]
    try:
        wait_until(lambda: size_or_zero(part) >= MB, "the first fetch has written 1 MB")
        server.pace = (16_384, 0.5)  # hold the first fetch mid-download
        rival = start_fetch(config, *(["--force"] if second == "force" else []))
        started.append(rival)
        wait_until(lambda: rival.poll() is not None or len(server.gets()) > 1,
                   "the second fetch exits or asks the server")
        if rival.poll() is None:  # before the fix: let it write, then kill it as in the issue
            time.sleep(1.0)
            rival.send_signal(signal.SIGKILL)
        _, rival_err = rival.communicate(timeout=60)
        server.pace = None
        out, err = first.communicate(timeout=120)
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait()

    assert first.returncode == 0, err
    assert "downloaded  laion/train.parquet" in out
    on_disk = dest.read_bytes()
    assert damage(on_disk, CONTENT) == ""
    assert recorded_sha256(data, server.url("train.parquet")) == sha256(on_disk)
    assert not part.exists()
    assert rival.returncode == 1, rival_err
    assert rival_err.splitlines() == [
        f"error: another fetch is running on {data} (pid {first.pid}); try again when it ends"
    ]
    assert len(server.gets()) == 1  # the second never reached the server


def test_a_fetch_killed_midway_releases_the_lock_and_the_next_one_resumes(
    server: Mirror, tmp_path: Path
) -> None:
    config = workspace(tmp_path, server.url("train.parquet"))
    data = tmp_path / "data"
    part = data / "laion" / "train.parquet.part"
    kill_fetch_midway(server, config, part)
    kept = part.stat().st_size

    result = fetch_dataset(spec_of(server.url("train.parquet")), data)  # the lock is free

    assert [f.outcome for f in result.files] == [Outcome.RESUMED]
    assert server.gets()[-1].headers["Range"] == f"bytes={kept}-"
    assert server.gets()[-1].headers["If-Range"] == server.etag("train.parquet")
    on_disk = (data / "laion" / "train.parquet").read_bytes()
    assert on_disk == CONTENT
    assert recorded_sha256(data, server.url("train.parquet")) == sha256(on_disk)
    assert sorted(p.name for p in (data / "laion").iterdir()) == ["train.parquet"]


def test_a_killed_fetchs_part_is_not_spliced_onto_a_file_that_changed_meanwhile(
    served: Path, server: Mirror, tmp_path: Path
) -> None:
    """The next run resumes only the same version: it sends the first response's ETag as
    If-Range, and a changed file comes whole (200) instead of its tail being appended."""
    config = workspace(tmp_path, server.url("train.parquet"))
    data = tmp_path / "data"
    part = data / "laion" / "train.parquet.part"
    kill_fetch_midway(server, config, part)
    new_version = os.urandom(len(CONTENT))
    (served / "train.parquet").write_bytes(new_version)

    result = fetch_dataset(spec_of(server.url("train.parquet")), data)

    assert [f.outcome for f in result.files] == [Outcome.DOWNLOADED]
    assert server.gets()[-1].status == 200
    assert (data / "laion" / "train.parquet").read_bytes() == new_version


def test_a_file_damaged_on_disk_is_fetched_again_not_confirmed_by_a_304(
    server: Mirror, tmp_path: Path
) -> None:
    """Same size, other bytes (the NULs of the issue): the record no longer describes it."""
    laion = spec_of(server.url("small.parquet"), "laion/small.parquet")
    assert fetch_dataset(laion, tmp_path).ok
    dest = tmp_path / "laion" / "small.parquet"
    damaged = bytearray(SMALL)
    damaged[1000:50_000] = bytes(49_000)
    dest.write_bytes(damaged)

    again = fetch_dataset(laion, tmp_path)

    assert [f.outcome for f in again.files] == [Outcome.DOWNLOADED]
    assert "If-None-Match" not in server.gets()[-1].headers
    assert dest.read_bytes() == SMALL
    assert recorded_sha256(tmp_path, server.url("small.parquet")) == sha256(SMALL)


class Scribbler:
    """A progress listener that overwrites the start of the .part, as a second writer did."""

    def __init__(self, part: Path) -> None:
        self.part, self.done = part, False

    def start(self, total: int | None, done: int) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        if not self.done and self.part.stat().st_size > 1000:
            with self.part.open("r+b") as handle:
                handle.write(bytes(1000))
            self.done = True


def test_what_is_verified_and_recorded_is_the_file_on_disk_not_the_bytes_received(
    server: Mirror, tmp_path: Path
) -> None:
    dest = tmp_path / "small.parquet"
    scribbler = Scribbler(dest.with_name("small.parquet.part"))
    with pytest.raises(IntegrityError, match="expected SHA-256"):
        download(server.url("small.parquet"), dest, sha256=sha256(SMALL), progress=scribbler)
    assert not dest.exists()

    scribbler = Scribbler(dest.with_name("small.parquet.part"))
    result = download(server.url("small.parquet"), dest, progress=scribbler)
    assert scribbler.done
    assert result.sha256 == sha256(dest.read_bytes()) != sha256(SMALL)


def test_a_fetch_refused_by_the_lock_touches_nothing_and_names_the_holder(
    server: Mirror, tmp_path: Path
) -> None:
    with data_dir_lock(tmp_path), pytest.raises(FetchInProgress) as refused:
        fetch_dataset(spec_of(server.url("small.parquet")), tmp_path)
    assert str(refused.value) == (f"another fetch is running on {tmp_path} (pid {os.getpid()}); "
                                  "try again when it ends")
    assert server.requests == []
    assert fetch_dataset(spec_of(server.url("small.parquet")), tmp_path).ok  # released


# --- 5. redirects ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_ftp_is_refused_without_connecting_or_retrying(
    server: Mirror, tmp_path: Path, code: int
) -> None:
    with listener() as ftp:
        server.redirects["moved.parquet"] = (code, f"ftp://127.0.0.1:{ftp.port}/train.parquet")
        with pytest.raises(FetchError) as refused:
            download(server.url("moved.parquet"), tmp_path / "moved.parquet")
        time.sleep(0.2)  # a connection attempt would have been accepted by now
        assert ftp.connections == 0
    assert str(refused.value) == (
        f"{server.url('moved.parquet')}: refusing the server's redirect to "
        f"ftp://127.0.0.1:{ftp.port}/train.parquet: only http and https URLs are followed")
    assert len(server.requests) == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "served"]


@pytest.mark.parametrize("location", [
    "file:///etc/passwd", "data:text/plain,hello", "gopher://127.0.0.1/", "FTP://127.0.0.1/x",
])
def test_a_redirect_to_any_other_scheme_is_refused_the_same_way(
    server: Mirror, tmp_path: Path, location: str
) -> None:
    server.redirects["moved.parquet"] = (302, location)
    with pytest.raises(FetchError, match=r"refusing the server's redirect to .*: only http and "
                                         r"https URLs are followed$"):
        download(server.url("moved.parquet"), tmp_path / "moved.parquet")
    assert len(server.requests) == 1


def test_a_second_hop_to_ftp_is_refused_and_the_fetch_fails_once(
    server: Mirror, tmp_path: Path
) -> None:
    with listener() as ftp:
        server.redirects["a"] = (302, "/b")  # relative: stays on http, followed
        server.redirects["b"] = (307, f"ftp://127.0.0.1:{ftp.port}/train.parquet")
        [outcome] = fetch_dataset(spec_of(server.url("a"), "laion/a.parquet"), tmp_path).files
        assert ftp.connections == 0
    assert outcome.outcome is Outcome.FAILED
    assert "refusing the server's redirect to ftp://" in outcome.message
    assert [r.path for r in server.requests] == ["/a", "/b"]


def test_a_redirect_within_http_is_still_followed(server: Mirror, tmp_path: Path) -> None:
    server.redirects["moved.parquet"] = (301, server.url("small.parquet"))
    download(server.url("moved.parquet"), tmp_path / "moved.parquet")
    assert (tmp_path / "moved.parquet").read_bytes() == SMALL


def redirect(old: str, new: str) -> urllib.request.Request | None:
    """The redirect handler's own decision, as urllib asks it at each hop."""
    request = urllib.request.Request(old)
    return _CheckedRedirects().redirect_request(request, io.BytesIO(), 302, "Found",
                                                http.client.HTTPMessage(), new)


def test_a_redirect_from_https_down_to_http_is_refused() -> None:
    with pytest.raises(FetchError) as refused:
        redirect("https://huggingface.co/x.parquet", "http://cdn.example.org/x.parquet")
    assert str(refused.value) == (
        "https://huggingface.co/x.parquet: refusing the server's redirect to "
        "http://cdn.example.org/x.parquet: it would leave https for unencrypted http")
    for old, new in [("https://a.org/x", "https://cdn.b.org/x"), ("http://a.org/x", "https://a.org/x"),
                     ("http://a.org/x", "http://b.org/x")]:
        followed = redirect(old, new)
        assert followed is not None and followed.full_url == new


# --- 6. limits: size, time, disk -------------------------------------------------------------


def test_a_download_without_a_size_stops_at_max_file_mb_and_leaves_nothing(
    server: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    server.no_length = True  # 3 MB, without Content-Length: only the limit can stop it
    config = workspace(tmp_path, server.url("train.parquet"), fetch={"max_file_mb": 1})
    assert main(["fetch", "--config", str(config)]) == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("  failed")]
    assert failed == ["  failed      laion/train.parquet: train.parquet: larger than the 1 MB "
                      "limit (fetch.max_file_mb); the download was stopped there and removed"]
    assert len(server.gets()) == 1  # not retried
    assert sorted(p.name for p in (tmp_path / "data").rglob("*")) == [
        ".fetch.lock", "datasets.yaml", "laion"]


def test_an_announced_size_over_the_limit_is_refused_before_the_body(
    server: Mirror, tmp_path: Path
) -> None:
    dest = tmp_path / "train.parquet"
    with pytest.raises(FetchError) as refused:
        download(server.url("train.parquet"), dest, limits=FetchLimits(MB, 60))
    assert str(refused.value) == ("train.parquet: the server announces 3 MB, more than the 1 MB "
                                  "limit (fetch.max_file_mb); nothing was downloaded")
    assert len(server.gets()) == 1 and not dest.with_name("train.parquet.part").exists()
    with pytest.raises(FetchError, match="the manifest gives its size as 3 MB, more than the 1 MB"):
        download(server.url("train.parquet"), dest, expected_size=3 * MB,
                 limits=FetchLimits(MB, 60))
    assert len(server.gets()) == 1  # refused before asking


def zip_of(members: dict[str, int]) -> bytes:
    """A zip whose members are `size` zero bytes each, deflated: a thousandfold smaller."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, size in members.items():
            bundle.writestr(name, bytes(size))
    return buffer.getvalue()


@pytest.mark.parametrize(("members", "reason"), [
    pytest.param({"bomb/zeros.csv": 50 * MB}, "the member 'bomb/zeros.csv' expands to 50 MB, "
                 "more than the 1 MB limit", id="one-member-of-50-MB"),
    pytest.param({"a.csv": 600_000, "b.csv": 600_000}, "the archive expands to 1.1 MB, more "
                 "than the 1 MB limit", id="members-under-it-adding-up-over-it"),
])
def test_a_zip_expanding_past_the_limit_is_refused_and_nothing_is_left(
    tmp_path: Path, members: dict[str, int], reason: str
) -> None:
    archive = tmp_path / "fma" / "bomb.zip"
    archive.parent.mkdir()
    archive.write_bytes(zip_of(members))
    assert archive.stat().st_size < 100_000
    with pytest.raises(ArchiveError) as refused:
        extract(archive, limits=FetchLimits(MB, 60))
    assert str(refused.value) == f"bomb.zip: {reason} (fetch.max_file_mb); nothing was extracted"
    assert [p.name for p in archive.parent.iterdir()] == ["bomb.zip"]


def test_a_fetched_zip_bomb_fails_its_file_and_extracts_nothing(
    served: Path, server: Mirror, tmp_path: Path
) -> None:
    (served / "bomb.zip").write_bytes(zip_of({"x/zeros.csv": 50 * MB}))
    [outcome] = fetch_dataset(spec_of(server.url("bomb.zip"), "fma/bomb.zip"), tmp_path,
                              limits=FetchLimits(MB, 60)).files
    assert outcome.outcome is Outcome.FAILED and "expands to 50 MB" in outcome.message
    assert sorted(p.name for p in (tmp_path / "fma").iterdir()) == ["bomb.zip"]


def test_a_body_dripping_a_byte_every_fifth_of_a_second_meets_the_deadline(
    server: Mirror, tmp_path: Path
) -> None:
    """1,000 bytes at 5 a second would take 200 s; each read is quick, so no socket timeout
    ever fires: only the overall deadline ends it, and it is not retried."""
    (server.folder / "drip.csv").write_bytes(b"x" * 1000)
    server.pace = (1, 0.2)
    dest = tmp_path / "drip.csv"
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded) as late:
        download(server.url("drip.csv"), dest, limits=FetchLimits(MB, 1.0))
    assert time.monotonic() - started < 30  # far below the 200 s the drip would take
    assert str(late.value).startswith("drip.csv: the download did not finish within 1 second "
                                      "(fetch.timeout_minutes); the ")
    assert str(late.value).endswith(" bytes received are kept for the next fetch to resume")
    assert len(server.gets()) == 1
    assert 0 < dest.with_name("drip.csv.part").stat().st_size < 1000


def test_headers_dripping_a_byte_at_a_time_meet_the_deadline_too(
    server: Mirror, tmp_path: Path
) -> None:
    server.drip_headers = 0.1  # some 400 header bytes: 40 s
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="did not finish within 1 second "):
        download(server.url("small.parquet"), tmp_path / "small.parquet",
                 limits=FetchLimits(MB, 1.0))
    assert time.monotonic() - started < 20
    assert len(server.gets()) == 1


def test_an_update_check_against_a_dripping_server_ends_at_its_timeout(
    server: Mirror, tmp_path: Path
) -> None:
    """The bot's update check asks with HEAD; its timeout bounds the whole answer."""
    server.drip_headers = 0.1
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded) as late:
        remote_changes(spec_of(server.url("small.parquet")), tmp_path, timeout=1.0)
    assert time.monotonic() - started < 20
    assert str(late.value) == (f"{server.url('small.parquet')}: the server did not answer "
                               "within 1 second")


FETCH_UNDER_A_SIZE_CAP = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not a kill
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
from bot.cli import main
sys.exit(main(["fetch", "--config", sys.argv[2]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX resource limits")
def test_a_full_disk_removes_the_part_fails_once_and_says_so(
    server: Mirror, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes writes past 100 kB fail with EFBIG, as a full disk fails them."""
    config = workspace(tmp_path, server.url("small.parquet"), "laion/small.parquet")
    fetch = subprocess.run(
        [sys.executable, "-c", FETCH_UNDER_A_SIZE_CAP, "100000", str(config)],
        cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120,
    )
    assert fetch.returncode == 1, fetch.stderr
    assert "Traceback" not in fetch.stderr
    failed = [line for line in fetch.stdout.splitlines() if "failed" in line]
    folder = tmp_path / "data" / "laion"
    assert failed[0] == (
        f"  failed      laion/small.parquet: small.parquet: cannot write in {folder} (file size "
        "limit reached); the partial download was removed to free the space")
    assert failed[1].endswith(" 1 failed")
    assert len(server.gets()) == 1  # not retried
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("code", "reason"), [
    pytest.param(errno.ENOSPC, "no space left on the disk", id="ENOSPC"),
    pytest.param(errno.EDQUOT, "disk quota exceeded", id="EDQUOT"),
])
def test_a_full_disk_reported_at_fsync_is_the_same_sentence(
    server: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    """Network filesystems and delayed allocation report a full disk when flushing."""
    def full(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(download_module.os, "fsync", full)
    dest = tmp_path / "small.parquet"
    with pytest.raises(FetchError, match=rf"\({reason}\); the partial download was removed"):
        download(server.url("small.parquet"), dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]
    assert len(server.gets()) == 1


def test_a_known_size_larger_than_the_free_space_is_refused_before_writing(
    server: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Usage:
        free = 1000

    monkeypatch.setattr(limits_module.shutil, "disk_usage", lambda folder: Usage())
    with pytest.raises(FetchError) as refused:
        download(server.url("small.parquet"), tmp_path / "small.parquet")
    assert str(refused.value) == (f"small.parquet needs 0.3 MB more on {tmp_path}, but "
                                  "only 1,000 bytes is free; nothing more was downloaded")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["served"]


def test_the_fetch_limits_come_from_the_config(tmp_path: Path) -> None:
    from bot.config import load_config

    path = tmp_path / "config.yaml"
    path.write_text("fetch: {max_file_mb: 2, timeout_minutes: 1.5}\n")
    limits = FetchLimits.from_settings(load_config(path).settings.fetch)
    assert limits == FetchLimits(2 * MB, 90.0)
    assert limits.describe_max() == "the 2 MB limit (fetch.max_file_mb)"
    assert limits.describe_deadline() == "1.5 minutes (fetch.timeout_minutes)"


def test_the_update_cycle_downloads_within_the_configured_limits(
    server: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    server.no_length = True
    config = workspace(tmp_path, server.url("train.parquet"), fetch={"max_file_mb": 1})
    assert main(["updates", "check", "--config", str(config)]) == 1
    error = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert error == ["error: laion: fetch failed: train.parquet: larger than the 1 MB limit "
                     "(fetch.max_file_mb); the download was stopped there and removed"]
    assert not list((tmp_path / "data").rglob("*.part"))


def test_an_update_cycle_meeting_a_running_fetch_fails_in_one_line(
    server: Mirror, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    config = workspace(tmp_path, server.url("small.parquet"))
    with data_dir_lock(tmp_path / "data"):
        assert main(["updates", "check", "--config", str(config)]) == 1
    error = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(error) == 1
    assert error[0].startswith("error: another fetch is running on ")


def test_ctrl_c_stops_an_update_cycles_download_at_once(server: Mirror, tmp_path: Path) -> None:
    """The cycle is async; the command must still stop mid-download, not when the file ends."""
    config = workspace(tmp_path, server.url("train.parquet"))
    part = tmp_path / "data" / "laion" / "train.parquet.part"
    server.pace = (16_384, 0.5)  # 3 MB in some 90 s
    cycle = subprocess.Popen(
        [sys.executable, "-m", "bot", "updates", "check", "--config", str(config)],
        cwd=REPO, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_until(lambda: size_or_zero(part) > 0, "the cycle has begun downloading")
        interrupted = time.monotonic()
        cycle.send_signal(signal.SIGINT)
        _, err = cycle.communicate(timeout=60)
    finally:
        if cycle.poll() is None:
            cycle.kill()
            cycle.wait()
    assert time.monotonic() - interrupted < 10
    assert cycle.returncode == 130, err
    assert err.splitlines()[-1] == "interrupted"
    assert part.exists()  # kept for the next run to resume
