"""The bridge protocol as data: every method of the bot process, its params and its result.

One JSON object per line. Python sends ``{"id", "method", "params"}`` on the bot
process's stdin; the process answers ``{"id", "result"}`` or ``{"id", "error":
{"message", "code"?}}`` (code "disconnected": the bot lost its server, restart
the process), and says ``{"event": "ready", "pid"}`` once and ``{"heartbeat":
ms}`` every second. ``METHODS`` below is the one method table: the Python side
types its calls with it, and ``bridge/bot/protocol.schema.json`` (made from it
by ``python -m voyager.env.protocol``; a test keeps the file equal to it) is
what the bot process implements and what the JavaScript tests validate real
messages against.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Any, NotRequired

from pydantic import TypeAdapter
from typing_extensions import TypedDict

from voyager.env.contract import Column, Observation, ResetMode, Vec
from voyager.paths import bridge_dir

SCHEMA_FILE = "protocol.schema.json"
ERROR_CODES = ("disconnected",)


class Limits(TypedDict):
    events: int
    chat_lines: int
    errors: int
    message_chars: int
    console_lines: int


class StartParams(TypedDict):
    host: str
    port: int
    username: str
    version: str
    reset: ResetMode
    primitives: NotRequired[dict[str, str]]  # skills/*.js, file name -> source; the first start
    limits: NotRequired[Limits]
    adminToken: NotRequired[str]  # the built-in world's admin channel
    viewDistance: NotRequired[int]  # chunks the server is asked to send around the bot
    inventory: NotRequired[dict[str, int]]
    equipment: NotRequired[list[str | None]]
    position: NotRequired[Vec]
    ground: NotRequired[Column]  # stand on the open dry ground nearest this column
    vitals: NotRequired[dict[str, float]]
    chests: NotRequired[dict[str, Any]]  # what an earlier process knew: nearbyChests


class StartResult(TypedDict):
    observation: Observation
    warnings: list[str]


class SkillsParams(TypedDict):
    version: str
    skills: dict[str, str]


class SkillsResult(TypedDict):
    version: str
    loaded: list[str]
    failed: dict[str, str]  # name -> why it did not load
    deferred: NotRequired[bool]  # no bot yet: loaded at the next start


class StepParams(TypedDict):
    program: str
    timeout: float


class StepResult(TypedDict):
    observation: Observation
    ticks: int


class NoParams(TypedDict):
    pass


class ObserveResult(TypedDict):
    observation: Observation


class PauseResult(TypedDict):
    paused: bool
    reason: NotRequired[str]


class ResumeResult(TypedDict):
    resumed: bool


class HealthResult(TypedDict):
    connected: bool
    stepping: bool
    uptime: float
    rss: int
    skillsVersion: str | None


class StopResult(TypedDict):
    stopped: bool


@dataclass(frozen=True)
class Method:
    params: type[Any]
    result: type[Any]


METHODS: dict[str, Method] = {
    "start": Method(StartParams, StartResult),
    "skills": Method(SkillsParams, SkillsResult),
    "step": Method(StepParams, StepResult),
    "observe": Method(NoParams, ObserveResult),
    "pause": Method(NoParams, PauseResult),
    "resume": Method(NoParams, ResumeResult),
    "health": Method(NoParams, HealthResult),
    "stop": Method(NoParams, StopResult),
}


def schema() -> dict[str, Any]:
    """The JSON Schema of every method's params and result, and of the other lines."""
    methods = {
        name: {
            "params": TypeAdapter(method.params).json_schema(),
            "result": TypeAdapter(method.result).json_schema(),
        }
        for name, method in METHODS.items()
    }
    return {
        "$comment": "Made by `python -m voyager.env.protocol` from voyager/env/protocol.py",
        "methods": methods,
        "error": {
            "type": "object",
            "properties": {
                "message": {"type": "string"},
                "code": {"enum": list(ERROR_CODES)},
            },
            "required": ["message"],
        },
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=1, sort_keys=True) + "\n"


def check_result(method: str, result: Any) -> None:
    """Raise ``pydantic.ValidationError`` if ``result`` is not what ``method`` returns."""
    TypeAdapter(METHODS[method].result).validate_python(result, strict=True)


if __name__ == "__main__":
    path = bridge_dir() / "bot" / SCHEMA_FILE
    if sys.argv[1:] == ["--check"]:
        sys.exit(0 if path.read_text() == schema_text() else 1)
    path.write_text(schema_text())
    print(f"wrote {path}")
