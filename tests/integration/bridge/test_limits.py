"""A flood of chat, errors, events or console lines: one step's observation stays in its limits."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bridge_helpers import MakeEnv, Server, run

from voyager.env.contract import StepLimits, check_within
from voyager.env.minecraft import MinecraftEnv

LIMITS = StepLimits()
MAX_OBSERVATION_BYTES = 200_000


@pytest.fixture(scope="module")
def env(
    make_env: MakeEnv, builtin_world: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MinecraftEnv]:
    env = make_env(builtin_world, username="flooder", log_dir=tmp_path_factory.mktemp("flood"))
    env.reset(options={"mode": "hard"})
    yield env


def flood(env: MinecraftEnv, program: str) -> dict[str, object]:
    observation, _, _, _, info = env.step(program)
    assert len(json.dumps(observation)) < MAX_OBSERVATION_BYTES
    check_within(info["events"], LIMITS)
    # and the next step runs normally
    _, chat, errors = run(env, "bot.chat('after the flood');")
    assert (chat, errors) == (["after the flood"], [])
    return observation


def dropped(observation: dict[str, object]) -> str:
    events = observation["events"]
    assert isinstance(events, list)
    assert events[-1]["type"] == "dropped"
    return str(events[-1]["message"])


def test_a_chat_flood_keeps_the_first_lines_and_counts_the_rest(env: MinecraftEnv) -> None:
    observation = flood(env, "for (let i = 0; i < 20000; i++) bot.chat('x'.repeat(500) + i);")
    chat = [e for e in observation["events"] if e["type"] == "chat"]  # type: ignore[attr-defined]
    assert len(chat) == LIMITS.chat_lines
    assert chat[0]["message"] == "x" * 500 + "0"
    assert "19900 chat events" in dropped(observation)


def test_an_error_flood_is_cut_to_the_message_limit(env: MinecraftEnv) -> None:
    observation = flood(env, "throw new Error('e'.repeat(5000000));")
    errors = [e for e in observation["events"] if e["type"] == "error"]  # type: ignore[attr-defined]
    assert len(errors) == 1
    assert "more characters]" in errors[0]["message"]


def test_an_event_flood_keeps_an_error_that_follows_it(env: MinecraftEnv) -> None:
    observation = flood(
        env, "for (let i = 0; i < 100000; i++) bot.save('mark' + i); throw new Error('why');"
    )
    events = observation["events"]
    saves = [e for e in events if e["type"] == "save"]  # type: ignore[attr-defined]
    assert len(saves) == LIMITS.events
    assert any(e["type"] == "error" and "why" in e["message"] for e in events)  # type: ignore[attr-defined]
    assert "99800 save events" in dropped(observation)


def test_a_console_flood_writes_a_bounded_log(env: MinecraftEnv) -> None:
    log = Path(env.bridge.log_path) if env.bridge.log_path else None
    assert log is not None
    size = log.stat().st_size
    flood(env, "for (let i = 0; i < 100000; i++) console.log('y'.repeat(1000));")
    # The log is written from the process's stderr by a reader thread: wait for the last line.
    deadline = time.monotonic() + 30
    while "99500 more console lines" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert "[program] 99500 more console lines of this step were dropped" in text
    assert log.stat().st_size - size < (LIMITS.console_lines + 10) * (LIMITS.message_chars + 50)
