"""The world stands still between steps where the server can freeze it, and says so where not."""

from __future__ import annotations

import time
from typing import Any

from bridge_helpers import MakeEnv, Server, run

EVENT_DEADLINE = 30.0


def clock_events(server: Server, after: int, count: int) -> list[dict[str, Any]]:
    """The world's next `count` paused/resumed events after the first `after` events."""
    assert server.events is not None
    deadline = time.monotonic() + EVENT_DEADLINE
    while True:
        found = [e for e in server.events()[after:] if e.get("event") in ("paused", "resumed")]
        if len(found) >= count or time.monotonic() > deadline:
            return found[:count]
        time.sleep(0.1)


def after_pause(server: Server, mark: int) -> int:
    """How many events the world has printed up to its first pause after the first `mark` events.

    The world prints the pause that ends a reset or a step a moment after the call returns,
    and an earlier test's bot may have printed pauses of its own, so the caller takes the
    mark before acting and this waits for the pause that follows it.
    """
    assert server.events is not None
    deadline = time.monotonic() + EVENT_DEADLINE
    while time.monotonic() < deadline:
        events = server.events()
        for index in range(mark, len(events)):
            if events[index].get("event") == "paused":
                return index + 1
        time.sleep(0.1)
    raise AssertionError(f"the world printed no pause within {EVENT_DEADLINE} s")


def event_count(server: Server) -> int:
    assert server.events is not None
    return len(server.events())


def test_the_world_stands_still_between_steps_and_runs_during_them(
    make_env: MakeEnv, builtin_world: Server
) -> None:
    env = make_env(builtin_world)
    mark = event_count(builtin_world)
    _, info = env.reset(options={"mode": "hard"})
    assert not any("keeps running" in w for w in info["warnings"]), info["warnings"]
    seen = after_pause(builtin_world, mark)
    wait = "await bot.waitForTicks(40);"
    run(env, wait)
    time.sleep(3)  # the LLM thinking: 60 ticks if the world ran
    run(env, wait)
    events = clock_events(builtin_world, seen, 4)
    assert [e["event"] for e in events] == ["resumed", "paused", "resumed", "paused"]
    first_start, first_end, second_start, second_end = (e["age"] for e in events)
    assert first_end > first_start, "the world ticks during a step"
    assert second_start == first_end, "no tick between the steps"
    assert second_end > second_start


def test_closing_the_env_leaves_the_world_running(make_env: MakeEnv, builtin_world: Server) -> None:
    env = make_env(builtin_world)
    mark = event_count(builtin_world)
    env.reset(options={"mode": "soft"})
    seen = after_pause(builtin_world, mark)
    env.close()
    assert [e["event"] for e in clock_events(builtin_world, seen, 1)] == ["resumed"]


def test_a_server_without_tick_freeze_warns_once_and_plays_on(
    make_env: MakeEnv, squid_server: Server, tmp_path: Any
) -> None:
    env = make_env(squid_server, log_dir=tmp_path)
    _, info = env.reset(options={"mode": "soft"})
    warnings = [w for w in info["warnings"] if "keeps running between steps" in w]
    assert len(warnings) == 1 and "/tick freeze" in warnings[0]
    _, chat, errors = run(env, "bot.chat('still here');")
    assert (chat, errors) == (["still here"], [])
    _, info = env.reset(options={"mode": "soft"})
    assert not any("keeps running" in w for w in info["warnings"])
    assert "keeps running between steps" in (tmp_path / "bridge.log").read_text()
