"""MockMinecraftEnv: the Gymnasium step contract over a seeded symbolic world, no server needed.

The action is a JavaScript program; it really runs (quickjs) against a
simulated mineflayer ``bot`` and the same control primitives as the real
bridge. The observation, events, reward and info follow
``voyager.env.contract`` exactly, so the learner cannot tell the worlds apart
by their shape.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import Any

from voyager.env.base import ResetOptions, VoyagerEnv
from voyager.env.contract import (
    Event,
    Observation,
    Status,
    StepLimits,
    Vec,
    time_of_day,
)
from voyager.env.mock.host import Host
from voyager.env.mock.rules import rules
from voyager.env.mock.runtime import Runtime, StepBudget
from voyager.env.mock.sim import ARMOR_DESTINATIONS, ActionError, Body, Simulation
from voyager.env.mock.world import World

# Where each of the contract's equipment slots goes (mineflayer's names for equip).
EQUIP_DESTINATIONS = ("head", "torso", "legs", "feet", "hand", "off-hand")
VOXEL_REACH = (8, 2, 8)
NEAR = 32.0
BLOCK_RECORDS_KEPT = 64


class MockMinecraftEnv(VoyagerEnv):
    """A Minecraft-like world in pure Python; ``step`` runs a program, ``reset`` starts over.

    ``reset`` (see ``VoyagerEnv``): a hard reset (the default) makes the world of
    seed S afresh and a new bot with the given inventory and equipment, at the
    given position (or at spawn); a soft reset keeps world and bot. Vitals set
    the bot's health, food and saturation.
    """

    def __init__(
        self,
        seed: int = 0,
        *,
        cpu_seconds: float = 10.0,
        max_step_ticks: int | None = None,
        clock: Callable[[], float] = time.perf_counter,
        step_limits: StepLimits | None = None,
    ) -> None:
        super().__init__(step_limits)
        self.rules = rules()
        self.budget = StepBudget(
            cpu_seconds, int(max_step_ticks or self.rules.mock["max_step_ticks"])
        )
        self.clock = clock
        self.world_seed = seed
        self._skills: dict[str, str] = {}
        self._start(seed, {}, None)

    # -- the contract -----------------------------------------------------------------

    def load_skills(self, skills: Mapping[str, str]) -> None:
        """Make the learned skills (name -> code) callable by name in every program."""
        self._skills = dict(skills)
        self.runtime.load_skills(self._skills)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        super().reset(seed=seed)
        checked = ResetOptions.parse(options)
        warnings: list[str] = []
        if checked.mode == "hard":
            self._start(self.world_seed if seed is None else seed, {}, checked.position)
        elif checked.position is not None:
            self._move_to(checked.position)
        if checked.ground is not None:
            x, z = math.floor(checked.ground["x"]), math.floor(checked.ground["z"])
            self._move_to({"x": x + 0.5, "y": float(self.sim.world.ground(x, z)), "z": z + 0.5})
        if checked.mode == "hard" or checked.inventory is not None:
            self._fill(checked.inventory or {})
        if checked.equipment is not None:
            warnings += self._wear(checked.equipment)
        if checked.vitals is not None:
            body = self.sim.body
            body.health = checked.vitals.get("health", body.health)
            body.food = int(checked.vitals.get("food", body.food))
            body.saturation = checked.vitals.get("saturation", body.saturation)
        observation = self._observe([])
        self.new_episode(observation)
        return observation, {"events": [], "warnings": warnings, "ticks": 0, "wall_time": 0.0}

    def _fill(self, inventory: Mapping[str, int]) -> None:
        """The inventory holds exactly ``inventory`` (unknown items are left out)."""
        self.sim.body.slots = [None] * len(self.sim.body.slots)
        for name, count in inventory.items():
            if self.rules.items.get(name) is not None:
                self.sim.give(name, count)

    def _wear(self, equipment: list[str | None]) -> list[str]:
        warnings = []
        for destination, name in zip(EQUIP_DESTINATIONS, equipment, strict=True):
            if name is None:
                continue
            if self.sim.count(name) == 0:
                self.sim.give(name, 1)
            try:
                self.sim.equip(name, destination)
            except ActionError as err:
                warnings.append(f"Could not equip {name} ({destination}): {err}")
        return warnings

    def _move_to(self, position: Vec) -> None:
        body = self.sim.body
        body.x, body.y, body.z = position["x"], position["y"], position["z"]
        self.sim.world.ensure_chunks(body.x, body.z, 48)

    def step(self, action: str) -> tuple[Observation, float, bool, bool, dict[str, Any]]:
        started = self.clock()
        ticks = 0
        problem = self.not_a_program(action)
        if problem is None:
            self.steps += 1
            events, ticks = self.runtime.run(action, self.world_seed * 100_003 + self.steps)
        else:
            events = [{"type": "error", "message": problem}]
        observation = self._observe(events)
        info = {
            "events": list(observation["events"]),
            "ticks": ticks,
            "wall_time": round(self.clock() - started, 2),
        }
        return observation, float(self.reward(observation)), False, False, info

    def close(self) -> None:
        self.runtime.load_skills({})

    # -- state ------------------------------------------------------------------------

    def _start(self, seed: int, inventory: Mapping[str, int], position: Any) -> None:
        self.world_seed = seed
        world = World(seed, self.rules)
        x, z = 0, 0
        world.ensure_chunks(0, 0, 48)
        spawn = (x, world.ground(x, z), z)
        self.sim = Simulation(world, Body(x + 0.5, float(spawn[1]), z + 0.5), spawn)
        self._fill(inventory)
        if position is not None:
            self._move_to(position)
        self.runtime = Runtime(Host(self.sim), self.budget, self.step_limits)
        self.runtime.load_skills(self._skills)
        self.steps = 0
        self.block_records: list[str] = []

    def sim_inventory(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for stack in self.sim.body.slots:
            if stack:
                counts[stack[0]] = counts.get(stack[0], 0) + int(stack[1])
        return counts

    def _observe(self, events: list[Event]) -> Observation:
        sim, b = self.sim, self.sim.body
        center = sim.feet()
        voxels = self._voxels(center)
        self._remember(voxels)
        inventory = self.sim_inventory()
        nearest = sim.world.nearest_by_kind(center, NEAR)
        status: Status = {
            "health": float(b.health),
            "food": int(b.food),
            "saturation": float(b.saturation),
            "oxygen": 20.0,
            "position": {"x": b.x, "y": b.y, "z": b.z},
            "velocity": {"x": 0.0, "y": 0.0, "z": 0.0},
            "yaw": b.yaw,
            "pitch": b.pitch,
            "onGround": True,
            "equipment": self._equipment(),
            "biome": sim.biome(),
            "entities": self._entities(),
            "timeOfDay": time_of_day(sim.time_of_day()),
            "inventoryUsed": sum(1 for s in b.slots if s),
            "elapsedTime": sim.world.ticks,
            "light": sim.light(),
            "dimension": "overworld",
        }
        return {
            "status": status,
            "voxels": voxels,
            "blockRecords": [n for n in self.block_records if n not in inventory],
            "nearestBlocks": {n: {"x": p[0], "y": p[1], "z": p[2]} for n, p in nearest.items()},
            "inventory": inventory,
            "nearbyChests": self._chests(center),
            "events": events,
        }

    def _voxels(self, center: tuple[int, int, int]) -> list[str]:
        names: set[str] = set()
        rx, ry, rz = VOXEL_REACH
        world = self.sim.world
        for x in range(center[0] - rx, center[0] + rx + 1):
            for z in range(center[2] - rz, center[2] + rz + 1):
                for y in range(center[1] - ry, center[1] + ry + 1):
                    names.add(world.block_at((x, y, z)))
        names.discard("air")
        return sorted(names)

    def _remember(self, names: list[str]) -> None:
        for name in names:
            if name in self.block_records:
                self.block_records.remove(name)
            self.block_records.append(name)
        del self.block_records[:-BLOCK_RECORDS_KEPT]

    def _equipment(self) -> list[str | None]:
        worn = self.sim.body.worn
        armor = [worn.get(d) for d in ARMOR_DESTINATIONS if d != "off-hand"]
        return [*armor, self.sim.held_item(), worn.get("off-hand")]

    def _entities(self) -> dict[str, float]:
        b = self.sim.body
        nearest: dict[str, float] = {}
        for entity in self.sim.world.entities_near(b.x, b.y, b.z, NEAR):
            if entity.kind != "object" and entity.name not in nearest:
                nearest[entity.name] = round(entity.distance_to(b.x, b.y, b.z), 2)
        return nearest

    def _chests(self, center: tuple[int, int, int]) -> dict[str, Any]:
        chests: dict[str, Any] = {}
        for pos, content in sorted(self.sim.world.chests.items()):
            if math.dist(pos, center) <= NEAR:
                chests[f"({pos[0]}, {pos[1]}, {pos[2]})"] = dict(content) if content else {}
        return chests
