"""Voyager's settings: one validated object built from a TOML file, environment and flags.

Precedence, lowest first: built-in defaults, the TOML file (``--config`` or
``./voyager.toml``), ``VOYAGER_*`` environment variables (``__`` separates
nesting levels: ``VOYAGER_ROLES__ACTION__MODEL=gpt-4o``), then CLI flags.
pydantic-settings merges the sources; every value is checked, and an error
names the key, the bad value and the sources it came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings.sources.utils import parse_env_vars

from voyager.env.contract import VIEW_DISTANCE, VIEW_DISTANCES, StepLimits
from voyager.errors import VoyagerError

ROLES = ("action", "curriculum", "critic", "qa", "describer", "embedding")
ENV_PREFIX = "VOYAGER_"
ENV_NESTING = "__"
CONFIG_FILE_VARIABLE = "VOYAGER_CONFIG"
_CONFIG_VARIABLE = CONFIG_FILE_VARIABLE.lower()
DEFAULT_CONFIG_FILE = "voyager.toml"
OPENAI_BASE_URL = "https://api.openai.com/v1"


class ConfigError(VoyagerError, ValueError):
    """Settings that cannot be used, with a message that says what to change."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RoleSettings(_Strict):
    """How one LLM role talks to its endpoint."""

    model: str
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    timeout: float = Field(120.0, gt=0)
    max_retries: int = Field(4, ge=0, le=20)
    max_tokens: int | None = Field(None, gt=0)

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parsed = urlparse(value)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"not an http(s) URL: {value!r} (example: http://127.0.0.1:8000/v1)")
        return value.rstrip("/")

    @property
    def endpoint(self) -> str:
        return self.base_url or OPENAI_BASE_URL

    def api_key(self) -> str | None:
        return os.environ.get(self.api_key_env) or None


class Price(_Strict):
    """Dollars per million tokens."""

    input: float = Field(ge=0)
    output: float = Field(0.0, ge=0)


class CacheSettings(_Strict):
    """The on-disk LLM response cache. ``auto`` caches only roles sampled at temperature 0."""

    enabled: Literal["auto", "on", "off"] = "auto"
    dir: Path = Path("~/.cache/voyager/llm")


class LibrarySettings(_Strict):
    embedder: Literal["minilm", "hashing", "openai"] = "minilm"
    top_k: int = Field(5, ge=0, le=50)
    min_score: float = Field(0.25, ge=-1.0, le=1.0)
    chroma_url: str | None = None
    learn: bool = Field(
        True, description="store verified programs; false (with top_k 0): no library"
    )


class ExploreSettings(_Strict):
    iterations: int = Field(160, ge=1)
    max_rounds: int = Field(4, ge=1, le=50)
    seed: int = 0
    curriculum: Literal["auto", "manual", "random"] = Field(
        "auto", description="random: tasks drawn from the plan in curriculum/goals.json"
    )
    manual_tasks: list[str] = Field(default_factory=list)
    qa: bool = True
    self_verification: bool = Field(
        True, description="false: a round that ran without an error counts as done (ablation)"
    )
    pause_world: bool = Field(True, description="freeze a Minecraft world while the LLM thinks")
    keep_inventory: bool = Field(
        True, description="the built-in world's keepInventory rule: a death loses nothing (paper)"
    )
    view_distance: int = Field(
        VIEW_DISTANCE,
        ge=VIEW_DISTANCES.start,
        le=VIEW_DISTANCES.stop - 1,
        description="chunks around each bot the server sends (and the bot keeps)",
    )
    env: Literal["minecraft", "mock"] = Field(
        "minecraft", description="the world: Minecraft or mock"
    )
    server: str | None = Field(None, description="HOST:PORT of a server; none: the built-in world")

    @field_validator("server")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        host, _, port = value.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"expected HOST:PORT, e.g. 127.0.0.1:25565, not {value!r}")
        return value

    def server_address(self) -> tuple[str, int] | None:
        if self.server is None:
            return None
        host, _, port = self.server.rpartition(":")
        return host, int(port)


class AgentsSettings(_Strict):
    """Several learners in one world (``voyager explore --agents N``), named bot1, bot2, ..."""

    count: int = Field(1, ge=1, le=16)
    library: Literal["shared", "separate"] = Field(
        "shared", description="one library every learner reads and writes, or one each"
    )
    # What differs for one learner, by name: [agents.each.bot2.roles.action] model = "..."
    each: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def names(self) -> list[str]:
        return [f"bot{i}" for i in range(1, self.count + 1)]


class EvalSettings(_Strict):
    """``voyager eval``: parallel trials and the limits they share (see docs/eval.md)."""

    workers: int = Field(1, ge=1, le=256, description="trials at once on this machine")
    retries: int = Field(2, ge=0, le=20, description="new attempts for a trial that fails")
    max_concurrent_requests: int = Field(
        4, ge=1, le=1024, description="LLM requests in flight per endpoint, over all trials"
    )
    world_memory_mb: int = Field(1500, ge=64, description="a built-in world trial's memory")
    mock_memory_mb: int = Field(400, ge=64, description="a mock world trial's memory")


def _default_roles() -> dict[str, RoleSettings]:
    big, small = "gpt-4o", "gpt-4o-mini"
    return {
        "action": RoleSettings(model=big),
        "curriculum": RoleSettings(model=big),
        "critic": RoleSettings(model=big),
        "qa": RoleSettings(model=small),
        "describer": RoleSettings(model=small),
        "embedding": RoleSettings(model="text-embedding-3-small"),
    }


def _default_prices() -> dict[str, Price]:
    return {
        "gpt-4o": Price(input=2.5, output=10.0),
        "gpt-4o-mini": Price(input=0.15, output=0.6),
        "gpt-4.1": Price(input=2.0, output=8.0),
        "gpt-4.1-mini": Price(input=0.4, output=1.6),
        "gpt-4": Price(input=30.0, output=60.0),
        "gpt-3.5-turbo": Price(input=0.5, output=1.5),
        "text-embedding-3-small": Price(input=0.02),
        "text-embedding-3-large": Price(input=0.13),
    }


class Settings(BaseSettings):
    """Everything a run is started with; saved as the run's ``config.toml``.

    ``Settings(...)`` holds its arguments and the defaults only; :func:`load_settings`
    adds the TOML file and the environment.
    """

    model_config = SettingsConfigDict(
        extra="forbid",
        validate_assignment=True,
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_NESTING,
    )

    llm: Literal["auto", "openai", "offline"] = "auto"
    max_cost: float | None = Field(None, gt=0, description="USD; the run stops cleanly past it")
    roles: dict[str, RoleSettings] = Field(default_factory=_default_roles)
    prices: dict[str, Price] = Field(default_factory=_default_prices)
    cache: CacheSettings = Field(default_factory=CacheSettings)
    library: LibrarySettings = Field(default_factory=LibrarySettings)
    explore: ExploreSettings = Field(default_factory=ExploreSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)
    step_limits: StepLimits = Field(
        default_factory=StepLimits,
        description="what one step may put into its events and the bridge log",
    )
    agents: AgentsSettings = Field(default_factory=AgentsSettings)

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, roles: dict[str, RoleSettings]) -> dict[str, RoleSettings]:
        unknown = sorted(set(roles) - set(ROLES))
        if unknown:
            raise ValueError(f"unknown role(s) {unknown}; the roles are {list(ROLES)}")
        return {**_default_roles(), **roles}

    def uses_endpoints(self) -> bool:
        """True when the LLM roles go to an HTTP endpoint rather than the offline model."""
        if self.llm != "auto":
            return self.llm == "openai"
        chat_roles = [self.roles[r] for r in ROLES if r != "embedding"]
        return any(r.base_url is not None or r.api_key() for r in chat_roles)

    def check_credentials(self) -> None:
        """Fail early, with the variable to set, when a role needs a key it does not have."""
        if not self.uses_endpoints():
            return
        roles = [r for r in ROLES if r != "embedding"]
        if self.library.embedder == "openai":
            roles.append("embedding")
        for name in roles:
            role = self.roles[name]
            if role.base_url is None and not role.api_key():
                raise ConfigError(
                    f"roles.{name} uses {OPENAI_BASE_URL} but ${role.api_key_env} is not set: "
                    f"export it, set roles.{name}.base_url to a local server, or use --llm offline"
                )

    def for_agent(self, name: str) -> Settings:
        """The settings of one learner of a team: these, with its own ``agents.each`` table."""
        own = self.agents.each.get(name)
        if not own:
            return self
        merged = _merged(self.model_dump(mode="json"), own)
        try:
            return Settings.model_validate(merged)
        except ValidationError as exc:
            raise ConfigError(_format_error(exc, f"agents.each.{name}")) from None

    def price(self, model: str) -> Price | None:
        return self.prices.get(model)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


class _Environment(EnvSettingsSource):
    """The ``VOYAGER_*`` variables of ``environ`` (not necessarily the process's own)."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self._environ = environ
        super().__init__(Settings)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        return parse_env_vars(self._environ, False, self.env_ignore_empty, self.env_parse_none_str)

    def __call__(self) -> dict[str, Any]:
        values = super().__call__()
        # pydantic-settings skips variables that match no field; pass them on to be refused
        for name, value in self.env_vars.items():
            key = name.removeprefix(ENV_PREFIX.lower()).split(ENV_NESTING)[0]
            unread = key not in Settings.model_fields and key not in values
            if name.startswith(ENV_PREFIX.lower()) and unread and name != _CONFIG_VARIABLE:
                values[key] = value
        return values


def _format_error(error: ValidationError, source: str) -> str:
    lines = [f"invalid settings ({source}):"]
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "(top level)"
        if item["type"] == "extra_forbidden":
            lines.append(f"  {where}: unknown key")
        else:
            lines.append(f"  {where}: {item['msg']} (got {item.get('input')!r})")
    return "\n".join(lines)


def load_settings(
    path: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from defaults, a TOML file, the environment and flag overrides."""
    environ = os.environ if environ is None else environ
    path = _settings_file(path, environ)
    sources: list[tuple[str, PydanticBaseSettingsSource]] = [
        ("command-line flags", InitSettingsSource(Settings, dict(overrides or {}))),
        ("VOYAGER_* environment", _Environment(environ)),
    ]
    if path is not None:
        sources.append((str(path), _toml_source(path)))
    used = ["defaults", *reversed([name for name, source in sources if source()])]
    try:
        return Settings(_build_sources=(tuple(source for _, source in sources), {}))
    except ValidationError as exc:
        raise ConfigError(_format_error(exc, ", ".join(used))) from None


def _settings_file(path: Path | None, environ: Mapping[str, str]) -> Path | None:
    """``path``, else ``$VOYAGER_CONFIG``, else ``./voyager.toml`` when there is one."""
    if path is None and environ.get(CONFIG_FILE_VARIABLE):
        path = Path(environ[CONFIG_FILE_VARIABLE])
    if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
        path = Path(DEFAULT_CONFIG_FILE)
    if path is not None and not path.is_file():
        raise ConfigError(f"settings file not found: {path}")
    return path


def _toml_source(path: Path) -> TomlConfigSettingsSource:
    try:
        return TomlConfigSettingsSource(Settings, toml_file=path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None


def settings_to_toml(settings: Settings) -> str:
    """Serialise settings as TOML (the run folder's ``config.toml``)."""
    return tomli_w.dumps(settings.model_dump(mode="json", exclude_none=True))


def _merged(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        nested = isinstance(value, Mapping) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if nested else value
    return merged
