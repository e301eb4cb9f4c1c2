"""The mock world's game rules, all read from data: harvest tiers, drops, recipes, smelting, mobs.

Facts come from the files the built-in world uses too, so that both worlds
agree: ``curriculum/gamedata-1.20.4.json`` (minecraft-data: items, blocks,
harvest tools, recipes, foods), ``curriculum/smelting.json`` (furnace and
fuel table), and ``bridge/world/data/`` (vanilla block drops, mob health and
loot, weapon damage, terrain: biomes, trees, ores). ``curriculum/mock-world.json``
holds the mock's own simplifications.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from voyager.gamedata import GAMEDATA_FILE, GameData, Recipe, game_data
from voyager.paths import bridge_dir, curriculum_dir

MOCK_WORLD_FILE = "mock-world.json"
# How much faster than a bare hand each tool material digs (vanilla).
TOOL_SPEED = {"wooden": 2, "stone": 4, "iron": 6, "diamond": 8, "netherite": 9, "golden": 12}
MATERIAL_TOOL = {"pickaxe": "pickaxe", "axe": "axe", "shovel": "shovel", "hoe": "hoe"}


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def raw_gamedata() -> dict[str, Any]:
    data: dict[str, Any] = _read(curriculum_dir() / GAMEDATA_FILE)
    return data


@cache
def world_data(name: str) -> dict[str, Any]:
    """One of the built-in world's data tables (``bridge/world/data/<name>.json``)."""
    data: dict[str, Any] = _read(bridge_dir() / "world" / "data" / f"{name}.json")
    return data


@cache
def mock_settings() -> dict[str, Any]:
    data: dict[str, Any] = _read(curriculum_dir() / MOCK_WORLD_FILE)
    return data


@dataclass(frozen=True)
class Mob:
    name: str
    health: float
    hostile: bool


class Rules:
    """Answers what a world rule says; every answer comes from the data files."""

    def __init__(self) -> None:
        self.data: GameData = game_data()
        raw = raw_gamedata()
        self.blocks: dict[str, Any] = raw["blocks"]
        self.items: dict[str, Any] = raw["items"]
        self.foods: dict[str, Any] = raw["foods"]
        self.entities: dict[str, Any] = raw["entities"]
        drops = world_data("block-drops")
        self.block_drops: dict[str, Any] = drops["blocks"]
        self.needs_support: frozenset[str] = frozenset(drops["needs_support_below"])
        mobs = world_data("mobs")
        self.mobs: dict[str, Any] = mobs["mobs"]
        self.weapons: dict[str, float] = mobs["weapon_damage"]
        self.chunk_spawns: dict[str, Any] = mobs["chunk_spawns"]
        self.terrain: dict[str, Any] = world_data("terrain")
        self.mock: dict[str, Any] = mock_settings()

    # -- blocks -----------------------------------------------------------------------

    def is_block(self, name: str) -> bool:
        return name in self.blocks and name != "air"

    def is_solid(self, name: str) -> bool:
        block = self.blocks.get(name)
        return block is not None and block["boundingBox"] == "block"

    def can_harvest(self, block: str, tool: str | None) -> bool:
        tools = self.data.harvest_tools(block)
        return tools is None or (tool is not None and tool in tools)

    def dig_ticks(self, block: str, tool: str | None) -> int:
        """Vanilla dig time: hardness x 1.5 s (x 5 without the right tool) / tool speed."""
        info = self.blocks.get(block)
        hardness = float(info["hardness"]) if info and info["hardness"] is not None else 0.0
        if hardness < 0:
            return -1
        speed = 1.0
        if tool is not None and info is not None:
            material, _, kind = tool.partition("_")
            if info["material"].endswith("/" + MATERIAL_TOOL.get(kind, "-")):
                speed = TOOL_SPEED.get(material, 1)
        factor = 1.5 if self.can_harvest(block, tool) else 5.0
        return max(1, round(hardness * factor / speed * 20))

    def drops(self, block: str, tool: str | None, rng: random.Random) -> dict[str, int]:
        """What breaking ``block`` with ``tool`` (None = hand) yields, by vanilla loot rules."""
        if not self.can_harvest(block, tool):
            return {}
        rule = self.block_drops.get(block)
        if rule == "none":
            return {}
        if rule is None:
            return {block: 1} if block in self.items else {}
        got: dict[str, int] = {}
        kind = tool.rpartition("_")[2] if tool else None
        for entry in rule:
            if entry.get("if_tool", kind) != kind or entry.get("unless_tool") == kind:
                continue
            name = _roll(entry, rng)
            if name:
                got[name[0]] = got.get(name[0], 0) + name[1]
        return got

    # -- crafting, smelting, food -----------------------------------------------------

    def recipes(self, item: str) -> list[Recipe]:
        return self.data.recipes(item)

    def smelt_result(self, item: str) -> str | None:
        smelting = self.data.smelting(item)
        return smelting.result if smelting else None

    def smelt_ticks(self, item: str) -> int:
        smelting = self.data.smelting(item)
        return smelting.ticks if smelting else 200

    def fuel_ticks(self, item: str) -> int | None:
        return self.data.fuel_ticks(item)

    def food(self, item: str) -> tuple[int, float] | None:
        food = self.foods.get(item)
        return (int(food["foodPoints"]), float(food["saturation"])) if food else None

    def stack_size(self, item: str) -> int:
        info = self.items.get(item)
        return int(info["stackSize"]) if info else 64

    # -- mobs -------------------------------------------------------------------------

    def mob(self, name: str) -> Mob | None:
        info = self.mobs.get(name)
        if info is None:
            return None
        hostile = self.entities.get(name, {}).get("type") == "hostile"
        return Mob(name, float(info["health"]), hostile)

    def mob_loot(
        self, name: str, rng: random.Random, attrs: dict[str, Any] | None = None
    ) -> dict[str, int]:
        """A mob's loot; a sheep's wool is of its colour, and none once it is shorn."""
        attrs = attrs or {}
        got: dict[str, int] = {}
        for entry in self.mobs.get(name, {}).get("loot", []):
            wool = entry.get("unless_sheared") or entry.get("wool_colour")
            if wool and attrs.get("sheared"):
                continue
            rolled = _roll(entry, rng)
            if rolled and wool and "colour" in attrs:
                rolled = (f"{attrs['colour']}_wool", rolled[1])
            if rolled:
                got[rolled[0]] = got.get(rolled[0], 0) + rolled[1]
        return got

    def weapon_damage(self, item: str | None) -> float:
        return float(self.weapons.get(item or "", 1.0))


def _roll(entry: dict[str, Any], rng: random.Random) -> tuple[str, int] | None:
    """One loot entry: item, count [min, max] uniform, chance (else 'otherwise')."""
    if rng.random() >= float(entry.get("chance", 1.0)):
        other = entry.get("otherwise")
        return (other, 1) if other else None
    low, high = entry.get("count", [1, 1])
    count = rng.randint(int(low), int(high))
    return (entry["item"], count) if count > 0 else None


@cache
def rules() -> Rules:
    """The rules, loaded once per process."""
    return Rules()
