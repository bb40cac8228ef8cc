"""The disk fills up during an index build: one clear sentence, and the old index serves.

A full disk is simulated honestly in a child process: RLIMIT_FSIZE caps the size of any file
it writes and SIGXFSZ is ignored, so a write past the cap fails with EFBIG, as a write to a
full disk fails with ENOSPC. The serving index is never written by a build, so the cap
only hits the new one.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO
from helpers.workspace import Workspace, dataset_entry

from bot.errors import BuildError
from bot.index.atomic import replacement_for

COLUMNS = {"title": "title", "artists": "artist", "url": "url", "id": "id"}

BUILD_UNDER_A_SIZE_CAP = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write is an error, not a kill
cap = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
from bot.cli import main
sys.exit(main(["index", "build", "--config", sys.argv[2]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX resource limits")
def test_disk_full_during_a_build_fails_cleanly_and_the_old_index_serves(
    workspace: Workspace,
) -> None:
    workspace.write("songs/a.csv", "title,artist,url,id\nCreep,Radiohead,https://e.org/1,1\n")
    workspace.write_manifest([
        dataset_entry("songs", [{"path": "songs/*.csv", "format": "csv", "columns": COLUMNS}])
    ])
    workspace.build()
    before = workspace.index_path.read_bytes()
    rows = [f"Song {i},Artist {i % 150},https://e.org/s{i},s{i}" for i in range(1500)]
    workspace.write("songs/b.csv", "title,artist,url,id\n" + "\n".join(rows) + "\n")

    cap = len(before)  # the new index, 1,500 tracks more, cannot fit
    build = subprocess.run(
        [sys.executable, "-c", BUILD_UNDER_A_SIZE_CAP, str(cap), str(workspace.config_path)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )

    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr and build.stdout == ""
    errors = [line for line in build.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: build failed: could not write the new index in {workspace.index_path.parent} "
        "(a write to the disk failed: is it full?); the previous index keeps serving"
    ]
    assert build.stderr.endswith(errors[0] + "\n")  # the last word is the sentence
    # Nothing of the failed build is left: no temporary index, journal or postings spill.
    left = sorted(p.name for p in workspace.index_path.parent.iterdir())
    assert left == [".index.sqlite.lock", "index.sqlite"]
    assert workspace.index_path.read_bytes() == before
    searcher = workspace.searcher()
    assert searcher.lookup_artist("radiohead").matches[0].total_tracks == 1
    assert not searcher.lookup_artist("artist 7").found
    # The build lock went with the failed build: the next one, with room, runs and swaps.
    report = workspace.build()
    assert report.tracks == 1501
    assert workspace.searcher().lookup_artist("artist 7").matches[0].total_tracks == 10


def test_sqlite_reporting_a_full_database_is_the_same_sentence(tmp_path: Path) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), reached through max_page_count."""
    target = tmp_path / "index.sqlite"
    target.write_bytes(b"the serving index")
    with pytest.raises(BuildError) as error, replacement_for(target) as temp:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("CREATE TABLE t(x)")
            conn.execute("PRAGMA max_page_count = 3")
            conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
        finally:
            conn.close()
    assert str(error.value) == (
        f"could not write the new index in {tmp_path} (the disk is full); "
        "the previous index keeps serving"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.sqlite"]
    assert target.read_bytes() == b"the serving index"


@pytest.mark.parametrize(("code", "reason"), [
    (errno.ENOSPC, "no space left on the disk"),
    (errno.EDQUOT, "disk quota exceeded"),
    (errno.EFBIG, "file size limit reached"),
])
def test_a_full_disk_seen_as_an_os_error(tmp_path: Path, code: int, reason: str) -> None:
    """Postings spill files and the final fsync see the OSError itself."""
    target = tmp_path / "index.sqlite"
    with pytest.raises(BuildError, match=rf"^could not write the new index in .* \({reason}\)$"), \
            replacement_for(target) as temp:
        temp.write_bytes(b"half an index")
        raise OSError(code, "simulated")
    assert list(tmp_path.iterdir()) == []  # nothing served yet, nothing left
