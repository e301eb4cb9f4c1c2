"""A bot killed in the middle of a program: the step ends normally and so do the next ones."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.minecraft import MinecraftEnv
from voyager.env.world import EmbeddedWorld

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


def test_a_bot_that_dies_where_inventory_is_kept_respawns_with_what_it_carried(
    make_env: MakeEnv, tmp_path: Path
) -> None:
    # the world explore starts: keepInventory on, as the paper ran
    with EmbeddedWorld(seed=7, keep_inventory=True, log_path=tmp_path / "world.log") as world:
        env = make_env(world)
        first, _ = env.reset(options={"mode": "hard", "inventory": {"stone_pickaxe": 1}})
        spawn = first["status"]["position"]
        # a fall of 40 blocks kills from full health, 30 blocks from the spawn and its drops
        high = {"x": spawn["x"] + 30, "y": spawn["y"] + 40, "z": spawn["z"]}
        env.reset(options={"mode": "soft", "position": high})
        back_at_spawn = f"""
const spawn = new Vec3({spawn["x"]}, {spawn["y"]}, {spawn["z"]});
const away = () => bot.entity.position.distanceTo(spawn) > 2;
for (let i = 0; i < 200 && away(); i++) await bot.waitForTicks(1);
await bot.waitForTicks(20);
bot.chat(`${{Math.round(bot.entity.position.distanceTo(spawn))}} blocks from the spawn`);
"""
        observation, chat, errors = run(env, back_at_spawn)
        env.close()
    assert (chat, errors) == (["0 blocks from the spawn"], [])
    assert observation["inventory"] == {"stone_pickaxe": 1}
