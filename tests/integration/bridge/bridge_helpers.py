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

# An air block with room above, on solid ground within two blocks of the bot (not under it).
# Not beside a chest: deaths send the bot back to the spawn, where earlier tests left chests,
# and a chest placed beside one joins it.
FREE_SPOT = """
function freeSpot(bot) {
  const feet = bot.entity.position.floored();
  const sides = [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, -1], [2, 0], [0, 2], [-2, 0]];
  const air = (p) => bot.blockAt(p)?.name === "air";
  const besideAChest = (p) => [[1, 0], [-1, 0], [0, 1], [0, -1]].some(
    ([dx, dz]) => bot.blockAt(p.offset(dx, 0, dz))?.name === "chest");
  for (const dy of [0, 1, -1]) {
    for (const [dx, dz] of sides) {
      const p = feet.offset(dx, dy, dz);
      const onGround = bot.blockAt(p.offset(0, -1, 0))?.boundingBox === "block";
      if (air(p) && air(p.offset(0, 1, 0)) && onGround && !besideAChest(p)) return p;
    }
  }
  throw new Error("no free spot next to the bot");
}
"""


def run(env: MinecraftEnv, program: str) -> tuple[dict[str, Any], list[str], list[str]]:
    """Steps `program`; returns the observation, its chat lines and its error messages."""
    observation, _, _, _, info = env.step(program)
    return observation, chat_lines(info["events"]), error_messages(info["events"])
