"""The offline model's programs: for a task's verb, from game facts (recipes, drops, harvest
tools, smelting, what a tool gets from a block or mob), taking prerequisite tools from the
inventory or from learned skills (``plan.py`` writes how each item is got)."""

from __future__ import annotations

import json

from voyager.agents.verify import counted_items
from voyager.data import offline_goals
from voyager.gamedata import GameData, game_data
from voyager.offline.helpers import helper_names, helpers_for
from voyager.offline.plan import TASK_GOAL, Plan, make, obtain, smelt, use_any
from voyager.offline.signature import SIGNATURE
from voyager.offline.ways import group
from voyager.tasks import Task, TaskError, parse_task, verb_info


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
    main = skill_name(task) if not task.free_form else _free_form_name(task_text)
    if main in helper_names():
        main += "Task"
    plan = Plan(skills=set(skills) - {main})
    goals = offline_goals()
    keep = [*goals.keep, *task.names]  # "Cook 1 beef" keeps the beef
    # a monster at the start (at night, where the bot respawned) kills it whatever the task
    plan.lines.append("await fightOff(bot);")
    plan.lines.append(f"await makeRoom(bot, {json.dumps(keep)}, {goals.free_slots});")
    _plan_task(plan, task, game_data())
    return _answer(f"plan for {task.text}", main, plan.lines)


def _answer(explain: str, main: str, lines: list[str]) -> str:
    body = "\n".join(f"  {line}" for line in lines)
    main_code = f"// written by the offline model\nasync function {main}(bot) {{\n{body}\n}}"
    code = f"{helpers_for(main_code)}\n\n{main_code}"
    return (
        f"Explain: {SIGNATURE} {explain}.\nPlan:\n1. Gather what is missing, then do the task.\n"
        f"Code:\n```javascript\n{code}\n```"
    )


def _free_form_name(text: str) -> str:
    words = [w for w in text.lower().split() if w.isalpha()][:3] or ["do", "task"]
    return words[0] + "".join(w.capitalize() for w in words[1:])


def _plan_task(plan: Plan, task: Task, data: GameData) -> None:
    proof = task.proof
    if proof is None:
        _free_form(plan, task)
        return
    item = group(task.item or "") if len(task.names) != 1 else task.names[0]
    if proof == "gained":
        _gain(plan, task, data)
    elif proof == "crafted":
        plan.lines.append(f'const {TASK_GOAL} = countOf(bot, "{item}") + {task.count};')
        make(plan, item, task.count, data, 0, TASK_GOAL)
    elif proof == "smelted":
        smelt(plan, group(task.item or ""), task.count, data, 0)
    elif proof == "killed":
        plan.lines.append(f'await hunt(bot, "{task.names[0]}", {task.count});')
    elif proof == "eaten":
        obtain(plan, item, 1, data, 0)
        plan.lines.append(f'await eat(bot, "{item}");')
    elif proof == "equipped":
        obtain(plan, item, 1, data, 0)
        plan.lines.append(
            f'await bot.equip(bot.inventory.findInventoryItem(mcData.itemsByName["{item}"].id), '
            f'"{_slot(item)}");'
        )
    elif proof == "placed":
        _place(plan, item, task.count, data)
    elif proof == "deposited":
        obtain(plan, item, task.count, data, 0)
        plan.lines.append(f'await depositInto(bot, {{ "{item}": {task.count} }});')
    elif proof == "slept":
        _sleep(plan, task, data)


def _gain(plan: Plan, task: Task, data: GameData) -> None:
    """Items gained: mined, filled, caught, harvested, shorn or milked."""
    counted = counted_items(task, data)
    info = verb_info(task.verb or "")
    if info.counts == "use" and info.tool:
        names = json.dumps(counted)
        plan.lines.append(f"const {TASK_GOAL} = countOf(bot, {names}) + {task.count};")
        tool = info.tool
        used_up = any(tool in name for name in counted)
        obtain(plan, tool, task.count if used_up else 1, data, 0)
        plan.lines.append(
            f'await useOnMob(bot, "{task.names[0]}", "{tool}", {names}, {TASK_GOAL});'
        )
        return
    if len(task.names) > 1 and group(task.item or "") in ("log", "planks"):
        item = group(task.item or "")
    elif len(counted) > 1 and all(data.source(n).uses for n in counted):
        names = json.dumps(counted)  # any fish
        plan.lines.append(f"const {TASK_GOAL} = countOf(bot, {names}) + {task.count};")
        use_any(plan, counted, task.count, data)
        return
    else:
        item = counted[0] if counted else (task.item or "")
    plan.lines.append(f'const {TASK_GOAL} = countOf(bot, "{item}") + {task.count};')
    make(plan, item, task.count, data, 0, TASK_GOAL)


def _place(plan: Plan, item: str, count: int, data: GameData) -> None:
    placed = data.placed_block(item) or item
    crop = data.crop(placed)
    obtain(plan, item, count, data, 0)
    if crop is not None:
        plan.lines.append(f'await plantSeeds(bot, "{placed}", "{item}", {count});')
    else:
        plan.lines.append(f'await placeMany(bot, "{item}", {count});')


def _sleep(plan: Plan, task: Task, data: GameData) -> None:
    bed = offline_goals().bed
    plan.lines.append('if (countOf(bot, "bed") < 1 && !bedNear(bot)) {')
    inner = plan.inner()
    make(inner, bed, 1, data, 1, "1")
    plan.lines.extend(f"  {line}" for line in inner.lines)
    plan.lines.append("}")
    plan.lines.append(f"await sleepInBed(bot, {offline_goals().night_wait_seconds});")


def _free_form(plan: Plan, task: Task) -> None:
    """A free-form task the offline model knows: making room in the inventory."""
    if task.text.lower().startswith("deposit"):
        keep = json.dumps(offline_goals().keep)
        plan.lines.append(f"await depositUseless(bot, {keep});")
        return
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
