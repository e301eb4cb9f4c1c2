"""The learner, Voyager's algorithm: propose a task, retrieve skills, write, run, verify, store.

``Learner.explore`` is the lifelong loop. One iteration is one round of code
generation; a task gets up to ``max_rounds`` rounds. After every round the
whole loop state is checkpointed atomically (``state.json``, the single
source of truth); ``curriculum.json`` and ``world.json`` are readable copies.
A run killed at any moment resumes from the last checkpoint and loses at most
the round in flight: the trace is cut back and skills stored by that round
are rolled back, so nothing is counted twice.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, cast

import gymnasium as gym

from voyager.agents.action import ActionAgent, Attempt, Feedback, SkillText
from voyager.agents.critic import Critic
from voyager.agents.curriculum import (
    Curriculum,
    CurriculumError,
    CurriculumExhausted,
    CurriculumState,
)
from voyager.agents.describer import Describer
from voyager.agents.verify import Verdict, verify
from voyager.config import Settings
from voyager.data import tech_tree
from voyager.env.contract import Event, Observation, chat_lines, error_messages
from voyager.library import SkillLibrary
from voyager.llm import ChatModel, CostLimitReached, LLMError, UsageLedger
from voyager.rundir import RunFolder
from voyager.tasks import Task, parse_task

STATE_FILE = "state.json"
Listener = Callable[[dict[str, Any]], None]


@dataclass
class LoopState:
    """Everything needed to continue a run exactly where it stopped."""

    iteration: int = 0
    task: str | None = None
    context: str = ""
    round: int = 0
    feedback: dict[str, Any] = field(default_factory=dict)
    task_start: dict[str, Any] = field(default_factory=dict)
    task_events: list[dict[str, Any]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    milestones: dict[str, int] = field(default_factory=dict)
    skills_learned: list[str] = field(default_factory=list)
    curriculum: dict[str, Any] = field(default_factory=dict)
    usage: dict[str, Any] = field(default_factory=dict)
    skill_use_counts: dict[str, list[int]] = field(default_factory=dict)
    world: dict[str, Any] = field(default_factory=dict)
    trace_size: int = 0
    status: str = "running"
    stop_reason: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LoopState:
        return cls(**data)


class Learner:
    """Runs the lifelong learning loop over any env that keeps the step contract."""

    def __init__(
        self,
        env: gym.Env[Any, Any],
        llm: ChatModel,
        library: SkillLibrary,
        run: RunFolder,
        settings: Settings,
        *,
        world: str = "",
        listener: Listener | None = None,
        task_fallback: Callable[[Observation, CurriculumState], str] | None = None,
        learn: bool = True,
    ) -> None:
        self.env = env
        self.llm = llm
        self.library = library
        self.run = run
        self.settings = settings
        self.world = world
        self.listener = listener
        self.learn = learn
        self.state = self._load_state()
        llm.usage = UsageLedger.from_dict(self.state.usage) if self.state.usage else llm.usage
        explore = settings.explore
        self.curriculum = Curriculum(
            llm,
            CurriculumState.from_dict(self.state.curriculum),
            rng=random.Random(f"{explore.seed}:{self.state.iteration}"),
            mode=explore.curriculum,
            manual_tasks=explore.manual_tasks,
            use_qa=explore.qa,
            fallback=task_fallback,
            skill_tasks=lambda: [v.task for name in library.names() for v in library.history(name)],
        )
        self.action = ActionAgent(llm)
        self.critic = Critic(llm)
        self.describer = Describer(llm)
        self._stop_requested = ""
        self._loaded_skills: tuple[tuple[str, str], ...] | None = None

    def request_stop(self, reason: str = "stopped by the user") -> None:
        """Finish the round in flight, save, and return from ``explore``."""
        self._stop_requested = reason

    def explore(self, iterations: int) -> LoopState:
        state = self.state
        obs = self.reset()
        self.emit(
            "start",
            iteration=state.iteration,
            iterations=iterations,
            usage=_usage_delta(state.usage or {}, self.llm.usage.to_dict()),  # e.g. embedder probes
        )
        try:
            while state.iteration < iterations and not self._stop_requested:
                if state.task is None:
                    self._next_task(obs)
                obs, _verdict, _ended = self._round(obs)
                self._checkpoint(obs)
        except CurriculumExhausted as exc:
            return self._finish("done", str(exc), obs)
        except (CostLimitReached, LLMError, CurriculumError) as exc:
            return self._finish("stopped", str(exc), obs)
        if self._stop_requested:
            return self._finish("stopped", self._stop_requested, obs)
        return self._finish("done", f"{iterations} iterations done", obs)

    # -- one task, one round ------------------------------------------------------------

    def _next_task(self, obs: Observation) -> None:
        usage_before = self.llm.usage.to_dict()
        proposal = self.curriculum.propose(obs)
        self.begin_task(proposal.task.text, proposal.context, obs)
        self.emit(
            "task",
            task=proposal.task.text,
            context=proposal.context,
            rejected=proposal.rejected,
            usage=_usage_delta(usage_before, self.llm.usage.to_dict()),
        )

    def begin_task(self, task: str, context: str, obs: Observation) -> None:
        """Make ``task`` the current task; its rounds are judged from ``obs`` on."""
        state = self.state
        state.task, state.context, state.round, state.feedback = task, context, 0, {}
        state.task_start, state.task_events = dict(obs), []

    def play_round(self, before: Observation) -> tuple[Observation, bool | None]:
        """One round of the current task: the state after it, and the task's outcome
        once it ended (True: done, False: out of rounds), else None."""
        after, verdict, ended = self._round(before)
        return after, (bool(verdict.success) if ended else None)

    def _round(self, before: Observation) -> tuple[Observation, Verdict, bool]:
        state = self.state
        assert state.task is not None
        task = parse_task(state.task)
        usage_before = self.llm.usage.to_dict()
        started = time.monotonic()
        retrieved = self._retrieve(task, state.context)
        attempt = self.action.write(
            state.task, state.context, before, Feedback(**state.feedback), retrieved
        )
        after, events, reward = self._run(attempt, before)
        verdict = self._judge(task, attempt, after, events)
        state.iteration += 1
        state.round += 1
        learned = self._learn(task, attempt, verdict, retrieved)
        state.feedback = asdict(self._feedback(attempt, events, verdict))
        new_items = self._note_items(after)
        self.emit(
            "round",
            iteration=state.iteration,
            task=state.task,
            round=state.round,
            prompt_hash=attempt.prompt_hash,
            code=attempt.program.code if attempt.program else attempt.reply.text,
            events=events,
            success=verdict.success,
            critique=verdict.critique,
            reason=verdict.reason,
            reward=reward,
            new_items=new_items,
            position=after["status"].get("position"),
            biome=after["status"].get("biome"),
            retrieved=[s.name for s in retrieved],
            skill=learned,
            usage=_usage_delta(usage_before, self.llm.usage.to_dict()),
            seconds=round(time.monotonic() - started, 3),
        )
        ended = bool(verdict.success) or state.round >= self.settings.explore.max_rounds
        if ended:
            self.curriculum.record(state.task, bool(verdict.success))
            self.emit(
                "task_end", task=state.task, success=bool(verdict.success), rounds=state.round
            )
            state.task, state.context, state.round, state.feedback = None, "", 0, {}
            state.task_start, state.task_events = {}, []
        return after, verdict, ended

    def _retrieve(self, task: Task, context: str) -> list[SkillText]:
        lib = self.settings.library
        if lib.top_k == 0 or len(self.library) == 0:
            return []
        found = self.library.retrieve(f"{task.text}\n{context}", lib.top_k, lib.min_score)
        return [SkillText(skill.name, skill.code) for skill, _score in found]

    def _run(self, attempt: Attempt, before: Observation) -> tuple[Observation, list[Any], float]:
        if attempt.program is None:
            message = f"Your answer could not be run: {attempt.error}"
            return before, [{"type": "error", "message": message}], 0.0
        self._sync_skills()
        after, reward, _terminated, _truncated, info = self.env.step(attempt.program.runnable())
        return after, list(info.get("events", after.get("events", []))), float(reward)

    def _sync_skills(self) -> None:
        """Send the learned skills to the env only when the library changed."""
        code = self.library.all_code()
        key = tuple(sorted(code.items()))
        if key != self._loaded_skills:
            self.env.unwrapped.load_skills(code)  # type: ignore[attr-defined]
            self._loaded_skills = key

    def _judge(
        self, task: Task, attempt: Attempt, after: Observation, events: list[Any]
    ) -> Verdict:
        """Exact checks on what changed since the task began (progress adds up over rounds)."""
        if attempt.program is None:
            return Verdict(success=False, critique="", reason="the answer had no usable program")
        state = self.state
        state.task_events += [e for e in events if e.get("type") not in ("chat", "error")]
        start = cast(Observation, state.task_start)
        verdict = verify(task, start, after, cast(list[Event], state.task_events))
        if verdict.success is None:
            verdict = self.critic.judge(task.text, self.state.context, after, chat_lines(events))
        return verdict

    def _learn(
        self, task: Task, attempt: Attempt, verdict: Verdict, retrieved: list[SkillText]
    ) -> str | None:
        program = attempt.program
        if program is None or not self.learn:
            return None
        for name in sorted(program.calls & {s.name for s in retrieved}):
            self.library.record_use(name, bool(verdict.success))
        if not verdict.success:
            return None
        description = self.describer.describe(program, task.text)
        skill = self.library.add(
            program.main,
            program.code,
            description,
            task=task.text,
            calls=sorted(c for c in program.calls if c in self.library),
            world=self.world,
            iteration=self.state.iteration,
        )
        if skill.name not in self.state.skills_learned:
            self.state.skills_learned.append(skill.name)
        return skill.name

    def _feedback(self, attempt: Attempt, events: list[Any], verdict: Verdict) -> Feedback:
        if attempt.program is None:
            return Feedback(code="", errors=error_messages(events), chat=[], critique="")
        return Feedback(
            code=attempt.program.code,
            errors=error_messages(events),
            chat=chat_lines(events),
            critique=verdict.critique,
        )

    def _note_items(self, obs: Observation) -> list[str]:
        state = self.state
        new = sorted(set(obs["inventory"]) - set(state.items))
        state.items.extend(new)
        for tier, tools in tech_tree().milestones.items():
            if tier not in state.milestones and any(t in obs["inventory"] for t in tools):
                state.milestones[tier] = state.iteration
                self.emit("milestone", milestone=tier, iteration=state.iteration)
        return new

    # -- run folder --------------------------------------------------------------------

    def _load_state(self) -> LoopState:
        data = self.run.load(STATE_FILE)
        if data is None:
            return LoopState()
        state = LoopState.from_dict(data)
        self.run.rewind_trace(state.trace_size)
        if self.learn:
            self.library.rollback(after_iteration=state.iteration)
            self.library.restore_use_counts(state.skill_use_counts)
        state.status, state.stop_reason = "running", ""
        return state

    def reset(self) -> Observation:
        """Reset the env: an empty-handed bot, or the saved one when the run resumes."""
        state = self.state
        options: dict[str, Any] = {"mode": "hard"}
        if state.world:
            options["inventory"] = state.world.get("inventory", {})
            options["position"] = state.world.get("position")
        obs: Observation
        obs, _info = self.env.reset(seed=self.settings.explore.seed, options=options)
        self._loaded_skills = None
        self._note_items(obs)
        return obs

    def _checkpoint(self, obs: Observation) -> None:
        state = self.state
        state.curriculum = self.curriculum.state.to_dict()
        state.usage = self.llm.usage.to_dict()
        if self.learn:
            state.skill_use_counts = self.library.use_counts()
        state.world = {
            "world": self.world,
            "seed": self.settings.explore.seed,
            "position": obs["status"].get("position"),
            "inventory": obs["inventory"],
        }
        state.trace_size = self.run.trace_size()
        self.run.save(STATE_FILE, asdict(state))
        self.run.save("curriculum.json", state.curriculum)
        self.run.save("world.json", state.world)

    def _finish(self, status: str, reason: str, obs: Observation) -> LoopState:
        self.state.status, self.state.stop_reason = status, reason
        self.emit(
            "stop",
            status=status,
            reason=reason,
            iteration=self.state.iteration,
            usage=_usage_delta(self.state.usage or {}, self.llm.usage.to_dict()),
        )
        self._checkpoint(obs)
        return self.state

    def emit(self, event: str, **fields: Any) -> None:
        self.run.trace(event, **fields)
        if self.listener is not None:
            self.listener({"event": event, **fields})


def _usage_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Per-role tokens and cost spent between two ledger snapshots."""
    delta: dict[str, Any] = {}
    before_roles = before.get("roles", {})
    for role, totals in after.get("roles", {}).items():
        old = before_roles.get(role, {})
        diff = {k: v - old.get(k, 0) for k, v in totals.items() if isinstance(v, int | float)}
        if any(diff.values()):
            delta[role] = diff
    return delta
