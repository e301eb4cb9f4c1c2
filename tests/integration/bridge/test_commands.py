"""Generated code can never command the server: every chat path, in the built-in world.

The bot holds no operator rights there (its resets go through the world's
admin channel), and the bridge sends a program's chat as chat only: each case
below either is refused or reaches the server as plain chat, and afterwards
the bot's inventory, position, the time of day and the server are as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.agents.verify import verify
from voyager.env.minecraft import MinecraftEnv
from voyager.tasks import parse_task

GIVE = "/give @a diamond_pickaxe 1"
COMMANDS = [GIVE, "/tp @a 0 200 0", "/time set 18000", "/kill @a", "/stop", "/op @a"]
BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\v", "\f"]

CASES: dict[str, str] = {
    "a command as it is": f"bot.chat({GIVE!r});",
    "leading spaces": f"bot.chat('   ' + {GIVE!r});",
    "a control character first": f"bot.chat('\\u001b' + {GIVE!r});",
    "a format character first": f"bot.chat('\\u200b' + {GIVE!r});",
    "text past one message, ASCII": f"bot.chat('a'.repeat(256) + {GIVE!r});",
    "text past one message, wide characters": (
        f"bot.chat('\\u{{1F600}}'.repeat(100) + 'a'.repeat(56) + {GIVE!r});"
    ),
    "a value whose text is a command": f"bot.chat({{ toString: () => {GIVE!r} }});",
    "whisper": f"bot.whisper('bot', {GIVE!r});",
    "a timer after the step": f"setTimeout(() => bot.chat({GIVE!r}), 2000);",
}
for index, line_break in enumerate(BREAKS):
    for command in COMMANDS:
        CASES[f"line break {index} then {command.split()[0]}"] = (
            f"bot.chat('hello' + {line_break!r} + {command!r});"
        )

CHECK = "bot.chat(JSON.stringify({ time: bot.time.timeOfDay, age: bot.time.age }));"


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, builtin_world: Server) -> Iterator[MinecraftEnv]:
    env = make_env(builtin_world, username="plain")
    env.reset(options={"mode": "hard", "inventory": {"dirt": 1}})
    yield env


def clock(env: MinecraftEnv) -> dict[str, Any]:
    _, chat, errors = run(env, CHECK)
    assert errors == []
    value: dict[str, Any] = json.loads(chat[0])
    return value


@pytest.mark.parametrize("program", CASES.values(), ids=CASES.keys())
def test_a_program_cannot_run_a_server_command(
    env: MinecraftEnv, builtin_world: Server, program: str
) -> None:
    before = env.observe()
    time_before = clock(env)
    after, chat, errors = run(env, program)
    assert all(not line.lstrip().startswith("/") for line in chat)
    assert all("Programs cannot run server commands" in e or "not a function" in e for e in errors)
    assert after["inventory"] == before["inventory"] == {"dirt": 1}
    here, there = before["status"]["position"], after["status"]["position"]
    assert abs(here["x"] - there["x"]) < 1 and abs(here["z"] - there["z"]) < 1
    assert abs(here["y"] - there["y"]) < 1
    time_after = clock(env)
    # A step or two of play moves the clock a little; a command would jump it.
    assert 0 <= time_after["age"] - time_before["age"] < 400
    assert after["status"]["health"] > 0
    task = parse_task("Obtain 1 diamond_pickaxe")
    assert verify(task, before, after, after["events"]).success is False
    assert builtin_world.events is not None
    assert not any(e.get("event") == "stopped" for e in builtin_world.events())


def test_a_program_chats_as_plain_chat_one_message_a_line(env: MinecraftEnv) -> None:
    _, chat, errors = run(
        env, "bot.chat('one\\ntwo\\r\\nthree\\u2028four'); bot.chat('a'.repeat(300));"
    )
    assert errors == []
    assert chat == ["one", "two", "three", "four", "a" * 300]


def test_a_bot_without_the_admin_token_cannot_give_itself_items(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    # The same world through operator commands: they are refused, the bot is no operator.
    env = make_env(builtin_world, username="plain2", admin_token=None)
    observation, info = env.reset(options={"mode": "hard", "inventory": {"diamond": 1}})
    assert observation["inventory"] == {}
    assert any("Could not give diamond" in w for w in info["warnings"])


def test_resets_work_in_the_built_in_world_without_operator_rights(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    env = make_env(builtin_world, username="admined")
    env.reset(options={"mode": "hard", "inventory": {"dirt": 3}})
    start = env.observe()["status"]["position"]
    target = {"x": start["x"] + 3, "y": start["y"] + 1, "z": start["z"]}
    observation, info = env.reset(
        options={
            "mode": "hard",
            "inventory": {"oak_log": 5, "iron_sword": 1},
            "equipment": [None, None, None, None, "iron_sword", None],
            "position": target,
            "vitals": {"health": 7, "food": 9},
        }
    )
    assert info["warnings"] == []
    assert observation["inventory"] == {"oak_log": 5, "iron_sword": 1}
    assert observation["status"]["equipment"][4] == "iron_sword"
    assert abs(observation["status"]["position"]["x"] - target["x"]) < 1
    assert observation["status"]["health"] == 7 and observation["status"]["food"] == 9
