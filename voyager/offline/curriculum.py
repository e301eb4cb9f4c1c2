"""The offline curriculum: the plan of ``curriculum/goals.json``, and goals as sub-goals."""

from __future__ import annotations

import json
import re

from voyager.agents.brain import ProposeTask
from voyager.agents.verify import counted_items
from voyager.data import offline_goals, tech_tree
from voyager.gamedata import game_data
from voyager.offline.signature import SIGNATURE
from voyager.offline.ways import group, prerequisites
from voyager.tasks import Task, TaskError, parse_task

# pickaxes by what they can mine (a golden one mines what a wooden one does)
PICKAXE_TIER = {
    "wooden_pickaxe": 0, "golden_pickaxe": 0, "stone_pickaxe": 1,
    "iron_pickaxe": 2, "diamond_pickaxe": 3, "netherite_pickaxe": 4,
}  # fmt: skip


def propose(request: ProposeTask) -> str:
    """The first plan task not completed; a failed task waits for its next place in the plan,
    a task for some times of day (sleeping) for its time.

    With a library from another run, first the highest tool of the tech tree that its
    skills reached without a gap in the plan: the skills it builds on are there to call.
    A task another learner of the same world completed, with its skill in the shared
    library, counts as done. A pickaxe the plan made and the bot no longer holds (worn
    out) is made again before anything else.
    """
    completed = set(request.completed) | (set(request.others_completed) & set(request.skill_tasks))
    failed = set(request.failed)
    plan = offline_goals().plan
    leap = _tool_already_learned(plan, set(request.skill_tasks), completed, failed)
    if leap:
        reason = "the library already holds the skills this tool builds on"
        return f"Reasoning: {SIGNATURE} {reason}.\nTask: {leap}"
    lost = _lost_pickaxe(plan, completed, request.observation["inventory"])
    if lost:
        reason = "the pickaxe this plan task made is worn out or lost, and mining needs one"
        return f"Reasoning: {SIGNATURE} {reason}.\nTask: {lost}"
    passed: set[str] = set()
    now = request.observation["status"]["timeOfDay"]
    when = offline_goals().when
    for task in plan:
        if task in completed or now not in when.get(task, [now]):
            continue
        if task in failed and task not in passed:
            passed.add(task)
            continue
        reason = "the next step of the plan in curriculum/goals.json"
        return f"Reasoning: {SIGNATURE} {reason}.\nTask: {task}"
    retry = [t for t in sorted(failed) if now in when.get(t, [now])]
    if retry:
        reason = "the plan is done; trying a failed task again"
        return f"Reasoning: {SIGNATURE} {reason}.\nTask: {retry[0]}"
    reason = "the plan is done; gathering more"
    return f"Reasoning: {SIGNATURE} {reason}.\nTask: {_more_than_done(completed)}"


def _more_than_done(completed: set[str]) -> str:
    """The fallback task with the smallest count at or above its own not yet completed."""
    fallback = offline_goals().fallback_task
    count = parse_task(fallback).count
    while (task := re.sub(r"\d+", str(count), fallback, count=1)) in completed:
        count += 1
    return task


def _lost_pickaxe(plan: list[str], completed: set[str], inventory: dict[str, int]) -> str | None:
    """The first completed plan task that crafted a pickaxe of a tier above every pickaxe held:
    a pickaxe wears out (a diamond one after 1561 blocks), and without one no program mines."""
    held = max((PICKAXE_TIER.get(name, -1) for name in inventory), default=-1)
    for task in plan:
        item = parse_task(task).item or ""
        if task in completed and PICKAXE_TIER.get(item, -1) > held:
            return task
    return None


def _tool_already_learned(
    plan: list[str], known: set[str], completed: set[str], failed: set[str]
) -> str | None:
    """The first tool of the highest tier in the stretch of plan tasks done here or by skills."""
    tier_of = {tool: i for i, tier in enumerate(tech_tree().milestones.values()) for tool in tier}
    best, best_tier = None, -1
    for task in plan:
        if task not in known and task not in completed:
            break
        parsed = parse_task(task)
        tier = tier_of.get(parsed.item or "", -1)
        new = task not in completed and task not in failed
        if parsed.verb == "Craft" and new and tier > best_tier:
            best, best_tier = task, tier
    return best


def decompose(goal: str) -> str:
    """A final goal as the plan's tasks that get its prerequisites, in plan order, then the goal.

    A prerequisite is an item the offline way of getting the goal's item takes
    (``GameData.source``: ingredients, fuel, stations, tools, and theirs); each
    is planned once, by the first plan task whose item it is. Tasks the goal
    does not build on (food, armour, other tools) are left out.
    """
    data = game_data()
    try:
        target = parse_task(goal.strip())
    except TaskError:
        return json.dumps([goal.strip()])
    item = _item_of(target)
    needed = prerequisites(item, data) if item else set()
    tasks: list[str] = []
    for task in offline_goals().plan:
        made = _item_of(parse_task(task))
        if made in needed:
            needed.discard(made)
            tasks.append(task)
    return json.dumps([*tasks, goal.strip()])


def _item_of(task: Task) -> str | None:
    """The item a task gets, as the programs count it (iron ingots for "Smelt 3 raw iron")."""
    counted = counted_items(task)
    return group(counted[0]) if counted else None
