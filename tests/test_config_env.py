"""Every config key from the environment (TRAINEDON_<SECTION>__<KEY>, and <NAME>_FILE for
secrets): over the file, checked with the same one-line errors, secrets never shown."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.config import Settings, load_config
from bot.config_env import settable_keys
from bot.config_renames import RENAMED
from bot.errors import ConfigError


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No TRAINEDON_ or token variable of the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith(("TRAINEDON_", "DISCORD_TOKEN")):
            monkeypatch.delenv(name)


def write(folder: Path, text: str) -> Path:
    path = folder / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def set_env(monkeypatch: pytest.MonkeyPatch, values: dict[str, str]) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def setting(config: Any, dotted: str) -> Any:
    section, _, key = dotted.partition(".")
    value = getattr(config.settings, section)
    return getattr(value, key) if key else value


# One value per key, none of them the default; the renamed keys have their own test below.
EVERY_KEY: dict[str, tuple[str, str, Any]] = {
    "TRAINEDON_DATA_DIR": ("data_dir", "/srv/trainedon/data", Path("/srv/trainedon/data")),
    "TRAINEDON_MANIFEST": ("manifest", "/opt/trainedon/data/datasets.yaml",
                           Path("/opt/trainedon/data/datasets.yaml")),
    "TRAINEDON_INDEX__PATH": ("index.path", "/srv/trainedon/index.sqlite",
                              Path("/srv/trainedon/index.sqlite")),
    "TRAINEDON_INDEX__INCLUDE_DEMO": ("index.include_demo", "false", False),
    "TRAINEDON_INDEX__DATASETS": ("index.datasets", "[fma, laion-disco-12m]",
                                  ["fma", "laion-disco-12m"]),
    "TRAINEDON_INDEX__MAX_SKIPPED_PERCENT": ("index.max_skipped_percent", "2.5", 2.5),
    "TRAINEDON_SEARCH__FOUND_SCORE": ("search.found_score", "91", 91.0),
    "TRAINEDON_SEARCH__UNCERTAIN_SCORE": ("search.uncertain_score", "70", 70.0),
    "TRAINEDON_SEARCH__MAX_MATCHES": ("search.max_matches", "7", 7),
    "TRAINEDON_SEARCH__SAMPLES_PER_MATCH": ("search.samples_per_match", "0", 0),
    "TRAINEDON_DISCORD__TOKEN": ("discord.token", "env.key.token", "env.key.token"),
    "TRAINEDON_DISCORD__API_BASE_URL": ("discord.api_base_url", "http://127.0.0.1:8123/api/v10",
                                        "http://127.0.0.1:8123/api/v10"),
    "TRAINEDON_DISCORD__TEST_GUILD_IDS": ("discord.test_guild_ids", "[1, 2]", [1, 2]),
    "TRAINEDON_DISCORD__MODERATOR_ROLE_IDS": ("discord.moderator_role_ids",
                                              '["111111111111111111", 222]',
                                              [111111111111111111, 222]),
    "TRAINEDON_DISCORD__LOOKUPS_PER_MINUTE": ("discord.lookups_per_minute", "30", 30),
    "TRAINEDON_DISCORD__PAGE_TIMEOUT_SECONDS": ("discord.page_timeout_seconds", "60", 60.0),
    "TRAINEDON_DISCORD__SHARD_COUNT": ("discord.shard_count", "4", 4),
    "TRAINEDON_DISCORD__SHARD_IDS": ("discord.shard_ids", "[2, 3]", [2, 3]),
    "TRAINEDON_SUBSCRIPTIONS__PATH": ("subscriptions.path", "/srv/trainedon/subs.sqlite",
                                      Path("/srv/trainedon/subs.sqlite")),
    "TRAINEDON_SUBSCRIPTIONS__DISABLE_AFTER_FAILURES": ("subscriptions.disable_after_failures",
                                                        "3", 3),
    "TRAINEDON_DATABASE__URL": ("database.url", "postgresql://bot:pw@db/trainedon",
                                "postgresql://bot:pw@db/trainedon"),
    "TRAINEDON_UPDATES__CHECK_INTERVAL_MINUTES": ("updates.check_interval_minutes", "60", 60.0),
    "TRAINEDON_UPDATES__OPERATORS_CHANNEL_ID": ("updates.operators_channel_id", "123", 123),
    "TRAINEDON_UPDATES__RETRY_MINUTES": ("updates.retry_minutes", "[1, 2.5]", [1.0, 2.5]),
    "TRAINEDON_CATALOG__MAX_ROWS": ("catalog.max_rows", "100", 100),
    "TRAINEDON_CATALOG__MAX_FILE_MB": ("catalog.max_file_mb", "1.5", 1.5),
    "TRAINEDON_FETCH__MAX_FILE_MB": ("fetch.max_file_mb", "10", 10),
    "TRAINEDON_FETCH__TIMEOUT_MINUTES": ("fetch.timeout_minutes", "5", 5.0),
    "TRAINEDON_FETCH__HUB_ENDPOINT": ("fetch.hub_endpoint", "http://hub.internal",
                                      "http://hub.internal"),
    "TRAINEDON_LOGGING__LEVEL": ("logging.level", "debug", "DEBUG"),
    "TRAINEDON_LOGGING__FORMAT": ("logging.format", "json", "json"),
}
OLD_KEYS = {old for olds in RENAMED.values() for old in olds}


def test_the_table_covers_every_key_of_the_settings() -> None:
    """A key added to the settings without a variable here fails: none is left out."""
    variables = {f"TRAINEDON_{name}" for name, (key, _) in settable_keys(Settings).items()
                 if ".".join(key) not in OLD_KEYS}
    assert variables == set(EVERY_KEY)


def test_every_config_key_is_set_from_the_environment_over_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "index: {include_demo: true, path: file.sqlite}\n"
                           "search: {found_score: 80}\ndiscord: {lookups_per_minute: 5}\n")
    set_env(monkeypatch, {name: text for name, (_, text, _) in EVERY_KEY.items()})
    config = load_config(path)
    for name, (dotted, _, expected) in EVERY_KEY.items():
        assert setting(config, dotted) == expected, name
    assert config.index_path == Path("/srv/trainedon/index.sqlite")
    assert config.discord_token() == "env.key.token"
    assert config.database_url() == "postgresql://bot:pw@db/trainedon"
    assert config.shards() == (4, [2, 3])


def test_keys_the_environment_does_not_set_keep_the_files_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "search: {found_score: 80, max_matches: 9}\n")
    monkeypatch.setenv("TRAINEDON_SEARCH__FOUND_SCORE", "95")
    config = load_config(path)
    assert (config.search.found_score, config.search.max_matches) == (95, 9)


def test_relative_paths_from_the_environment_are_taken_from_the_config_files_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    monkeypatch.setenv("TRAINEDON_INDEX__PATH", "idx/i.sqlite")
    monkeypatch.setenv("TRAINEDON_DATA_DIR", "../d")
    config = load_config(write(folder, ""))
    assert config.index_path == folder / "idx" / "i.sqlite"
    assert config.manifest_path == tmp_path / "d" / "datasets.yaml"


def test_with_no_config_file_the_environment_sets_keys_over_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no config.yaml here, and no TRAINEDON_CONFIG
    monkeypatch.setenv("TRAINEDON_INDEX__PATH", "/var/lib/trainedon/index.sqlite")
    monkeypatch.setenv("TRAINEDON_LOGGING__FORMAT", "json")
    config = load_config()
    assert config.source == "<defaults>"
    assert config.index_path == Path("/var/lib/trainedon/index.sqlite")
    assert config.settings.logging.format == "json"
    assert config.subscriptions_path == tmp_path / "var" / "subscriptions.sqlite"


def test_an_empty_variable_counts_as_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setenv("TRAINEDON_SEARCH__FOUND_SCORE", "")
    monkeypatch.setenv("TRAINEDON_DATABASE__URL_FILE", "  ")
    config = load_config(write(tmp_path, "search: {found_score: 80}"))
    assert config.search.found_score == 80
    assert config.database_url() is None


def test_null_unsets_a_key_the_file_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    monkeypatch.setenv("TRAINEDON_UPDATES__OPERATORS_CHANNEL_ID", "null")
    config = load_config(write(tmp_path, "updates: {operators_channel_id: 5}"))
    assert config.settings.updates.operators_channel_id is None


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"TRAINEDON_SEARCH__FOUND_SCORE": "abc"},
         "TRAINEDON_SEARCH__FOUND_SCORE: search.found_score: expected a valid number, "
         "unable to parse string as a number, found 'abc'"),
        ({"TRAINEDON_SEARCH__FOUND_SCORE": "101"},
         "TRAINEDON_SEARCH__FOUND_SCORE: search.found_score: expected less than or equal to 100"),
        ({"TRAINEDON_SEARCH__UNCERTAIN_SCORE": "95"},
         "TRAINEDON_SEARCH__UNCERTAIN_SCORE: search.uncertain_score: expected at most "
         "search.found_score (88), found 95"),
        ({"TRAINEDON_INDEX__INCLUDE_DEMO": "maybe"},
         "TRAINEDON_INDEX__INCLUDE_DEMO: index.include_demo: expected a valid boolean"),
        ({"TRAINEDON_DISCORD__MODERATOR_ROLE_IDS": "[1, x]"},
         "TRAINEDON_DISCORD__MODERATOR_ROLE_IDS: discord.moderator_role_ids.1: expected a valid "
         "integer"),
        ({"TRAINEDON_DISCORD__MODERATOR_ROLE_IDS": "111"},
         "TRAINEDON_DISCORD__MODERATOR_ROLE_IDS: discord.moderator_role_ids: expected a valid "
         "list, found 111"),
        ({"TRAINEDON_DISCORD__MODERATOR_ROLE_IDS": "[1,"},
         "TRAINEDON_DISCORD__MODERATOR_ROLE_IDS: not valid YAML at line 1"),
        ({"TRAINEDON_DISCORD__SHARD_IDS": "[0]"},
         "TRAINEDON_DISCORD__SHARD_IDS: discord: shard ids are set but the shard count is not; "
         "set both"),
        ({"TRAINEDON_DISCORD__SHARD_IDS": "[4]", "TRAINEDON_DISCORD__SHARD_COUNT": "2"},
         "TRAINEDON_DISCORD__SHARD_COUNT, TRAINEDON_DISCORD__SHARD_IDS: discord: shard ids must "
         "be distinct and between 0 and 1, found [4]"),
        ({"TRAINEDON_LOGGING__LEVEL": "LOUD"},
         "TRAINEDON_LOGGING__LEVEL: logging.level: expected 'DEBUG', 'INFO', 'WARNING' or"),
        ({"TRAINEDON_DATABASE__URL": "mysql://bot:hunter2@db/x"},
         "TRAINEDON_DATABASE__URL: database.url: string should match pattern"),
        ({"TRAINEDON_SERACH__FOUND_SCORE": "90"},
         "unknown environment variable TRAINEDON_SERACH__FOUND_SCORE (did you mean "
         "TRAINEDON_SEARCH__FOUND_SCORE?): a config key is set as TRAINEDON_<SECTION>__<KEY>"),
        ({"TRAINEDON_SEARCH": "{found_score: 90}", "TRAINEDON_COLOUR": "blue"},
         "unknown environment variables TRAINEDON_COLOUR, TRAINEDON_SEARCH: a config key"),
        ({"TRAINEDON_SHARD_COUNT_FILE": "/run/x"},
         "unknown environment variable TRAINEDON_SHARD_COUNT_FILE"),
        ({"TRAINEDON_CONFIG_PATH": "/etc/trainedon/config.yaml"},
         "unknown environment variable TRAINEDON_CONFIG_PATH (did you mean TRAINEDON_CONFIG?)"),
        ({"TRAINEDON_SEARCH__FOUND_SCORE": "90", "TRAINEDON_SEARCH__FOUND_SCORE_FILE": "/x"},
         "TRAINEDON_SEARCH__FOUND_SCORE and TRAINEDON_SEARCH__FOUND_SCORE_FILE are both set: "
         "keep one"),
    ],
    ids=["not-a-number", "too-high", "thresholds", "boolean", "list-item", "not-a-list",
         "bad-yaml", "shard-ids-alone", "shard-ids-outside", "literal", "database-url",
         "misspelt", "unknown-names", "no-file-variant", "named-variable", "both-forms"],
)
def test_every_bad_variable_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    set_env(monkeypatch, variables)
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, ""))
    message = str(error.value)
    assert message.startswith(expected), message
    assert "\n" not in message
    assert "hunter2" not in message


def test_a_problem_in_the_file_still_names_the_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRAINEDON_SEARCH__FOUND_SCORE", "abc")
    path = write(tmp_path, "search: {max_matches: 0}")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}: search.max_matches: ")


# --- secrets from files ------------------------------------------------------------------------


def secret_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "credentials" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_token_is_read_from_the_file_discord_token_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN_FILE", str(secret_file(tmp_path, "token", "tok.en.x\n")))
    config = load_config(write(tmp_path, "discord: {token: from-the-file}"))
    assert config.discord_token() == "tok.en.x"  # stripped; over discord.token of the file


def test_the_database_url_is_read_from_either_file_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://bot:s3cret@db.internal/trainedon"
    monkeypatch.setenv("TRAINEDON_DATABASE__URL_FILE", str(secret_file(tmp_path, "a", url)))
    config = load_config(write(tmp_path, ""))
    assert config.database_url() == url
    assert config.settings.database.url == url
    other = "postgresql://bot:other@db.internal/trainedon"
    monkeypatch.setenv("TRAINEDON_DATABASE_URL_FILE", str(secret_file(tmp_path, "b", other)))
    assert config.database_url() == other  # the variable by name wins, as TRAINEDON_DATABASE_URL


def test_a_list_can_come_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    roles = secret_file(tmp_path, "roles", "- 111\n- 222\n")
    monkeypatch.setenv("TRAINEDON_DISCORD__MODERATOR_ROLE_IDS_FILE", str(roles))
    assert load_config(write(tmp_path, "")).discord.moderator_role_ids == [111, 222]


@pytest.mark.parametrize(
    ("variable", "content", "expected"),
    [
        ("TRAINEDON_DATABASE__URL_FILE", "mysql://bot:hunter2@db/x\n",
         "TRAINEDON_DATABASE__URL_FILE ({path}): database.url: string should match pattern"),
        ("TRAINEDON_SEARCH__FOUND_SCORE_FILE", "hunter2",
         "TRAINEDON_SEARCH__FOUND_SCORE_FILE ({path}): search.found_score: expected a valid "
         "number, unable to parse string as a number, found <hidden>"),
        ("TRAINEDON_DATABASE__URL_FILE", "\n", "TRAINEDON_DATABASE__URL_FILE: {path} is empty"),
        ("TRAINEDON_DATABASE__URL_FILE", None,
         "TRAINEDON_DATABASE__URL_FILE: {path} does not exist"),
        ("TRAINEDON_DATABASE__URL_FILE", b"\xff\xfehunter2",
         "TRAINEDON_DATABASE__URL_FILE: {path} is not UTF-8 text"),
        ("TRAINEDON_DATABASE__URL_FILE", "x" * 70_000,
         "TRAINEDON_DATABASE__URL_FILE: {path} is larger than 64 kB"),
    ],
    ids=["bad-url", "bad-number", "empty", "missing", "binary", "huge"],
)
def test_a_bad_secret_file_is_one_line_that_never_shows_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str,
    content: str | bytes | None, expected: str,
) -> None:
    path = tmp_path / "secret"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    monkeypatch.setenv(variable, str(path))
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, ""))
    message = str(error.value)
    assert message.startswith(expected.format(path=path)), message
    assert "hunter2" not in message and "xxxx" not in message and "\n" not in message


@pytest.mark.parametrize("name", ["DISCORD_TOKEN", "TRAINEDON_DATABASE_URL"])
def test_a_secret_set_both_plainly_and_as_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "postgresql://a@b/c")
    monkeypatch.setenv(f"{name}_FILE", str(secret_file(tmp_path, "s", "postgresql://a@b/d")))
    config = load_config(write(tmp_path, ""))
    with pytest.raises(ConfigError, match=f"^{name} and {name}_FILE are both set: keep one$"):
        config.discord_token() if name == "DISCORD_TOKEN" else config.database_url()


def test_a_bad_url_in_the_named_file_variable_names_it_and_hides_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINEDON_DATABASE_URL_FILE",
                       str(secret_file(tmp_path, "u", "mysql://bot:hunter2@db/x")))
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, "")).database_url()
    assert str(error.value).startswith("TRAINEDON_DATABASE_URL_FILE: expected a postgresql:// "
                                       "URL, found a 'mysql' one")
    assert "hunter2" not in str(error.value)


def test_the_variables_used_are_logged_by_name_never_with_their_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("TRAINEDON_DISCORD__TOKEN", "hunter2.token")
    monkeypatch.setenv("TRAINEDON_DATABASE__URL_FILE",
                       str(secret_file(tmp_path, "u", "postgresql://bot:hunter2@db/x")))
    with caplog.at_level(logging.DEBUG, logger="bot.config"):
        load_config(write(tmp_path, ""))
    assert "config keys from the environment: TRAINEDON_DATABASE__URL_FILE, " \
           "TRAINEDON_DISCORD__TOKEN" in caplog.text
    assert "hunter2" not in caplog.text
    assert "discord.token is set in the file" not in caplog.text  # the environment is fine


# --- renamed keys and the variables read by name -----------------------------------------------


@pytest.mark.parametrize(
    ("variables", "file", "found", "uncertain", "warnings"),
    [
        ({"TRAINEDON_SEARCH__MIN_SCORE": "70"}, "search: {uncertain_score: 60}", 88, 70, [
            "TRAINEDON_SEARCH__MIN_SCORE is deprecated: rename it "
            "TRAINEDON_SEARCH__UNCERTAIN_SCORE",
        ]),
        ({"TRAINEDON_CATALOG__FOUND_SCORE": "92"}, "", 92, 75, [
            "TRAINEDON_CATALOG__FOUND_SCORE is deprecated: rename it "
            "TRAINEDON_SEARCH__FOUND_SCORE",
        ]),
        ({"TRAINEDON_SEARCH__FOUND_SCORE": "91", "TRAINEDON_SEARCH__CONFIDENT_SCORE": "95"}, "",
         91, 75, [
             "TRAINEDON_SEARCH__CONFIDENT_SCORE is deprecated and ignored: "
             "TRAINEDON_SEARCH__FOUND_SCORE is set too and wins",
         ]),
    ],
    ids=["old-search-key", "old-catalog-key", "new-name-wins"],
)
def test_a_renamed_keys_old_variable_still_works_with_a_warning_naming_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    variables: dict[str, str], file: str, found: float, uncertain: float, warnings: list[str],
) -> None:
    set_env(monkeypatch, variables)
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        config = load_config(write(tmp_path, file))
    assert (config.search.found_score, config.search.uncertain_score) == (found, uncertain)
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == len(warnings), logged
    for line, expected in zip(logged, warnings, strict=True):
        assert line.startswith(expected), line


def test_the_variables_read_by_name_keep_working(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "discord: {shard_count: 2}")
    set_env(monkeypatch, {
        "TRAINEDON_CONFIG": str(path),
        "TRAINEDON_SHARD_COUNT": "8",
        "TRAINEDON_SHARD_IDS": "0-1,6",
        "TRAINEDON_DATABASE_URL": "postgresql://a@b/c",
        "DISCORD_TOKEN": "plain.token",
        "DISCORD_API_BASE_URL": "http://127.0.0.1:1/api/v10",
        "HF_ENDPOINT": "http://hub.mirror",
    })
    config = load_config()
    assert config.source == str(path)
    assert config.shards() == (8, [0, 1, 6])
    assert config.database_url() == "postgresql://a@b/c"
    assert config.discord_token() == "plain.token"
    assert config.discord_api_base_url() == "http://127.0.0.1:1/api/v10"
    assert config.settings.fetch.hub_endpoint_url() == "http://hub.mirror"


def test_a_bad_variable_stops_the_cli_with_one_line_and_exit_status_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    restore_root_logging: None,
) -> None:
    monkeypatch.setenv("TRAINEDON_SEARCH__FOUND_SCOR", "90")
    path = write(tmp_path, "")
    assert main(["lookup", "artist", "anyone", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: unknown environment variable TRAINEDON_SEARCH__FOUND_SCOR (did you "
                   "mean TRAINEDON_SEARCH__FOUND_SCORE?): a config key is set as "
                   "TRAINEDON_<SECTION>__<KEY>, e.g. TRAINEDON_SEARCH__FOUND_SCORE, or "
                   "TRAINEDON_<KEY> for a top-level key"]

