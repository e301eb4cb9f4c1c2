"""The automatic curriculum: proposes the next task, with its context, and keeps the tally."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from voyager.agents.brain import AnswerQuestion, AskQuestions, Brain, ProposeTask
from voyager.agents.state import ALL_FIELDS, render_state
from voyager.data import offline_goals, warmup
from voyager.env.contract import Observation
from voyager.errors import VoyagerError
from voyager.gamedata import game_data
from voyager.prompts import render
from voyager.tasks import Task, TaskError, parse_task

MAX_QUESTIONS = 3


class CurriculumExhausted(Exception):
    """Manual mode has no task left."""


class CurriculumError(VoyagerError, RuntimeError):
    """The curriculum role gave no usable task in its allotted attempts."""


@dataclass
class CurriculumState:
    """What the curriculum remembers across a run (saved as ``curriculum.json``)."""

    completed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    qa_cache: dict[str, str] = field(default_factory=dict)
    manual_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> CurriculumState:
        return cls(**dict(data)) if data else cls()


@dataclass(frozen=True)
class Proposal:
    task: Task
    context: str
    attempts: int = 1
    rejected: tuple[str, ...] = ()


def random_tasks() -> list[str]:
    """The random curriculum's pool: the plan of ``curriculum/goals.json`` (tech tree, then
    item goals), drawn from in no order."""
    return list(offline_goals().plan)


class Curriculum:
    """Proposes tasks (auto: the curriculum role; manual: a fixed list) and records outcomes."""

    def __init__(
        self,
        brain: Brain,
        state: CurriculumState,
        *,
        rng: random.Random,
        mode: str = "auto",
        manual_tasks: Sequence[str] = (),
        use_qa: bool = True,
        max_attempts: int = 3,
        fallback: Callable[[Observation, CurriculumState], str] | None = None,
        skill_tasks: Callable[[], list[str]] = list,
        others_completed: Callable[[], list[str]] = list,
    ) -> None:
        self.brain = brain
        self.state = state
        self.rng = rng
        self.mode = mode
        self.manual_tasks = _checked(manual_tasks)
        self.use_qa = use_qa
        self.max_attempts = max_attempts
        self.fallback = fallback
        self.skill_tasks = skill_tasks
        self.others_completed = others_completed  # by other learners in the same world
        self.schedule = warmup()

    @property
    def progress(self) -> int:
        return len(self.state.completed)

    def propose(self, obs: Observation) -> Proposal:
        if self.mode == "manual":
            return self._manual()
        if self.mode == "random":
            return self._random()
        override = self._full_inventory_task(obs)
        if override is not None:
            return Proposal(parse_task(override), "Your inventory is nearly full: make room.")
        if self.progress == 0:
            task = parse_task(self.schedule.first_task)
            return Proposal(task, self.task_context(task.text))
        return self._ask(obs)

    def record(self, task: str, success: bool) -> None:
        if success:
            if task not in self.state.completed:
                self.state.completed.append(task)
            self.state.failed = [t for t in self.state.failed if t != task]
        elif task not in self.state.failed:
            self.state.failed.append(task)

    def task_context(self, task: str) -> str:
        """An answer to "How to <task> in Minecraft?" from the QA role (cached)."""
        if not self.use_qa:
            return ""
        return self._answer(f"How to {task.lower().rstrip('.')} in Minecraft?")

    def _manual(self) -> Proposal:
        if self.state.manual_index >= len(self.manual_tasks):
            raise CurriculumExhausted("every manual task has been attempted")
        text = self.manual_tasks[self.state.manual_index]
        self.state.manual_index += 1
        task = parse_task(text)
        return Proposal(task, self.task_context(task.text))

    def _random(self) -> Proposal:
        """The paper's random-curriculum ablation: any task of the pool, in no order."""
        task = parse_task(self.rng.choice(random_tasks()))
        return Proposal(task, self.task_context(task.text))

    def _ask(self, obs: Observation) -> Proposal:
        messages = [
            {"role": "system", "content": render("curriculum_system")},
            {"role": "user", "content": self._user_message(obs)},
        ]
        rejected: list[str] = []
        for attempt in range(1, self.max_attempts + 1):
            reply = self.brain.answer(
                ProposeTask(
                    messages=list(messages),
                    observation=obs,
                    completed=list(self.state.completed),
                    failed=list(self.state.failed),
                    skill_tasks=self.skill_tasks(),
                    others_completed=self.others_completed(),
                )
            )
            problem, task = self._read_task(reply.text, obs)
            if task is not None:
                return Proposal(task, self.task_context(task.text), attempt, tuple(rejected))
            rejected.append(problem)
            messages += [
                {"role": "assistant", "content": reply.text},
                {"role": "user", "content": f"{problem} Propose another task in the same form."},
            ]
        if self.fallback is None:
            raise CurriculumError(
                f"the curriculum gave no usable task in {self.max_attempts} attempts: "
                + " | ".join(rejected)
            )
        task = parse_task(self.fallback(obs, self.state))
        return Proposal(task, self.task_context(task.text), self.max_attempts, tuple(rejected))

    def _read_task(self, text: str, obs: Observation) -> tuple[str, Task | None]:
        match = re.search(r"^\s*Task:\s*(.+?)\s*$", text, re.MULTILINE | re.IGNORECASE)
        if not match:
            return "Your answer has no line starting with 'Task:'.", None
        candidate = match.group(1).strip().strip("\"'`*").rstrip(".")
        try:
            task = parse_task(candidate)
        except TaskError as exc:
            return f"The task '{candidate}' cannot be done: {exc}", None
        if task.text in self.state.completed and not _makes_lost_gear(task, obs):
            return f"'{task.text}' is already completed.", None
        return "", task

    def _user_message(self, obs: Observation) -> str:
        shown = self._shown_fields()
        state = render_state(self._core_view(obs), [f for f in ALL_FIELDS if f in shown])
        completed = ", ".join(self.state.completed) if "completed_tasks" in shown else ""
        failed = ", ".join(self.state.failed) if "failed_tasks" in shown else ""
        questions = self._questions(obs) if "context" in shown and self.use_qa else ""
        others = self.others_completed()
        return render(
            "curriculum_user",
            state=state,
            completed=completed or "none",
            failed=failed or "none",
            others=_others_line(others) if others else "",
            questions=questions,
        )

    def _shown_fields(self) -> set[str]:
        shown = set()
        probability = self.schedule.optional_show_probability
        for name, unlock_at in self.schedule.warmup.items():
            if unlock_at == 0 or (self.progress >= unlock_at and self.rng.random() < probability):
                shown.add(name)
        return shown

    def _core_view(self, obs: Observation) -> Observation:
        """Before enough tasks are done, show only core items so the first tasks stay simple."""
        if self.progress >= self.schedule.core_inventory_until:
            return obs
        patterns = self.schedule.core_inventory_patterns
        core = {k: v for k, v in obs["inventory"].items() if any(p in k for p in patterns)}
        return {**obs, "inventory": core}

    def _questions(self, obs: Observation) -> str:
        messages = [
            {"role": "system", "content": render("curriculum_questions")},
            {"role": "user", "content": render_state(obs)},
        ]
        reply = self.brain.answer(AskQuestions(messages=messages, observation=obs))
        questions = re.findall(r"Question \d+:\s*(.+)", reply.text)[:MAX_QUESTIONS]
        lines = [f"Question: {q.strip()}\nAnswer: {self._answer(q.strip())}" for q in questions]
        return "\n".join(lines)

    def _answer(self, question: str) -> str:
        if question not in self.state.qa_cache:
            messages = [
                {"role": "system", "content": render("qa_answer")},
                {"role": "user", "content": question},
            ]
            reply = self.brain.answer(AnswerQuestion(messages=messages, question=question))
            self.state.qa_cache[question] = reply.text.strip()
        return self.state.qa_cache[question]

    def _full_inventory_task(self, obs: Observation) -> str | None:
        if obs["status"].get("inventoryUsed", 0) < self.schedule.full_inventory_slots:
            return None
        known = [pos for pos, content in obs["nearbyChests"].items() if content != "Invalid"]
        if known:
            return f"Deposit useless items into the chest at {known[0]}"
        if obs["inventory"].get("chest", 0) > 0:
            return "Place a chest"
        return "Craft 1 chest"


def _makes_lost_gear(task: Task, obs: Observation) -> bool:
    """A completed task may be done again when it made gear the bot no longer holds: tools
    wear out, and a death without keepInventory loses them."""
    item = task.item or ""
    return game_data().is_tool(item) and item not in obs["inventory"]


def _others_line(tasks: list[str]) -> str:
    return (
        f"Other agents in this world have completed: {', '.join(tasks)}. Propose something "
        "else; their skills are in the library for you to build on.\n"
    )


def _checked(tasks: Sequence[str]) -> list[str]:
    """Manual tasks, each parsed up front so a typo stops the run before it starts."""
    problems = []
    for text in tasks:
        try:
            parse_task(text)
        except TaskError as exc:
            problems.append(f"{text!r}: {exc}")
    if problems:
        raise TaskError("unusable manual task(s): " + "; ".join(problems))
    return list(tasks)
