"""Fishing: cast the rod held towards water, wait for a bite, reel in a catch of vanilla's loot.

``cast`` checks that the line lands in water (the first block along the bot's
look within the cast range) and says how many ticks pass until a fish bites
(lured, then hooked, as vanilla draws them); ``reel`` gives the catch from the
fishing loot table: fish, junk, or treasure when the bobber is in open water.
"""

from __future__ import annotations

import math

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import EYE_HEIGHT, ActionError
from voyager.env.mock.terrain import Pos

ROD = "fishing_rod"


class Fishing(Movement):
    bobber: Pos | None = None

    def cast(self) -> int:
        """Throw the line; returns the ticks until a bite."""
        if self.held_item() != ROD:
            raise ActionError("Fishing needs a fishing_rod in hand: bot.equip it first")
        fishing = self.mock["fishing"]
        hit = self.looked_at(fishing["cast_range"], stop_at_fluid=True)
        if hit is None or self.world.block_at(hit) != "water":
            self.bobber = None
            raise ActionError("Fishing cancelled: the bobber did not land in water; look at water")
        self.bobber = hit
        waits = fishing["wait_ticks"]
        rng = self.world.rng
        return int(rng.randint(*waits["lured"]) + rng.randint(*waits["hooked"]))

    def reel(self) -> dict[str, int]:
        """Reel in the catch; it goes into the inventory."""
        if self.bobber is None:
            raise ActionError("Fishing cancelled: no line is out")
        fishing = self.mock["fishing"]
        rng = self.world.rng
        categories = dict(fishing["categories"])
        if not self._open_water(self.bobber):
            categories.pop("treasure", None)
        category = rng.choices(list(categories), list(categories.values()))[0]
        table = fishing["items"][category]
        item = rng.choices(list(table), list(table.values()))[0]
        self.bobber = None
        self.give(item, 1)
        return {item: 1}

    def looked_at(self, distance: float, stop_at_fluid: bool = False) -> Pos | None:
        """The first block along the bot's look that is not air (fluids too when asked)."""
        b = self.body
        direction = (
            -math.sin(b.yaw) * math.cos(b.pitch),
            math.sin(b.pitch),
            -math.cos(b.yaw) * math.cos(b.pitch),
        )
        eye = (b.x, b.y + EYE_HEIGHT, b.z)
        steps = int(distance * 4)
        for step in range(1, steps + 1):
            t = step / 4
            pos = tuple(math.floor(e + d * t) for e, d in zip(eye, direction, strict=True))
            cell = (pos[0], pos[1], pos[2])
            name = self.world.block_at(cell)
            if name == "air" or (name in ("water", "lava") and not stop_at_fluid):
                continue
            return cell
        return None

    def _open_water(self, pos: Pos) -> bool:
        water = self.mock["fishing"]["open_water"]
        radius, depth = water["radius"], water["depth"]
        return all(
            self.world.block_at((pos[0] + dx, pos[1] - dy, pos[2] + dz)) == "water"
            for dx in range(-radius, radius + 1)
            for dz in range(-radius, radius + 1)
            for dy in range(depth)
        )
