"""The offline model's programs: for a task's verb, from game facts (recipes, drops, harvest
tools, smelting), taking prerequisite tools from the inventory or from learned skills."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from voyager.data import offline_goals, offline_helpers
from voyager.gamedata import GameData, game_data
from voyager.offline.signature import SIGNATURE
from voyager.tasks import Task, TaskError, parse_task

TOOL_TIERS = ("wooden", "stone", "iron", "diamond", "netherite")
STATIONS = ("crafting_table", "furnace")
PICKAXE_SUFFIX = "_pickaxe"
MAX_DEPTH = 8
TASK_GOAL = "goal"  # the program's variable holding the count the task asks for


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


def skill_name(task: Task) -> str:
    """The main function's name: verb and item, e.g. craftIronPickaxe, mineLog."""
    words = (task.item or "task").split("_")
    return (task.verb or "do").lower() + "".join(w.capitalize() for w in words)


def write_program(task_text: str, skills: list[str]) -> str:
    """An answer in the form the action prompt asks for, with a program for ``task_text``."""
    try:
        task = parse_task(task_text)
    except TaskError as exc:
        message = json.dumps(f"{SIGNATURE} {exc}")
        return _answer("the task cannot be parsed", "doTask", [f"bot.chat({message});"])
    main = skill_name(task)
    plan = Plan(skills=set(skills) - {main})
    _plan_task(plan, task, game_data())
    return _answer(f"plan for {task.text}", main, plan.lines)


def _answer(explain: str, main: str, lines: list[str]) -> str:
    body = "\n".join(f"  {line}" for line in lines)
    main_code = f"// written by the offline model\nasync function {main}(bot) {{\n{body}\n}}"
    code = f"{offline_helpers()}\n{main_code}"
    return (
        f"Explain: {SIGNATURE} {explain}.\nPlan:\n1. Gather what is missing, then do the task.\n"
        f"Code:\n```javascript\n{code}\n```"
    )


def _plan_task(plan: Plan, task: Task, data: GameData) -> None:
    item = _group(task.item or "")
    if task.verb in ("Mine", "Collect", "Craft"):
        if len(task.names) == 1:
            item = task.names[0]
        plan.lines.append(f'const {TASK_GOAL} = countOf(bot, "{item}") + {task.count};')
        _make(plan, item, task.count, data, 0, TASK_GOAL)
    elif task.verb in ("Smelt", "Cook"):
        _smelt(plan, item, task.count, data, 0)
    elif task.verb == "Kill":
        plan.lines.append(f'await hunt(bot, "{item}", {task.count});')
    elif task.verb == "Eat":
        _obtain(plan, item, 1, data, 0)
        plan.lines.append(f'await eat(bot, "{item}");')
    elif task.verb == "Equip":
        _obtain(plan, item, 1, data, 0)
        plan.lines.append(
            f'await bot.equip(bot.inventory.findInventoryItem(mcData.itemsByName["{item}"].id), '
            f'"{_slot(item)}");'
        )
    else:
        plan.lines.append(f'bot.chat("{SIGNATURE} I cannot do this task.");')


def _slot(item: str) -> str:
    for suffix, slot in (
        ("_helmet", "head"),
        ("_chestplate", "torso"),
        ("_leggings", "legs"),
        ("_boots", "feet"),
    ):
        if item.endswith(suffix):
            return slot
    return "off-hand" if item == "shield" else "hand"


def _group(name: str) -> str:
    """Planks and logs of any wood count as one material."""
    if name.endswith("_planks") or name == "planks":
        return "planks"
    if name.endswith("_log") or name == "log":
        return "log"
    return name


def _obtain(plan: Plan, item: str, count: int, data: GameData, depth: int) -> None:
    """Make sure the bot holds ``count`` of ``item`` for the next statement, and reserve them."""
    item = _group(item)
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
            _make(plan, item, target - plan.has(item), data, depth, str(target))
    plan.reserve(item, count)


def _make(plan: Plan, item: str, missing: int, data: GameData, depth: int, goal: str) -> None:
    """Statements that bring the count of ``item`` up to ``goal`` (a JavaScript expression)."""
    if depth > MAX_DEPTH:
        plan.lines.append(f'bot.chat("{SIGNATURE} I do not know how to get {item}.");')
        return
    if item == "log":
        plan.lines.append(f'await gather(bot, LOG_NAMES, "log", {goal}, DIRECTIONS);')
    elif item == "planks":
        logs = math.ceil(missing / 4)
        _obtain(plan, "log", logs, data, depth + 1)
        plan.lines.append(f'if (countOf(bot, "planks") < {goal}) await makePlanks(bot, {goal});')
        plan.use("log", logs)
        plan.add("planks", logs * 4 - missing)
    elif _gathered(item, data):
        _mine(plan, item, data, depth, goal)
    elif data.source(item).smelts:
        _when_short(plan, item, goal, lambda inner: _smelt(inner, item, missing, data, depth))
        return
    elif data.source(item).crafts:
        _when_short(plan, item, goal, lambda inner: _craft(inner, item, missing, data, depth, goal))
        return
    else:
        _mine(plan, item, data, depth, goal)
    plan.add(item, missing)


def _when_short(plan: Plan, item: str, goal: str, write: Callable[[Plan], None]) -> None:
    """Statements from ``write``, skipped at run time when the bot already holds ``goal``.

    The task's own item (``TASK_GOAL``) is always made.

    A station placed inside the skipped block may not be there afterwards, so
    later statements place their own.
    """
    if goal == TASK_GOAL:
        write(plan)
        return
    inner = Plan(plan.skills, held=dict(plan.held), reserved=dict(plan.reserved))
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


def _gathered(item: str, data: GameData) -> bool:
    """Mined or picked up rather than made: coal, diamond, dirt (not sticks from leaves)."""
    if item in offline_goals().made_not_gathered:
        return False
    source = data.source(item)
    others = [mine for mine in source.mines if mine.block != item]
    return bool(others) or (bool(source.mines) and not source.crafts)


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
        _obtain(plan, ingredient, need * times, data, depth + 1)
    if recipe.needs_table:
        _station(plan, "crafting_table", data, depth)
    plan.lines.append(
        f'if (countOf(bot, "{item}") < {goal}) await craftItem(bot, "{item}", {times});'
    )
    for ingredient, need in recipe.ingredients.items():
        plan.use(_group(ingredient), need * times)
    plan.add(item, recipe.count * times)


def _station(plan: Plan, station: str, data: GameData, depth: int) -> None:
    """Place ``station`` near the bot unless one is there; make or fetch one first if needed."""
    if plan.has(f"placed:{station}"):
        return
    if not _use_skill(plan, station):
        plan.lines.append(f'if (!stationNear(bot, "{station}")) {{')
        inner = Plan(plan.skills, held=dict(plan.held), reserved=dict(plan.reserved))
        _make(inner, station, 1, data, depth + 1, "1")
        plan.lines.extend(f"  {line}" for line in inner.lines)
        plan.lines.append("}")
        plan.held, plan.reserved = inner.held, inner.reserved
    plan.lines.append(f'await ensureStation(bot, "{station}");')
    plan.add(station, -1)
    plan.add(f"placed:{station}", 1)


def _smelt(plan: Plan, item: str, count: int, data: GameData, depth: int) -> None:
    """Smelt to get ``count`` of ``item``, an input (raw_iron) or a result (iron_ingot)."""
    job = data.furnace_job(item)
    if job is None:
        plan.lines.append(f'bot.chat("{SIGNATURE} A furnace neither takes nor makes {item}.");')
        return
    fuel = math.ceil(count / job.per_fuel)
    _obtain(plan, job.input, count, data, depth + 1)
    _obtain(plan, job.fuel, fuel, data, depth + 1)
    _station(plan, "furnace", data, depth)
    plan.lines.append(f'await smeltItem(bot, "{job.input}", "{job.fuel}", {count});')
    plan.use(job.input, count)
    plan.use(job.fuel, fuel)
    plan.add(job.result, count)


def _mine(plan: Plan, item: str, data: GameData, depth: int, goal: str) -> None:
    source = data.source(item)
    mines = list(source.mines)
    if item != "cobblestone":  # which comes from stone first
        mines.sort(key=lambda mine: mine.block != item)  # a log from its own block first
    if not mines:
        if source.mobs:
            mob = source.mobs[0]
            plan.lines.append(
                f'while (countOf(bot, "{item}") < {goal} && await hunt(bot, "{mob}", 1));'
            )
            return
        plan.lines.append(f'bot.chat("{SIGNATURE} I do not know where {item} comes from.");')
        return
    if mines[0].tools:
        _need_tool(plan, list(mines[0].tools))
    directions = "DOWNWARDS" if _underground(mines[0].block) else "DIRECTIONS"
    names = json.dumps([mine.block for mine in mines[:4]])
    plan.lines.append(f'await gather(bot, {names}, "{item}", {goal}, {directions});')


def _underground(block: str) -> bool:
    return block.endswith("_ore") or block in ("stone", "deepslate", "ancient_debris")


def _need_tool(plan: Plan, tools: list[str]) -> None:
    """Hold the weakest tool in ``tools`` or a better one: from a learned skill, or stop."""
    if any(plan.has(t) for t in tools):
        return
    tiers = [t for t in tools if t.split("_")[0] in TOOL_TIERS]
    weakest = min(
        tiers or tools, key=lambda t: TOOL_TIERS.index(t.split("_")[0]) if t in tiers else 99
    )
    held = " && ".join(f'countOf(bot, "{t}") < 1' for t in tools)
    name = "craft" + "".join(w.capitalize() for w in weakest.split("_"))
    if name in plan.skills:
        plan.lines.append(f"if ({held}) await {name}(bot);")
    else:
        plan.lines.append(f'if ({held}) throw new Error("I need a {weakest} (or better) first.");')
    plan.add(weakest, 1)
