"""The bot's pathfinder with our fixes to mineflayer-pathfinder 2.4.5
(bridge/bot/pathfinderFixes.js), played by a real bot in the built-in world; each test
stands in a sky arena of its own."""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run
from sky_arenas import PRELUDE, SkyArenas, vec

from voyager.env.minecraft import MinecraftEnv


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> MinecraftEnv:
    return make_env(builtin_world, step_timeout=60.0)


def test_stopping_an_idle_pathfinder_does_not_stop_its_next_goal(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    arenas.enter(centre, {})
    target = centre.offset(3, 0, 0)
    program = f"""
bot.pathfinder.stop();
await bot.pathfinder.goto(new GoalBlock({target.x}, {target.y}, {target.z}));
const feet = bot.entity.position.floored();
bot.chat(`at ${{feet.x}} ${{feet.y}} ${{feet.z}}`);
"""
    _, chat, errors = run(env, program)
    assert errors == []
    assert chat == [f"at {target.x} {target.y} {target.z}"]


def test_a_block_three_above_the_feet_is_within_reach_of_the_look_goal(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    centre = arenas.new()
    log = centre.offset(1, 3, 0)
    arenas.column(centre.offset(1, 0, 0), ["air", "air", "air", "oak_log"])
    arenas.enter(centre, {})
    program = f"""
const goal = new GoalLookAtBlock({vec(log)}, bot.world);
bot.chat(`in reach: ${{goal.isEnd(bot.entity.position.floored())}}`);
"""
    _, chat, errors = run(env, program)
    assert errors == []
    assert chat == ["in reach: true"]


@pytest.mark.parametrize("plant", ["short_grass", "dandelion"])
def test_a_plant_no_ray_meets_is_mined_from_within_reach(
    env: MinecraftEnv, arenas: SkyArenas, plant: str
) -> None:
    # a block with no collision box: the look goal found no node to dig it from
    centre = arenas.new()
    arenas.column(centre.offset(3, 0, 0), [plant])
    arenas.enter(centre, {})
    program = (
        PRELUDE
        + f"""
await mineBlock(bot, "{plant}", 1);
bot.chat(`now ${{nameAt({vec(centre.offset(3, 0, 0))})}}`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == []
    assert chat == ["now air"]


def test_collecting_a_log_stops_following_its_item_once_it_is_picked_up(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    # the item falls in the trunk's cell; walking on into it means digging the log above. Where
    # the bot stops to dig that log decides whether it picks the item up first (the item rolls),
    # so what must hold is that no dig starts once the item is gone.
    centre = arenas.new()
    trunk = centre.offset(3, 0, 0)
    arenas.column(trunk, ["oak_log", "oak_log", "oak_log"])
    arenas.enter(centre, {})
    program = (
        PRELUDE
        + f"""
const cell = {vec(trunk)}.offset(0.5, 0.5, 0.5);
let log = null;
let itemGone = false;
const dugAfter = new Set();
bot.on("itemDrop", (entity) => {{
  if (!log && entity.position.distanceTo(cell) <= 0.5) log = entity;
}});
bot.on("entityGone", (entity) => {{ if (entity === log) itemGone = true; }});
bot.on("physicsTick", () => {{
  if (itemGone && bot.targetDigBlock) dugAfter.add(bot.targetDigBlock.name);
}});
await mineBlock(bot, "oak_log", 1);
bot.chat(`logs ${{count("oak_log")}}, picked up ${{itemGone}}, digs after [${{[...dugAfter]}}]`);
"""
    )
    _, chat, errors = run(env, program)
    assert errors == []
    assert chat[-1] == "logs 1, picked up true, digs after []"


def test_a_step_that_runs_out_while_its_look_goal_is_searched_leaves_the_bot_process_running(
    env: MinecraftEnv, arenas: SkyArenas
) -> None:
    # an air block is never seen: the search goes on, the goal raycasting through the program's
    # bot.world from mineflayer's physicsTick in 40 ms slices; the deadline falls inside one most
    # times, and three steps make it near sure
    centre = arenas.new()
    arenas.enter(centre, {"dirt": 64})  # scaffolding: the search has the whole sky to try
    program = f"""
bot.pathfinder.setGoal(new GoalLookAtBlock({vec(centre.offset(2, 3, 0))}, bot.world));
await new Promise(() => {{}});
"""
    timeout, env.step_timeout = env.step_timeout, 2.0
    try:
        steps = [env.step(program) for _ in range(3)]
    finally:
        env.step_timeout = timeout
    assert [info["restarted"] for *_, info in steps] == [False, False, False]
