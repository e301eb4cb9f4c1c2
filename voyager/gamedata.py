"""Minecraft 1.20.4 game facts: items, blocks, mobs, recipes, drops, smelting, fuels and foods.

Built from ``curriculum/gamedata-1.20.4.json`` (exported from minecraft-data)
and ``curriculum/smelting.json`` (our own furnace table) as ``voyager.data``
reads them; ``game_data()`` builds it once per process. :meth:`GameData.source` is the one answer to
"how is item X obtained": crafted, smelted, mined or dropped by a mob, and
with what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from voyager.data import GAMEDATA_FILE as GAMEDATA_FILE  # the mock world reads it too
from voyager.data import GameFile, RecipeInfo, SmeltingFile, game_file, smelting_file

# Entity kinds in minecraft-data that are living creatures one can fight.
MOB_TYPES = frozenset({"mob", "animal", "hostile", "ambient", "water_creature", "passive"})
# The fuel the agent's programs burn in a furnace.
FUEL = "coal"
# Parts of the names of blocks that only exist once their item is placed (wall_torch,
# oak_wall_sign, potted_poppy) or that imitate another (infested_stone): mining them is
# no way to obtain the item.
PLACED_OR_LOOKALIKE = ("wall_", "potted_", "infested_")


@dataclass(frozen=True)
class Recipe:
    """One way to craft an item: what it yields and the ingredients it uses up."""

    count: int
    ingredients: dict[str, int]
    needs_table: bool


@dataclass(frozen=True)
class Smelting:
    """One furnace recipe."""

    input: str
    result: str
    xp: float
    ticks: int


@dataclass(frozen=True)
class Smelt:
    """A furnace turns ``input`` into ``result``, burning ``fuel``: one fuel smelts ``per_fuel``."""

    input: str
    result: str
    fuel: str
    per_fuel: int


@dataclass(frozen=True)
class Mine:
    """Mining ``block`` yields the item with one of ``tools`` (weakest first); () = by hand."""

    block: str
    tools: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """Every way to obtain an item; each list in the game data's order.

    ``mines`` lists natural blocks first and the item's own block (when it
    drops itself) last: stone before cobblestone.
    """

    item: str
    crafts: tuple[Recipe, ...]
    smelts: tuple[Smelt, ...]
    mines: tuple[Mine, ...]
    mobs: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.crafts or self.smelts or self.mines or self.mobs)


class GameData:
    """Answers questions about the game; built from the two data files."""

    def __init__(self, game: GameFile, smelting: SmeltingFile) -> None:
        self.version = game.version
        self._game = game
        self._smelting = {
            name: Smelting(name, r.result, r.xp, r.ticks) for name, r in smelting.recipes.items()
        }
        self._fuels = smelting.fuels
        self._by_display = {v.display_name.lower(): k for k, v in game.items.items()}
        self._sources: dict[str, Source] = {}

    def is_item(self, name: str) -> bool:
        return name in self._game.items and name != "air"

    def is_block(self, name: str) -> bool:
        return name in self._game.blocks and name != "air"

    def is_mob(self, name: str) -> bool:
        entity = self._game.entities.get(name)
        return entity is not None and entity.type in MOB_TYPES

    def item_names(self) -> list[str]:
        return [name for name in self._game.items if name != "air"]

    def mob_names(self) -> list[str]:
        return [name for name in self._game.entities if self.is_mob(name)]

    def display_name(self, name: str) -> str:
        item = self._game.items.get(name)
        return item.display_name if item else name

    def item_by_display_name(self, display: str) -> str | None:
        """``"Steak"`` -> ``"cooked_beef"`` (case-insensitive)."""
        return self._by_display.get(display.strip().lower())

    def recipes(self, item: str) -> list[Recipe]:
        return [_recipe(r) for r in self._game.recipes.get(item, [])]

    def drops(self, block: str) -> list[str]:
        """Items a block yields when mined with a proper tool and no silk touch."""
        info = self._game.blocks.get(block)
        if info is None:
            return []
        if info.drops:
            return list(info.drops)
        loot = self._game.block_loot.get(block, [])
        return _unique(e.item for e in loot if not e.silk_touch)

    def harvest_tools(self, block: str) -> list[str] | None:
        """Tools that make a block drop anything, weakest first; None when a bare hand will do."""
        info = self._game.blocks.get(block)
        tools = info.harvest_tools if info else None
        return list(tools) if tools else None

    def mob_drops(self, mob: str) -> list[str]:
        return _unique(e.item for e in self._game.entity_loot.get(mob, []))

    def smelting(self, item: str) -> Smelting | None:
        """The furnace recipe that takes ``item`` as input."""
        return self._smelting.get(item)

    def fuel_ticks(self, item: str) -> int | None:
        return self._fuels.get(item)

    def food_points(self, item: str) -> int | None:
        food = self._game.foods.get(item)
        return int(food.food_points) if food else None

    def source(self, item: str) -> Source:
        """How ``item`` is obtained: its recipes, furnace inputs, blocks and mobs."""
        found = self._sources.get(item)
        if found is None:
            found = self._sources[item] = Source(
                item,
                tuple(self.recipes(item)),
                tuple(self._smelts(item)),
                tuple(Mine(b, tuple(self.harvest_tools(b) or ())) for b in self._mined_for(item)),
                tuple(mob for mob in self.mob_names() if item in self.mob_drops(mob)),
            )
        return found

    def furnace_job(self, item: str) -> Smelt | None:
        """What "smelt ``item``" means: ``item`` as the input (raw_iron), else its first input."""
        recipe = self.smelting(item)
        if recipe is not None:
            return self._smelt(recipe)
        smelts = self.source(item).smelts
        return smelts[0] if smelts else None

    def _smelts(self, item: str) -> list[Smelt]:
        return [self._smelt(s) for s in self._smelting.values() if s.result == item]

    def _smelt(self, recipe: Smelting) -> Smelt:
        return Smelt(recipe.input, recipe.result, FUEL, self._fuels[FUEL] // recipe.ticks)

    def _mined_for(self, item: str) -> list[str]:
        natural = [
            b
            for b in self._game.blocks
            if b != item
            and not any(part in b for part in PLACED_OR_LOOKALIKE)
            and item in self.drops(b)
        ]
        return [*natural, item] if item in self.drops(item) else natural


def _recipe(raw: RecipeInfo) -> Recipe:
    cells: list[str | None]
    if raw.shape is not None:
        cells = [cell for row in raw.shape for cell in row]
        needs_table = len(raw.shape) > 2 or any(len(row) > 2 for row in raw.shape)
    else:
        cells = list(raw.ingredients or [])
        needs_table = len(cells) > 4
    counts: dict[str, int] = {}
    for cell in cells:
        if cell is not None:
            counts[cell] = counts.get(cell, 0) + 1
    return Recipe(raw.count, counts, needs_table)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


@cache
def game_data() -> GameData:
    """The game facts of the checkout or installed package, built once."""
    return GameData(game_file(), smelting_file())
