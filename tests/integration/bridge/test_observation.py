"""Every field of the observation, from a real bot on a real server."""

from __future__ import annotations

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.contract import EQUIPMENT_SLOTS, TIMES_OF_DAY, check_observation
from voyager.env.minecraft import MinecraftEnv


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, squid_server: Server) -> MinecraftEnv:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 5, "stone": 3}})
    return env


def test_reset_observation_passes_the_contract(env: MinecraftEnv) -> None:
    observation = env.observe()
    check_observation(observation)
    assert env.observation_space.contains(observation)


def test_status_fields_have_their_types(env: MinecraftEnv) -> None:
    status = env.observe()["status"]
    assert 0 <= status["health"] <= 20 and 0 <= status["food"] <= 20
    assert isinstance(status["saturation"], int | float)
    assert isinstance(status["oxygen"], int | float)
    assert all(isinstance(status["position"][a], int | float) for a in "xyz")
    assert all(isinstance(status["velocity"][a], int | float) for a in "xyz")
    assert isinstance(status["yaw"], int | float) and isinstance(status["pitch"], int | float)
    assert isinstance(status["onGround"], bool)
    assert len(status["equipment"]) == len(EQUIPMENT_SLOTS)
    assert status["biome"] == "plains"  # superflat is all plains
    assert isinstance(status["entities"], dict)
    assert status["timeOfDay"] in TIMES_OF_DAY
    assert status["inventoryUsed"] == 2
    assert 0 <= status["light"] <= 15
    assert status["dimension"] == "overworld"


def test_elapsed_time_counts_game_ticks(env: MinecraftEnv) -> None:
    before = env.observe()["status"]["elapsedTime"]
    observation, _, _, _, info = env.step("await bot.waitForTicks(20);")
    assert info["ticks"] >= 20
    assert observation["status"]["elapsedTime"] >= before + 20


def test_inventory_and_held_item(env: MinecraftEnv) -> None:
    observation, _, errors = run(env, 'await bot.equip(mcData.itemsByName.stone.id, "hand");')
    assert errors == []
    assert observation["inventory"] == {"dirt": 5, "stone": 3}
    assert observation["status"]["equipment"][4] == "stone"


def test_voxels_and_nearest_blocks_describe_the_ground(env: MinecraftEnv) -> None:
    observation = env.observe()
    assert {"grass_block", "dirt"} <= set(observation["voxels"])
    position = observation["status"]["position"]
    nearest = observation["nearestBlocks"]["grass_block"]
    assert nearest["y"] == int(position["y"]) - 1
    assert abs(nearest["x"] - position["x"]) <= 1 and abs(nearest["z"] - position["z"]) <= 1
    assert "bedrock" in observation["nearestBlocks"]


def test_block_records_remember_blocks_not_in_the_inventory(env: MinecraftEnv) -> None:
    records = env.observe()["blockRecords"]
    assert "grass_block" in records
    assert "dirt" not in records  # the bot holds dirt


def test_a_placed_chest_is_listed_as_unknown(env: MinecraftEnv) -> None:
    env.reset(options={"mode": "soft", "inventory": {"dirt": 5, "stone": 3, "chest": 1}})
    program = """
const p = bot.entity.position.floored().offset(2, 0, 0);
await placeItem(bot, "chest", p);
"""
    observation, chat, errors = run(env, program)
    assert errors == [], chat
    position = observation["status"]["position"]
    key = f"({int(position['x']) + 2}, {int(position['y'])}, {int(position['z'])})"
    assert observation["nearbyChests"].get(key) == "Unknown", observation["nearbyChests"]


def test_events_of_a_step_are_in_the_observation_and_info(env: MinecraftEnv) -> None:
    observation, _, _, _, info = env.step('bot.chat("hello"); bot.save("greeted");')
    assert observation["events"] == info["events"]
    assert {"type": "chat", "message": "hello"} in info["events"]
    assert {"type": "save", "name": "greeted"} in info["events"]
    assert info["wall_time"] > 0


def test_blank_chat_lines_are_not_events(env: MinecraftEnv) -> None:
    _, chat, errors = run(env, 'bot.chat(""); bot.chat("  "); bot.chat([]); bot.chat("said");')
    assert (chat, errors) == (["said"], [])
