"""A bot killed in the middle of a program: the step ends normally and so do the next ones."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.minecraft import MinecraftEnv

WAIT = "await bot.waitForTicks(100); bot.chat('done waiting');"


@pytest.fixture
def doomed(make_env: MakeEnv, builtin_world: Server) -> Iterator[MinecraftEnv]:
    """A bot at 1 health with a zombie beside it; the world stands still until the next step."""
    assert builtin_world.console is not None
    env = make_env(builtin_world)
    observation, _ = env.reset(options={"mode": "hard", "vitals": {"health": 1, "food": 20}})
    here = observation["status"]["position"]
    builtin_world.console(f"summon zombie {here['x'] + 1.5} {here['y']} {here['z']}")
    yield env
    builtin_world.console("difficulty peaceful")  # takes the zombie away
    builtin_world.console("difficulty easy")


def assert_plays_on(env: MinecraftEnv) -> None:
    for _ in range(3):
        observation, chat, errors = run(env, "bot.chat('alive');")
        assert (chat, errors) == (["alive"], [])
        assert observation["status"]["health"] > 0


def test_a_bot_killed_by_a_mob_mid_program_steps_on(doomed: MinecraftEnv) -> None:
    observation, _, _, _, info = doomed.step(WAIT)
    assert "death" in [e["type"] for e in info["events"]]
    assert observation["status"]["health"] > 0  # respawned before the observation
    assert_plays_on(doomed)


def test_a_bot_process_killed_around_the_death_restarts_and_steps_on(
    doomed: MinecraftEnv,
) -> None:
    pid = doomed.bridge.pid
    assert pid is not None
    # The zombie strikes within the first second of the step; the process dies soon after.
    threading.Timer(3.0, os.kill, (pid, signal.SIGKILL)).start()
    _, _, _, _, info = doomed.step(WAIT)
    assert info["restarted"]
    assert doomed.bridge.pid != pid
    assert_plays_on(doomed)
