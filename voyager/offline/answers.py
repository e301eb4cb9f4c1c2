"""The offline model's answers to the critic, the describer and the QA role, from game facts."""

from __future__ import annotations

import json
import re

from voyager.agents.brain import JudgeTask
from voyager.gamedata import GameData, game_data
from voyager.offline.signature import SIGNATURE
from voyager.tasks import Task, TaskError, parse_task


def judge(request: JudgeTask) -> str:
    """Only tasks the exact verifier cannot decide come here; judge what the state shows."""
    used = request.observation["status"]["inventoryUsed"]
    task = request.task
    success = "deposit" not in task.lower() or used < 33
    reasoning = (
        f"{SIGNATURE} the exact verifier could not decide '{task}'; the inventory uses {used} slots"
    )
    critique = (
        "" if success else "Put more items into the chest so that fewer than 33 slots are used."
    )
    return json.dumps({"reasoning": reasoning, "success": success, "critique": critique})


def describe(program: str, task: str) -> str:
    mains = list(re.finditer(r"async function (\w+)\s*\(\s*bot\s*\)", program))
    main = mains[-1].group(1) if mains else "the program"
    body = program[mains[-1].end() :] if mains else program
    calls = sorted(set(re.findall(r"await (\w+)\(bot", body)) - {main})
    uses = f" It relies on {', '.join(calls)}." if calls else ""
    return f"{main} achieves the task '{task}', gathering what is missing first.{uses} {SIGNATURE}"


def answer_question(question: str) -> str:
    match = re.search(r"how to (.+?) in minecraft", question.lower())
    if not match:
        return f"{SIGNATURE} I do not know."
    try:
        task = parse_task(match.group(1).strip().capitalize())
    except TaskError:
        return f"{SIGNATURE} I do not know."
    return f"{SIGNATURE} {facts_about(task, game_data())}"


def facts_about(task: Task, data: GameData) -> str:
    item = task.names[0] if task.names else task.item or ""
    source = data.source(item)
    if source.crafts:
        recipe = source.crafts[0]
        parts = ", ".join(f"{c} {n}" for n, c in recipe.ingredients.items())
        where = "at a crafting table" if recipe.needs_table else "in the inventory grid"
        return f"Craft {item} from {parts} {where}."
    if source.smelts:
        smelt = source.smelts[0]
        return f"Smelt {smelt.input} in a furnace with {smelt.fuel} to get {item}."
    if source.mines or data.is_block(item):
        block, tools = (
            (source.mines[0].block, source.mines[0].tools)
            if source.mines
            else (item, data.harvest_tools(item) or ())
        )
        need = f" with a {tools[0]} or better" if tools else ""
        return f"Mine {block}{need} to get {item}."
    if source.mobs:
        return f"Kill a {source.mobs[0]} to get {item}."
    return f"{item} is found in the world."
