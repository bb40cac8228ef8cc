"""`trainedon fetch` of Hugging Face Hub datasets: the real huggingface_hub client, a local Hub.

tests/helpers/hub_double.py is the Hub and its CDN on 127.0.0.1; the CLI's main() runs in this
process with `fetch.hub_endpoint` pointing at it. Nothing reaches the internet.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.hub_double import (
    HubDouble,
    sha256_of,
)

import bot.fetch.download as download_module
import bot.fetch.limits as limits_module
from bot.cli import main
from bot.datasets.manifest import DatasetSpec
from bot.fetch import FetchLimits, Outcome, fetch_dataset

pytestmark = pytest.mark.usefixtures("restore_root_logging")

REPO_ID = "disco-org/laion-disco-test"
SHARD_0 = os.urandom(300_000)
SHARD_1 = os.urandom(200_000)
FILES = {
    "README.md": b"# LAION-DISCO test\n",
    "data/train-00000.parquet": SHARD_0,
    "data/train-00001.parquet": SHARD_1,
    "extras/notes.txt": b"not wanted\n",
}


def hub_dataset(revision: str, *, repo: str = REPO_ID, files: list[str] | None = None,
                sha256: dict[str, str] | None = None, gated: bool = False) -> dict[str, Any]:
    return {
        "id": "laion", "name": "LAION-DISCO test", "homepage": "https://example.org",
        "license": "test", "sources": [{"path": "laion/data/*.parquet", "format": "parquet"}],
        "hub": {"repo": repo, "revision": revision, "files": files or ["data/*.parquet"],
                "into": "laion", "sha256": sha256 or {}, "gated": gated},
    }


def workspace(root: Path, endpoint: str, *datasets: dict[str, Any],
              fetch: dict[str, Any] | None = None) -> Path:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "datasets.yaml").write_text(yaml.safe_dump({"datasets": list(datasets)}))
    config = root / "config.yaml"
    config.write_text(yaml.safe_dump({"data_dir": "data",
                                      "fetch": {"hub_endpoint": endpoint, **(fetch or {})}}))
    return config


def fetch(config: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["fetch", "--config", str(config), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def state_of(root: Path) -> dict[str, Any]:
    path = root / "data" / ".fetch-state.json"
    files: dict[str, Any] = json.loads(path.read_text())["files"] if path.exists() else {}
    return files


def uri(path: str, repo: str = REPO_ID) -> str:
    return f"hf://datasets/{repo}/{path}"


# --- listing, downloading, verifying ------------------------------------------------------


def test_the_listed_files_are_downloaded_verified_recorded_and_then_left_alone(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(
        commit, sha256={"data/train-00000.parquet": sha256_of(SHARD_0)}))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "downloaded  laion/data/train-00000.parquet (293.0 KB)" in out
    assert "downloaded  laion/data/train-00001.parquet (195.3 KB)" in out
    assert "2 downloaded, 0 resumed, 0 unchanged, 0 need a manual step, 0 failed" in out
    data = tmp_path / "data" / "laion"
    assert (data / "data" / "train-00000.parquet").read_bytes() == SHARD_0
    assert (data / "data" / "train-00001.parquet").read_bytes() == SHARD_1
    assert not (data / "README.md").exists() and not (data / "extras").exists()
    assert sorted(p.name for p in (data / "data").iterdir()) == [
        "train-00000.parquet", "train-00001.parquet"]  # no .part or validator left
    recorded = state_of(tmp_path)[uri("data/train-00000.parquet")]
    assert recorded["path"] == "laion/data/train-00000.parquet"
    assert (recorded["revision"], recorded["size"]) == (commit, len(SHARD_0))
    assert recorded["sha256"] == recorded["etag"] == sha256_of(SHARD_0)
    # The bytes came from the CDN the Hub's HEAD named, asked once per file.
    assert len(hub.seen("cdn", "GET")) == 2
    assert len(hub.seen("hub", "HEAD")) == 2

    requests_before = len(hub.requests)
    code, out = fetch(config, capsys)
    assert code == 0, out
    assert "unchanged   laion/data/train-00000.parquet" in out
    assert "0 downloaded, 0 resumed, 2 unchanged" in out
    later = hub.requests[requests_before:]
    assert [r.server for r in later] == ["hub", "hub"]  # the revision and the listing only
    assert all(r.method == "GET" and r.path.startswith("/api/") for r in later)


def test_the_token_goes_to_the_hub_and_never_to_the_cdn(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    hub.tokens.add("hf_reader_token")
    monkeypatch.setenv("HF_TOKEN", "hf_reader_token")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert all(r.headers.get("Authorization") == "Bearer hf_reader_token"
               for r in hub.seen("hub"))
    assert hub.seen("cdn") and not any("Authorization" in r.headers for r in hub.seen("cdn"))


def test_a_listing_over_several_pages_is_followed_to_the_end(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    hub.page_size = 1
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "2 downloaded" in out
    assert any("cursor=" in r.path for r in hub.seen("hub", "GET"))


def test_the_pinned_revision_is_fetched_even_after_main_moves_on(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = hub.add_repo(REPO_ID, FILES)
    hub.push(REPO_ID, {**FILES, "data/train-00000.parquet": b"a newer shard"})
    config = workspace(tmp_path, hub.endpoint, hub_dataset(pinned))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert (tmp_path / "data/laion/data/train-00000.parquet").read_bytes() == SHARD_0


def test_a_branch_that_moved_brings_only_the_changed_file(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset("main"))
    assert fetch(config, capsys)[0] == 0
    newer = os.urandom(100_000)
    second = hub.push(REPO_ID, {**FILES, "data/train-00001.parquet": newer})
    cdn_before = len(hub.seen("cdn", "GET"))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "unchanged   laion/data/train-00000.parquet" in out
    assert "downloaded  laion/data/train-00001.parquet" in out
    assert (tmp_path / "data/laion/data/train-00001.parquet").read_bytes() == newer
    assert len(hub.seen("cdn", "GET")) == cdn_before + 1
    state = state_of(tmp_path)
    assert {state[uri(p)]["revision"] for p in ("data/train-00000.parquet",
                                                 "data/train-00001.parquet")} == {second}


def test_a_file_put_in_place_by_hand_with_the_listed_hash_is_adopted_not_downloaded(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/*-00000.*"]))
    placed = tmp_path / "data/laion/data/train-00000.parquet"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(SHARD_0)

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "unchanged   laion/data/train-00000.parquet" in out
    assert not hub.seen("cdn")
    assert state_of(tmp_path)[uri("data/train-00000.parquet")]["sha256"] == sha256_of(SHARD_0)


def test_force_downloads_again(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))
    assert fetch(config, capsys)[0] == 0

    code, out = fetch(config, capsys, "--force")

    assert code == 0, out
    assert "2 downloaded" in out and len(hub.seen("cdn", "GET")) == 4


# --- interrupted downloads ----------------------------------------------------------------


def test_a_download_cut_midway_resumes_with_a_range_request(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/*-00000.*"]))
    hub.cut_next(100_000)

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "resumed     laion/data/train-00000.parquet" in out
    first, second = hub.seen("cdn", "GET")
    assert "Range" not in first.headers
    assert (second.headers["Range"], second.status) == ("bytes=100000-", 206)
    assert (tmp_path / "data/laion/data/train-00000.parquet").read_bytes() == SHARD_0


def test_a_fetch_that_gave_up_midway_is_resumed_by_the_next_one(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/*-00000.*"]))
    attempts = download_module.DEFAULT_ATTEMPTS
    hub.cut_next(20_000, times=attempts)
    dest = tmp_path / "data/laion/data/train-00000.parquet"

    code, out = fetch(config, capsys)

    assert code == 1
    assert f"giving up after {attempts} attempts (the connection closed mid-transfer)" in out
    assert not dest.exists()
    part = dest.with_name(dest.name + ".part")
    assert part.read_bytes() == SHARD_0[:20_000 * attempts]
    gets_before = len(hub.seen("cdn", "GET"))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "resumed     laion/data/train-00000.parquet" in out
    assert hub.seen("cdn", "GET")[gets_before].headers["Range"] == f"bytes={20_000 * attempts}-"
    assert dest.read_bytes() == SHARD_0 and not part.exists()


def test_a_part_of_another_version_is_not_spliced_onto_the_new_one(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset("main", files=["data/*-00000.*"]))
    hub.cut_next(20_000, times=download_module.DEFAULT_ATTEMPTS)
    assert fetch(config, capsys)[0] == 1  # leaves a .part of the first version
    newer = os.urandom(250_000)
    hub.push(REPO_ID, {**FILES, "data/train-00000.parquet": newer})
    gets_before = len(hub.seen("cdn", "GET"))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "downloaded  laion/data/train-00000.parquet" in out
    assert "Range" not in hub.seen("cdn", "GET")[gets_before].headers
    assert (tmp_path / "data/laion/data/train-00000.parquet").read_bytes() == newer


# --- bad input: one line each, the previous files stay -------------------------------------


def previous_file(root: Path) -> Path:
    """A file fetched earlier, which no failure may touch."""
    path = root / "data/laion/data/train-00000.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"the previous version")
    return path


def failure_lines(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("failed")]


def test_a_gated_repo_without_a_token_says_where_to_ask_and_keeps_the_previous_file(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES, gated=True)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, gated=True))
    previous = previous_file(tmp_path)

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      laion/data/train-00000.parquet: {REPO_ID} is gated: request access at "
        f"{hub.endpoint}/datasets/{REPO_ID} and set HF_TOKEN to a token of the account that "
        "has it (1 more file not tried)"]
    assert previous.read_bytes() == b"the previous version"
    assert not hub.seen("cdn")
    assert "Traceback" not in out


def test_a_token_without_access_to_a_gated_repo_gets_the_same_sentence(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES, gated=True)
    hub.tokens.add("hf_no_access")
    monkeypatch.setenv("HF_TOKEN", "hf_no_access")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, gated=True))

    code, out = fetch(config, capsys)

    assert code == 1
    assert f"{REPO_ID} is gated: request access at" in out
    assert [r.status for r in hub.seen("hub", "HEAD")] == [403]


def test_a_gated_repo_is_fetched_once_the_token_has_access(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES, gated=True)
    hub.grant(REPO_ID, "hf_granted")
    monkeypatch.setenv("HF_TOKEN", "hf_granted")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, gated=True))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "2 downloaded" in out


def test_a_rejected_token_is_one_line_that_never_shows_the_token(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    monkeypatch.setenv("HF_TOKEN", "hf_secret_expired_token")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}@{commit}: the Hub at {hub.endpoint} rejected the "
        f"token (HTTP 401): renew HF_TOKEN at {hub.endpoint}/settings/tokens, or unset it for "
        "public datasets"]
    assert "hf_secret_expired_token" not in out


def test_a_withdrawn_repo_says_so_and_what_to_do_and_keeps_what_was_fetched(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))
    assert fetch(config, capsys)[0] == 0
    state_before = (tmp_path / "data/.fetch-state.json").read_bytes()
    hub.remove_repo(REPO_ID)

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}@{commit}: {REPO_ID} was not found on "
        f"{hub.endpoint} (HTTP 401): it may have been withdrawn, renamed or made private; "
        f"check {hub.endpoint}/datasets/{REPO_ID}, and if it is private to an account you "
        "have, set HF_TOKEN"]
    assert (tmp_path / "data/laion/data/train-00000.parquet").read_bytes() == SHARD_0
    assert (tmp_path / "data/.fetch-state.json").read_bytes() == state_before


def test_a_revision_that_no_longer_exists_names_the_manifest_key_to_change(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo(REPO_ID, FILES)
    gone = "0123456789abcdef0123456789abcdef01234567"
    config = workspace(tmp_path, hub.endpoint, hub_dataset(gone))

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}@{gone}: {REPO_ID} has no revision '{gone}' on "
        f"{hub.endpoint} (rewritten or deleted upstream?): set `hub.revision` in the manifest "
        f"to one listed at {hub.endpoint}/datasets/{REPO_ID}/commits/main"]


def test_a_rate_limited_hub_is_one_line_with_the_wait_it_asks_for(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))
    previous = previous_file(tmp_path)
    hub.rate_limited = True

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}@{commit}: the Hub at {hub.endpoint} is limiting "
        "requests (HTTP 429); it asks to wait 2 minutes; nothing was changed, try again later"]
    assert previous.read_bytes() == b"the previous version"


def test_an_unreachable_hub_is_one_line(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    closed = "http://127.0.0.1:9"  # the discard port: nothing listens there
    config = workspace(tmp_path, closed, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 1
    [line] = failure_lines(out)
    assert line.startswith(f"failed      hf://datasets/{REPO_ID}@{commit}: cannot reach the "
                           f"Hub at {closed} (network error: ")
    assert line.endswith("check the network, or fetch.hub_endpoint and HF_ENDPOINT")


def test_no_matching_file_is_one_line_that_shows_what_the_repo_holds(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["*.jsonl"]))

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}@{commit}: {REPO_ID}@{commit[:12]}: no file "
        "matches *.jsonl; it holds 4 files (e.g. README.md, data/train-00000.parquet, "
        "data/train-00001.parquet): fix `hub.files` in the manifest"]
    assert not (tmp_path / "data" / "laion").exists()


def test_a_pin_the_hubs_listing_contradicts_downloads_nothing(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    wrong = sha256_of(b"what the publisher once announced")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(
        commit, sha256={"data/train-00000.parquet": wrong}))
    previous = previous_file(tmp_path)

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        "failed      laion/data/train-00000.parquet: laion/data/train-00000.parquet: the Hub "
        f"lists SHA-256 {sha256_of(SHARD_0)} at {commit[:12]}, but the manifest pins {wrong}; "
        "nothing was downloaded (did the file change upstream? check it, then update "
        "`hub.sha256`)"]
    assert "downloaded  laion/data/train-00001.parquet" in out  # the other file is fine
    assert previous.read_bytes() == b"the previous version"
    assert all("train-00000" not in r.path for r in hub.seen("hub", "HEAD"))


def test_bytes_that_do_not_match_the_listed_hash_are_discarded_and_the_old_file_kept(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/*-00000.*"]))
    previous = previous_file(tmp_path)
    hub.corrupt = True

    code, out = fetch(config, capsys)

    assert code == 1
    [line] = failure_lines(out)
    assert line.startswith(f"failed      laion/data/train-00000.parquet: laion/data/"
                           f"train-00000.parquet: expected SHA-256 {sha256_of(SHARD_0)} (the "
                           "Hub's listing), found ")
    assert line.endswith("; the download was discarded and the existing file kept")
    assert previous.read_bytes() == b"the previous version"
    assert sorted(p.name for p in previous.parent.iterdir()) == ["train-00000.parquet"]
    assert uri("data/train-00000.parquet") not in state_of(tmp_path)


def test_a_pinned_file_the_repo_does_not_hold_fails_and_the_rest_is_fetched(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(
        commit, sha256={"data/train-00002.parquet": sha256_of(b"x")}))

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      hf://datasets/{REPO_ID}/data/train-00002.parquet: {REPO_ID}@{commit[:12]}: "
        "data/train-00002.parquet has a pinned SHA-256 in `hub.sha256` but is not among the "
        "files listed and matched by `hub.files`"]
    assert "2 downloaded" in out


# --- limits ---------------------------------------------------------------------------------


def test_a_file_larger_than_max_file_mb_is_refused_before_its_download(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = os.urandom(limits_module.MB + 1)
    commit = hub.add_repo(REPO_ID, {**FILES, "data/train-00000.parquet": big})
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit), fetch={"max_file_mb": 1})

    code, out = fetch(config, capsys)

    assert code == 1
    assert ("failed      laion/data/train-00000.parquet: laion/data/train-00000.parquet: the "
            "Hub lists 1.0 MB, more than the 1 MB limit (fetch.max_file_mb); nothing was "
            "downloaded") in out
    assert "downloaded  laion/data/train-00001.parquet" in out
    assert not any(sha256_of(big) in r.path for r in hub.seen("cdn"))


def test_a_file_larger_than_the_free_space_is_refused_before_writing(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/*-00000.*"]))

    class Usage:
        free = 1000

    monkeypatch.setattr(limits_module.shutil, "disk_usage", lambda folder: Usage())

    code, out = fetch(config, capsys)

    assert code == 1
    assert ("laion/data/train-00000.parquet needs 0.3 MB more on "
            f"{tmp_path / 'data/laion/data'}, but only 1,000 bytes is free; nothing more was "
            "downloaded") in out
    assert not hub.seen("cdn")


def test_a_slow_download_stops_at_the_deadline_and_the_next_fetch_resumes_it(
    hub: HubDouble, tmp_path: Path
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    spec = DatasetSpec.model_validate(hub_dataset(commit, files=["data/*-00000.*"]))
    data = tmp_path / "data"
    hub.pace = (10_000, 0.1)  # 300 KB in 3 s, against a deadline of 1 s

    [slow] = fetch_dataset(spec, data, limits=FetchLimits(10 * limits_module.MB, 1.0),
                           hub_endpoint=hub.endpoint).files

    assert slow.outcome is Outcome.FAILED
    assert slow.message.startswith("laion/data/train-00000.parquet: the download did not "
                                   "finish within 1 second (fetch.timeout_minutes); the ")
    assert slow.message.endswith(" received are kept for the next fetch to resume")
    part = data / "laion/data/train-00000.parquet.part"
    kept = part.stat().st_size
    assert 0 < kept < len(SHARD_0) and part.read_bytes() == SHARD_0[:kept]
    hub.pace = None

    [resumed] = fetch_dataset(spec, data, hub_endpoint=hub.endpoint).files

    assert resumed.outcome is Outcome.RESUMED
    assert hub.seen("cdn", "GET")[-1].headers["Range"] == f"bytes={kept}-"
    assert (data / "laion/data/train-00000.parquet").read_bytes() == SHARD_0


def test_a_listed_file_the_hub_cannot_resolve_fails_alone(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    hub.unresolvable.add("data/train-00000.parquet")
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 1
    assert failure_lines(out) == [
        f"failed      laion/data/train-00000.parquet: {REPO_ID}@{commit[:12]}: "
        "data/train-00000.parquet is not in the repo; check `hub.files` and `hub.sha256` "
        f"against {hub.endpoint}/datasets/{REPO_ID}"]
    assert "downloaded  laion/data/train-00001.parquet" in out


def test_the_client_asks_only_the_configured_hub_never_its_default_one(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With telemetry on, the client's user agent fetches a list of AI agents from its
    default endpoint (huggingface.co). Here the default is the double, as if HF_ENDPOINT had
    named it when the client was imported, and no such request comes."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "ENDPOINT", hub.endpoint)
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE",
                        hub.endpoint + "/{repo_id}/resolve/{revision}/{filename}")
    monkeypatch.setenv("AI_AGENT", "some-agent")  # what makes the client look the agent up
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert not [r.path for r in hub.requests if "agent" in r.path]


def test_without_fetch_hub_endpoint_the_hub_is_the_one_hf_endpoint_names(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit))
    config.write_text("data_dir: data\n")  # no fetch.hub_endpoint
    monkeypatch.setenv("HF_ENDPOINT", hub.endpoint + "/")

    code, out = fetch(config, capsys)

    assert code == 0, out
    assert "2 downloaded" in out


def test_a_hub_endpoint_that_is_not_a_web_url_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = workspace(tmp_path, "ftp://mirror.example", hub_dataset("main"))

    code, out = fetch(config, capsys)

    assert code == 2
    assert [line for line in out.splitlines() if line.startswith("error:")] == [
        f"error: {config}: fetch.hub_endpoint: string should match pattern "
        "'^https?://\\S+$', found 'ftp://mirror.example'"]
