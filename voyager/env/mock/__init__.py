"""The mock Minecraft world: a seeded symbolic world that really runs programs, in pure Python."""

from voyager.env.mock.env import MockMinecraftEnv

__all__ = ["MockMinecraftEnv"]
