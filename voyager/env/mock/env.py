"""MockMinecraftEnv: the Gymnasium step contract over a seeded symbolic world, no server needed.

The action is a JavaScript program; it really runs (quickjs) against a
simulated mineflayer ``bot`` and the same control primitives as the real
bridge. The observation, events, reward and info follow
``voyager.env.contract`` exactly, so the learner cannot tell the worlds apart
by their shape.
"""

from __future__ import annotations

import math
import string
import time
from collections.abc import Callable, Mapping
from typing import Any

import gymnasium as gym

from voyager.env.contract import Event, Observation, StepEvents, StepLimits, check_observation
from voyager.env.mock.host import Host
from voyager.env.mock.rules import rules
from voyager.env.mock.runtime import Runtime, StepBudget
from voyager.env.mock.sim import ARMOR_DESTINATIONS, Body, Simulation
from voyager.env.mock.world import World

MAX_PROGRAM_CHARS = 100_000
VOXEL_REACH = (8, 2, 8)
NEAR = 32.0
BLOCK_RECORDS_KEPT = 64
TIMES_OF_DAY = (
    (1000, "sunrise"),
    (6000, "day"),
    (12000, "noon"),
    (13000, "sunset"),
    (18000, "night"),
    (22000, "midnight"),
    (24000, "sunrise"),
)


class ObservationSpace(gym.spaces.Space[Observation]):
    """Every dict that keeps the step contract (``voyager.env.contract.check_observation``)."""

    def __init__(self) -> None:
        super().__init__(shape=None, dtype=None)

    def contains(self, x: Any) -> bool:
        try:
            check_observation(x)
        except Exception:
            return False
        return True

    @property
    def is_np_flattenable(self) -> bool:
        return False


class MockMinecraftEnv(gym.Env[Observation, str]):
    """A Minecraft-like world in pure Python; ``step`` runs a program, ``reset`` starts over.

    ``reset(seed=S, options={"mode": "hard" | "soft", "inventory": {...}, "position": {...}})``:
    a hard reset (the default) makes the world of seed S afresh and a new bot
    with the given inventory at the given position (or at spawn); a soft reset
    keeps world and bot. Learned skills are loaded with ``load_skills``.
    """

    metadata: dict[str, Any] = {"render_modes": []}  # noqa: RUF012 (gymnasium declares it so)

    def __init__(
        self,
        seed: int = 0,
        *,
        cpu_seconds: float = 10.0,
        max_step_ticks: int | None = None,
        clock: Callable[[], float] = time.perf_counter,
        step_limits: StepLimits | None = None,
    ) -> None:
        self.rules = rules()
        self.step_limits = step_limits or StepLimits()
        self.observation_space = ObservationSpace()
        self.action_space = gym.spaces.Text(
            max_length=MAX_PROGRAM_CHARS, min_length=0, charset=string.printable
        )
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
        options = dict(options or {})
        mode = options.get("mode", "hard")
        if mode not in ("hard", "soft"):
            raise ValueError(f"reset mode must be 'hard' or 'soft', got {mode!r}")
        if mode == "hard":
            self._start(
                self.world_seed if seed is None else seed,
                options.get("inventory") or {},
                options.get("position"),
            )
        self.seen_items.clear()
        self.seen_items.update(self.sim_inventory())
        return self._observe([]), {"events": [], "ticks": 0, "wall_time": 0.0}

    def step(self, action: str) -> tuple[Observation, float, bool, bool, dict[str, Any]]:
        started = self.clock()
        self.sim.events = StepEvents(self.step_limits)
        ticks = 0
        problem = _invalid(action)
        if problem is None:
            self.steps += 1
            error, ticks = self.runtime.run(action, self.world_seed * 100_003 + self.steps)
            if error is not None:
                self.sim.events.append({"type": "error", "message": error})
        else:
            self.sim.events.append({"type": "error", "message": problem})
        events = self.sim.events.drain()
        inventory = self.sim_inventory()
        new_kinds = set(inventory) - self.seen_items
        self.seen_items |= new_kinds
        info = {
            "events": [dict(e) for e in events],
            "ticks": ticks,
            "wall_time": round(self.clock() - started, 2),
        }
        return self._observe(events), float(len(new_kinds)), False, False, info

    def close(self) -> None:
        self.runtime.load_skills({})

    # -- state ------------------------------------------------------------------------

    def _start(self, seed: int, inventory: Mapping[str, int], position: Any) -> None:
        self.world_seed = seed
        world = World(seed, self.rules)
        x, z = 0, 0
        world.ensure_chunks(0, 0, 48)
        spawn = (x, world.ground(x, z), z)
        body = Body(x + 0.5, float(spawn[1]), z + 0.5)
        self.sim = Simulation(world, body, spawn)
        for name, count in inventory.items():
            if self.rules.items.get(name) is not None and int(count) > 0:
                self.sim.give(name, int(count))
        if isinstance(position, Mapping) and {"x", "y", "z"} <= set(position):
            body.x, body.y, body.z = (float(position[k]) for k in "xyz")
            world.ensure_chunks(body.x, body.z, 48)
        self.runtime = Runtime(Host(self.sim), self.budget)
        self.runtime.load_skills(self._skills)
        self.steps = 0
        self.block_records: list[str] = []
        self.seen_items: set[str] = set(self.sim_inventory())

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
        status = {
            "health": float(b.health),
            "food": int(b.food),
            "saturation": float(b.saturation),
            "oxygen": 20,
            "position": {"x": b.x, "y": b.y, "z": b.z},
            "velocity": {"x": 0.0, "y": 0.0, "z": 0.0},
            "yaw": b.yaw,
            "pitch": b.pitch,
            "onGround": True,
            "equipment": self._equipment(),
            "biome": sim.biome(),
            "entities": self._entities(),
            "timeOfDay": _time_of_day(sim.time_of_day()),
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
            "events": [dict(e) for e in events],
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


def _invalid(action: Any) -> str | None:
    if not isinstance(action, str):
        return f"The action must be a JavaScript program (a string), got {type(action).__name__}"
    if len(action) > MAX_PROGRAM_CHARS:
        return f"The program is {len(action)} characters; the limit is {MAX_PROGRAM_CHARS}"
    if "\x00" in action:
        return "The program contains a NUL character"
    return None


def _time_of_day(ticks: int) -> str:
    return next(name for limit, name in TIMES_OF_DAY if ticks < limit)
