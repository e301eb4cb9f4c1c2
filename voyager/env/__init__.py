"""Voyager's environments: the Gymnasium step contract over a real bot or a mock world.

Registered ids: ``voyager/Minecraft-v0`` (MinecraftEnv, needs a server and
Node) and ``voyager/MockMinecraft-v0`` (MockMinecraftEnv, pure Python).
The envs are imported only when made, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gymnasium.envs.registration import register, registry

if TYPE_CHECKING:
    from voyager.env.minecraft import MinecraftEnv

__all__ = ["MinecraftEnv", "MockMinecraftEnv"]

_ENVS = {
    "voyager/Minecraft-v0": "voyager.env.minecraft:MinecraftEnv",
    "voyager/MockMinecraft-v0": "voyager.env.mock:MockMinecraftEnv",
}

for _env_id, _entry_point in _ENVS.items():
    if _env_id not in registry:
        # The passive checker would sample observations, which only a world can make.
        register(id=_env_id, entry_point=_entry_point, disable_env_checker="Mock" not in _env_id)


def __getattr__(name: str) -> Any:
    if name == "MinecraftEnv":
        from voyager.env.minecraft import MinecraftEnv

        return MinecraftEnv
    if name == "MockMinecraftEnv":
        return importlib.import_module("voyager.env.mock").MockMinecraftEnv
    raise AttributeError(f"module 'voyager.env' has no attribute {name!r}")
