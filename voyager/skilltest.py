"""``voyager skills test``: run every skill of a library from the inventory its task needs.

Each skill runs once after a hard reset that hands the bot what its task
starts from (a recipe's ingredients and a crafting table, a furnace with fuel
and the input, the tool a block needs...; an eating task starts hungry,
since nobody eats from a full hunger bar), and the tools, weapons, armour and
buckets the program names: a program equips the very tool its author's bot held.
Each starts on open ground of its own (a column 12 blocks from the last,
spiralling out from where the bot first stood), away from what the programs
before it built or dug, and in the built-in world in the morning: no result
hangs on how long the skills before it ran. The exact verifier judges the
result; a skill with no checkable task passes when it raises no error. The
results go into the library's counts of uses and into ``tests.json``.
"""

from __future__ import annotations

import itertools
import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import gymnasium as gym

from voyager.agents.verify import counted_items, verify
from voyager.env.contract import Column, error_messages
from voyager.events import Event, SkillTested, TestsStart
from voyager.files import write_json
from voyager.gamedata import GameData, Source, Use, game_data
from voyager.library import Skill, SkillLibrary
from voyager.tasks import Task, TaskError, parse_task

RESULTS_FILE = "tests.json"
# An item a program names: mcData.itemsByName.NAME, itemsByName["NAME"] or a quoted "NAME".
NAMED_ITEM = re.compile(r"""itemsByName\.(\w+)|["'](\w+)["']""")
HUNGRY = {"food": 10.0, "saturation": 0.0}
START_SPACING = 12  # blocks between the columns the skills start from


@dataclass
class SkillResult:
    name: str
    task: str
    success: bool
    seconds: float
    error: str = ""


def task_for(skill: Skill) -> Task | None:
    """The skill's own task, else one read from its name (``mineFiveIronOres``).

    A name that says more than a task (``catchFiveFishSafely``,
    ``craftIronLeggingsAndBoots``) gives the longest leading part that reads
    as one: "Catch five fish", "Craft iron leggings".
    """
    words = _words_of(skill.name)
    readings = [skill.task] + [" ".join(words[:n]) for n in range(len(words), 1, -1)]
    for text in readings:
        try:
            task = parse_task(text)
        except TaskError:
            continue
        if not task.free_form:
            return task
    return None


def _words_of(name: str) -> list[str]:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower().split()
    return [words[0].capitalize(), *words[1:]] if words else []


def starting_inventory(task: Task | None, data: GameData | None = None) -> dict[str, int]:
    """What a bot holds before the task's own work: ingredients, stations, tools, fuel."""
    if task is None or not task.names:
        return {}
    data = data or game_data()
    item, count = task.names[0], max(task.count, 1)
    counted = counted_items(task, data)
    source = data.source(counted[0] if counted else item)
    proof = task.proof
    if proof == "crafted" and source.crafts:
        recipe = source.crafts[0]
        times = math.ceil(count / recipe.count)
        inventory = {name: need * times for name, need in recipe.ingredients.items()}
        return inventory | ({"crafting_table": 1} if recipe.needs_table else {})
    if proof == "smelted" and (job := data.furnace_job(item)):
        return {job.input: count, job.fuel: math.ceil(count / job.per_fuel), "furnace": 1}
    if proof == "gained" and source.uses:
        return _using(source.uses[0], count, data)
    if proof == "gained":
        tools = data.harvest_tools(item) if data.is_block(item) else _first_tools(source)
        return {tools[0]: 1} if tools else {}
    if proof == "killed":
        return {"stone_sword": 1}
    if proof == "placed" and data.crop(data.placed_block(item) or ""):
        return {item: count, data.farming.hoes[0]: 1}
    if proof == "slept":
        return {item: 1}
    if proof in ("eaten", "equipped", "placed", "deposited"):
        return {item: count}
    return {}


def named_gear(code: str, task: Task | None, data: GameData | None = None) -> dict[str, int]:
    """One of each tool, weapon, armour piece or bucket ``code`` names, but not what its
    task is to obtain."""
    data = data or game_data()
    wanted = set(task.names) if task is not None else set()
    named = {attribute or quoted for attribute, quoted in NAMED_ITEM.findall(code)}
    return {name: 1 for name in sorted(named - wanted) if data.is_tool(name)}


def _using(use: Use, count: int, data: GameData) -> dict[str, int]:
    """The tool a use needs; for a crop, its seeds, a hoe and bone meal to ripen them."""
    crop = data.crop(use.target) if use.on == "crop" else None
    if crop is None:
        return {use.tool: 1} if use.tool else {}
    farming = data.farming
    return {
        crop[0]: count,
        farming.hoes[0]: 1,
        farming.growth_item: farming.growth_items_per_crop * count,
    }


def starting_vitals(task: Task | None) -> dict[str, float] | None:
    """Half a hunger bar for an eating task (vanilla refuses food to a full one), else as is."""
    return dict(HUNGRY) if task is not None and task.verb == "Eat" else None


def _first_tools(source: Source) -> Sequence[str]:
    return source.mines[0].tools if source.mines else ()


def run_library_tests(
    env: gym.Env[Any, Any],
    library: SkillLibrary,
    listener: Callable[[Event], None] | None = None,
    new_day: Callable[[], None] | None = None,
) -> list[SkillResult]:
    """Run each skill in ``env``; record the outcomes in the library.

    ``listener`` hears ``tests_start`` (how many skills) and one ``skill_tested``
    event per skill as it finishes, for live progress. ``new_day``, where the
    world has one, sets its clock to morning before each skill.
    """
    tell = listener or (lambda _record: None)
    env.unwrapped.load_skills(library.all_code())  # type: ignore[attr-defined]
    skills = library.skills()
    tell(TestsStart(skills=len(skills)))
    first, _ = env.reset(options={"mode": "soft"})
    where = first["status"]["position"]
    columns = start_columns(where["x"], where["z"])
    results = []
    for index, (skill, column) in enumerate(zip(skills, columns, strict=False), start=1):
        if new_day:
            new_day()
        result = _run_skill(env, skill, column)
        results.append(result)
        tell(
            SkillTested(
                index=index,
                skills=len(skills),
                skill=result.name,
                task=result.task,
                success=result.success,
                seconds=result.seconds,
                error=result.error,
            )
        )
    if not library.read_only:
        for result in results:
            library.record_use(result.name, result.success)
        stamp = datetime.now().isoformat(timespec="seconds")
        write_json(
            library.folder / RESULTS_FILE,
            {"tested": stamp, "results": [asdict(r) for r in results]},
        )
    return results


def start_columns(x: float, z: float, spacing: int = START_SPACING) -> Iterator[Column]:
    """(x, z), then columns ``spacing`` apart in rings around it, nearest ring first."""
    yield {"x": x, "z": z}
    for ring in itertools.count(1):
        for i in range(-ring, ring):
            for dx, dz in ((i, -ring), (ring, i), (-i, ring), (-ring, -i)):
                yield {"x": x + dx * spacing, "z": z + dz * spacing}


def _run_skill(env: gym.Env[Any, Any], skill: Skill, column: Column) -> SkillResult:
    task = task_for(skill)
    inventory = named_gear(skill.code, task) | starting_inventory(task)
    options: dict[str, Any] = {"mode": "hard", "inventory": inventory, "ground": column}
    if vitals := starting_vitals(task):
        options["vitals"] = vitals
    before, _ = env.reset(options=options)
    started = time.monotonic()
    after, _reward, _terminated, _truncated, info = env.step(f"await {skill.name}(bot);")
    seconds = round(time.monotonic() - started, 3)
    events = info.get("events", [])
    errors = error_messages(events)
    if task is None:
        return SkillResult(skill.name, skill.task, not errors, seconds, "; ".join(errors))
    verdict = verify(task, before, after, events)
    error = "" if verdict.success else ("; ".join(errors) or verdict.critique)
    return SkillResult(skill.name, task.text, bool(verdict.success), seconds, error)
