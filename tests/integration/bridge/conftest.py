"""Envs over the real bridge, each closed (its Node process stopped) by the fixture."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server
from play_helpers import DAY, WorldConsole
from sky_arenas import SkyArenas

from voyager.env.minecraft import MinecraftEnv

_names = itertools.count()


@pytest.fixture(scope="module")
def make_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MakeEnv]:
    envs: list[MinecraftEnv] = []
    logs = tmp_path_factory.mktemp("bridge-logs")

    def make(server: Any, **kwargs: Any) -> MinecraftEnv:
        kwargs.setdefault("username", f"bot{next(_names)}")
        kwargs.setdefault("log_dir", Path(logs))
        kwargs.setdefault("step_timeout", 30.0)
        kwargs.setdefault("admin_token", getattr(server, "admin_token", None))
        env = MinecraftEnv(server.host, server.port, **kwargs)
        envs.append(env)
        return env

    yield make
    for env in envs:
        env.close()


@pytest.fixture(scope="module")
def arenas(env: MinecraftEnv, builtin_world: Server) -> SkyArenas:
    """Sky arenas in the built-in world for the module's `env` bot."""
    return SkyArenas(builtin_world, env)


@pytest.fixture(scope="module")
def world(builtin_world: Server) -> Iterator[WorldConsole]:
    """The built-in world's console, on easy with no spawning of its own: a test's mobs are
    those it summons. After the module: day, and no hostile mob left over."""
    console = WorldConsole(builtin_world)
    console.run("difficulty easy")
    with console.rule("doMobSpawning", False, restore=True):
        yield console
    console.time(DAY)
    console.remove_hostiles()


@pytest.fixture
def no_hostiles_left_over(world: WorldConsole) -> None:
    """Each test meets only the mobs it summons (an enderman provoked before still chases)."""
    world.remove_hostiles()
