"""Helpers shared by the bridge tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from voyager.env.contract import chat_lines, error_messages
from voyager.env.minecraft import MinecraftEnv


class Server(Protocol):
    host: str
    port: int
    operator: bool
    builtin: bool


MakeEnv = Callable[..., MinecraftEnv]


def run(env: MinecraftEnv, program: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Steps `program`; returns the observation, its chat lines and its error messages."""
    observation, _, _, _, info = env.step(program)
    return observation, chat_lines(info["events"]), error_messages(info["events"])
