"""A fresh arena for each world-play test: a platform of its own, high above the spawn.

Each test of fluids, farming and the game mechanics stands on a new 9 x 9 floor
(grass on dirt, open sky, nothing within reach) that the world's console builds
on a grid 80 blocks above the spawn of the session's built-in world. No test meets
a pit, water or a sapling that another left behind, so they pass in any order. The
grid stays within the chunks a bot gets when it joins at the spawn: flying-squid
skips the chunks around a new position while it still sends others, and a bot
teleported into a chunk it lacks stands still (no physics ticks, no pathfinding).
What a test needs besides the floor (a shaft, a pit, a wall) it builds here too.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

from play_helpers import GROUND, WAIT_FOR, Spot, WorldConsole, stand_in_arena

from voyager.env.minecraft import MinecraftEnv

RADIUS = 4  # the floor reaches this far from the centre
SPACING = 15  # between centres: a pathfinder's parkour jump does not reach the next arena
PER_ROW = 5  # a grid of 5 x 5 centred on the spawn, then rows further south
HEIGHT = 80  # above the spawn, clear of what other tests of the session world do (a 40-block fall)
SETTLE_TIMEOUT = 30.0

# JavaScript the programs start with: waitFor (play_helpers), groundSpots, pickUpDrops and
# countAround (GROUND), how many of an item the bot holds, the name of the block at a position.
PRELUDE = (
    WAIT_FOR
    + GROUND
    + """
const count = (name) => bot.inventory.count(mcData.itemsByName[name].id);
const nameAt = (p) => bot.blockAt(p)?.name;
"""
)

# every module of the session takes its arenas from one grid, so none is built twice
_taken = itertools.count()


def vec(spot: Spot) -> str:
    """The block at `spot` as a JavaScript Vec3."""
    return f"new Vec3({spot.x}, {spot.y}, {spot.z})"


class SkyArenas:
    """Builds the arenas of one module's tests and puts its bot in them."""

    def __init__(self, server: Any, env: MinecraftEnv) -> None:
        self.console = WorldConsole(server)
        self._events = server.events
        self._env = env
        observation, _ = env.reset(options={"mode": "hard"})
        spawn = observation["status"]["position"]
        self._origin = Spot(
            int(spawn["x"] // 1), int(spawn["y"] // 1) + HEIGHT, int(spawn["z"] // 1)
        )
        # at night hostile mobs spawn on an open floor
        self.console.time(1000)

    def new(self, floor: str = "grass_block") -> Spot:
        """A new arena; the spot at its centre is where the bot's feet go."""
        row, column = divmod(next(_taken), PER_ROW)
        centre = self._origin.offset(SPACING * (column - 2), 0, SPACING * (row - 2))
        self.console.build_arena(centre, RADIUS, floor)
        return centre

    def column(self, base: Spot, blocks: list[str]) -> None:
        """Sets `blocks` from `base` upwards (a shaft, a pit, a pillar)."""
        for up, block in enumerate(blocks):
            self.console.setblock(base.offset(0, up, 0), block)

    def wall(self, centre: Spot, height: int) -> None:
        """A stone wall just outside the floor, `height` high: water and the bot stay in."""
        self.console.build_wall(centre, RADIUS + 1, height)

    def enter(self, spot: Spot, inventory: dict[str, int], **options: Any) -> None:
        """Once the console has built everything, a hard reset onto `spot` with full
        health and food (stand_in_arena) and the given inventory."""
        self._settle()
        stand_in_arena(self._env, spot, inventory, **options)

    def _settle(self) -> None:
        # console lines run in order: when the answer to this one comes, the blocks are set
        player = self._env.username
        asked = self._inventory_answers(player)
        self.console.run(f"inventory {player}")
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while self._inventory_answers(player) == asked:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the world's console did not answer within {SETTLE_TIMEOUT} s")
            time.sleep(0.02)

    def _inventory_answers(self, player: str) -> int:
        events = self._events()
        return sum(1 for e in events if e.get("event") == "inventory" and e.get("player") == player)
