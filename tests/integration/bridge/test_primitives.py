"""The control primitives that stock flying-squid supports: mining, placing, exploring."""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.minecraft import MinecraftEnv


@pytest.fixture
def env(make_env: MakeEnv, squid_server: Server) -> MinecraftEnv:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"stone": 2}})
    return env


def test_mine_block_collects_and_saves_a_milestone(env: MinecraftEnv) -> None:
    observation, chat, errors = run(
        env, "await mineBlock(bot, 'grass_block', 2);\nawait bot.waitForTicks(40);"
    )
    assert errors == [], chat
    assert observation["inventory"].get("dirt", 0) >= 2
    assert {"type": "save", "name": "grass_block_mined"} in observation["events"]


def test_mine_block_asks_to_explore_when_nothing_is_near(env: MinecraftEnv) -> None:
    _, chat, errors = run(env, "await mineBlock(bot, 'diamond_ore', 1);")
    assert chat == ["No diamond_ore nearby, please explore first"], errors
    assert errors == []


def test_primitives_give_up_after_repeated_failures(env: MinecraftEnv) -> None:
    program = "for (let i = 0; i < 12; i++) {\n  await mineBlock(bot, 'diamond_ore', 1);\n}"
    _, chat, errors = run(env, program)
    assert len(chat) == 11
    assert errors[0].startswith(
        "Error: mineBlock failed too many times, make sure you explore before calling mineBlock"
    )
    assert "at line 2 of the program" in errors[0]
    # The count is per step: the next program starts afresh.
    _, chat, errors = run(env, "await mineBlock(bot, 'diamond_ore', 1);")
    assert errors == []


def test_place_item_puts_the_block_in_the_world(env: MinecraftEnv) -> None:
    program = """
const target = bot.entity.position.floored().offset(2, 0, 1);
await placeItem(bot, "stone", target);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    assert chat[-1] == "Placed stone"
    assert observation["inventory"] == {"stone": 1}
    position = observation["status"]["position"]
    stone = observation["nearestBlocks"]["stone"]
    assert abs(stone["x"] - position["x"]) <= 4 and abs(stone["z"] - position["z"]) <= 4
    assert {"type": "save", "name": "stone_placed"} in observation["events"]


def test_place_item_refuses_floating_blocks(env: MinecraftEnv) -> None:
    program = "await placeItem(bot, 'stone', bot.entity.position.floored().offset(0, 6, 0));"
    _, chat, errors = run(env, program)
    assert chat == ["No block to place stone on. You cannot place a floating block."]
    assert errors == []


def test_place_item_without_the_item_says_so(env: MinecraftEnv) -> None:
    _, chat, _ = run(env, "await placeItem(bot, 'oak_log', bot.entity.position.offset(1, 0, 0));")
    assert chat == ["No oak_log in inventory"]


def test_explore_until_walks_in_the_direction_until_the_callback_holds(env: MinecraftEnv) -> None:
    start = env.observe()["status"]["position"]
    program = f"""
const found = await exploreUntil(bot, new Vec3(1, 0, 0), 20, () =>
  bot.entity.position.x > {start["x"]} + 6 ? bot.entity.position : null);
bot.chat(found ? "arrived" : "gave up");
"""
    observation, chat, errors = run(env, program)
    assert errors == []
    assert chat == ["Explore success.", "arrived"]
    assert observation["status"]["position"]["x"] > start["x"] + 6


def test_explore_until_rejects_bad_directions(env: MinecraftEnv) -> None:
    _, _, errors = run(env, "await exploreUntil(bot, new Vec3(2, 0, 0), 5, () => false);")
    assert errors[0].startswith("Error: direction must be a Vec3 only with value of -1, 0 or 1")
