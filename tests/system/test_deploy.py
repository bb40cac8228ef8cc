"""deploy/: the systemd units pass `systemd-analyze verify`, start a real command of our CLI,
keep their hardening, and set only config keys that exist."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import REPO

from bot.cli import build_parser
from bot.config import load_config
from bot.discordbot.inflight import DRAIN_SECONDS

DEPLOY = REPO / "deploy"
UNITS = ["trainedon.service", "trainedon@.service"]
INSTALLED = "/opt/trainedon/.venv/bin/trainedon"  # where the units expect the program
TRAINEDON = Path(sys.executable).parent / "trainedon"  # this checkout's, installed by pip -e
SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
needs_systemd_analyze = pytest.mark.skipif(
    SYSTEMD_ANALYZE is None,
    reason="systemd-analyze is not installed (not a systemd system): the units are verified "
           "where it is")

Unit = dict[str, list[tuple[str, str]]]


def parse_unit(text: str) -> Unit:
    """Section → its (key, value) lines in order; keys may repeat, as systemd allows."""
    sections: Unit = {}
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        current.append((key.strip(), value.strip()))
    return sections


def unit(name: str) -> Unit:
    return parse_unit((DEPLOY / name).read_text(encoding="utf-8"))


def values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [value for k, value in section if k == key]


def local_copy(folder: Path, name: str, text: str | None = None) -> Path:
    """The unit as installed, but starting this checkout's program (verify checks it exists)."""
    text = (DEPLOY / name).read_text(encoding="utf-8") if text is None else text
    path = folder / name
    path.write_text(text.replace(INSTALLED, str(TRAINEDON)), encoding="utf-8")
    return path


def verify(path: Path) -> list[str]:
    """What `systemd-analyze verify` says is wrong with the unit (its rc is 0 for many
    problems, e.g. an unknown option, which it only warns about and ignores)."""
    assert SYSTEMD_ANALYZE is not None
    done = subprocess.run([SYSTEMD_ANALYZE, "verify", str(path)], capture_output=True,
                          text=True, timeout=60, cwd=path.parent)
    said = [line for line in (done.stdout + done.stderr).splitlines()
            if path.name in line or str(path.parent) in line]
    if done.returncode != 0:
        said.append(f"exit status {done.returncode}: {done.stderr.strip()}")
    return said


@needs_systemd_analyze
@pytest.mark.parametrize("name", [*UNITS, "trainedon@0-1.service"])
def test_the_units_pass_systemd_analyze_verify(tmp_path: Path, name: str) -> None:
    source = "trainedon@.service" if name.startswith("trainedon@") else name
    path = local_copy(tmp_path, name, (DEPLOY / source).read_text(encoding="utf-8"))
    assert verify(path) == []


@needs_systemd_analyze
@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (("NoNewPrivileges=yes", "NoNewPrivileges=yes\nProtectSystm=strict"),
         "Unknown key 'ProtectSystm'"),
        (("Restart=on-failure", "Restart=sometimes"), "restart specifier"),
        ((INSTALLED, "/nonexistent/trainedon"), "is not executable"),
    ],
    ids=["misspelt-option", "bad-value", "missing-program"],
)
def test_verification_catches_a_broken_unit(tmp_path: Path, change: tuple[str, str],
                                            complaint: str) -> None:
    text = (DEPLOY / "trainedon.service").read_text(encoding="utf-8").replace(*change)
    said = verify(local_copy(tmp_path, "trainedon.service", text))
    assert any(complaint in line for line in said), said


@needs_systemd_analyze
@pytest.mark.parametrize("name", ["trainedon.service", "trainedon@0-1.service"])
def test_the_units_exposure_is_low(tmp_path: Path, name: str) -> None:
    assert SYSTEMD_ANALYZE is not None
    usage = subprocess.run([SYSTEMD_ANALYZE, "security", "--help"], capture_output=True,
                           text=True, timeout=60).stdout
    if "--offline" not in usage:
        pytest.skip("this systemd-analyze cannot rate a unit file offline (systemd < 250)")
    source = "trainedon@.service" if name.startswith("trainedon@") else name
    path = local_copy(tmp_path, name, (DEPLOY / source).read_text(encoding="utf-8"))
    # systemd rates exposure 0-10 ("OK" below 2, "UNSAFE" above 9); the threshold is in tenths.
    done = subprocess.run([SYSTEMD_ANALYZE, "security", "--offline=yes", "--threshold=20",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr


@pytest.mark.parametrize("name", UNITS)
def test_the_unit_starts_a_real_command_of_our_cli(name: str) -> None:
    [command] = values(unit(name)["Service"], "ExecStart")
    program, *arguments = shlex.split(command)
    assert program == INSTALLED
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert Path(program).name in scripts  # the console script pip installs
    assert build_parser().parse_args(arguments).command == "run"
    assert TRAINEDON.exists(), f"{TRAINEDON}: install the project (pip install -e .)"
    done = subprocess.run([str(TRAINEDON), *arguments, "--help"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: trainedon run")


def seconds(text: str) -> float:
    """A systemd time span such as 30s or 2min, in seconds."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(s|min)?", text)
    assert match, f"unexpected time span {text!r}"
    return float(match[1]) * (60 if match[2] == "min" else 1)


@pytest.mark.parametrize("name", UNITS)
def test_the_unit_restarts_on_failure_on_its_own_user_and_is_hardened(name: str) -> None:
    service = unit(name)["Service"]
    expected = {
        "Restart": "on-failure", "DynamicUser": "yes", "StateDirectory": "trainedon",
        "WorkingDirectory": "%S/trainedon", "NoNewPrivileges": "yes",
        "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
        "PrivateDevices": "yes", "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
        "ProtectControlGroups": "yes", "RestrictNamespaces": "yes", "RestrictSUIDSGID": "yes",
        "LockPersonality": "yes", "CapabilityBoundingSet": "", "KillSignal": "SIGTERM",
        "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "ReadOnlyPaths": "/opt/trainedon",
    }
    for key, value in expected.items():
        assert values(service, key) == [value], key
    assert values(service, "SystemCallFilter")[0] == "@system-service"
    # The secret comes as a credential file, not as a variable in the unit or its env file.
    assert "discord-token:/etc/trainedon/discord-token" in values(service, "LoadCredential")
    assert "DISCORD_TOKEN_FILE=%d/discord-token" in values(service, "Environment")
    assert not any(v.startswith("DISCORD_TOKEN=") for v in values(service, "Environment"))
    # systemd waits longer than the bot gives the interactions in flight before SIGKILL.
    [stop] = values(service, "TimeoutStopSec")
    assert seconds(stop) > DRAIN_SECONDS + 5


def test_the_template_follows_the_unit_line_for_line() -> None:
    """Only the shard ids and the shared database differ: hardening cannot drift apart."""
    single, template = unit("trainedon.service"), unit("trainedon@.service")
    only_template = {
        ("Environment", "TRAINEDON_SHARD_IDS=%i"),
        ("LoadCredential", "database-url:/etc/trainedon/database-url"),
        ("Environment", "TRAINEDON_DATABASE_URL_FILE=%d/database-url"),
    }
    assert set(template["Service"]) - set(single["Service"]) == only_template
    assert set(single["Service"]) - set(template["Service"]) == set()
    assert template["Install"] == single["Install"]


def unit_environment(name: str, state: Path, instance: str = "") -> dict[str, str]:
    """The variables the unit sets, its specifiers filled in as systemd would."""
    filled = {"%S": str(state / "lib"), "%C": str(state / "cache"), "%d": str(state / "creds"),
              "%i": instance}
    environment = {}
    for assignment in values(unit(name)["Service"], "Environment"):
        for specifier, value in filled.items():
            assignment = assignment.replace(specifier, value)
        key, _, value = assignment.partition("=")
        environment[key] = value
    return environment


def example_environment() -> dict[str, str]:
    """Every variable of deploy/trainedon.env.example, the commented ones included."""
    found = {}
    for line in (DEPLOY / "trainedon.env.example").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"#?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match[1]] = match[2]
    return found


def test_every_variable_the_units_and_the_example_set_is_a_valid_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.startswith(("TRAINEDON_", "DISCORD_")):
            monkeypatch.delenv(name)
    (tmp_path / "creds").mkdir()
    (tmp_path / "creds" / "discord-token").write_text("tok.en.from-a-credential\n")
    (tmp_path / "creds" / "database-url").write_text("postgresql://bot:pw@db/trainedon\n")
    config_file = tmp_path / "config.yaml"
    config_file.write_text("search: {max_matches: 7}\n")
    example = example_environment()
    assert {"TRAINEDON_CONFIG", "TRAINEDON_SHARD_COUNT"} <= set(example)
    example["TRAINEDON_CONFIG"] = str(config_file)  # /etc/trainedon/config.yaml, here
    for name, value in {**unit_environment("trainedon@.service", tmp_path, "0-1"),
                        **example}.items():
        monkeypatch.setenv(name, value)
    config = load_config()  # as `trainedon run` in the unit: the file named by TRAINEDON_CONFIG
    assert config.index_path == tmp_path / "lib" / "trainedon" / "index.sqlite"
    assert config.data_dir == tmp_path / "lib" / "trainedon" / "data"
    assert config.manifest_path == Path("/opt/trainedon/data/datasets.yaml")
    assert config.discord_token() == "tok.en.from-a-credential"
    assert config.database_url() == "postgresql://bot:pw@db/trainedon"
    assert config.shards() == (4, [0, 1])
    assert config.search.max_matches == 7 and not config.index.include_demo
    assert config.settings.logging.format == "text"  # the env file wins over the unit
