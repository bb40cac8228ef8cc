"""Builds that read files in worker processes give the very same index as builds that don't,
and a worker's failure is reported, never hidden."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from bot.config import load_config
from bot.datasets.formats import parts
from bot.datasets.manifest import load_manifest
from bot.devtools.synth import write_corpus
from bot.errors import BuildError
from bot.index.builder import BuildProgress, build_index
from bot.index.reader import IndexReader

# Every table the search and the diffs read, ordered so that equal indexes dump equal.
TABLES = {
    "tracks": "SELECT * FROM tracks ORDER BY id",
    "artists": "SELECT id, norm, name, tracks, rank FROM artists ORDER BY id",
    "titles": "SELECT id, norm, name, tracks, rank FROM titles ORDER BY id",
    "artist_tracks": "SELECT * FROM artist_tracks ORDER BY track_id, artist_id",
    "songs": "SELECT * FROM songs ORDER BY title_id, artist_id",
    "artist_grams": "SELECT * FROM artist_grams ORDER BY gram",
    "title_grams": "SELECT * FROM title_grams ORDER BY gram",
    "track_keys": "SELECT * FROM track_keys ORDER BY dataset",
    "datasets": "SELECT id, tracks, artists, skipped, fingerprint FROM datasets ORDER BY idx",
}


def dump(index: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(index)
    try:
        return {table: conn.execute(sql).fetchall() for table, sql in TABLES.items()}
    finally:
        conn.close()


def corpus_config(root: Path, index_name: str) -> Path:
    config = root / f"{index_name}.yaml"
    config.write_text(yaml.safe_dump({
        "data_dir": str(root / "corpus"), "index": {"path": str(root / index_name)},
    }))
    return config


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workers")
    write_corpus(root / "corpus", 6_000, ["all"], seed=3, malformed=0.02)
    # Small row groups, so that the parquet files split into parts as large ones do.
    for path in (root / "corpus").glob("**/*.parquet"):
        pq.write_table(pq.read_table(path), path, row_group_size=300)
    return root


@pytest.fixture(autouse=True)
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts are planned in the build process: small ones make every big file split here."""
    monkeypatch.setattr(parts, "PART_ROWS", 500)
    monkeypatch.setattr(parts, "PART_BYTES", 16_384)


def build(config_path: Path, workers: int, progress: BuildProgress | None = None) -> None:
    config = load_config(config_path)
    build_index(config, load_manifest(config.manifest_path), progress, workers=workers)


def test_workers_build_the_same_index_as_a_single_process(corpus: Path) -> None:
    split = [f for f in (corpus / "corpus").glob("**/*.*")
             if (f.suffix == ".parquet" and parts.parquet_parts(f))
             or (f.suffix == ".jsonl" and parts.jsonl_parts(f))]
    assert {f.suffix for f in split} == {".parquet", ".jsonl"}
    build(corpus_config(corpus, "serial.sqlite"), workers=0)
    build(corpus_config(corpus, "parallel.sqlite"), workers=2)
    serial, parallel = dump(corpus / "serial.sqlite"), dump(corpus / "parallel.sqlite")
    assert len(serial["tracks"]) > 5_000 and len(serial["datasets"]) == 6
    assert all(row[3] for row in serial["datasets"])  # malformed rows were skipped and counted
    for table in TABLES:
        assert parallel[table] == serial[table], table


def test_a_broken_file_fails_its_dataset_and_the_next_dataset_is_intact(corpus: Path) -> None:
    data = corpus / "corpus"
    (laion,) = data.glob("laion-disco-12m/**/*.parquet")
    shards = data / "shards"
    shards.mkdir()
    for name in ("a", "c"):
        (shards / f"{name}.parquet").write_bytes(laion.read_bytes())
    (shards / "b.parquet").write_bytes(laion.read_bytes()[: laion.stat().st_size // 2])
    entries = yaml.safe_load((data / "datasets.yaml").read_text())["datasets"]
    sleeping = next(e for e in entries if e["id"] == "synth-sleeping-disco")
    broken = {**entries[0], "id": "shards", "sources": [
        {"path": "shards/*.parquet", "format": "laion-disco"}]}
    (corpus / "broken.yaml").write_text(yaml.safe_dump({"datasets": [broken, sleeping]}))
    for name, workers in (("serial-broken.sqlite", 0), ("parallel-broken.sqlite", 2)):
        config_path = corpus_config(corpus, name)
        settings = yaml.safe_load(config_path.read_text())
        settings["manifest"] = str(corpus / "broken.yaml")
        config_path.write_text(yaml.safe_dump(settings))
        config = load_config(config_path)
        report = build_index(config, load_manifest(config.manifest_path), workers=workers,
                             allow_partial=True)
        statuses = {d.id: (d.status, d.error or "") for d in report.datasets}
        assert statuses["shards"][0] == "failed"
        assert statuses["shards"][1].startswith("b.parquet: not a readable parquet file")
        assert statuses["synth-sleeping-disco"][0] == "built"
    serial = dump(corpus / "serial-broken.sqlite")
    parallel = dump(corpus / "parallel-broken.sqlite")
    assert len(serial["tracks"]) > 1_000
    for table in TABLES:
        assert parallel[table] == serial[table], table


class KillAReader(BuildProgress):
    """Kills one reader process with SIGKILL once rows start arriving."""

    def advance(self, rows: int) -> None:
        for child in multiprocessing.active_children():
            if child.name == "index-reader" and child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
                child.join()
                return


def test_a_killed_reader_fails_the_build_and_the_old_index_serves(corpus: Path) -> None:
    config_path = corpus_config(corpus, "killed.sqlite")
    build(config_path, workers=0)
    before = IndexReader(corpus / "killed.sqlite").built_at
    with pytest.raises(BuildError, match="reader process stopped unexpectedly"):
        build(config_path, workers=2, progress=KillAReader())
    assert IndexReader(corpus / "killed.sqlite").built_at == before
    assert not list(corpus.glob(".killed.sqlite.building-*"))
    assert not [c for c in multiprocessing.active_children() if c.name == "index-reader"]


class KillStalledReaders(BuildProgress):
    """Stalls the build until every reader has filled its pipe, then kills them all.

    Each reader's pipe then ends halfway through a batch: the build must see the end of the
    pipe rather than wait for the rest of the batch.
    """

    def advance(self, rows: int) -> None:
        time.sleep(1.5)
        for child in multiprocessing.active_children():
            if child.name == "index-reader" and child.pid is not None:
                os.kill(child.pid, signal.SIGKILL)
                child.join()


def test_readers_killed_halfway_through_a_batch_fail_the_build(corpus: Path) -> None:
    config_path = corpus_config(corpus, "halfway.sqlite")
    failures: list[BaseException] = []

    def run() -> None:
        try:
            build(config_path, workers=2, progress=KillStalledReaders())
        except BaseException as exc:  # handed to the test's thread
            failures.append(exc)

    builder = threading.Thread(target=run, daemon=True)
    builder.start()
    builder.join(timeout=120)  # a liveness bound, not a speed check: the old code waited forever
    assert not builder.is_alive(), "the build waits for a reader that is gone"
    assert len(failures) == 1 and isinstance(failures[0], BuildError)
    assert "reader process stopped unexpectedly" in str(failures[0])
    assert not list(corpus.glob(".halfway.sqlite.building-*"))


ORPHAN_SCRIPT = """
import sys, time
from pathlib import Path
from bot.config import load_config
from bot.datasets.manifest import load_manifest
from bot.index.builder import BuildProgress, build_index
import multiprocessing

class Stall(BuildProgress):
    def advance(self, rows):
        print(" ".join(str(c.pid) for c in multiprocessing.active_children()
                       if c.name == "index-reader"), flush=True)
        time.sleep(600)  # the readers fill their queues and wait

if __name__ == "__main__":
    config = load_config(Path(sys.argv[1]))
    build_index(config, load_manifest(config.manifest_path), Stall(), workers=2)
"""


def test_readers_exit_when_the_build_is_killed(corpus: Path, tmp_path: Path) -> None:
    script = tmp_path / "stall.py"
    script.write_text(ORPHAN_SCRIPT)
    build = subprocess.Popen([sys.executable, str(script), str(corpus_config(corpus, "k.sqlite"))],
                             stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    readers = [int(pid) for pid in build.stdout.readline().split()]
    assert len(readers) == 2 and all(_alive(pid) for pid in readers)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in readers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in readers if _alive(pid)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}").exists() \
        else "X"
    return status not in ("Z", "X")  # a zombie has exited; only its parent's wait is missing
