"""Exact verification: decide structured tasks from the observations before and after, no LLM.

``before`` is the observation when the task started and ``events`` every
event since then, so that progress made over several rounds counts. Counts
are gains: an item the bot already had does not count towards "Mine 3 X".
Each verb's proof comes from ``curriculum/task-words.json``: items gained
("Mine", "Fill", "Catch", "Shear": wool), crafted, smelted, kill events, the
item equipped or eaten, a block placed near, items in a chest, the night
skipped by sleeping. A free-form task gets ``success=None``: only the LLM
critic can judge it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from voyager.data import task_words
from voyager.env.contract import Event, Observation, shared_constants
from voyager.gamedata import GameData, game_data
from voyager.tasks import Task, verb_info

FUELS_HINT = "coal, charcoal or planks"
ARMOR_SLOTS = {"helmet": "head", "chestplate": "torso", "leggings": "legs", "boots": "feet"}


@dataclass(frozen=True)
class Verdict:
    """success None = undecided; critique = what is missing, for the next round; reason = why."""

    success: bool | None
    critique: str
    reason: str


@dataclass(frozen=True)
class _Round:
    task: Task
    before: Observation
    after: Observation
    events: list[Event]
    data: GameData


def verify(
    task: Task,
    before: Observation,
    after: Observation,
    events: list[Event],
    data: GameData | None = None,
) -> Verdict:
    """The exact verdict on ``task`` from the state before and after and the events between."""
    if task.proof is None:
        return Verdict(None, "", "free-form task: only the critic can judge it")
    check = CHECKS[task.proof]
    return check(_Round(task, before, after, events, data or game_data()))


def counted_items(task: Task, data: GameData | None = None) -> list[str]:
    """The items whose count shows progress on ``task``.

    Raw iron for "Mine 3 iron ore", iron ingots for "Smelt 3 raw iron", wool for
    "Shear 1 sheep", the task's own items otherwise.
    """
    data = data or game_data()
    if task.verb is None:
        return list(task.names)
    info = verb_info(task.verb)
    if info.proof == "gained" and info.counts == "yield":
        return _unique(n for name in task.names for n in _yield_of(name, data))
    if info.proof == "gained" and info.counts == "use" and info.tool:
        return data.used_for(info.tool, task.names)
    if info.proof == "smelted":
        return _smelting_outputs(task.names, data)
    return list(task.names)


def _obtained(r: _Round) -> Verdict:
    counted = counted_items(r.task, r.data)
    got = _gained(r, counted)
    label = _label(r.task, counted)
    reason = f"gained {got} {label}, need {r.task.count}"
    if got >= r.task.count:
        return Verdict(True, "", reason)
    missing = r.task.count - got
    critique = f"You got {got} {label} but need {r.task.count}; {_how_to_get(r, missing)}."
    return Verdict(False, critique, reason)


def _crafted(r: _Round) -> Verdict:
    got = _gained(r, r.task.names)
    reason = f"gained {got} {r.task.item}, need {r.task.count}"
    if got >= r.task.count:
        return Verdict(True, "", reason)
    missing = r.task.count - got
    critique = f"You crafted {got} {r.task.item} but need {r.task.count}; craft {missing} more"
    return Verdict(False, critique + _recipe_hint(r) + ".", reason)


def _smelted(r: _Round) -> Verdict:
    outputs = counted_items(r.task, r.data)
    got = _gained(r, outputs)
    label = "/".join(outputs)
    reason = f"gained {got} {label}, need {r.task.count}"
    if got >= r.task.count:
        return Verdict(True, "", reason)
    inputs = _smelting_inputs(r.task.names, r.data)
    have = sum(_count(r.after, n) for n in inputs)
    critique = (
        f"You got {got} {label} but need {r.task.count}; smelt {r.task.count - got} more "
        f"{inputs[0]} in a furnace with fuel ({FUELS_HINT}). You have {have} {inputs[0]}"
        f"{'' if have else ': obtain it first'}."
    )
    return Verdict(False, critique, reason)


def _killed(r: _Round) -> Verdict:
    mobs = set(r.task.names)
    kills = sum(1 for e in r.events if e.get("type") == "kill" and e.get("mob") in mobs)
    reason = f"{kills} {r.task.item} kill event(s), need {r.task.count}"
    if kills >= r.task.count:
        return Verdict(True, "", reason)
    drops = r.data.mob_drops(r.task.names[0])
    # Worlds that do not report kills still show the loot the bot picked up.
    dropped = max((_gained(r, [d]) for d in drops), default=0)
    if kills == 0 and dropped >= r.task.count:
        return Verdict(True, "", f"no kill events, but gained {dropped} of its drops")
    missing = r.task.count - kills
    critique = (
        f"You killed {kills} {r.task.item} but need {r.task.count}; find and kill "
        f"{missing} more {r.task.item} (explore until one is within 32 blocks)."
    )
    return Verdict(False, critique, reason)


def _equipped(r: _Round) -> Verdict:
    worn = [e for e in r.after.get("status", {}).get("equipment", []) if e]
    reason = f"equipment: {', '.join(worn) or 'nothing'}"
    if any(name in worn for name in r.task.names):
        return Verdict(True, "", reason)
    item = r.task.item or ""
    if _count(r.after, *r.task.names) == 0:
        critique = f"{item} is not equipped and you have none; obtain {item} first, then equip it."
    else:
        slot = _equip_slot(item)
        critique = f'{item} is not equipped; call bot.equip(<the {item} item>, "{slot}").'
    return Verdict(False, critique, reason)


def _eaten(r: _Round) -> Verdict:
    food_before = _food(r.before)
    food_after = _food(r.after)
    eaten = _lost(r, r.task.names)
    reason = f"{eaten} {r.task.item} fewer, food {food_before} -> {food_after}"
    if eaten >= r.task.count or food_after > food_before:
        return Verdict(True, "", reason)
    item = r.task.item or ""
    if food_before >= 20:
        critique = (
            f"You are not hungry (food {food_before}/20); you can eat {item} only when hungry."
        )
    elif _count(r.after, *r.task.names) == 0:
        critique = f"You have no {item}; obtain {item} first, then eat it."
    else:
        critique = (
            f'You did not eat {item}; equip it with bot.equip(item, "hand"), '
            "then call bot.consume()."
        )
    return Verdict(False, critique, reason)


def _placed(r: _Round) -> Verdict:
    blocks = _placed_forms(r.task.names, r.data)
    near = _nearby_blocks(r.after)
    placed = _lost(r, r.task.names)
    seen = sorted(blocks & near)
    reason = f"{placed} {r.task.item} fewer in inventory; nearby: {', '.join(seen) or 'none'}"
    if seen and placed >= r.task.count:
        return Verdict(True, "", reason)
    item = r.task.item or ""
    if not seen:
        critique = (
            f"No {item} block is near you; place {item} with placeItem next to a solid block."
        )
    else:
        critique = (
            f"You placed {placed} {item} but need {r.task.count}; place "
            f"{r.task.count - placed} more from your inventory."
        )
    return Verdict(False, critique, reason)


def _deposited(r: _Round) -> Verdict:
    moved = _lost(r, r.task.names)
    stored = _chest_count(r.after, r.task.names)
    reason = f"{moved} {r.task.item} fewer in inventory; {stored} in nearby chests"
    if moved >= r.task.count and stored > 0:
        return Verdict(True, "", reason)
    item = r.task.item or ""
    if stored == 0:
        critique = f"No nearby chest holds {item}; put {r.task.count} {item} into a chest near you."
    else:
        critique = (
            f"You moved {moved} {item} out of your inventory but need {r.task.count}; "
            f"deposit {r.task.count - moved} more into the chest."
        )
    return Verdict(False, critique, reason)


def _slept(r: _Round) -> Verdict:
    """Sleeping skips the night: the time of day jumps ahead of the ticks that passed."""
    before, after = r.before["status"], r.after["status"]
    passed = after.get("elapsedTime", 0) - before.get("elapsedTime", 0)
    natural = _ticks_between(before["timeOfDay"], after["timeOfDay"])
    reason = (
        f"time of day {before['timeOfDay']} -> {after['timeOfDay']} in {passed} ticks "
        f"(at least {natural} without sleeping)"
    )
    if passed < natural:
        return Verdict(True, "", reason)
    beds = [n for n in r.task.names if _count(r.after, n)]
    if not beds and not set(r.task.names) & _nearby_blocks(r.after):
        critique = "You have no bed: craft a white_bed (3 white_wool + 3 planks) and place it."
    else:
        critique = (
            "You did not sleep: a bed works only at night (time of day 12542 to 23459); wait "
            "for night, then call bot.sleep(bedBlock) next to a placed bed, with no monster near."
        )
    return Verdict(False, critique, reason)


def _ticks_between(start: str, end: str) -> int:
    """The fewest ticks in which the time of day goes from ``start`` to ``end`` by itself."""
    spans = _time_spans()
    return min(
        (e_low - s_high + 1) % 24000 if s_name != e_name else 0
        for s_name, _, s_high in spans
        if s_name == start
        for e_name, e_low, _ in spans
        if e_name == end
    )


def _time_spans() -> list[tuple[str, int, int]]:
    """(name, first tick, last tick) of each stretch of the day, as the contract names them."""
    spans, low = [], 0
    for below, name in shared_constants()["times_of_day"]:
        spans.append((str(name), low, int(below) - 1))
        low = int(below)
    return spans


CHECKS: dict[str, Callable[[_Round], Verdict]] = {
    "gained": _obtained,
    "crafted": _crafted,
    "smelted": _smelted,
    "killed": _killed,
    "equipped": _equipped,
    "eaten": _eaten,
    "placed": _placed,
    "deposited": _deposited,
    "slept": _slept,
}


def _yield_of(name: str, data: GameData) -> list[str]:
    """What mining ``name`` puts in the inventory: its drops (and itself, by silk touch)."""
    if not data.is_block(name):
        return [name]
    return _unique([*data.drops(name), name] if data.is_item(name) else data.drops(name))


def _label(task: Task, counted: list[str]) -> str:
    """What the counted items are called in a critique: "log", "raw_iron", "wool"."""
    if len(task.names) > 2 or task.item in counted[:1]:
        return task.item or ""
    others = [n for n in counted if n not in task.names]
    for group, suffix in task_words().groups.items():
        if len(others) > 1 and isinstance(suffix, str) and all(n.endswith(suffix) for n in others):
            return group
    return "/".join(others) or (task.item or "")


def _how_to_get(r: _Round, missing: int) -> str:
    item = r.task.item or ""
    first = r.task.names[0]
    counted = counted_items(r.task, r.data)
    uses = r.data.source(counted[0]).uses if counted else ()
    if uses:
        use = uses[0]
        how = r.data.how_to_use(counted[0], use) + f", for {missing} more {_label(r.task, counted)}"
        return how + _held_hint(r, use.tool)
    if r.data.is_block(first):
        return f"mine {missing} more {item}" + _tool_hint(r, r.data.harvest_tools(first) or [])
    source = r.data.source(first)
    if source.mines:
        mine = source.mines[0]
        return f"mine {missing} more {mine.block}" + _tool_hint(r, mine.tools)
    if source.smelts:
        return f"smelt {missing} more {source.smelts[0].input} in a furnace"
    if source.crafts:
        return f"craft {missing} more {item}"
    if source.mobs:
        return f"kill a {source.mobs[0]} for {missing} more {item}"
    return f"get {missing} more {item}"


def _held_hint(r: _Round, tool: str | None) -> str:
    owned = set(r.after.get("inventory", {})) | set(r.after.get("status", {}).get("equipment", []))
    return "" if tool is None or tool in owned else f" (you have no {tool}: make one first)"


def _tool_hint(r: _Round, tools: Sequence[str]) -> str:
    if not tools:
        return ""
    hint = f" with a {tools[0]} or better"
    owned = set(r.after.get("inventory", {})) | set(r.after.get("status", {}).get("equipment", []))
    return hint if owned & set(tools) else hint + f" (you have none: make a {tools[0]} first)"


def _recipe_hint(r: _Round) -> str:
    recipes = [rec for name in r.task.names for rec in r.data.source(name).crafts]
    if not recipes:
        return ""
    recipe = recipes[0]
    parts = " + ".join(
        f"{n} {r.data.ingredient_label(recipe, item)}" for item, n in recipe.ingredients.items()
    )
    hint = f" (one craft makes {recipe.count} from {parts}"
    if recipe.needs_table and "crafting_table" not in _nearby_blocks(r.after):
        hint += "; it needs a crafting table placed near you"
    return hint + ")"


def _smelting_outputs(names: Iterable[str], data: GameData) -> list[str]:
    """Items to count for "Smelt X": X's result when X is an input, X itself when it is a result."""
    outputs = []
    for name in names:
        recipe = data.smelting(name)
        if recipe is not None:
            outputs.append(recipe.result)
        if data.source(name).smelts:
            outputs.append(name)
    return _unique(outputs)


def _smelting_inputs(names: Iterable[str], data: GameData) -> list[str]:
    inputs = []
    for name in names:
        if data.smelting(name):
            inputs.append(name)
        else:
            inputs.extend(smelt.input for smelt in data.source(name).smelts)
    return _unique(inputs)


def _placed_forms(names: Iterable[str], data: GameData) -> set[str]:
    """Blocks an item may become once placed: torch -> torch or wall_torch."""
    forms: set[str] = set()
    for name in names:
        head, _, tail = name.rpartition("_")
        placed = data.placed_block(name) or name
        candidates = [name, placed, f"wall_{name}", f"{head}_wall_{tail}" if head else name]
        forms.update(c for c in candidates if data.is_block(c))
    return forms


def _nearby_blocks(obs: Observation) -> set[str]:
    return set(obs.get("voxels", [])) | set(obs.get("nearestBlocks", {}))


def _chest_count(obs: Observation, names: Iterable[str]) -> int:
    wanted = set(names)
    chests = obs.get("nearbyChests", {}).values()
    return sum(n for c in chests if isinstance(c, Mapping) for i, n in c.items() if i in wanted)


def _count(obs: Observation, *names: str) -> int:
    inventory: Mapping[str, int] = obs.get("inventory", {})
    return sum(inventory.get(name, 0) for name in names)


def _gained(r: _Round, names: Iterable[str]) -> int:
    return sum(max(0, _count(r.after, n) - _count(r.before, n)) for n in names)


def _lost(r: _Round, names: Iterable[str]) -> int:
    return sum(max(0, _count(r.before, n) - _count(r.after, n)) for n in names)


def _food(obs: Observation) -> int:
    food: Any = obs.get("status", {}).get("food", 0)
    return int(food or 0)


def _equip_slot(item: str) -> str:
    if item == "shield":
        return "off-hand"
    return ARMOR_SLOTS.get(item.rpartition("_")[2], "hand")


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
