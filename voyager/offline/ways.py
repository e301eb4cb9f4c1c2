"""How the offline model gets an item: which way its source offers first, and what that takes.

The ways, in the order they are tried (``way_of``): by using a tool on
something (a bucket on lava, shears on a sheep, a rod in water, a crop
harvested), from a mob for the items ``goals.json`` says so (string, leather),
by mining the natural blocks that drop it, by smelting, by crafting, else from
the blocks or mobs that drop it. ``plan.py`` writes the statements of each
way; ``prerequisites`` lists what a way takes in all, which the planner of
``voyager run`` plans.
"""

from __future__ import annotations

from typing import Literal

from voyager.data import offline_goals
from voyager.gamedata import GameData, Mine, Smelt, Use

TOOL_TIERS = ("wooden", "stone", "iron", "diamond", "netherite")

Way = Literal["log", "planks", "use", "hunt", "mine", "smelt", "craft", "found"]


def group(name: str) -> str:
    """Planks and logs of any wood count as one material."""
    if name.endswith("_planks") or name == "planks":
        return "planks"
    if name.endswith("_log") or name == "log":
        return "log"
    return name


def way_of(item: str, data: GameData) -> Way:
    """The first way ``item``'s source offers, in the order of this module's docstring."""
    source = data.source(item)
    if item == "log":
        return "log"
    if item == "planks":
        return "planks"
    if source.uses:
        return "use"
    if item in offline_goals().from_mobs and source.mobs:
        return "hunt"
    if gathered(item, data):
        return "mine"
    if raw_smelts(item, data):
        return "smelt"
    if source.crafts:
        return "craft"
    return "found"


def needs(item: str, data: GameData) -> list[str]:
    """What the first way of getting ``item`` takes: ingredients, fuel, stations and tools."""
    source = data.source(item)
    way = way_of(item, data)
    if way == "planks":
        return ["log"]
    if way == "use":
        return _use_needs(item, source.uses[0], data)
    if way == "smelt":
        job = raw_smelts(item, data)[0]
        return [job.input, job.fuel, "furnace"]
    if way == "craft":
        recipe = source.crafts[0]
        station = ["crafting_table"] if recipe.needs_table else []
        return [group(name) for name in recipe.ingredients] + station
    mines = mine_order(item, data)
    if way in ("mine", "found") and mines and mines[0].tools:
        return [weakest_tool(list(mines[0].tools))]
    return []


def _use_needs(item: str, use: Use, data: GameData) -> list[str]:
    if use.on == "crop":
        crop = data.crop(use.target)
        seed = crop[0] if crop else item
        return [seed, data.farming.hoes[0], data.farming.growth_item]
    return [use.tool] if use.tool else []


def prerequisites(item: str, data: GameData) -> set[str]:
    """Every item that getting ``item`` the offline way takes, directly or on the way."""
    found: set[str] = set()
    todo = needs(item, data)
    while todo:
        name = group(todo.pop())
        if name not in found and name != item:
            found.add(name)
            todo.extend(needs(name, data))
    return found


def gathered(item: str, data: GameData) -> bool:
    """Mined or picked up rather than made: coal, diamond, dirt (not sticks from leaves)."""
    if item in offline_goals().made_not_gathered:
        return False
    source = data.source(item)
    others = [mine for mine in source.mines if mine.block != item]
    return bool(others) or (bool(source.mines) and not source.crafts)


def raw_smelts(item: str, data: GameData) -> list[Smelt]:
    """The furnace jobs that make ``item`` from something gathered or hunted (an ingot from raw
    iron), not from something crafted (a nugget from an iron pickaxe)."""
    return [
        job
        for job in data.source(item).smelts
        if gathered(job.input, data) or data.source(job.input).mobs or data.source(job.input).uses
    ]


def mine_order(item: str, data: GameData) -> list[Mine]:
    """The blocks mined for ``item``, the one tried first first."""
    mines = list(data.source(item).mines)
    if item != "cobblestone":  # which comes from stone first
        mines.sort(key=lambda mine: mine.block != item)  # a log from its own block first
    return mines


def weakest_tool(tools: list[str]) -> str:
    """The tool of the lowest tier in ``tools`` (a wooden pickaxe before a stone one)."""
    tiers = [t for t in tools if t.split("_")[0] in TOOL_TIERS]
    return min(
        tiers or tools, key=lambda t: TOOL_TIERS.index(t.split("_")[0]) if t in tiers else 99
    )
