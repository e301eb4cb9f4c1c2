"""Crashes and hangs of the bot process never lose the run."""

from __future__ import annotations

import os
import signal
import threading

from bridge_helpers import MakeEnv, Server, run

KILLS = 4  # benchmarks/chaos.py kills for longer


def test_killing_the_process_during_a_step_again_and_again_never_loses_the_run(
    make_env: MakeEnv, squid_server: Server
) -> None:
    env = make_env(squid_server)
    env.reset(options={"mode": "hard", "inventory": {"stone": 3}})
    env.load_skills({"sayHello": "async function sayHello(bot) { bot.chat('hello'); }"})
    for attempt in range(KILLS):
        pid = env.bridge.pid
        assert pid is not None
        threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()
        observation, _, _, _, info = env.step("await bot.waitForTicks(200);")
        assert info["restarted"], f"attempt {attempt}: the kill went unnoticed"
        [error] = [e["message"] for e in info["events"] if e["type"] == "error"]
        assert "failed during this program and was restarted" in error
        assert observation["inventory"] == {"stone": 3}
        assert env.bridge.pid != pid
    _, chat, errors = run(env, "await sayHello(bot);")
    assert (chat, errors) == (["hello"], [])
    assert env.bridge.restarts == KILLS


def test_a_stuck_event_loop_is_killed_and_the_bot_restored(
    make_env: MakeEnv, squid_server: Server
) -> None:
    env = make_env(squid_server, heartbeat_limit=3.0)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 2}})
    # Catastrophic regex backtracking: native code, no loop to instrument.
    program = "/(a+)+$/.test('a'.repeat(40) + 'b');"
    _, _, _, _, info = env.step(program)
    assert info["restarted"]
    messages = [e["message"] for e in info["events"] if e["type"] == "error"]
    assert "stopped answering" in messages[0]
    observation = env.observe()
    assert observation["inventory"] == {"dirt": 2}
    _, chat, _ = run(env, "bot.chat('back');")
    assert chat == ["back"]


def test_a_bot_kicked_from_the_server_rejoins_and_plays_on(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    env = make_env(builtin_world)
    env.reset(options={"mode": "hard", "inventory": {"dirt": 5}})
    assert builtin_world.console is not None
    builtin_world.console(f"kick {env.username} testing a lost connection")
    observation, _, _, _, info = env.step("bot.chat('still here');")
    assert info["restarted"]
    assert observation["inventory"] == {"dirt": 5}
    _, chat, errors = run(env, "bot.chat('back again');")
    assert (chat, errors) == (["back again"], [])
