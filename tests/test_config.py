"""Configuration: defaults, relative paths, secrets, and one-line errors for every bad key."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml
from helpers import REPO

from bot.cli import main
from bot.config import (
    DATABASE_URL_ENV,
    SHARD_COUNT_ENV,
    SHARD_IDS_ENV,
    TOKEN_ENV,
    load_config,
    redacted_url,
)
from bot.datasets.manifest import load_manifest
from bot.errors import ConfigError, ManifestError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_is_valid_and_matches_the_defaults(tmp_path: Path) -> None:
    example = load_config(REPO / "config.example.yaml")
    defaults = load_config(write(tmp_path, ""))
    assert example.settings == defaults.settings
    assert example.index_path == REPO / "var" / "index.sqlite"
    assert example.manifest_path == REPO / "data" / "datasets.yaml"


def test_example_config_documents_every_key() -> None:
    text = (REPO / "config.example.yaml").read_text()
    data = yaml.safe_load(text)
    for section, keys in data.items():
        assert f"\n{section}:" in "\n" + text
        if isinstance(keys, dict):
            for key in keys:
                lines = text.splitlines()
                at = next(i for i, line in enumerate(lines) if line.strip().startswith(key))
                assert lines[at - 1].strip().startswith("#"), key


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    nested = tmp_path / "etc"
    nested.mkdir()
    config = load_config(write(nested, "data_dir: ../d\nindex: {path: idx/i.sqlite}\n"))
    assert config.data_dir == tmp_path / "d"
    assert config.manifest_path == tmp_path / "d" / "datasets.yaml"
    assert config.index_path == nested / "idx" / "i.sqlite"


def test_token_from_environment_wins_and_file_token_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "file-secret-token-123"
    with caplog.at_level(logging.WARNING):
        config = load_config(write(tmp_path, f"discord:\n  token: {secret}\n"))
    assert "discord.token is set in the file" in caplog.text
    assert secret not in caplog.text and secret not in repr(config) and secret not in str(
        config.settings
    )
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert config.discord_token() == secret
    monkeypatch.setenv(TOKEN_ENV, "env-token")
    assert config.discord_token() == "env-token"


@pytest.mark.parametrize("padded", ["tok.en\n", "tok.en\r\n", "   tok.en", "\ttok.en\t\n"])
def test_the_token_is_stripped_where_it_is_read_from_the_environment_or_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, padded: str
) -> None:
    # discord.py strips the token before sending it: the bot must redact that same string.
    monkeypatch.setenv(TOKEN_ENV, padded)
    assert load_config(write(tmp_path, "")).discord_token() == "tok.en"
    monkeypatch.delenv(TOKEN_ENV)
    config = load_config(write(tmp_path, f"discord:\n  token: {json.dumps(padded)}\n"))
    assert config.discord_token() == "tok.en"


def test_a_blank_token_variable_counts_as_unset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_ENV, " \r\n")
    assert load_config(write(tmp_path, "")).discord_token() is None
    config = load_config(write(tmp_path, "discord: {token: from-file}"))
    assert config.discord_token() == "from-file"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("data_dir: 7", "data_dir: expected a path, found 7"),
        ("manifest: [1]", "manifest: expected a path, found [1]"),
        ("index: 5", "index: expected a mapping of keys, found 5"),
        ("index: {path: [x]}", "index.path: expected a path, found ['x']"),
        ("index: {include_demo: maybe}", "index.include_demo: expected a valid boolean"),
        ("index: {datasets: fma}", "index.datasets: expected a valid list, found 'fma'"),
        ("index: {colour: 1}", "index.colour: unknown key (expected one of: path, include_demo"),
        ("search: {min_score: abc}", "search.min_score: expected a valid number"),
        ("search: {min_score: 120}", "search.min_score: expected less than or equal to 100"),
        ("search: {confident_score: -1}", "search.confident_score: expected greater than or"),
        ("search: {found_score: abc}", "search.found_score: expected a valid number"),
        ("search: {uncertain_score: 101}", "search.uncertain_score: expected less than or equal"),
        ("search: {uncertain_score: 90}",
         "search.uncertain_score: expected at most search.found_score (88), found 90"),
        ("search: {found_score: 70}",
         "search.uncertain_score: expected at most search.found_score (70), found 75"),
        ("catalog: {found_score: 70}",  # a renamed key is checked under its new name
         "search.uncertain_score: expected at most search.found_score (70), found 75"),
        ("search: {max_matches: 0}", "search.max_matches: expected greater than or equal to 1"),
        ("search: {samples_per_match: many}", "search.samples_per_match: expected a valid int"),
        ("discord: {token: [1]}", "discord.token: expected a valid string, found <hidden>"),
        ("discord: {shard: 1}", "discord.shard: unknown key"),
        ("logging: {level: LOUD}", "logging.level: expected 'DEBUG', 'INFO', 'WARNING' or"),
        ("colour: blue", "colour: unknown key (expected one of: data_dir, manifest, index"),
        ("- a\n- b", "expected a mapping of keys at the top level, found list"),
        ("a: [", "not valid YAML at line 1"),
    ],
)
def test_every_bad_key_is_one_actionable_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "found", "uncertain", "warnings"),
    [
        ("search: {min_score: 70, confident_score: 90}", 90, 70, [
            "search.confident_score is deprecated: rename it search.found_score",
            "search.min_score is deprecated: rename it search.uncertain_score",
        ]),
        ("catalog: {found_score: 92, uncertain_score: 80}", 92, 80, [
            "catalog.found_score is deprecated: rename it search.found_score",
            "catalog.uncertain_score is deprecated: rename it search.uncertain_score",
        ]),
        ("search: {found_score: 91, confident_score: 95}", 91, 75, [
            "search.confident_score is deprecated and ignored: search.found_score is set too "
            "and wins; remove search.confident_score",
        ]),
        ("search: {min_score: 70}\ncatalog: {uncertain_score: 60}", 88, 70, [
            "search.min_score is deprecated: rename it search.uncertain_score",
            "catalog.uncertain_score is deprecated and ignored: search.min_score is set too "
            "and wins; remove catalog.uncertain_score (its new name is search.uncertain_score)",
        ]),
    ],
    ids=["old-search-keys", "old-catalog-keys", "new-key-wins", "search-wins-over-catalog"],
)
def test_renamed_threshold_keys_still_work_with_a_warning_naming_the_new_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, found: float, uncertain: float,
    warnings: list[str],
) -> None:
    path = write(tmp_path, text)
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        config = load_config(path)
    assert (config.search.found_score, config.search.uncertain_score) == (found, uncertain)
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == len(warnings)  # once each, at load
    for line, expected in zip(logged, warnings, strict=True):
        assert line.startswith(f"{path}: {expected}"), line
    # Only the new keys are left to read: nothing can take the old values by mistake.
    search, catalog = config.settings.search, config.settings.catalog
    assert search.min_score is search.confident_score is None
    assert catalog.found_score is catalog.uncertain_score is None


def test_the_new_threshold_keys_alone_load_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        config = load_config(write(tmp_path, "search: {found_score: 95, uncertain_score: 95}"))
    assert (config.search.found_score, config.search.uncertain_score) == (95, 95)
    assert not caplog.records


def test_a_renamed_key_warning_reaches_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restore_root_logging: None
) -> None:
    path = write(tmp_path, "search: {min_score: 70}\nindex: {path: none.sqlite}\n")
    main(["lookup", "artist", "anyone", "--config", str(path)])  # no index: exits 2 after
    err = capsys.readouterr().err
    assert "search.min_score is deprecated: rename it search.uncertain_score" in err


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_shipped_manifest_is_valid_and_complete() -> None:
    manifest = load_manifest(REPO / "data" / "datasets.yaml")
    ids = {d.id for d in manifest.datasets}
    assert {"laion-disco-12m", "sleeping-disco-9m", "fma", "spotify-tracks", "disco-10m"} <= ids
    for dataset in manifest.datasets:
        assert dataset.homepage.startswith("https://")
        assert dataset.license and dataset.name
        if not dataset.demo:
            assert dataset.downloads or dataset.hub, f"{dataset.id} says nowhere where to get it"
    formats = {s.format for d in manifest.datasets for s in d.sources}
    assert {"laion-disco", "sleeping-disco", "fma-tracks", "fma-raw-tracks", "disco-10m"} <= formats


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("datasets: [{id: x}]", "datasets.0.name: required key is missing"),
        ("datasets: [{id: x, name: X, homepage: h, license: l, sources: []}]",
         "datasets.0.sources: list should have at least 1 item"),
        ("datasets: [{id: x, name: X, homepage: h, license: l, "
         "sources: [{path: a, format: xml}]}]",
         "datasets.0.sources.0.format: expected one of laion-disco"),
        ("datasets: [{id: x, name: X, homepage: h, license: l, "
         "sources: [{path: a, format: csv, columns: {singer: s}}]}]",
         "unknown column role 'singer'"),
        ("datasets: [{id: 'Bad Id', name: X, homepage: h, license: l, "
         "sources: [{path: a, format: csv}]}]", "datasets.0.id: string should match pattern"),
    ],
)
def test_manifest_errors_are_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "datasets.yaml"
    path.write_text(text)
    with pytest.raises(ManifestError) as error:
        load_manifest(path)
    assert expected in str(error.value).lower() or expected in str(error.value)


def _manifest_with_source(tmp_path: Path, source_path: str) -> Path:
    """A manifest whose dataset `x` has a good source, then `source_path`."""
    entry = {"id": "x", "name": "X", "homepage": "https://x.example", "license": "l",
             "sources": [{"path": "x/good.csv", "format": "csv"},
                         {"path": source_path, "format": "csv"}]}
    path = tmp_path / "data" / "datasets.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump({"datasets": [entry]}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("source_path", "why"),
    [
        ("../../etc/passwd", "climbs out of the data folder with '..'"),
        ("x/../../outside.csv", "climbs out of the data folder with '..'"),
        ("../*.csv", "climbs out of the data folder with '..'"),
        ("**/../../*.csv", "climbs out of the data folder with '..'"),
        ("..\\outside.csv", "climbs out of the data folder with '..'"),
        ("/etc/passwd", "is absolute; it must be relative to the data folder"),
        ("/data/*.csv", "is absolute; it must be relative to the data folder"),
        ("C:\\data\\x.csv", "is absolute; it must be relative to the data folder"),
        ("~/music/*.csv", "starts with '~', but it is relative to the data folder"),
    ],
    ids=["dotdot", "dotdot-inside", "glob-dotdot", "glob-recursive-dotdot", "backslash-dotdot",
         "absolute", "glob-absolute", "windows-drive", "home"],
)
def test_a_source_path_outside_the_data_folder_is_refused_at_load(
    tmp_path: Path, source_path: str, why: str
) -> None:
    with pytest.raises(ManifestError) as error:
        load_manifest(_manifest_with_source(tmp_path, source_path))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'data' / 'datasets.yaml'}: datasets.0.sources.1.path: "
                              f"dataset 'x': the source path {why}")
    assert message.endswith(f"found {source_path!r}")


def test_globs_and_symlinks_inside_the_data_folder_are_followed(tmp_path: Path) -> None:
    """A symlinked folder may hold a big disk; a glob cannot match '..' on its own."""
    data, disk = tmp_path / "data", tmp_path / "big-disk"
    (data / "x").mkdir(parents=True)
    disk.mkdir()
    (tmp_path / "outside.csv").write_text("title\n")
    (disk / "a.csv").write_text("title\n")
    (data / "x" / "big").symlink_to(disk, target_is_directory=True)
    for source_path, found in [("x/big/*.csv", [data / "x" / "big" / "a.csv"]),
                               ("[.][.]/*.csv", []), (".[.]/*.csv", []), ("*/*.csv", []),
                               ("x/*/../../../*.csv", None)]:
        path = _manifest_with_source(tmp_path, source_path)
        if found is None:
            with pytest.raises(ManifestError, match="climbs out"):
                load_manifest(path)
            continue
        [spec] = load_manifest(path).datasets
        assert spec.source_files(data, spec.sources[1]) == found, source_path


# --- several processes: shards and the shared database ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("discord: {shard_ids: [0]}",
         "discord: shard ids are set but the shard count is not; set both"),
        ("discord: {shard_count: 2, shard_ids: [2]}",
         "discord: shard ids must be distinct and between 0 and 1, found [2]"),
        ("discord: {shard_count: 4, shard_ids: [1, 1]}",
         "discord: shard ids must be distinct and between 0 and 3, found [1, 1]"),
        ("discord: {shard_count: 0}", "discord.shard_count: expected greater than or equal to 1"),
        ("database: {url: 'mysql://x'}", "database.url: string should match pattern"),
    ],
)
def test_bad_shard_and_database_settings_are_one_line(tmp_path: Path, text: str,
                                                      expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text))
    assert str(error.value).startswith(f"{tmp_path / 'config.yaml'}: {expected}")


def test_shards_come_from_the_environment_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write(tmp_path, "discord: {shard_count: 2, shard_ids: [1]}"))
    monkeypatch.delenv(SHARD_COUNT_ENV, raising=False)
    monkeypatch.delenv(SHARD_IDS_ENV, raising=False)
    assert config.shards() == (2, [1])
    monkeypatch.setenv(SHARD_COUNT_ENV, "8")
    monkeypatch.setenv(SHARD_IDS_ENV, "0-1, 6")
    assert config.shards() == (8, [0, 1, 6])
    monkeypatch.setenv(SHARD_IDS_ENV, "7-9")
    with pytest.raises(ConfigError, match="between 0 and 7, found"):
        config.shards()
    monkeypatch.setenv(SHARD_IDS_ENV, "two")
    with pytest.raises(ConfigError, match="expected shard ids like 0,1 or 0-3, found 'two'"):
        config.shards()


def test_one_process_with_every_shard_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (SHARD_COUNT_ENV, SHARD_IDS_ENV, DATABASE_URL_ENV):
        monkeypatch.delenv(name, raising=False)
    config = load_config(write(tmp_path, ""))
    assert config.shards() == (None, None)
    assert config.database_url() is None  # the SQLite file of subscriptions.path


def test_the_database_url_is_taken_from_the_environment_and_never_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(write(tmp_path, "database: {url: 'postgresql://a@h/db'}"))
    monkeypatch.setenv(DATABASE_URL_ENV, "postgresql://bot:s3cret@db.internal:5432/trainedon")
    assert config.database_url() == "postgresql://bot:s3cret@db.internal:5432/trainedon"
    assert redacted_url(config.database_url() or "") == (
        "postgresql://bot:***@db.internal:5432/trainedon")
    assert "s3cret" not in repr(config.settings)
    monkeypatch.setenv(DATABASE_URL_ENV, "mysql://bot:pw@h/db")
    with pytest.raises(ConfigError) as error:
        config.database_url()
    assert "found a 'mysql' one" in str(error.value) and "pw" not in str(error.value)
