"""Programs really run in the mock: async code, loops, errors, budgets, unsupported API, skills."""

from __future__ import annotations

import warnings

import pytest
from gymnasium.utils.env_checker import check_env

from voyager.env.contract import StepLimits, check_observation
from voyager.env.mock import MockMinecraftEnv


@pytest.fixture()
def env() -> MockMinecraftEnv:
    made = MockMinecraftEnv(seed=2, cpu_seconds=0.5)
    made.reset(seed=2)
    return made


def step(env: MockMinecraftEnv, code: str) -> list[dict[str, str]]:
    obs, _reward, _terminated, _truncated, info = env.step(code)
    check_observation(obs)
    events: list[dict[str, str]] = info["events"]
    return events


def errors(events: list[dict[str, str]]) -> list[str]:
    return [e["message"] for e in events if e["type"] == "error"]


def test_async_functions_and_top_level_await_run(env: MockMinecraftEnv) -> None:
    events = step(
        env,
        "async function twice(x) { await bot.waitForTicks(5); return 2 * x; }\n"
        "bot.chat(`got ${await twice(21)}`);",
    )
    assert events == [{"type": "chat", "message": "got 42"}]


def test_timers_wait_in_game_time(env: MockMinecraftEnv) -> None:
    _obs, _r, _t, _tr, info = env.step("await new Promise((resolve) => setTimeout(resolve, 5000));")
    assert info["ticks"] == 100


def test_loops_that_end_run_to_the_end(env: MockMinecraftEnv) -> None:
    events = step(
        env,
        "let n = 0; for (let i = 0; i < 1000; i++) { n += i; }\n"
        "while (n > 10) { n = Math.floor(n / 2); } bot.chat(String(n));",
    )
    assert events == [{"type": "chat", "message": "7"}]


def test_an_error_names_the_programs_line(env: MockMinecraftEnv) -> None:
    events = step(env, "const a = 1;\nconst b = null;\nbot.chat(b.name);")
    assert errors(events)[0].startswith("TypeError")
    assert "at line 3 of the program: bot.chat(b.name);" in errors(events)[0]


def test_a_syntax_error_is_an_error_event(env: MockMinecraftEnv) -> None:
    assert errors(step(env, "let x = ;"))[0].startswith("SyntaxError")


def test_an_endless_loop_ends_with_an_error(env: MockMinecraftEnv) -> None:
    assert "endless loop" in errors(step(env, "while (true) {}"))[0]


def test_an_endless_async_loop_ends_with_an_error(env: MockMinecraftEnv) -> None:
    assert "endless loop" in errors(step(env, "while (true) { await null; }"))[0]


def test_a_long_program_that_keeps_the_game_clock_moving_is_no_runaway() -> None:
    """The computation budget counts from the last move of the game clock, so a long program
    ends the same way however busy the machine is (here 200 short bursts, far more than the
    budget in all, each far less)."""
    env = MockMinecraftEnv(seed=2, cpu_seconds=0.05)
    env.reset(seed=2)
    burst = "let n = 0; for (let j = 0; j < 2000; j++) { n += j; }"
    program = f"for (let i = 0; i < 200; i++) {{ {burst} await bot.waitForTicks(1); }}"
    assert step(env, program + ' bot.chat("done");') == [{"type": "chat", "message": "done"}]


def test_waiting_forever_in_game_time_ends_with_an_error(env: MockMinecraftEnv) -> None:
    assert "game time" in errors(step(env, "while (true) { await bot.waitForTicks(100); }"))[0]


def test_a_promise_that_never_settles_is_reported(env: MockMinecraftEnv) -> None:
    assert "never happens" in errors(step(env, "await new Promise(() => {});"))[0]


def test_unsupported_bot_api_is_named(env: MockMinecraftEnv) -> None:
    assert errors(step(env, "await bot.mount(null);")) == [
        "Error: bot.mount is not supported in the mock world"
    ]


def test_server_commands_are_refused(env: MockMinecraftEnv) -> None:
    assert "cannot run server commands" in errors(step(env, 'bot.chat("/give bot diamond 64");'))[0]


def test_host_internals_are_out_of_reach(env: MockMinecraftEnv) -> None:
    assert "reserved" in errors(step(env, "__voyagerHost('chat', '[]');"))[0]


def test_a_non_string_action_is_an_error_event(env: MockMinecraftEnv) -> None:
    _obs, _r, _t, _tr, info = env.step(42)  # type: ignore[arg-type]
    assert info["events"][0]["type"] == "error"


def test_learned_skills_are_callable_by_name(env: MockMinecraftEnv) -> None:
    env.load_skills({"sayHello": 'async function sayHello(bot) { bot.chat("hello"); }'})
    assert step(env, "await sayHello(bot);") == [{"type": "chat", "message": "hello"}]


def test_an_error_inside_a_skill_names_the_skill(env: MockMinecraftEnv) -> None:
    env.load_skills({"broken": "async function broken(bot) {\n  null.x;\n}"})
    assert "at line 2 of skill broken" in errors(step(env, "await broken(bot);"))[0]


def test_reward_counts_new_item_kinds(env: MockMinecraftEnv) -> None:
    env.reset(seed=2, options={"inventory": {"oak_log": 2}})
    _obs, reward, _t, _tr, _info = env.step('await craftItem(bot, "oak_planks", 1);')
    assert reward == 1.0


def test_check_env_passes_without_warnings() -> None:
    env = MockMinecraftEnv(seed=0, clock=lambda: 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(env, skip_render_check=True)


def test_chat_is_one_event_a_line_and_never_a_command(env: MockMinecraftEnv) -> None:
    events = step(env, "bot.chat('one\\ntwo\\r\\nthree\\u2028four');")
    assert [e["message"] for e in events] == ["one", "two", "three", "four"]
    for line_break in ("\\n", "\\r", "\\u2029", "\\u0085"):
        refused = errors(step(env, f"bot.chat('hi{line_break}/give @a diamond 1');"))
        assert refused and "cannot run server commands" in refused[0]


def test_a_flood_of_chat_and_events_stays_within_the_step_limits(env: MockMinecraftEnv) -> None:
    limits = StepLimits(chat_lines=5, events=8, errors=2, message_chars=100)
    flooded = MockMinecraftEnv(seed=2, step_limits=limits)
    flooded.reset(seed=2)
    obs, _, _, _, _ = flooded.step(
        "for (let i = 0; i < 1000; i++) { bot.chat('x'.repeat(500)); bot.save('s' + i); }\n"
        "throw new Error('why');"
    )
    check_observation(obs, limits)
    kinds = [e["type"] for e in obs["events"]]
    assert kinds.count("chat") == 4 and kinds.count("save") == 4 and kinds[-1] == "dropped"
    assert "why" in next(e["message"] for e in obs["events"] if e["type"] == "error")
    assert "996 chat events, 996 save events" in obs["events"][-1]["message"]
