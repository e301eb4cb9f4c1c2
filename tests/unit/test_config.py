"""Settings: defaults, file, environment and flags, and the errors users see."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from voyager.config import ConfigError, load_settings, settings_to_toml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "voyager.toml"
    path.write_text(text)
    return path


def test_defaults_use_the_offline_model_without_endpoint_or_key() -> None:
    settings = load_settings(environ={})
    assert settings.explore.iterations == 160
    assert settings.roles["action"].model
    assert not settings.uses_endpoints()


def test_file_environment_and_flags_apply_in_that_order(tmp_path: Path) -> None:
    path = write(tmp_path, '[explore]\niterations = 10\nseed = 4\n[roles.action]\nmodel = "a"\n')
    environ = {"VOYAGER_EXPLORE__SEED": "5", "VOYAGER_ROLES__ACTION__MODEL": "b"}
    settings = load_settings(path, overrides={"explore": {"seed": 6}}, environ=environ)
    assert settings.explore.iterations == 10
    assert settings.explore.seed == 6
    assert settings.roles["action"].model == "b"


def test_the_world_pause_can_be_turned_off_from_the_environment() -> None:
    assert load_settings(environ={}).explore.pause_world
    environ = {"VOYAGER_EXPLORE__PAUSE_WORLD": "false"}
    assert not load_settings(environ=environ).explore.pause_world


def test_a_bot_view_distance_under_two_chunks_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"explore\.view_distance"):
        load_settings(environ={"VOYAGER_EXPLORE__VIEW_DISTANCE": "1"})


def test_a_bot_on_a_server_asks_for_the_settings_view_distance(tmp_path: Path) -> None:
    from voyager.env.minecraft import MinecraftEnv
    from voyager.setup import world

    explore = {"view_distance": 5, "server": "127.0.0.1:25565"}
    settings = load_settings(overrides={"explore": explore}, environ={})
    with world(settings, run=None) as where:
        env = where.env("bot", tmp_path)
        assert isinstance(env, MinecraftEnv)
        assert env.view_distance == 5


def test_unknown_key_names_the_key_and_the_source(tmp_path: Path) -> None:
    path = write(tmp_path, "[explore]\niteratons = 10\n")
    with pytest.raises(ConfigError, match=r"explore\.iteratons: unknown key") as info:
        load_settings(path, environ={})
    assert str(path) in str(info.value)


def test_an_unknown_environment_variable_names_the_key_and_the_source() -> None:
    with pytest.raises(ConfigError, match=r"explor: unknown key") as info:
        load_settings(environ={"VOYAGER_EXPLOR__SEED": "3"})
    assert "VOYAGER_* environment" in str(info.value)


def test_a_bad_environment_value_names_the_key_and_the_value() -> None:
    with pytest.raises(ConfigError, match=r"explore\.seed: .*'abc'"):
        load_settings(environ={"VOYAGER_EXPLORE__SEED": "abc"})


def test_the_settings_file_can_come_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "[explore]\nseed = 4\n")
    assert load_settings(environ={"VOYAGER_CONFIG": str(path)}).explore.seed == 4


def test_bad_url_is_rejected_with_an_example(tmp_path: Path) -> None:
    path = write(tmp_path, '[roles.critic]\nmodel = "m"\nbase_url = "htp//nowhere"\n')
    with pytest.raises(ConfigError, match=r"roles\.critic\.base_url.*http"):
        load_settings(path, environ={})


def test_unknown_role_is_rejected() -> None:
    with pytest.raises(ConfigError, match="unknown role"):
        load_settings(overrides={"roles": {"poet": {"model": "x"}}}, environ={})


def test_missing_api_key_for_the_openai_endpoint_says_which_variable() -> None:
    settings = load_settings(overrides={"llm": "openai"}, environ={})
    with pytest.raises(ConfigError, match=r"\$OPENAI_API_KEY"):
        settings.check_credentials()


def test_local_endpoint_needs_no_key() -> None:
    roles = {
        r: {"model": "m", "base_url": "http://127.0.0.1:9/v1"} for r in ("action", "curriculum")
    }
    settings = load_settings(overrides={"roles": roles}, environ={})
    assert settings.uses_endpoints()
    settings.roles["critic"].base_url = "http://127.0.0.1:9/v1"
    settings.roles["qa"].base_url = "http://127.0.0.1:9/v1"
    settings.roles["describer"].base_url = "http://127.0.0.1:9/v1"
    settings.check_credentials()


def test_invalid_toml_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[explore\n"), environ={})


def test_missing_settings_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_settings_round_trip_through_toml(tmp_path: Path) -> None:
    settings = load_settings(overrides={"max_cost": 2.5, "explore": {"seed": 9}}, environ={})
    text = settings_to_toml(settings)
    tomllib.loads(text)
    again = load_settings(write(tmp_path, text), environ={})
    assert again == settings
