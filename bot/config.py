"""Typed configuration, validated once at start.

Problems are reported as one line a person can act on: file, key, what was expected and
what was found. Paths are resolved relative to the config file; secrets come from the
environment, and every key can be set there too (bot/config_env.py).
"""

from __future__ import annotations

import logging
import os
import re
import reprlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.config_env import FILE_SUFFIX, EnvOverrides, env_value, read_environment
from bot.config_renames import apply_renamed_keys
from bot.errors import ConfigError
from bot.yamlfile import read_yaml

log = logging.getLogger(__name__)

TOKEN_ENV = "DISCORD_TOKEN"
API_BASE_ENV = "DISCORD_API_BASE_URL"
CONFIG_ENV = "TRAINEDON_CONFIG"
HUB_ENDPOINT_ENV = "HF_ENDPOINT"
DATABASE_URL_ENV = "TRAINEDON_DATABASE_URL"
SHARD_COUNT_ENV = "TRAINEDON_SHARD_COUNT"
SHARD_IDS_ENV = "TRAINEDON_SHARD_IDS"
# TRAINEDON_ variables read by name, not as TRAINEDON_<SECTION>__<KEY> config keys.
NAMED_ENV = (CONFIG_ENV, DATABASE_URL_ENV, DATABASE_URL_ENV + FILE_SUFFIX, SHARD_COUNT_ENV,
             SHARD_IDS_ENV)
# Keys whose values no message shows, whatever is wrong with them.
SECRET_KEYS = ("discord.token", "database.url")
DEFAULT_HUB_ENDPOINT = "https://huggingface.co"
DEFAULT_CONFIG_NAME = "config.yaml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SearchSettings(_Section):
    """How lookups decide between a match, an uncertain match and nothing.

    The two scores decide every answer, catalog checks and watches included
    (`bot/search/verdict.py`); `uncertain_score` may not be above `found_score`.
    """

    found_score: float = Field(default=88.0, ge=0, le=100)
    uncertain_score: float = Field(default=75.0, ge=0, le=100)
    max_matches: int = Field(default=5, ge=1, le=50)
    samples_per_match: int = Field(default=5, ge=0, le=50)
    # Renamed: read for one release, then refused (bot/config_renames.py).
    min_score: float | None = Field(default=None, ge=0, le=100)
    confident_score: float | None = Field(default=None, ge=0, le=100)


class IndexSettings(_Section):
    """Where the index lives and what goes into it."""

    path: Path = Path("var/index.sqlite")
    include_demo: bool = True
    datasets: list[str] = Field(default_factory=list)
    # A dataset (or one of its files) of at least 1,000 rows fails when more than this share
    # of its rows is skipped (bot.index.report.unusable); rows left out by design are not counted.
    max_skipped_percent: float = Field(default=5.0, ge=0, le=100)


class DiscordSettings(_Section):
    """Discord connection settings; the token belongs in the DISCORD_TOKEN variable."""

    token: str | None = Field(default=None, repr=False)
    api_base_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    test_guild_ids: list[int] = Field(default_factory=list)
    moderator_role_ids: list[int] = Field(default_factory=list)
    lookups_per_minute: int = Field(default=20, ge=1, le=600)
    page_timeout_seconds: float = Field(default=300.0, gt=0, le=3600)
    # Gateway shards (docs/SCALING.md). None: Discord's recommendation from GET /gateway/bot.
    shard_count: int | None = Field(default=None, ge=1, le=10_000)
    # The shards this process runs; None: all of them. Needs shard_count.
    shard_ids: list[int] | None = None

    @model_validator(mode="after")
    def _shards_fit(self) -> DiscordSettings:
        if problem := shard_problem(self.shard_count, self.shard_ids):
            raise ValueError(problem)
        return self


class SubscriptionSettings(_Section):
    """Where channel subscriptions are kept, and when a failing channel is given up on."""

    path: Path = Path("var/subscriptions.sqlite")
    disable_after_failures: int = Field(default=5, ge=1, le=100)


class DatabaseSettings(_Section):
    """Shared state of several bot processes; None keeps the SQLite file of `subscriptions`."""

    # postgresql://user:password@host:port/database; TRAINEDON_DATABASE_URL wins over it.
    url: str | None = Field(default=None, pattern=r"^postgres(ql)?://\S+$", repr=False)


class CatalogSettings(_Section):
    """Checking a whole catalog at once (/check catalog, `trainedon check catalog`)."""

    max_rows: int = Field(default=5000, ge=1, le=100_000)
    max_file_mb: float = Field(default=8.0, gt=0, le=100)
    # Moved to search.*: read for one release, then refused (bot/config_renames.py).
    found_score: float | None = Field(default=None, ge=0, le=100)
    uncertain_score: float | None = Field(default=None, ge=0, le=100)


class UpdateSettings(_Section):
    """Checking the datasets' hosting for new metadata, from the running bot."""

    check_interval_minutes: float = Field(default=0, ge=0, le=10080)
    operators_channel_id: int | None = None
    retry_minutes: list[float] = Field(default_factory=lambda: [5.0, 15.0, 60.0])


class FetchSettings(_Section):
    """What one downloaded file may take; the largest real file is a few GB."""

    max_file_mb: int = Field(default=20_000, ge=1, le=1_000_000)
    timeout_minutes: float = Field(default=120.0, ge=1, le=10_080)
    # The Hugging Face Hub (or a mirror) of `hub:` datasets; None: $HF_ENDPOINT, else the Hub.
    hub_endpoint: str | None = Field(default=None, pattern=r"^https?://\S+$")

    def hub_endpoint_url(self) -> str:
        """The Hub to ask: this setting, else HF_ENDPOINT (as the Hub's own tools read it)."""
        chosen = self.hub_endpoint or os.environ.get(HUB_ENDPOINT_ENV) or DEFAULT_HUB_ENDPOINT
        return chosen.strip().rstrip("/")


class LoggingSettings(_Section):
    """Log verbosity."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["text", "json"] = "text"

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class Settings(_Section):
    """The whole configuration file."""

    data_dir: Path = Path("data")
    manifest: Path | None = None
    index: IndexSettings = Field(default_factory=IndexSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    subscriptions: SubscriptionSettings = Field(default_factory=SubscriptionSettings)
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    updates: UpdateSettings = Field(default_factory=UpdateSettings)
    catalog: CatalogSettings = Field(default_factory=CatalogSettings)
    fetch: FetchSettings = Field(default_factory=FetchSettings)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        """A section written with only comments under it (`discord:`) means its defaults."""
        if isinstance(data, dict):
            sections = (
                "index", "search", "discord", "subscriptions", "database", "updates", "catalog",
                "fetch", "logging",
            )
            return {k: ({} if k in sections and v is None else v) for k, v in data.items()}
        return data


class Config:
    """Settings with every path made absolute and the token resolved."""

    def __init__(self, settings: Settings, base_dir: Path, source: str) -> None:
        self.settings = settings
        self.source = source
        self.data_dir = (base_dir / settings.data_dir).resolve()
        manifest = settings.manifest or settings.data_dir / "datasets.yaml"
        self.manifest_path = (base_dir / manifest).resolve()
        self.index_path = (base_dir / settings.index.path).resolve()
        self.subscriptions_path = (base_dir / settings.subscriptions.path).resolve()

    @property
    def search(self) -> SearchSettings:
        return self.settings.search

    @property
    def index(self) -> IndexSettings:
        return self.settings.index

    @property
    def discord(self) -> DiscordSettings:
        return self.settings.discord

    def discord_token(self) -> str | None:
        """The bot token, stripped: DISCORD_TOKEN (or the file DISCORD_TOKEN_FILE names) wins.

        Secrets mounted from files and CRLF env files end in a newline that discord.py strips
        before sending; stripping here makes the token the bot redacts the one it sends.
        """
        from_env = env_value(TOKEN_ENV)
        for value in (from_env[1] if from_env else None, self.settings.discord.token):
            if value and value.strip():
                return value.strip()
        return None

    def discord_api_base_url(self) -> str | None:
        """Where the Discord API is (a local double in tests): the environment wins."""
        return os.environ.get(API_BASE_ENV) or self.settings.discord.api_base_url

    def database_url(self) -> str | None:
        """The PostgreSQL URL of shared state, or None for the SQLite file: the environment wins.

        It may carry a password: show it with `redacted_url`, never as it is.
        """
        from_env = env_value(DATABASE_URL_ENV)
        variable, value = from_env or (DATABASE_URL_ENV, self.settings.database.url)
        if value and not re.fullmatch(r"postgres(ql)?://\S+", value):
            scheme = value.partition(":")[0][:20]
            raise ConfigError(f"{variable}: expected a postgresql:// URL, found a "
                              f"{scheme!r} one (the rest is not shown: it may hold a password)")
        return value or None

    def shards(self) -> tuple[int | None, list[int] | None]:
        """Total shard count and this process's shard ids: the environment wins over the file.

        (None, None) is the default: one process running every shard Discord recommends.
        """
        count, ids = self.settings.discord.shard_count, self.settings.discord.shard_ids
        if raw := os.environ.get(SHARD_COUNT_ENV, "").strip():
            count = _env_int(SHARD_COUNT_ENV, raw)
        if raw := os.environ.get(SHARD_IDS_ENV, "").strip():
            ids = parse_shard_ids(raw)
        if problem := shard_problem(count, ids):
            raise ConfigError(f"{SHARD_COUNT_ENV}/{SHARD_IDS_ENV} with the config: {problem}")
        return count, ids

    def __repr__(self) -> str:
        return f"Config(source={self.source!r})"


def redacted_url(url: str) -> str:
    """A database URL with its password replaced, for logs and messages."""
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", url)


def parse_shard_ids(text: str) -> list[int]:
    """"0,1" or "4-7" or "0-1,6": the shard ids a process runs, as a sorted list."""
    ids: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        try:
            low = int(first)
            high = int(last) if dash else low
        except ValueError:
            raise ConfigError(f"{SHARD_IDS_ENV}: expected shard ids like 0,1 or 0-3, found "
                              f"{text!r}") from None
        if low < 0 or high < low:
            raise ConfigError(f"{SHARD_IDS_ENV}: bad range {part!r} in {text!r}")
        ids.update(range(low, high + 1))
    return sorted(ids)


def shard_problem(count: int | None, ids: list[int] | None) -> str | None:
    """What is wrong with shard settings, if anything: ids need a count, each below it."""
    if ids is None:
        return None
    if count is None:
        return "shard ids are set but the shard count is not; set both"
    if not ids or len(set(ids)) != len(ids) or min(ids) < 0 or max(ids) >= count:
        return f"shard ids must be distinct and between 0 and {count - 1}, found {ids}"
    return None


def _env_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, found {raw!r}") from None
    if value < 1:
        raise ConfigError(f"{name}: expected at least 1, found {value}")
    return value


def default_config_path() -> Path | None:
    """The config to use when none is given: $TRAINEDON_CONFIG, else ./config.yaml if present."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env)
    candidate = Path.cwd() / DEFAULT_CONFIG_NAME
    return candidate if candidate.exists() else None


def load_config(path: Path | None = None) -> Config:
    """Read and validate a config file (with none, the defaults), then the environment over it.

    The file is checked alone first, so that a problem names where it is: the file, or the
    variable that set the key. Paths set in the environment are relative to the config file's
    folder too (the working directory when there is no file).
    """
    if path is None:
        path = default_config_path()
    raw: dict[str, Any] = {}
    logged: list[str] = []
    if path is None:
        log.info("no %s found; using built-in defaults", DEFAULT_CONFIG_NAME)
        settings, base_dir, source = Settings(), Path.cwd(), "<defaults>"
    else:
        raw = _config_mapping(path, read_yaml(path, ConfigError, "config file"))
        settings, logged = _validated(raw, lambda *_: (str(path), False))
        for warning in logged:  # logged before anything else runs: the CLI shows it on stderr
            log.warning("%s: %s", path, warning)
        if settings.discord.token:
            log.warning(
                "%s: discord.token is set in the file; prefer the %s environment variable",
                path,
                TOKEN_ENV,
            )
        base_dir, source = path.resolve().parent, str(path)
    environment = read_environment(os.environ, Settings, NAMED_ENV)
    if environment.values:
        settings = _with_environment(raw, environment, source, logged)
    return Config(settings, base_dir, source)


def _with_environment(raw: dict[str, Any], environment: EnvOverrides, source: str,
                      logged: list[str]) -> Settings:
    """The file's settings with the environment's over them, checked again as a whole."""
    for warning in environment.warnings:
        log.warning("%s", warning)
    log.info("config keys from the environment: %s", ", ".join(environment.variables))
    settings, renamed = _validated(environment.apply(raw), environment.describe)
    for warning in renamed:
        if warning not in logged:
            log.warning("%s with the environment: %s", source, warning)
    return settings


def _validated(
    raw: dict[str, Any], where: Callable[..., tuple[str, bool]]
) -> tuple[Settings, list[str]]:
    """Settings from `raw`, renamed keys moved (with their warnings), thresholds checked.

    `where(loc, ...)` names what set the keys at those paths, and whether their values must
    stay hidden (read from a secret file).
    """
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        label, hidden = where(exc.errors()[0]["loc"])
        raise ConfigError(describe_validation_error(label, exc, Settings,
                                                    hide_found=hidden)) from None
    settings, renamed = apply_renamed_keys(settings)
    label, _ = where(("search", "found_score"), ("search", "uncertain_score"))
    _check_thresholds(label, settings.search)
    return settings, renamed


def _check_thresholds(where: Path | str, search: SearchSettings) -> None:
    """An uncertain threshold above the found one would leave no room for "uncertain"."""
    if search.uncertain_score > search.found_score:
        raise ConfigError(f"{where}: search.uncertain_score: expected at most "
                          f"search.found_score ({search.found_score:g}), "
                          f"found {search.uncertain_score:g}")


def _config_mapping(path: Path, data: Any) -> dict[str, Any]:
    """The top level of a config file: keys and values (an empty file means the defaults)."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: expected a mapping of keys at the top level, found {type(data).__name__}"
        )
    return data


def describe_validation_error(
    path: Path | str, exc: ValidationError, model: type[BaseModel] | None = None, *,
    hide_found: bool = False,
) -> str:
    """One line for the first problem: file (or variable), dotted key, expectation, found.

    The value found is never shown for a secret key, nor for any key when `hide_found`.
    """
    error = exc.errors()[0]
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    if error["type"] == "extra_forbidden":
        known = _known_keys(model, error["loc"][:-1])
        message = f"unknown key (expected one of: {', '.join(known)})" if known else "unknown key"
    elif error["type"] == "missing":
        return f"{path}: {key}: required key is missing"
    else:
        message = error["msg"].removeprefix("Value error, ")
        message = message[0].lower() + message[1:]
        message = message.replace("input should be", "expected")
        message = re.sub(r"a valid dictionary or instance of \w+", "a mapping of keys", message)
        message = message.replace("input is not a valid path for <class 'pathlib.Path'>",
                                  "expected a path")
    hidden = hide_found or key.startswith(SECRET_KEYS)
    found = "<hidden>" if hidden else _short_repr(error.get("input"))
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    if error["type"] == "value_error":  # a check of ours: its message names what it found
        return f"{path}: {key}: {message}{suffix}"
    return f"{path}: {key}: {message}, found {found}{suffix}"


def _known_keys(model: type[BaseModel] | None, loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed where an unknown key was found (nested sections followed by name)."""
    for part in loc:
        if model is None:
            return []
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        is_section = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        model = cast(type[BaseModel], annotation) if is_section else None
    return list(model.model_fields) if model is not None else []


_REPR = reprlib.Repr()  # bounded: an input can be large, and is shown in 60 characters
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 60


def _short_repr(value: Any) -> str:
    text = _REPR.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
