"""Soft and hard resets, with and without operator rights."""

from __future__ import annotations

from bridge_helpers import MakeEnv, Server, run


def test_soft_reset_keeps_the_connection_and_the_state(
    make_env: MakeEnv, squid_server: Server
) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 4}})
    pid = env.bridge.pid
    run(env, "bot.setControlState('forward', true); await bot.waitForTicks(10);")
    before = env.observe()
    observation, info = env.reset(options={"mode": "soft"})
    assert env.bridge.pid == pid
    assert env.bridge.health()["connected"]
    assert observation["inventory"] == {"dirt": 4}
    assert observation["status"]["position"] == before["status"]["position"]
    assert info["warnings"] == []


def test_soft_reset_restarts_the_reward(make_env: MakeEnv, squid_server: Server) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 1}})
    env.reset(options={"mode": "soft", "inventory": {"dirt": 1, "stone": 1}})
    _, reward, _, _, _ = env.step("")
    assert reward == 0


def test_hard_reset_sets_inventory_and_position(make_env: MakeEnv, squid_server: Server) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard"})
    target = {"x": 20.5, "y": 5.0, "z": -7.5}
    observation, _ = env.reset(
        options={"mode": "hard", "inventory": {"stone": 2, "oak_log": 3}, "position": target}
    )
    assert observation["inventory"] == {"stone": 2, "oak_log": 3}
    position = observation["status"]["position"]
    assert abs(position["x"] - 20.5) < 1 and abs(position["z"] + 7.5) < 1


def test_hard_reset_says_what_it_could_not_clear(make_env: MakeEnv, squid_server: Server) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 2}})
    observation, info = env.reset(options={"mode": "hard", "inventory": {"stone": 1}})
    # Stock flying-squid has no /clear: the reset says so and still gives the stone.
    assert observation["inventory"]["stone"] == 1
    if observation["inventory"].get("dirt"):
        assert any("Could not clear the inventory" in w for w in info["warnings"])


def test_without_operator_rights_reset_reports_and_carries_on(
    make_env: MakeEnv, squid_server_without_op: Server
) -> None:
    env = make_env(squid_server_without_op)
    observation, info = env.reset(options={"mode": "hard", "inventory": {"stone": 2}})
    assert observation["inventory"] == {}
    assert any("Could not give stone" in w for w in info["warnings"])
    _, chat, errors = run(env, "bot.chat('working anyway');")
    assert (chat, errors) == (["working anyway"], [])


def test_reward_counts_new_item_kinds_once(make_env: MakeEnv, squid_server: Server) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"stone": 1}})
    # Stock flying-squid hands over drops a while after the block breaks.
    mine = """await mineBlock(bot, 'grass_block', 1);
const dirt = mcData.itemsByName.dirt.id;
for (let i = 0; i < 100 && bot.inventory.count(dirt) === 0; i++) await bot.waitForTicks(2);"""
    _, reward, _, _, _ = env.step(mine)
    assert reward == 1  # dirt, from the grass block
    _, reward, _, _, _ = env.step(mine)
    assert reward == 0


def test_the_bot_ticks_after_each_soft_reset_far_away(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    # Each place is out of view of the one before, so the world sends a new area around
    # the bot each time, right after the last. High above any ground, in creative mode
    # so that the fall does no harm.
    env = make_env(builtin_world, view_distance=6)
    env.reset(options={"mode": "hard"})
    assert builtin_world.console is not None
    builtin_world.console(f"gamemode creative {env.username}")
    run(env, "while (bot.game.gameMode !== 'creative') await bot.waitForTicks(1);")
    for k in range(1, 5):
        target = {"x": 600.5 * k, "y": 250.0, "z": -600.5 * k}
        env.reset(options={"mode": "soft", "position": target})
        observation, _, errors = run(env, "await bot.waitForTicks(5);")
        assert errors == []
        position = observation["status"]["position"]
        assert abs(position["x"] - target["x"]) < 1 and abs(position["z"] - target["z"]) < 1
        assert position["y"] < target["y"]  # it fell: physics ran


# Where the bot stands: dry ground under it, its own block and the four beside it open.
STANDING = """
const feet = bot.entity.position.floored();
const open = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].every(
  ([dx, dz]) => bot.blockAt(feet.offset(dx, 0, dz))?.name === "air");
bot.chat(`on ${bot.blockAt(feet.offset(0, -1, 0)).name} open ${open}`);
"""


def test_a_reset_onto_ground_finds_open_ground_away_from_what_was_built(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    env = make_env(builtin_world)
    env.reset(options={"mode": "hard"})
    column = {"x": 40.0, "z": 40.0}
    first, _ = env.reset(options={"mode": "hard", "inventory": {"dirt": 1}, "ground": column})
    _, chat, errors = run(env, STANDING)
    assert errors == [] and chat[0] in ("on grass_block open true", "on dirt open true"), chat
    spot = first["status"]["position"]
    assert abs(spot["x"] - 40) <= 64 and abs(spot["z"] - 40) <= 64
    # a block beside that spot: the same column now leads somewhere else
    _, chat, errors = run(
        env, 'await placeItem(bot, "dirt", bot.entity.position.floored().offset(1, 0, 0));'
    )
    assert errors == [], chat
    second, _ = env.reset(options={"mode": "hard", "ground": column})
    moved = second["status"]["position"]
    assert (moved["x"], moved["z"]) != (spot["x"], spot["z"])


def test_a_reset_onto_ground_elsewhere_says_it_cannot(
    make_env: MakeEnv, squid_server: Server
) -> None:
    env = make_env(squid_server)
    _, info = env.reset(options={"mode": "hard", "ground": {"x": 5, "z": 5}})
    assert any("only the built-in world" in w for w in info["warnings"]), info["warnings"]
