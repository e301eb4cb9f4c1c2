"""How the offline model's programs get an item: statements written from ``GameData.source``.

An item is got the first way its source offers (``ways.py``: a use, a mob, a
mined block, a furnace, a recipe); a use or a mined block that comes up short
falls back on the mob (wool from a sheep killed, string from a spider).
Prerequisite tools and stations are taken from the inventory, from learned
skills called by name, or made on the way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from voyager.gamedata import GameData, Recipe, Smelt, Use
from voyager.offline.signature import SIGNATURE
from voyager.offline.ways import group, mine_order, raw_smelts, way_of, weakest_tool

STATIONS = ("crafting_table", "furnace")
PICKAXE_SUFFIX = "_pickaxe"
MAX_DEPTH = 8
TASK_GOAL = "goal"  # the program's variable holding the count the task asks for
UNDERGROUND = ("stone", "deepslate", "ancient_debris", "lava", "cobbled_deepslate")
MAX_BLOCKS_A_TRY = 16
MAX_HUNTS = 4  # a kill may drop nothing (a skeleton's bones: 0 to 2)


@dataclass
class Plan:
    """The statements of a program being written, and the holdings it counts on.

    ``held`` is what the bot will hold at this point of the program if every
    statement works, ``reserved`` what later statements need of it. The guards
    written into the program compare the real inventory with these counts, so
    the program works from any starting inventory.
    """

    skills: set[str]
    lines: list[str] = field(default_factory=list)
    held: dict[str, int] = field(default_factory=dict)
    reserved: dict[str, int] = field(default_factory=dict)

    def has(self, name: str) -> int:
        return self.held.get(name, 0)

    def add(self, name: str, count: int) -> None:
        self.held[name] = max(0, self.held.get(name, 0) + count)

    def reserve(self, name: str, count: int) -> None:
        self.reserved[name] = self.reserved.get(name, 0) + count

    def use(self, name: str, count: int) -> None:
        self.add(name, -count)
        self.reserved[name] = max(0, self.reserved.get(name, 0) - count)

    def inner(self) -> Plan:
        """A plan for a block of statements that starts from this one's holdings."""
        return Plan(self.skills, held=dict(self.held), reserved=dict(self.reserved))


def obtain(plan: Plan, item: str, count: int, data: GameData, depth: int) -> None:
    """Make sure the bot holds ``count`` of ``item`` for the next statement, and reserve them."""
    item = group(item)
    target = plan.reserved.get(item, 0) + count
    if plan.has(item) < target:
        if _is_prerequisite(item) and _use_skill(plan, item):
            pass
        elif _is_prerequisite(item) and item.endswith(PICKAXE_SUFFIX):
            plan.lines.append(
                f'if (countOf(bot, "{item}") < 1) throw new Error("I need a {item} first.");'
            )
            plan.add(item, 1)
        else:
            make(plan, item, target - plan.has(item), data, depth, str(target))
    plan.reserve(item, count)


def make(plan: Plan, item: str, missing: int, data: GameData, depth: int, goal: str) -> None:
    """Statements that bring the count of ``item`` up to ``goal`` (a JavaScript expression)."""
    if depth > MAX_DEPTH:
        plan.lines.append(f'bot.chat("{SIGNATURE} I do not know how to get {item}.");')
        return
    source = data.source(item)
    way = way_of(item, data)
    if way == "log":
        plan.lines.append(f'await gather(bot, LOG_NAMES, "log", {goal}, DIRECTIONS);')
    elif way == "planks":
        logs = math.ceil(missing / 4)
        obtain(plan, "log", logs, data, depth + 1)
        plan.lines.append(f"await makePlanks(bot, {goal});")
        plan.use("log", logs)
        plan.add("planks", logs * 4 - missing)
    elif way == "use":
        use = source.uses[0]
        write = lambda inner: _use(inner, item, use, missing, data, depth, goal)  # noqa: E731
        when_short(plan, item, goal, write)
        _mob_fallback(plan, item, data, goal)
        return
    elif way == "hunt":
        _hunt_for(plan, item, source.mobs[0], goal)
    elif way == "mine":
        _mine(plan, item, data, depth, goal)
        _mob_fallback(plan, item, data, goal)
    elif way == "smelt":
        job = raw_smelts(item, data)[0]  # stone from cobblestone, not smooth stone from stone
        when_short(plan, item, goal, lambda inner: smelt(inner, item, missing, data, depth, job))
        return
    elif way == "craft":
        when_short(plan, item, goal, lambda inner: _craft(inner, item, missing, data, depth, goal))
        return
    else:
        _mine(plan, item, data, depth, goal)
    plan.add(item, missing)


def when_short(plan: Plan, item: str, goal: str, write: Callable[[Plan], None]) -> None:
    """Statements from ``write``, skipped at run time when the bot already holds ``goal``.

    The task's own item (``TASK_GOAL``) is always made.

    A station placed inside the skipped block may not be there afterwards, so
    later statements place their own.
    """
    if goal == TASK_GOAL:
        write(plan)
        return
    inner = plan.inner()
    write(inner)
    placed = {k for k in inner.held if k.startswith("placed:") and not plan.has(k)}
    if len(inner.lines) > 1:
        plan.lines.append(f'if (countOf(bot, "{item}") < {goal}) {{')
        plan.lines.extend(f"  {line}" for line in inner.lines)
        plan.lines.append("}")
    else:
        plan.lines.extend(inner.lines)
        placed = set()
    plan.held = {k: v for k, v in inner.held.items() if k not in placed}
    plan.reserved = inner.reserved


def _is_prerequisite(item: str) -> bool:
    return item in STATIONS or item.endswith(PICKAXE_SUFFIX)


def _use_skill(plan: Plan, item: str) -> bool:
    """Call a retrieved skill that makes ``item``, guarded so that a held one is not made twice."""
    name = "craft" + "".join(w.capitalize() for w in item.split("_"))
    if name not in plan.skills:
        return False
    plan.lines.append(
        f'if (countOf(bot, "{item}") < 1 && !stationNear(bot, "{item}")) await {name}(bot);'
    )
    plan.add(item, 1)
    return True


def _craft(plan: Plan, item: str, missing: int, data: GameData, depth: int, goal: str) -> None:
    recipe = data.source(item).crafts[0]
    times = math.ceil(missing / recipe.count)
    for ingredient, need in recipe.ingredients.items():
        obtain(plan, ingredient, need * times, data, depth + 1)
    if recipe.needs_table:
        station(plan, "crafting_table", data, depth)
    name = f'"{item}"'
    if goal != TASK_GOAL and _one_wood(item, recipe):  # any wood will do for an ingredient
        name = f'inHeldWood(bot, "{item}")'
    plan.lines.append(
        f'if (countOf(bot, "{item}") < {goal}) await craftItem(bot, {name}, {times});'
    )
    for ingredient, need in recipe.ingredients.items():
        plan.use(group(ingredient), need * times)
    plan.add(item, recipe.count * times)


def _one_wood(item: str, recipe: Recipe) -> bool:
    """An oak item made from oak planks only (a slab, a door): another wood makes its twin."""
    return (
        item.startswith("oak_")
        and not recipe.alternatives.get("oak_planks", ())
        and ("oak_planks" in recipe.ingredients)
    )


def station(plan: Plan, name: str, data: GameData, depth: int) -> None:
    """Place station ``name`` near the bot unless one is there; make or fetch one first."""
    if plan.has(f"placed:{name}"):
        return
    if not _use_skill(plan, name):
        plan.lines.append(f'if (!stationNear(bot, "{name}")) {{')
        inner = plan.inner()
        make(inner, name, 1, data, depth + 1, "1")
        plan.lines.extend(f"  {line}" for line in inner.lines)
        plan.lines.append("}")
        plan.held, plan.reserved = inner.held, inner.reserved
    plan.lines.append(f'await ensureStation(bot, "{name}");')
    plan.add(name, -1)
    plan.add(f"placed:{name}", 1)


def smelt(
    plan: Plan, item: str, count: int, data: GameData, depth: int, job: Smelt | None = None
) -> None:
    """Smelt to get ``count`` of ``item``, an input (raw_iron) or a result (iron_ingot); ``job``
    says which when the item is both (stone)."""
    job = job or data.furnace_job(item)
    if job is None:
        plan.lines.append(f'bot.chat("{SIGNATURE} A furnace neither takes nor makes {item}.");')
        return
    fuel = math.ceil(count / job.per_fuel)
    obtain(plan, job.input, count, data, depth + 1)
    obtain(plan, job.fuel, fuel, data, depth + 1)
    station(plan, "furnace", data, depth)
    held = group(job.input)
    name = f'heldName(bot, "{held}", "{job.input}")' if held != job.input else f'"{job.input}"'
    plan.lines.append(f'await smeltItem(bot, {name}, "{job.fuel}", {count});')
    plan.use(held, count)
    plan.use(job.fuel, fuel)
    plan.add(job.result, count)


def use_any(plan: Plan, names: list[str], count: int, data: GameData) -> None:
    """Statements that get ``count`` of any of ``names`` (any fish) the way the first is got."""
    use = data.source(names[0]).uses[0]
    _use(plan, names[0], use, count, data, 0, TASK_GOAL, names)


def _use(
    plan: Plan,
    item: str,
    use: Use,
    missing: int,
    data: GameData,
    depth: int,
    goal: str,
    counted: list[str] | None = None,
) -> None:
    """Statements that get ``item`` by ``use``: fill a bucket, shear, fish, farm, pick up eggs."""
    names = json.dumps(counted or [item])
    if use.on == "crop":
        crop = data.crop(use.target)
        seed, ripe = crop if crop else (item, 0)
        obtain(plan, seed, missing, data, depth + 1)
        _hoe(plan, data, depth)
        growth = data.farming
        obtain(plan, growth.growth_item, growth.growth_items_per_crop * missing, data, depth + 1)
        plan.lines.append(f'await farm(bot, "{use.target}", "{seed}", "{item}", {ripe}, {goal});')
        plan.use(seed, missing)
        plan.use(growth.growth_item, growth.growth_items_per_crop * missing)
        return
    if use.on == "laid":
        plan.lines.append(f'await collectLaid(bot, "{item}", "{use.target}", {goal});')
        return
    if use.tool is None:
        plan.lines.append(f'bot.chat("{SIGNATURE} I do not know how to get {item}.");')
        return
    used_up = use.tool in item  # a bucket becomes the filled bucket
    obtain(plan, use.tool, missing if used_up else 1, data, depth + 1)
    if use.on == "block":
        directions = "DOWNWARDS" if use.target in UNDERGROUND else "DIRECTIONS"
        plan.lines.append(f'await fillBucket(bot, "{use.target}", "{item}", {goal}, {directions});')
    elif use.on == "mob":
        plan.lines.append(f'await useOnMob(bot, "{use.target}", "{use.tool}", {names}, {goal});')
    elif use.on == "fishing":
        plan.lines.append(f"await fishFor(bot, {names}, {goal});")
    if used_up:
        plan.use(use.tool, missing)


def _hoe(plan: Plan, data: GameData, depth: int) -> None:
    """Any hoe will till: make the weakest when the bot holds none."""
    hoes = data.farming.hoes
    if any(plan.has(hoe) for hoe in hoes):
        return
    plan.lines.append("if (!HOES.some((hoe) => countOf(bot, hoe) > 0)) {")
    inner = plan.inner()
    make(inner, hoes[0], 1, data, depth + 1, "1")
    plan.lines.extend(f"  {line}" for line in inner.lines)
    plan.lines.append("}")
    plan.held, plan.reserved = inner.held, inner.reserved
    plan.add(hoes[0], 1)


def _mob_fallback(plan: Plan, item: str, data: GameData, goal: str) -> None:
    """When the first way comes up short, hunt the mob that drops the item."""
    mobs = data.source(item).mobs
    if mobs and data.is_common_mob(mobs[0]):
        _hunt_for(plan, item, mobs[0], goal)


def _hunt_for(plan: Plan, item: str, mob: str, goal: str) -> None:
    """Hunt ``mob`` until the bot holds ``goal`` of its drop ``item``, a few at most."""
    plan.lines.append(
        f'for (let hunts = 0; hunts < {MAX_HUNTS} && countOf(bot, "{item}") < {goal}; hunts++) '
        f'if (!(await hunt(bot, "{mob}", 1))) break;'
    )


def _mine(plan: Plan, item: str, data: GameData, depth: int, goal: str) -> None:
    source = data.source(item)
    mines = mine_order(item, data)
    if not mines:
        if source.mobs:
            _hunt_for(plan, item, source.mobs[0], goal)
            return
        plan.lines.append(f'bot.chat("{SIGNATURE} I do not know where {item} comes from.");')
        return
    if mines[0].tools:
        need_tool(plan, list(mines[0].tools), data, short=f'countOf(bot, "{item}") < {goal}')
    directions = "DOWNWARDS" if _underground(mines[0].block) else "DIRECTIONS"
    names = json.dumps([mine.block for mine in mines[:4]])
    chance = data.drop_chance(mines[0].block, item)
    per_block = "" if chance >= 1 else f", {min(MAX_BLOCKS_A_TRY, math.ceil(1 / chance))}"
    plan.lines.append(f'await gather(bot, {names}, "{item}", {goal}, {directions}{per_block});')


def _underground(block: str) -> bool:
    return block.endswith("_ore") or block in UNDERGROUND


def need_tool(plan: Plan, tools: list[str], data: GameData, short: str) -> None:
    """Hold the weakest tool in ``tools`` or a better one: from a learned skill, or stop
    while ``short`` (JavaScript: the bot holds too few of what the tool is for)."""
    if any(plan.has(t) for t in tools):
        return
    weakest = weakest_tool(tools)
    held = " && ".join(f'countOf(bot, "{t}") < 1' for t in tools)
    name = "craft" + "".join(w.capitalize() for w in weakest.split("_"))
    if name in plan.skills:
        plan.lines.append(f"if ({held}) await {name}(bot);")
    elif not weakest.endswith(PICKAXE_SUFFIX):  # shears, a sword: cheap to make on the way
        plan.lines.append(f"if ({held}) {{")
        inner = plan.inner()
        make(inner, weakest, 1, data, 1, "1")
        plan.lines.extend(f"  {line}" for line in inner.lines)
        plan.lines.append("}")
        plan.held, plan.reserved = inner.held, inner.reserved
    else:
        plan.lines.append(
            f'if ({short} && {held}) throw new Error("I need a {weakest} (or better) first.");'
        )
    plan.add(weakest, 1)
