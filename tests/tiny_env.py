"""A tiny symbolic env for loop tests: it keeps the step contract but runs no JavaScript.

It reads the primitive calls of a program (``mineBlock(bot, "oak_log", 3)``,
``craftItem(bot, "stick", 1)``...) in source order, following calls into
loaded skills, and applies them to an inventory. It is a test double for the
learner, not a world: the mock world (voyager.env.mock) executes programs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from voyager.env.base import VoyagerEnv
from voyager.env.contract import EQUIPMENT_SLOTS, Observation

CALL = re.compile(r"\b(\w+)\(\s*bot\s*(?:,\s*\"([\w:]+)\"\s*)?(?:,\s*(\d+))?")
DROPS = {"stone": "cobblestone", "iron_ore": "raw_iron", "coal_ore": "coal"}
SMELT = {"raw_iron": "iron_ingot"}


class TinyEnv(VoyagerEnv):
    def __init__(self) -> None:
        super().__init__()
        self.skills: dict[str, str] = {}
        self.inventory: dict[str, int] = {}
        self.seen: set[str] = set()
        self.steps = 0
        self.resets: list[dict[str, Any]] = []

    def load_skills(self, skills: Mapping[str, str]) -> None:
        self.skills = dict(skills)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        super().reset(seed=seed)
        options = options or {}
        self.resets.append(options)
        self.inventory = dict(options.get("inventory") or {})
        self.seen = set(self.inventory)
        return self._observe([]), {}

    def step(self, action: str) -> tuple[Observation, float, bool, bool, dict[str, Any]]:
        self.steps += 1
        events: list[dict[str, str]] = []
        try:
            self._run(action, events, depth=0)
        except RuntimeError as exc:
            events.append({"type": "error", "message": str(exc)})
        new = set(self.inventory) - self.seen
        self.seen |= new
        obs = self._observe(events)
        return obs, float(len(new)), False, False, {"events": events, "ticks": 20, "wall_time": 0.0}

    def _run(self, code: str, events: list[dict[str, str]], depth: int) -> None:
        if depth > 8:
            raise RuntimeError("RangeError: Maximum call stack size exceeded")
        for name, item, count in CALL.findall(code):
            n = int(count or 1)
            if name == "mineBlock":
                drop = DROPS.get(item, item)
                self.inventory[drop] = self.inventory.get(drop, 0) + n
                events.append({"type": "chat", "message": f"Mined {n} {item}."})
            elif name == "craftItem" or name == "smeltItem":
                made = SMELT.get(item, item) if name == "smeltItem" else item
                self.inventory[made] = self.inventory.get(made, 0) + n
                events.append({"type": "chat", "message": f"I made {n} {made}."})
            elif name in self.skills:
                body = self.skills[name]
                self._run(body.split("{", 1)[-1], events, depth + 1)
            elif name in ("killMob", "placeItem", "exploreUntil"):
                events.append({"type": "chat", "message": f"{name} {item} done."})
            elif not code.count(f"function {name}"):
                raise RuntimeError(f"ReferenceError: {name} is not defined")

    def _observe(self, events: list[dict[str, str]]) -> Observation:
        return {
            "status": {
                "health": 20.0,
                "food": 20.0,
                "saturation": 5.0,
                "oxygen": 20,
                "position": {"x": 0.5, "y": 64.0, "z": 0.5},
                "velocity": {"x": 0.0, "y": 0.0, "z": 0.0},
                "yaw": 0.0,
                "pitch": 0.0,
                "onGround": True,
                "equipment": [None] * len(EQUIPMENT_SLOTS),
                "biome": "forest",
                "entities": {"cow": 12.0},
                "timeOfDay": "day",
                "inventoryUsed": len(self.inventory),
                "elapsedTime": self.steps * 20,
                "light": 15,
                "dimension": "overworld",
            },
            "voxels": ["grass_block", "oak_log", "stone"],
            "blockRecords": ["oak_leaves"],
            "nearestBlocks": {"oak_log": {"x": 3, "y": 64, "z": 1}},
            "inventory": dict(self.inventory),
            "nearbyChests": {},
            "events": events,
        }
