"""The simulated bot in the mock world, and every action it can take.

``Simulation`` is what the JavaScript ``bot`` of a program talks to (through
``voyager.env.mock.host``): the mechanics of ``state``, ``movement``,
``blocks``, ``workstations``, ``combat``, ``fluids``, ``farming``, ``animals``,
``fishing`` and ``beds`` together, and what using the held item on a block,
on a mob or into the air does (mineflayer's ``activateBlock``,
``activateEntity``, ``activateItem``). Actions are instant and checked; the
time they take is waited for on the JavaScript side, and ``advance`` moves
the world on: walking towards the pathfinder goal, fights, furnaces, hunger,
day and night, mobs in the dark, crops, sheep, eggs, sleep.
"""

from __future__ import annotations

import math

from voyager.env.mock.animals import Animals
from voyager.env.mock.beds import Beds
from voyager.env.mock.combat import Combat
from voyager.env.mock.farming import Farming
from voyager.env.mock.fishing import Fishing
from voyager.env.mock.fluids import Fluids
from voyager.env.mock.state import (
    ARMOR_DESTINATIONS,
    EYE_HEIGHT,
    STEP_EVENT,
    ActionError,
    Body,
    Goal,
    entity_json,
)
from voyager.env.mock.terrain import Pos
from voyager.env.mock.workstations import Workstations

__all__ = [
    "ARMOR_DESTINATIONS",
    "STEP_EVENT",
    "ActionError",
    "Body",
    "Goal",
    "Simulation",
    "entity_json",
]


class Simulation(Farming, Workstations, Combat, Fluids, Animals, Fishing, Beds):
    def advance(self, ticks: int) -> None:
        """Let ``ticks`` game ticks pass."""
        world = self.world
        world.ticks += ticks
        world.time_of_day = (world.time_of_day + ticks) % 24000
        if self.target is not None:
            self._fight(ticks)
        else:
            self._walk(ticks)
        for furnace in world.furnaces.values():
            self._burn(furnace, ticks)
        self._metabolism(ticks)
        self._night(ticks)
        self._grow(ticks)
        self._graze(ticks)
        self._lay_eggs()
        self._rest(ticks)

    def look_at(self, x: float, y: float, z: float) -> None:
        """Turn the head towards a point, as mineflayer's ``lookAt`` sets yaw and pitch."""
        b = self.body
        dx, dy, dz = x - b.x, y - (b.y + EYE_HEIGHT), z - b.z
        b.yaw = math.atan2(-dx, -dz)
        b.pitch = math.atan2(dy, math.hypot(dx, dz))

    def activate_block(self, pos: Pos, face: Pos) -> str:
        """Use the held item on the block at ``pos`` (its ``face``); returns what happened."""
        held = self.held_item() or ""
        block = self.world.block_at(pos)
        if held == "bucket" and block in ("water", "lava"):
            return f"filled {self.fill_bucket(pos)}"
        target = (pos[0] + face[0], pos[1] + face[1], pos[2] + face[2])
        if self.rules.data.placed_block(held) in ("water", "lava"):
            return f"poured {self.pour(held, target)}"
        if held in self.rules.data.farming.hoes:
            self.till(pos)
            return "tilled"
        if held == self.rules.data.farming.growth_item:
            self.bone_meal(pos)
            return "grew"
        if self.rules.data.crop(self.rules.data.placed_block(held) or ""):
            return f"planted {self.plant(held, pos)}"
        if block.endswith("_bed"):
            self.sleep(pos)
            return "slept"
        return "nothing"

    def place(self, reference: Pos, face: Pos) -> str:
        """``bot.placeBlock`` with seeds plants them, with a full bucket pours it."""
        placed = self.rules.data.placed_block(self.held_item() or "")
        if placed in ("water", "lava") or self.rules.data.crop(placed or ""):
            self.activate_block(reference, face)
            return placed or ""
        return super().place(reference, face)

    def activate_item(self) -> str:
        """Use the held item into the air: a bucket on the fluid looked at, food is eaten."""
        held = self.held_item() or ""
        if held == "bucket" or self.rules.data.placed_block(held) in ("water", "lava"):
            hit = self.looked_at(self.mock["use_reach"], stop_at_fluid=held == "bucket")
            if hit is None:
                return "nothing"
            if held == "bucket":
                return f"filled {self.fill_bucket(hit)}"
            return f"poured {self.pour(held, self._in_front(hit))}"
        return "nothing"

    def activate_entity(self, entity_id: int) -> str:
        entity = self.world.entities.get(entity_id)
        if entity is None:
            raise ActionError(f"No entity with id {entity_id}")
        held = self.held_item() or ""
        if held == "shears" and entity.name == "sheep":
            return "sheared " + ", ".join(self.shear(entity))
        if held == "bucket" and self.rules.data.used_for("bucket", [entity.name]):
            return f"milked {self.milk(entity)}"
        return "nothing"

    def _in_front(self, hit: Pos) -> Pos:
        """The cell before ``hit`` along the look: where a poured fluid goes."""
        b = self.body
        eye = (b.x, b.y + EYE_HEIGHT, b.z)
        centre = (hit[0] + 0.5, hit[1] + 0.5, hit[2] + 0.5)
        axis = max(range(3), key=lambda i: abs(eye[i] - centre[i]))
        step = [0, 0, 0]
        step[axis] = 1 if eye[axis] > centre[axis] else -1
        return (hit[0] + step[0], hit[1] + step[1], hit[2] + step[2])
