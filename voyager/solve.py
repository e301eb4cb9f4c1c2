"""``voyager run``: reach one goal in a new world with a frozen skill library.

The paper's zero-shot protocol: an empty inventory, a goal ("Craft a diamond
pickaxe"), a budget of iterations. The goal is decomposed into sub-goals (the
curriculum role, or the offline model's tech tree), each checked against the
game's names, then solved in order with retrieval from the library. Every
sub-goal has a round budget and the run has an iteration budget; a failing
sub-goal makes the planner start again from the current inventory, and a
sub-goal that fails twice ends the run with an account of why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from voyager.agents.brain import Brain, PlanGoal
from voyager.agents.json_answer import first_json
from voyager.agents.state import render_state
from voyager.agents.verify import counted_items
from voyager.env.contract import Observation
from voyager.errors import VoyagerError
from voyager.events import GoalEnd, GoalStart, PlanMade, SubGoalStart
from voyager.llm import CostLimitReached, LLMError, Message
from voyager.prompts import render
from voyager.runner import TaskRunner
from voyager.tasks import Task, TaskError, parse_task

MAX_PLAN_ATTEMPTS = 3
MAX_REPLANS = 3
FAILURES_ALLOWED_PER_SUBGOAL = 1
# Tasks judged by the items they leave in the inventory: held already means done.
GATHERING_PROOFS = {"gained", "crafted", "smelted"}


class PlanError(VoyagerError):
    """The planner gave no usable list of sub-goals."""


@dataclass
class SubGoal:
    task: str
    status: str = "pending"  # pending, done, skipped, failed
    rounds: int = 0


@dataclass
class GoalReport:
    goal: str
    success: bool = False
    iterations: int = 0
    budget: int = 0
    plans: list[list[str]] = field(default_factory=list)
    subgoals: list[SubGoal] = field(default_factory=list)
    reason: str = ""

    def summary(self) -> str:
        head = "reached" if self.success else "not reached"
        lines = [f"goal {head}: {self.goal} ({self.iterations}/{self.budget} iterations)"]
        lines += [f"  {s.status:8} {s.task} ({s.rounds} rounds)" for s in self.subgoals]
        if self.reason:
            lines.append(f"  {self.reason}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Planner:
    """Turns a final goal into ordered sub-goals, each a task the verifier understands."""

    def __init__(self, brain: Brain) -> None:
        self.brain = brain

    def decompose(self, goal: str, obs: Observation) -> list[str]:
        messages: list[Message] = [
            {"role": "system", "content": render("decompose_system")},
            {"role": "user", "content": render_state(obs, ["inventory", "equipment"])},
            {"role": "user", "content": f"Final goal: {goal}"},
        ]
        problem = ""
        for _ in range(MAX_PLAN_ATTEMPTS):
            reply = self.brain.answer(PlanGoal(messages=list(messages), goal=goal, observation=obs))
            tasks, problem = read_plan(reply.text)
            if tasks:
                return tasks
            messages += [
                {"role": "assistant", "content": reply.text},
                {"role": "user", "content": f"{problem} Answer with the JSON list only."},
            ]
        raise PlanError(f"no usable plan for {goal!r} in {MAX_PLAN_ATTEMPTS} attempts: {problem}")


def read_plan(text: str) -> tuple[list[str], str]:
    """The first JSON list of task strings in ``text``, each a valid task; or the problem."""
    values = first_json(text, "[", _strings)
    if values is None:
        return [], "Your answer has no JSON list of sub-goal strings."
    return _checked_tasks(values)


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _checked_tasks(values: list[str]) -> tuple[list[str], str]:
    tasks = []
    for value in values:
        try:
            tasks.append(parse_task(value.strip()).text)
        except TaskError as exc:
            return [], f"The sub-goal {value!r} cannot be done: {exc}"
    return list(dict.fromkeys(tasks)), ""


def solve(
    runner: TaskRunner,
    planner: Planner,
    goal: str,
    budget: int,
    context_for: Callable[[str], str] = lambda _task: "",
) -> GoalReport:
    """Try to reach ``goal`` within ``budget`` iterations from an empty inventory; always
    returns a report. ``context_for`` gives a sub-goal's context (the QA answer)."""
    report = GoalReport(goal=goal, budget=budget)
    try:
        target = parse_task(goal)
    except TaskError as exc:
        report.reason = f"the goal cannot be reached: {exc}"
        return report
    obs = runner.reset({"mode": "hard"})
    runner.emit(GoalStart(goal=goal, budget=budget))
    try:
        _work(runner, planner, context_for, target, report, obs)
    except (PlanError, CostLimitReached, LLMError) as exc:
        report.reason = str(exc)
    runner.emit(GoalEnd(**report.to_dict()))
    return report


def _work(
    runner: TaskRunner,
    planner: Planner,
    context_for: Callable[[str], str],
    target: Task,
    report: GoalReport,
    obs: Observation,
) -> None:
    failures: dict[str, int] = {}
    plan = _plan(runner, planner, target, report, obs)
    while report.iterations < report.budget:
        subgoal = next((s for s in plan if s.status == "pending"), None)
        if subgoal is None:
            break
        if _already_held(subgoal.task, obs):
            subgoal.status = "skipped"
            continue
        runner.begin(subgoal.task, context_for(subgoal.task), obs)
        runner.emit(SubGoalStart(task=subgoal.task))
        obs, success = _attempt(runner, subgoal, report, obs)
        if success is None:
            break  # out of iterations in the middle of the sub-goal
        if success:
            continue
        failures[subgoal.task] = failures.get(subgoal.task, 0) + 1
        if failures[subgoal.task] > FAILURES_ALLOWED_PER_SUBGOAL or len(report.plans) > MAX_REPLANS:
            report.reason = f"gave up: {subgoal.task!r} failed {failures[subgoal.task]} times"
            return
        plan = _plan(runner, planner, target, report, obs)
    report.success = _reached(target, obs, plan)
    if not report.success and not report.reason:
        report.reason = (
            f"the budget of {report.budget} iterations ran out"
            if report.iterations >= report.budget
            else "every sub-goal was tried but the goal's item is not in the inventory"
        )


def _plan(
    runner: TaskRunner, planner: Planner, target: Task, report: GoalReport, obs: Observation
) -> list[SubGoal]:
    tasks = planner.decompose(target.text, obs)
    last = parse_task(tasks[-1])
    if (last.verb, last.item) != (target.verb, target.item):
        tasks.append(target.text)  # the plan must end with the goal itself
    report.plans.append(tasks)
    runner.emit(PlanMade(goal=target.text, subgoals=tasks, replan=len(report.plans) - 1))
    plan = [SubGoal(task) for task in tasks]
    report.subgoals.extend(plan)
    return plan


def _attempt(
    runner: TaskRunner, subgoal: SubGoal, report: GoalReport, obs: Observation
) -> tuple[Observation, bool | None]:
    while report.iterations < report.budget:
        obs, outcome = runner.round(obs)
        report.iterations += 1
        subgoal.rounds += 1
        if outcome is not None:
            subgoal.status = "done" if outcome else "failed"
            return obs, outcome
    return obs, None


def _already_held(task_text: str, obs: Observation) -> bool:
    task = parse_task(task_text)
    if task.proof not in GATHERING_PROOFS or not task.names:
        return False
    inventory: dict[str, int] = obs["inventory"]
    # counted as the verifier counts: mining iron ore is judged by raw iron held
    held = sum(inventory.get(name, 0) for name in counted_items(task))
    return held >= (task.count or 1)


def _reached(target: Task, obs: Observation, plan: list[SubGoal]) -> bool:
    if target.proof in GATHERING_PROOFS and target.names:
        return _already_held(target.text, obs)
    return bool(plan) and plan[-1].status == "done"
