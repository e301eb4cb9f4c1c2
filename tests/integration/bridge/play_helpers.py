"""Helpers for the tests that play the built-in world through the bridge.

JavaScript that test programs prepend (waiting for what the console made,
finding ground, picking up drops), the world's console for setting up a test
(a flat arena, a pond, a mob, the time of day, gamerules, /tick sprint), and
resets that put the bot in an arena. Everything the bot does goes through its
program.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from voyager.env.minecraft import MinecraftEnv

SPRINT_TIMEOUT = 120.0
DAY = 1000  # times of day for /time set
NIGHT = 14000

# JavaScript the test programs share: waiting for what the console made.
WAIT_FOR = """
async function waitFor(what, check, ticks = 200) {
  for (let i = 0; i < ticks; i++) {
    const found = check();
    if (found) return found;
    await bot.waitForTicks(1);
  }
  throw new Error(`no ${what} after ${ticks} ticks`);
}
// the nearest mob named `name` within 3 blocks of (x, y, z), other than `except`
function mobAt(name, x, y, z, except = null) {
  const at = new Vec3(x, y, z);
  let best = null;
  for (const e of Object.values(bot.entities)) {
    if (e.name !== name || e === except || e.position.distanceTo(at) >= 3) continue;
    if (!best || e.position.distanceTo(at) < best.position.distanceTo(at)) best = e;
  }
  return best;
}
"""


@dataclass(frozen=True)
class Spot:
    """A block position: where the bot stands in the arena, and offsets from it."""

    x: int
    y: int
    z: int

    def offset(self, dx: int, dy: int, dz: int) -> Spot:
        return Spot(self.x + dx, self.y + dy, self.z + dz)

    def centre(self) -> dict[str, float]:
        return {"x": self.x + 0.5, "y": float(self.y), "z": self.z + 0.5}

    def js(self) -> str:
        return f"{self.x + 0.5}, {self.y}, {self.z + 0.5}"


class WorldConsole:
    """The built-in world's console, for setting up a test."""

    def __init__(self, server: Any) -> None:
        assert server.console is not None and server.events is not None
        self._console = server.console
        self._events = server.events

    def run(self, command: str) -> None:
        self._console(command)

    def setblock(self, spot: Spot, block: str) -> None:
        self._console(f"setblock {spot.x} {spot.y} {spot.z} {block}")

    def summon(self, name: str, spot: Spot) -> None:
        self._console(f"summon {name} {spot.x + 0.5} {spot.y} {spot.z + 0.5}")

    def time(self, ticks: int) -> None:
        self._console(f"time set {ticks}")

    def remove_hostiles(self, difficulty: str = "easy") -> None:
        """Takes every hostile mob away (as vanilla's peaceful does) and sets `difficulty` again."""
        self._console("difficulty peaceful")
        self._console(f"difficulty {difficulty}")

    def sprint(self, ticks: int) -> None:
        """Runs `ticks` ticks at once (vanilla /tick sprint) and waits until they ran."""
        done = len([e for e in self._events() if e.get("event") == "sprinted"])
        self._console(f"tick sprint {ticks}")
        deadline = time.monotonic() + SPRINT_TIMEOUT
        while time.monotonic() < deadline:
            if len([e for e in self._events() if e.get("event") == "sprinted"]) > done:
                return
            time.sleep(0.1)
        raise TimeoutError(f"the world did not sprint {ticks} ticks within {SPRINT_TIMEOUT} s")

    @contextmanager
    def rule(self, name: str, value: bool, restore: bool) -> Iterator[None]:
        self._console(f"gamerule {name} {str(value).lower()}")
        try:
            yield
        finally:
            self._console(f"gamerule {name} {str(restore).lower()}")

    def build_arena(self, centre: Spot, radius: int, floor: str = "grass_block") -> None:
        """A flat floor with room above it around `centre`, where the bot stands."""
        for dx in range(-radius, radius + 1):
            for dz in range(-radius, radius + 1):
                self.setblock(centre.offset(dx, -2, dz), "dirt")
                self.setblock(centre.offset(dx, -1, dz), floor)
                for dy in range(4):
                    self.setblock(centre.offset(dx, dy, dz), "air")

    def build_wall(self, centre: Spot, reach: int, height: int) -> None:
        """A stone wall `height` high on the square `reach` blocks from `centre` (a pen)."""
        for d in range(-reach, reach + 1):
            for dx, dz in ((d, -reach), (d, reach), (-reach, d), (reach, d)):
                for up in range(height):
                    self.setblock(centre.offset(dx, up, dz), "stone")

    def build_pond(self, corner: Spot, width: int, length: int, depth: int) -> None:
        """Water source blocks from `corner` (its top layer at corner.y) down `depth` blocks."""
        for dx in range(width):
            for dz in range(length):
                self.setblock(corner.offset(dx, -depth, dz), "dirt")
                for dy in range(depth):
                    self.setblock(corner.offset(dx, -dy, dz), "water")


FULL_VITALS = {"health": 20, "food": 20, "saturation": 5}


def stand_in_arena(
    env: MinecraftEnv, spot: Spot, inventory: dict[str, int], **options: Any
) -> None:
    """A hard reset: the given inventory, standing on `spot`, with the health and food
    of a new player (a bot that heals while a test waits for a hit would hide it)."""
    options = {
        "mode": "hard",
        "inventory": inventory,
        "position": spot.centre(),
        "vitals": FULL_VITALS,
        **options,
    }
    env.reset(options=options)


def arena_centre(env: MinecraftEnv, offset: int) -> Spot:
    """A spot `offset` blocks east of where the bot stands now, at its feet's height."""
    observation, _ = env.reset(options={"mode": "soft"})
    p = observation["status"]["position"]
    return Spot(int(p["x"] // 1) + offset, int(p["y"] // 1), int(p["z"] // 1))


# groundSpots(bot, names, airAbove): blocks named `names` near the bot (not under it) with
# `airAbove` air blocks over them, nearest first.
# pickUpDrops(bot, near): walks onto the item entities within 6 blocks of `near` till none is left.
# countAround(bot, name, center, radius): how many blocks named `name` are that near `center`.
GROUND = """
function groundSpots(bot, names, airAbove = 2) {
  const here = bot.entity.position.floored();
  const spots = [];
  for (let dx = -4; dx <= 4; dx++) {
    for (let dz = -4; dz <= 4; dz++) {
      if (Math.abs(dx) <= 1 && Math.abs(dz) <= 1) continue;
      for (let dy = -3; dy <= 1; dy++) {
        const ground = bot.blockAt(here.offset(dx, dy - 1, dz));
        if (!ground || !names.includes(ground.name)) continue;
        let free = true;
        for (let up = 0; up < airAbove && free; up++) {
          free = bot.blockAt(ground.position.offset(0, up + 1, 0))?.name === "air";
        }
        if (free) spots.push(ground);
      }
    }
  }
  spots.sort((a, b) => a.position.distanceTo(here) - b.position.distanceTo(here));
  if (spots.length === 0) {
    throw new Error(`no ${names.join("/")} with ${airAbove} air above near the bot`);
  }
  return spots;
}

async function pickUpDrops(bot, near) {
  await bot.waitForTicks(10);
  for (let i = 0; i < 8; i++) {
    const drop = bot.nearestEntity((e) => e.name === "item" && e.position.distanceTo(near) < 6);
    if (!drop) return;
    const p = drop.position;
    try {
      await bot.pathfinder.goto(new GoalNear(p.x, p.y, p.z, 0.5));
    } catch (err) {
      bot.chat(`cannot reach a drop: ${err.message}`);
    }
    await bot.waitForTicks(10);
  }
}

function countAround(bot, name, center, radius) {
  const matching = mcData.blocksByName[name].id;
  return bot.findBlocks({ matching, maxDistance: radius, count: 500, point: center }).length;
}
"""
