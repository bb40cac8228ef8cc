"""`trainedon updates check` for Hub datasets, and probes that stay HEADs across redirects.

A Hub file's version is its own: the first hop of a HEAD on its resolve URL (X-Linked-Etag,
X-Linked-Size, X-Repo-Commit), never the CDN's last hop, and never a download. Every problem
a fetch would meet is one line. The Hub is tests/helpers/hub_double.py; the plain redirecting
server is tests/helpers/http_mirror.py. Nothing reaches the internet.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.http_mirror import Mirror
from helpers.hub_double import (
    HubDouble,
    sha256_of,
)

from bot.cli import main
from bot.datasets.manifest import DatasetSpec
from bot.fetch import FetchError, check_sources, fetch_dataset, remote_changes
from bot.fetch.transport import probe

pytestmark = pytest.mark.usefixtures("restore_root_logging")

REPO_ID = "disco-org/sleeping-disco-test"
SHARD = os.urandom(120_000)
FILES = {"README.md": b"# card\n", "data/part-0.jsonl": SHARD, "data/part-1.jsonl": b"{}\n"}
SERVED = {"target.bin": os.urandom(50_000)}  # by the plain mirror (the `served` fixture)


def hub_dataset(revision: str, *, files: list[str] | None = None,
                sha256: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "id": "sleeping", "name": "Sleeping test", "homepage": "https://example.org",
        "license": "test", "sources": [{"path": "sleeping/data/*.jsonl", "format": "jsonl"}],
        "hub": {"repo": REPO_ID, "revision": revision, "files": files or ["data/*.jsonl"],
                "into": "sleeping", "sha256": sha256 or {}},
    }


def workspace(root: Path, endpoint: str, dataset: dict[str, Any]) -> Path:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "datasets.yaml").write_text(yaml.safe_dump({"datasets": [dataset]}))
    config = root / "config.yaml"
    config.write_text(yaml.safe_dump({"data_dir": "data", "fetch": {"hub_endpoint": endpoint}}))
    return config


def check(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`updates check --dry-run`: its exit status and its lines."""
    code = main(["updates", "check", "--dry-run", "--config", str(config)])
    return code, capsys.readouterr().out.splitlines()


def fetched(root: Path, hub: HubDouble, dataset: dict[str, Any]) -> None:
    result = fetch_dataset(DatasetSpec.model_validate(dataset), root / "data",
                           hub_endpoint=hub.endpoint)
    assert result.ok, result.files


# --- versions ---------------------------------------------------------------------------------


def test_an_unchanged_dataset_is_asked_with_heads_on_the_hub_and_nothing_from_the_cdn(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo(REPO_ID, FILES)
    dataset = hub_dataset("main")
    config = workspace(tmp_path, hub.endpoint, dataset)
    fetched(tmp_path, hub, dataset)
    before = len(hub.requests)

    assert check(config, capsys) == (0, ["sleeping: unchanged"])

    asked = hub.requests[before:]
    assert {r.server for r in asked} == {"hub"}
    assert sorted(r.path.split("?")[0].rsplit("/", 1)[-1] for r in asked
                  if r.method == "HEAD") == ["part-0.jsonl", "part-1.jsonl"]
    assert all(r.method in ("GET", "HEAD") and (r.method == "HEAD" or r.path.startswith("/api/"))
               for r in asked)  # no body was asked for


def test_a_changed_file_is_reported_by_its_own_etag(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.add_repo(REPO_ID, FILES)
    dataset = hub_dataset("main")
    config = workspace(tmp_path, hub.endpoint, dataset)
    fetched(tmp_path, hub, dataset)
    newer = os.urandom(1000)
    hub.push(REPO_ID, {**FILES, "data/part-0.jsonl": newer})

    code, lines = check(config, capsys)

    assert code == 0
    assert lines == ["sleeping: changed",
                     f"  sleeping/data/part-0.jsonl: ETag {sha256_of(SHARD)} → {sha256_of(newer)}"]


def test_files_never_fetched_are_reported_as_such(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    config = workspace(tmp_path, hub.endpoint, hub_dataset(commit, files=["data/part-0.*"]))

    assert check(config, capsys) == (0, [
        "sleeping: changed",
        f"  sleeping/data/part-0.jsonl: not fetched yet (source: {sha256_of(SHARD)})"])


def test_a_pinned_commit_behind_the_default_branch_is_a_note_not_a_change(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pinned = hub.add_repo(REPO_ID, FILES)
    dataset = hub_dataset(pinned)
    config = workspace(tmp_path, hub.endpoint, dataset)
    fetched(tmp_path, hub, dataset)
    head = hub.push(REPO_ID, {**FILES, "data/part-0.jsonl": b"newer"})

    assert check(config, capsys) == (0, [
        "sleeping: unchanged",
        f"  note: {REPO_ID}: the default branch is at {head[:12]}, past the pinned "
        f"{pinned[:12]}; to follow it, review the new revision, then update `hub.revision` "
        "(and `hub.sha256`) in the manifest"])
    assert remote_changes(DatasetSpec.model_validate(dataset), tmp_path / "data",
                          hub_endpoint=hub.endpoint) == []  # the bot fetches nothing


# --- problems: one line each --------------------------------------------------------------


def test_each_problem_of_a_hub_source_is_one_line_and_fails_the_check(
    hub: HubDouble, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)
    page = f"{hub.endpoint}/datasets/{REPO_ID}"

    def problem(dataset: dict[str, Any]) -> str:
        """The one line that says what is wrong: an error, or a problem under the changes."""
        code, lines = check(workspace(tmp_path, hub.endpoint, dataset), capsys)
        assert code == 1
        [line] = [line for line in lines if line.startswith(("  problem: ", "sleeping: error: "))]
        return line

    assert problem(hub_dataset(commit, files=["*.parquet"])) == (
        f"  problem: {REPO_ID}@{commit[:12]}: no file matches *.parquet (3 listed); fix "
        "`hub.files` in the manifest")
    wrong = sha256_of(b"announced")
    assert problem(hub_dataset(commit, sha256={"data/part-0.jsonl": wrong})) == (
        f"  problem: sleeping/data/part-0.jsonl: the Hub gives SHA-256 {sha256_of(SHARD)} at "
        f"{commit[:12]}, but the manifest pins {wrong}")
    gone = "f" * 40
    assert problem(hub_dataset(gone)) == (
        f"sleeping: error: {REPO_ID} has no revision '{gone}' on {hub.endpoint} (rewritten or "
        f"deleted upstream?): set `hub.revision` in the manifest to one listed at {page}"
        "/commits/main")

    hub.repos[REPO_ID].gated = True
    assert problem(hub_dataset(commit)) == (
        f"sleeping: error: {REPO_ID} is gated: request access at {page} and set HF_TOKEN to a "
        "token of the account that has it")
    monkeypatch.setenv("HF_TOKEN", "hf_unknown_secret")
    line = problem(hub_dataset(commit))
    assert line == (f"sleeping: error: the Hub at {hub.endpoint} rejected the token (HTTP 401): "
                    f"renew HF_TOKEN at {hub.endpoint}/settings/tokens, or unset it for public "
                    "datasets")
    monkeypatch.delenv("HF_TOKEN")

    hub.rate_limited = True
    assert problem(hub_dataset(commit)) == (
        f"sleeping: error: the Hub at {hub.endpoint} is limiting requests (HTTP 429); it asks "
        "to wait 2 minutes; nothing was changed, try again later")
    hub.rate_limited = False

    hub.remove_repo(REPO_ID)
    assert problem(hub_dataset(commit)) == (
        f"sleeping: error: {REPO_ID} was not found on {hub.endpoint} (HTTP 401): it may have "
        f"been withdrawn, renamed or made private; check {page}, and if it is private to an "
        "account you have, set HF_TOKEN")


def test_the_bots_update_check_gets_the_problem_as_one_fetch_error(
    hub: HubDouble, tmp_path: Path
) -> None:
    commit = hub.add_repo(REPO_ID, FILES, gated=True)
    spec = DatasetSpec.model_validate(hub_dataset(commit))

    with pytest.raises(FetchError, match=rf"^{REPO_ID} is gated: request access at "):
        remote_changes(spec, tmp_path, hub_endpoint=hub.endpoint)

    wrong = {"data/part-0.jsonl": sha256_of(b"a"), "data/part-1.jsonl": sha256_of(b"b")}
    hub.repos[REPO_ID].gated = False
    spec = DatasetSpec.model_validate(hub_dataset(commit, sha256=wrong))
    assert len(check_sources(spec, tmp_path, hub_endpoint=hub.endpoint).problems) == 2
    with pytest.raises(FetchError, match=r"but the manifest pins [0-9a-f]{64} \(and 1 more\)$"):
        remote_changes(spec, tmp_path, hub_endpoint=hub.endpoint)


# --- probes of plain URLs: a HEAD stays a HEAD ---------------------------------------------


def test_a_probe_follows_a_redirect_with_heads_only(server: Mirror) -> None:
    server.redirects["moved.bin"] = (302, server.url("target.bin"))

    remote = probe(server.url("moved.bin"))

    assert [(r.method, r.path) for r in server.requests] == [
        ("HEAD", "/moved.bin"), ("HEAD", "/target.bin")]
    assert remote.etag == server.etag("target.bin")
    assert remote.total_size == len(SERVED["target.bin"])


@pytest.mark.parametrize("status", [301, 303, 307, 308])
def test_every_kind_of_redirect_keeps_the_head(server: Mirror, status: int) -> None:
    server.redirects["moved.bin"] = (status, server.url("target.bin"))

    probe(server.url("moved.bin"))

    assert [r.method for r in server.requests] == ["HEAD", "HEAD"]


def test_a_probe_of_a_hub_url_reads_the_first_hop_and_opens_no_download(
    hub: HubDouble,
) -> None:
    commit = hub.add_repo(REPO_ID, FILES)

    remote = probe(f"{hub.endpoint}/datasets/{REPO_ID}/resolve/main/data/part-0.jsonl")

    assert [(r.server, r.method) for r in hub.requests] == [("hub", "HEAD"), ("cdn", "HEAD")]
    assert remote.revision == commit  # X-Repo-Commit, from the Hub's own hop
    assert remote.total_size == len(SHARD)
