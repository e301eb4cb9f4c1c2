"""Minecraft 1.20.4 game facts: items, blocks, mobs, recipes, drops, smelting, fuels and foods.

Built from ``curriculum/gamedata-1.20.4.json`` (exported from minecraft-data),
``curriculum/smelting.json`` (our own furnace table) and
``curriculum/obtaining.json`` (what minecraft-data does not say: buckets,
shears, fishing, crops) as ``voyager.data`` reads them; ``game_data()`` builds
it once per process. :meth:`GameData.source` is the one answer to "how is item
X obtained": crafted, smelted, mined, dropped by a mob, or got by using a tool
on something, and with what.

minecraft-data lists a recipe that takes any member of a tag (any planks, coal
or charcoal) once per member, and lists re-dyeing recipes (a white bed from
white dye and a black bed) before the base one. ``source`` folds the copies of
one recipe into a ``Recipe`` whose ingredients accept every member, and puts
base recipes first: a white bed is 3 white wool and 3 planks of any kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from voyager.data import GAMEDATA_FILE as GAMEDATA_FILE  # the mock world reads it too
from voyager.data import (
    FarmingInfo,
    GameFile,
    ObtainingFile,
    RecipeInfo,
    SmeltingFile,
    game_file,
    obtaining_file,
    smelting_file,
    task_words,
)

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
    """One way to craft an item: what it yields and the ingredients it uses up.

    ``ingredients`` are named by their first form (oak_planks); ``alternatives``
    lists, for an ingredient a tag stands for, every item the recipe accepts
    in its place (all planks).
    """

    count: int
    ingredients: dict[str, int]
    needs_table: bool
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def accepts(self, ingredient: str) -> tuple[str, ...]:
        """The items that fit where the recipe names ``ingredient``."""
        return self.alternatives.get(ingredient, (ingredient,))

    def missing(self, inventory: Mapping[str, int], times: int = 1) -> dict[str, int]:
        """What ``inventory`` lacks to craft ``times`` times, any accepted item counting."""
        short = {}
        for name, need in self.ingredients.items():
            have = sum(inventory.get(n, 0) for n in self.accepts(name))
            if have < need * times:
                short[name] = need * times - have
        return short


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
class Use:
    """Using ``tool`` (None: a bare hand) ``on`` a ``target`` gives the item.

    ``on``: "block" (a bucket on lava), "mob" (shears on a sheep), "fishing" (a
    rod in water), "crop" (a ripe crop broken), "laid" (an egg a chicken lays).
    """

    tool: str | None
    on: str
    target: str


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
    uses: tuple[Use, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.crafts or self.smelts or self.mines or self.mobs or self.uses)


class GameData:
    """Answers questions about the game; built from the two data files."""

    def __init__(
        self, game: GameFile, smelting: SmeltingFile, obtaining: ObtainingFile | None = None
    ) -> None:
        self.version = game.version
        self._game = game
        self._obtaining = obtaining or obtaining_file()
        self._colours = tuple(n.removesuffix("_dye") for n in game.items if n.endswith("_dye"))
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

    def stack_size(self, name: str) -> int:
        item = self._game.items.get(name)
        return item.stack_size if item else 64

    def display_name(self, name: str) -> str:
        item = self._game.items.get(name)
        return item.display_name if item else name

    def item_by_display_name(self, display: str) -> str | None:
        """``"Steak"`` -> ``"cooked_beef"`` (case-insensitive)."""
        return self._by_display.get(display.strip().lower())

    def recipes(self, item: str) -> list[Recipe]:
        """minecraft-data's recipes for ``item`` as they are listed (one per tag member)."""
        return [_recipe(r) for r in self._game.recipes.get(item, [])]

    def crafts(self, item: str) -> list[Recipe]:
        """The distinct recipes for ``item``, each accepting every member of its tags, base
        recipes before re-dyeing ones."""
        merged = _merged(self._game.recipes.get(item, []))
        return sorted(merged, key=lambda recipe: self._recolours(item, recipe))

    def _recolours(self, item: str, recipe: Recipe) -> bool:
        """True for a recipe that dyes another colour of the same thing (black_bed -> white_bed)."""
        kind = self._uncoloured(item)
        return kind != item and any(
            self._uncoloured(n) == kind for name in recipe.ingredients for n in recipe.accepts(name)
        )

    def _uncoloured(self, name: str) -> str:
        for colour in sorted(self._colours, key=len, reverse=True):
            if name.startswith(colour + "_"):
                return name[len(colour) + 1 :]
        return name

    def ingredient_label(self, recipe: Recipe, ingredient: str) -> str:
        """How a critique names an ingredient: "white_wool", "planks (any kind)" where every
        planks fits, else the first few that fit ("oak_log/oak_wood/stripped_oak_log/...")."""
        accepted = recipe.accepts(ingredient)
        if len(accepted) == 1:
            return ingredient
        for group, suffix in task_words().groups.items():
            if not isinstance(suffix, str) or not ingredient.endswith(suffix):
                continue
            every = {n for n in self._game.items if n.endswith(suffix)}
            if every <= set(accepted):
                return f"{group} (any kind)"
        return "/".join(accepted[:3]) + ("/..." if len(accepted) > 3 else "")

    def crop(self, block: str) -> tuple[str, int] | None:
        """A crop block's seed item and the age at which it is ripe."""
        crop = self._obtaining.crops.get(block)
        return (crop.seed, crop.ripe_age) if crop else None

    @property
    def farming(self) -> FarmingInfo:
        """Hoes, the blocks they till, and what makes crops grow (bone meal)."""
        return self._obtaining.farming

    def placed_block(self, item: str) -> str | None:
        """The block ``item`` becomes when placed (wheat_seeds -> wheat), None if none."""
        placed = self._obtaining.placed_as.get(item)
        if placed is not None:
            return placed
        return item if self.is_block(item) else None

    def used_for(self, tool: str, targets: Iterable[str]) -> list[str]:
        """The items ``tool`` gets from any of ``targets`` (shears, [sheep] -> the wools)."""
        wanted = set(targets)
        uses = self._obtaining.uses
        return _unique(u.item for u in uses if u.tool == tool and u.target in wanted)

    def is_tool(self, name: str) -> bool:
        """Gear rather than material: it does not stack (tools, weapons, armour) or it is
        used on something to get an item (a bucket)."""
        return self.is_item(name) and (
            self.stack_size(name) == 1 or any(u.tool == name for u in self._obtaining.uses)
        )

    def use_targets(self, tool: str) -> list[str]:
        """What ``tool`` can be used on to get something."""
        return _unique(u.target for u in self._obtaining.uses if u.tool == tool)

    def how_to_use(self, item: str, use: Use) -> str:
        """What ``use`` means in words, for critiques and answers."""
        template = self._obtaining.how.get(use.on, "use {tool} on {target}")
        return template.format(tool=use.tool or "hand", target=use.target, item=item)

    def drops(self, block: str) -> list[str]:
        """Items a block yields when mined with a proper tool and no silk touch."""
        info = self._game.blocks.get(block)
        if info is None:
            return []
        loot = self._game.block_loot.get(block, [])
        if info.drops:  # and what its loot adds by chance: flint from gravel
            return _unique([*info.drops, *(e.item for e in loot if e.no_silk_touch)])
        return _unique(e.item for e in loot if not e.silk_touch)

    def drop_chance(self, block: str, item: str) -> float:
        """The chance that mining ``block`` yields ``item``: 1 for its listed drops, else its
        loot's (flint from gravel, seeds from grass)."""
        info = self._game.blocks.get(block)
        if info is not None and item in info.drops:
            return 1.0
        loot = [e for e in self._game.block_loot.get(block, []) if e.item == item]
        return max((e.chance for e in loot if not e.silk_touch), default=1.0)

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
                tuple(self.crafts(item)),
                tuple(self._smelts(item)),
                tuple(Mine(b, tuple(self.harvest_tools(b) or ())) for b in self._mined_for(item)),
                tuple(self._common_first(m for m in self.mob_names() if item in self.mob_drops(m))),
                tuple(Use(u.tool, u.on, u.target) for u in self._obtaining.uses if u.item == item),
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

    def is_common_mob(self, name: str) -> bool:
        """A mob every overworld has (cow, spider), not one of a far biome or the nether."""
        return name in self._obtaining.common_mobs

    def _common_first(self, mobs: Iterable[str]) -> list[str]:
        """Mobs every overworld has (cows, spiders) before the rest, each in the data's order."""
        common = self._obtaining.common_mobs
        return sorted(mobs, key=lambda mob: common.index(mob) if mob in common else len(common))

    def _mined_for(self, item: str) -> list[str]:
        """Blocks whose mining yields ``item``: natural ones, then the item's own block. A block
        the item itself becomes (redstone_wire, a filled water_cauldron) is no source."""
        placed = self._obtaining.placed_as.get(item)
        natural = [
            b
            for b in self._game.blocks
            if b not in (item, placed)
            and not b.endswith(f"_{item}")
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


Grid = tuple[tuple[int, int], list[str | None]]  # (rows, columns) and the cells row by row


def _cells(raw: RecipeInfo) -> Grid:
    """A recipe's grid: (rows, columns) and its cells row by row; a shapeless one is a row."""
    if raw.shape is not None:
        width = max(len(row) for row in raw.shape)
        cells = [cell for row in raw.shape for cell in [*row, *[None] * (width - len(row))]]
        return (len(raw.shape), width), cells
    ingredients = list(raw.ingredients or [])
    return (0, len(ingredients)), ingredients


def _merged(raws: Sequence[RecipeInfo]) -> list[Recipe]:
    """minecraft-data's copies of one recipe (one per tag member) folded into one each.

    A copy joins an earlier recipe of the same size and count when it puts one new item
    where that recipe has an ingredient (birch_planks wherever oak_planks stood), every
    other difference being an item the earlier one already accepts there.
    """
    kept: list[tuple[RecipeInfo, Grid, dict[str, list[str]]]] = []
    for raw in raws:
        grid, cells = _cells(raw)
        for first, (first_grid, first_cells), accepted in kept:
            if first.count != raw.count or first_grid != grid:
                continue
            swaps = _swaps(first_cells, cells)
            if swaps is None:
                continue
            new = {a: b for a, b in swaps.items() if b not in accepted[a]}
            if len(new) <= 1:
                for a, b in new.items():
                    accepted[a].append(b)
                break
        else:
            kept.append((raw, (grid, cells), {c: [c] for c in cells if c is not None}))
    merged = []
    for raw, _, accepted in kept:
        recipe = _recipe(raw)
        alternatives = {name: tuple(items) for name, items in accepted.items() if len(items) > 1}
        merged.append(Recipe(recipe.count, recipe.ingredients, recipe.needs_table, alternatives))
    return merged


def _swaps(first: list[str | None], other: list[str | None]) -> dict[str, str] | None:
    """The ingredient of ``first`` that ``other`` has in each place instead, if consistent."""
    swaps: dict[str, str] = {}
    for a, b in zip(first, other, strict=True):
        if a == b:
            continue
        if a is None or b is None or swaps.setdefault(a, b) != b:
            return None
    return swaps


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


@cache
def game_data() -> GameData:
    """The game facts of the checkout or installed package, built once."""
    return GameData(game_file(), smelting_file(), obtaining_file())
