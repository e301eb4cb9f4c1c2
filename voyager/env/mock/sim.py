"""The simulated bot in the mock world, and every action it can take.

``Simulation`` is what the JavaScript ``bot`` of a program talks to (through
``voyager.env.mock.host``): the mechanics of ``state``, ``movement``,
``blocks``, ``workstations`` and ``combat`` together. Actions are instant and
checked; the time they take is waited for on the JavaScript side, and
``advance`` moves the world on: walking towards the pathfinder goal, fights,
furnaces, hunger, day and night, mobs at night.
"""

from __future__ import annotations

from voyager.env.mock.blocks import Blocks
from voyager.env.mock.combat import Combat
from voyager.env.mock.state import (
    ARMOR_DESTINATIONS,
    STEP_EVENT,
    ActionError,
    Body,
    Goal,
    entity_json,
)
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


class Simulation(Blocks, Workstations, Combat):
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
