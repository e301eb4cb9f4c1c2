"""Program errors come back as error events that point at the program's own lines."""

from __future__ import annotations

import gymnasium
import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.minecraft import MinecraftEnv


@pytest.fixture(scope="module")
def env(make_env: MakeEnv, squid_server: Server) -> MinecraftEnv:
    env = make_env(squid_server, step_timeout=5.0)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 1}})
    return env


def test_step_before_reset_is_refused(make_env: MakeEnv, squid_server: Server) -> None:
    with pytest.raises(gymnasium.error.ResetNeeded):
        make_env(squid_server).step("bot.chat('hi')")


def test_runtime_error_names_the_line(env: MinecraftEnv) -> None:
    program = "const a = 1;\nconst b = null;\nbot.chat(b.name);\n"
    _, _, errors = run(env, program)
    assert len(errors) == 1
    assert errors[0].startswith("TypeError: Cannot read properties of null")
    assert "at line 3 of the program: bot.chat(b.name);" in errors[0]


def test_syntax_error_names_the_line(env: MinecraftEnv) -> None:
    _, _, errors = run(env, "bot.chat('a');\nconst = 5;\n")
    assert errors[0].startswith("SyntaxError:")
    assert "at line 2 of the program: const = 5;" in errors[0]


def test_error_inside_helper_functions_lists_each_line(env: MinecraftEnv) -> None:
    program = """async function inner(bot) {
  throw new Error("inner failed");
}
async function outer(bot) {
  await inner(bot);
}
await outer(bot);
"""
    _, _, errors = run(env, program)
    assert errors[0].splitlines()[:3] == [
        "Error: inner failed",
        'at line 2 of the program: throw new Error("inner failed");',
        "at line 5 of the program: await inner(bot);",
    ]


def test_primitive_error_names_primitive_and_program_lines(env: MinecraftEnv) -> None:
    _, _, errors = run(env, "\nawait mineBlock(bot, 'no_such_block');")
    assert errors[0].startswith("Error: No block named no_such_block")
    assert "of primitive mineBlock" in errors[0]
    assert "at line 2 of the program: await mineBlock(bot, 'no_such_block');" in errors[0]


def test_error_in_a_skill_names_the_skill(env: MinecraftEnv) -> None:
    env.load_skills({"brokenSkill": "async function brokenSkill(bot) {\n  undefinedThing();\n}"})
    _, _, errors = run(env, "await brokenSkill(bot);")
    # SES resolves unknown global names to undefined, hence "not a function".
    assert errors[0].startswith("TypeError: undefinedThing is not a function")
    assert "at line 2 of skill brokenSkill: undefinedThing();" in errors[0]


def test_a_skill_that_does_not_load_is_reported(env: MinecraftEnv) -> None:
    env.load_skills({"good": "async function good(bot) {}", "bad": "async function bad(bot) {"})
    assert env.skills_report["loaded"] == ["good"]
    assert "SyntaxError" in env.skills_report["failed"]["bad"]


def test_thrown_non_errors_are_described(env: MinecraftEnv) -> None:
    _, _, errors = run(env, "throw 42;")
    assert errors == ["Thrown value: 42"]


def test_a_program_that_is_not_a_string_is_an_error_event(env: MinecraftEnv) -> None:
    _, reward, terminated, truncated, info = env.step(12345)  # type: ignore[arg-type]
    assert info["events"] == [
        {"type": "error", "message": "The action must be a string of JavaScript, got int"}
    ]
    assert (reward, terminated, truncated) == (0, False, False)


def test_chat_commands_are_refused(env: MinecraftEnv) -> None:
    _, chat, errors = run(env, "bot.chat('/give @s diamond 64');")
    assert chat == []
    assert "Programs cannot run server commands (/give)" in errors[0]


def test_an_endless_loop_ends_at_the_step_deadline(env: MinecraftEnv) -> None:
    _, _, errors = run(env, "let n = 0;\nwhile (true) { n++; }")
    assert errors == [
        "The program ran longer than 5 s and was stopped; split the task into shorter programs"
    ]
    _, chat, _ = run(env, "bot.chat('still here');")
    assert chat == ["still here"]


def test_an_error_thrown_in_a_plugin_callback_leaves_the_bot_playing(env: MinecraftEnv) -> None:
    # The pathfinder calls isEnd on its tick, outside the program: the error is uncaught.
    # Before: SES's own trap printed "SES_UNCAUGHT_EXCEPTION: {}" and ended the process.
    program = """
const goal = {
  isEnd: () => { throw new Error("thrown in the pathfinder's tick"); },
  heuristic: () => 0,
  hasChanged: () => false,
  isValid: () => true,
};
bot.pathfinder.setGoal(goal);
// not waitForTicks: each tick's handlers stop at the pathfinder's error
await new Promise((resolve) => setTimeout(resolve, 500));
bot.pathfinder.setGoal(null);
bot.chat("still here");
"""
    pid = env.bridge.pid
    _, chat, errors = run(env, program)
    assert (chat, errors) == (["still here"], [])
    assert env.bridge.pid == pid
    assert env.bridge.log_path is not None
    assert "thrown in the pathfinder's tick" in env.bridge.log_path.read_text()
