"""What a hostile or unlucky input can cost: the token in output, YAML bombs, endless catalogs.

Whatever may take unbounded time or memory is run through the real CLI in a child process
whose address space is capped (RLIMIT_AS) and which is given a timeout, so a regression fails
with a MemoryError or a timeout instead of taking the machine down. No timings are asserted.
"""

from __future__ import annotations

import io
import itertools
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from discord_double import AttachmentSpec, is_deferred
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

from bot.config import load_config
from bot.datasets.manifest import load_manifest
from bot.discordbot.runner import RedactToken
from bot.errors import ConfigError, ManifestError
from bot.yamlfile import MAX_YAML_VALUES

MEMORY_CAP = 1024**3  # the CLI needs about 100 MB; a billion laughs needs several GB
TIMEOUT = 120


def trainedon(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGV` with its memory capped; a hang is a TimeoutExpired."""
    start = (
        "import resource, runpy, sys; "
        f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP})); "
        f"sys.argv = ['trainedon', *{list(argv)!r}]; "
        "runpy.run_module('bot', run_name='__main__', alter_sys=True)"
    )
    env = {k: v for k, v in os.environ.items() if k != "TRAINEDON_CONFIG"}
    return subprocess.run([sys.executable, "-c", start], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line on stderr of a refused command (exit 2, nothing on stdout)."""
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("error: ") and "Traceback" not in lines[0]
    return lines[0]


# -- the token ----------------------------------------------------------------------------------

TOKEN = "MTExMTExMTExMTExMTExMTEx.GqX7vT.Zr8-kQw3LmN0pV5sXa2Hd9JyUeT4cBfGoIv1"
USER_PART, _, SECRET = TOKEN.split(".")


def logged_through(redact: RedactToken, emit: object) -> str:
    """What a handler carrying the filter printed while `emit` logged."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(redact)
    logger = logging.Logger("redaction")  # outside the logger tree: no other handler sees it
    logger.addHandler(handler)
    assert callable(emit)
    emit(logger)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("case", "emit"),
    [
        ("whole token in the message", lambda log: log.warning(f"Bot {TOKEN} refused")),
        ("secret part in an argument", lambda log: log.warning("signature %s", SECRET)),
        ("user part in an argument", lambda log: log.warning("id %r", USER_PART)),
        ("percent-encoded in a URL", lambda log: log.warning("GET /?t=%s", quote(TOKEN, ""))),
        # logging would print the message and its arguments as they are
        ("bad format string", lambda log: log.warning("%d tokens", TOKEN)),
    ],
)
def test_every_form_of_the_token_is_redacted_wherever_a_record_carries_it(
    case: str, emit: object,
) -> None:
    text = logged_through(RedactToken(TOKEN), emit)
    assert TOKEN not in text and SECRET not in text and USER_PART not in text, text
    assert "[token]" in text


def test_the_token_is_redacted_from_a_records_stack() -> None:
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "here", None, None,
                               sinfo=f'Stack:\n  headers = {{"Authorization": "Bot {TOKEN}"}}')
    RedactToken(TOKEN).filter(record)
    assert record.stack_info == 'Stack:\n  headers = {"Authorization": "Bot [token]"}'


def test_the_token_is_redacted_from_a_traceback_chained_or_not() -> None:
    def emit(log: logging.Logger) -> None:
        try:
            try:
                raise ValueError(f"echoed {SECRET}")
            except ValueError as exc:
                raise RuntimeError(f"Authorization: Bot {TOKEN}") from exc
        except RuntimeError:
            log.exception("crashed")

    text = logged_through(RedactToken(TOKEN), emit)
    assert "Traceback" in text and "RuntimeError: Authorization: Bot [token]" in text
    assert TOKEN not in text and SECRET not in text


def test_a_token_without_parts_is_redacted_whole_and_short_parts_are_left() -> None:
    text = logged_through(RedactToken("double-token"), lambda log: log.warning("double-token x"))
    assert text == "[token] x\n"
    # The six-character timestamp is no secret alone, and would match ordinary text.
    assert "GqX7vT" in logged_through(RedactToken(TOKEN), lambda log: log.warning("GqX7vT"))


# -- YAML bombs ---------------------------------------------------------------------------------


def laughs(levels: int = 10, width: int = 10) -> list[str]:
    """The anchored values of a billion laughs: each level is `width` aliases of the one before."""
    names = [f"l{i}" for i in range(levels)]
    lines = [f"&{names[0]} [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"&{name} [" + ", ".join([f"*{prev}"] * width) + "]"
              for prev, name in itertools.pairwise(names)]
    return lines


def laughs_as_keys() -> str:
    return "".join(f"k{i}: {value}\n" for i, value in enumerate(laughs()))


BOMBS = {
    # The classic: every level a top-level key (unknown keys, refused before they are walked).
    "top-level-keys": laughs_as_keys(),
    # Under a key whose value is shown in the error: repr() walked the billion values.
    "under-data_dir": "data_dir: [" + ", ".join(laughs()) + "]\n",
    # Under a key pydantic validates element by element.
    "under-a-list-key": "index: {datasets: [" + ", ".join(laughs()) + "]}\n",
}
EXPANDS = f"expands to more than {MAX_YAML_VALUES:,} values (YAML aliases?)"


@pytest.mark.parametrize("bomb", BOMBS.values(), ids=BOMBS.keys())
def test_a_billion_laughs_config_is_refused_in_one_line(tmp_path: Path, bomb: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb)
    line = one_error_line(trainedon("index", "stats", "--config", str(path), cwd=tmp_path))
    assert line == f"error: {path}: the document {EXPANDS}"


def test_a_billion_laughs_manifest_is_refused_in_one_line(tmp_path: Path) -> None:
    manifest = tmp_path / "datasets.yaml"
    manifest.write_text(laughs_as_keys() + "datasets: *l9\n")
    config = tmp_path / "config.yaml"
    config.write_text(f"manifest: {manifest.name}\n")
    line = one_error_line(trainedon("index", "build", "--config", str(config), cwd=tmp_path))
    assert line == f"error: {manifest}: the document {EXPANDS}"


def test_anchors_and_aliases_used_sparingly_still_work(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("discord:\n  test_guild_ids: &ids [1, 2]\n  moderator_role_ids: *ids\n"
                      "catalog: &limits {max_rows: 10}\n")
    assert load_config(config).discord.moderator_role_ids == [1, 2]
    manifest = tmp_path / "datasets.yaml"
    source = "{path: a.csv, format: csv, columns: &cols {title: t, artists: a}}"
    manifest.write_text(
        f"datasets:\n- {{id: a, name: A, homepage: h, license: l, sources: [{source}]}}\n"
        "- {id: b, name: B, homepage: h, license: l, "
        "sources: [{path: b.csv, format: csv, columns: *cols}]}\n"
    )
    assert load_manifest(manifest).datasets[1].sources[0].columns == {"title": "t", "artists": "a"}


def alias_chain(length: int) -> str:
    """Each anchor one list deeper than the one before: shallow as written, deep once expanded."""
    return "data_dir:\n" + "".join(
        f"  - &c{i} [{f'*c{i - 1}' if i else 'x'}]\n" for i in range(length)
    )


NEIGHBOURS = {
    "nested-100k-deep": ("data_dir: " + "[" * 100_000 + "]" * 100_000 + "\n",
                         "the document is nested more than 64 levels deep"),
    "nested-65-deep": ("data_dir: " + "[" * 65 + "]" * 65 + "\n",
                       "the document is nested more than 64 levels deep"),
    "alias-chain-200-deep": (alias_chain(200), "the document is nested more than 64 levels deep"),
    "alias-inside-its-anchor": ("data_dir: &a [*a]\n", "the document contains itself"),
    "100k-values-flat": ("index: {datasets: [" + "x, " * 100_001 + "]}\n", EXPANDS),
    "2-MB-scalar": ("data_dir: " + "x" * 2_000_000 + "\n",
                    "larger than 1 MB, too large for a "),
    "5000-digit-number": ("search: {max_matches: " + "9" * 5000 + "}\n",
                          "not valid YAML: Exceeds the limit (4300 digits)"),
    "impossible-date": ("data_dir: 2024-02-30\n", "not valid YAML: day is out of range"),
}


@pytest.mark.parametrize(("text", "expected"), NEIGHBOURS.values(), ids=NEIGHBOURS.keys())
def test_settings_files_past_sane_bounds_are_one_line(
    tmp_path: Path, text: str, expected: str,
) -> None:
    config, manifest = tmp_path / "config.yaml", tmp_path / "datasets.yaml"
    config.write_text(text)
    manifest.write_text(text)
    for load, path, error in ((load_config, config, ConfigError),
                              (load_manifest, manifest, ManifestError)):
        with pytest.raises(error) as raised:
            load(path)
        message = str(raised.value)
        assert message.startswith(f"{path}: ") and "\n" not in message
        assert expected in message


def test_a_large_scalar_within_the_size_limit_is_read_and_shown_short(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("search: {min_score: " + "x" * 900_000 + "}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    message = str(raised.value)
    assert message.startswith(f"{config}: search.min_score: expected a valid number")
    assert message.endswith("found 'xxxxxxxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxxxxxxx'")
    assert len(message) < len(str(config)) + 150


def test_a_device_as_config_file_is_refused_in_one_line(tmp_path: Path) -> None:
    line = one_error_line(trainedon("index", "stats", "--config", "/dev/zero", cwd=tmp_path))
    assert line == "error: /dev/zero: larger than 1 MB, too large for a config file"


# -- catalogs that do not end -------------------------------------------------------------------

SONGS = "title,artist,album,url,id\nCreep,Radiohead,Pablo Honey,https://example.org/2,2\n"
SMALL_CATALOG = b"Artist,Title\nRadiohead,Creep\nNobody,Absent Song\n"
TOO_LARGE = "is larger than the 8 MB limit: split it into smaller files."


@pytest.fixture
def built(workspace: Workspace) -> Workspace:
    workspace.write_manifest([workspace.write_songs("real", "songs.csv", SONGS)])
    workspace.build()
    return workspace


def padded_catalog(total: int) -> Iterator[bytes]:
    """A valid catalog followed by blank lines (which are skipped) up to `total` bytes."""
    yield SMALL_CATALOG
    line = b" " * 1023 + b"\n"
    for _ in range(total // len(line) + 1):
        yield line


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.csv"
    os.mkfifo(path)
    return path


def feed(path: Path, chunks: Iterator[bytes]) -> threading.Thread:
    """Write `chunks` into the FIFO from a thread, stopping when the reader goes away."""
    def write() -> None:
        try:
            with path.open("wb") as pipe:
                for chunk in chunks:
                    pipe.write(chunk)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)  # daemon: never holds pytest up
    writer.start()
    return writer


def test_check_catalog_refuses_an_endless_device_in_one_line(built: Workspace) -> None:
    result = trainedon("check", "catalog", "/dev/zero", "--config", str(built.config_path),
                       cwd=built.root)
    assert one_error_line(result) == f"error: /dev/zero {TOO_LARGE}"


def test_check_catalog_refuses_a_large_file_from_its_size(built: Workspace) -> None:
    big = built.root / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: refused from its size, never read
    result = trainedon("check", "catalog", str(big), "--config", str(built.config_path),
                       cwd=built.root)
    assert one_error_line(result) == (f"error: {big} is 9.0 MB; the limit is 8 MB: "
                                      "split it into smaller files.")


def test_check_catalog_refuses_a_fifo_fed_past_the_limit_in_one_line(
    built: Workspace, fifo: Path,
) -> None:
    writer = feed(fifo, padded_catalog(4 * 1024**3))  # more than the child may hold
    result = trainedon("check", "catalog", str(fifo), "--config", str(built.config_path),
                       cwd=built.root)
    assert one_error_line(result) == f"error: {fifo} {TOO_LARGE}"
    writer.join(30)
    assert not writer.is_alive()  # the writer was cut off, not left blocked


def test_check_catalog_reads_a_small_catalog_from_a_fifo(built: Workspace, fifo: Path) -> None:
    writer = feed(fifo, iter([SMALL_CATALOG]))
    result = trainedon("check", "catalog", str(fifo), "--config", str(built.config_path),
                       cwd=built.root)
    writer.join(30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Checked 2 catalog rows from {fifo}"), result.stdout
    assert (fifo.parent / "catalog-trainedon-report.csv").is_file()


async def test_an_upload_larger_than_discord_said_is_refused(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        body = b"".join(padded_catalog(9 * 1024 * 1024))
        upload = AttachmentSpec("cat.csv", body, "text/csv", size=len(SMALL_CATALOG))
        it = await double.slash("check", "catalog", {"file": upload}, user=people.alice,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await it.response())  # accepted on Discord's word, then downloaded
        refusal = (await it.followups(timeout=30))[0]
        assert refusal["content"] == "cat.csv is 9.0 MB; the limit is 8 MB: split it into " \
                                     "smaller files."
        assert not refusal.get("embeds")

