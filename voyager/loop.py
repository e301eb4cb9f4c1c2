"""The learner, Voyager's algorithm: propose a task, then retrieve, write, run, verify, store.

``Learner.explore`` is the lifelong loop: the curriculum proposes a task, the
``TaskRunner`` plays its rounds (one iteration is one round of code
generation; a task gets up to ``max_rounds``). After every round the whole
state is checkpointed atomically (``state.json``, ``voyager.checkpoint``, the
single source of truth); ``curriculum.json`` and ``world.json`` are readable
copies. A run killed at any moment resumes from the last checkpoint and loses
at most the round in flight: the trace is cut back and skills stored by that
round are rolled back, so nothing is counted twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import gymnasium as gym

from voyager.agents.brain import Brain
from voyager.agents.curriculum import (
    Curriculum,
    CurriculumError,
    CurriculumExhausted,
    CurriculumState,
)
from voyager.checkpoint import Checkpoint, WorldState
from voyager.config import Settings
from voyager.env.contract import Observation
from voyager.events import Event, Start, Stop, TaskProposed, usage_spent
from voyager.library import SkillLibrary
from voyager.llm import CostLimitReached, LLMError, UsageLedger
from voyager.rundir import RunFolder
from voyager.runner import TaskRunner

STATE_FILE = "state.json"
Listener = Callable[[Event], None]


class Learner:
    """Runs the lifelong learning loop over any env that keeps the step contract."""

    def __init__(
        self,
        env: gym.Env[Any, Any],
        brain: Brain,
        library: SkillLibrary,
        run: RunFolder,
        settings: Settings,
        *,
        world: str = "",
        listener: Listener | None = None,
        task_fallback: Callable[[Observation, CurriculumState], str] | None = None,
        author: str = "",
        others_completed: Callable[[], list[str]] = list,
    ) -> None:
        """``author``: this learner's name when several share ``library`` (``voyager.team``);
        ``others_completed``: the tasks the others have done, for the curriculum."""
        self.brain = brain
        self.library = library
        self.run = run
        self.settings = settings
        self.world = world
        self.listener = listener
        self.author = author
        self.state = self._load_state()
        if self.state.usage:
            brain.usage = UsageLedger.from_dict(self.state.usage)
        explore = settings.explore
        self.curriculum = Curriculum(
            brain,
            CurriculumState.from_dict(self.state.curriculum),
            rng=random.Random(f"{explore.seed}:{self.state.iteration}"),
            mode=explore.curriculum,
            manual_tasks=explore.manual_tasks,
            use_qa=explore.qa,
            fallback=task_fallback,
            skill_tasks=lambda: [v.task for name in library.names() for v in library.history(name)],
            others_completed=others_completed,
        )
        self.runner = TaskRunner(
            env, brain, library, settings, self.state, self.emit, world=world, author=author
        )
        self._stop_requested = ""

    def request_stop(self, reason: str = "stopped by the user") -> None:
        """Finish the round in flight, save, and return from ``explore``."""
        self._stop_requested = reason

    def explore(self, iterations: int) -> Checkpoint:
        state = self.state
        obs = self.reset()
        spent = usage_spent(state.usage or {}, self.brain.usage.to_dict())  # embedder probes
        self.emit(Start(iteration=state.iteration, iterations=iterations, usage=spent))
        try:
            while state.iteration < iterations and not self._stop_requested:
                if state.task is None:
                    self._next_task(obs)
                task = state.task
                assert task is not None
                obs, outcome = self.runner.round(obs)
                if outcome is not None:
                    self.curriculum.record(task.task, outcome)
                self._checkpoint(obs)
        except CurriculumExhausted as exc:
            return self._finish("done", str(exc), obs)
        except (CostLimitReached, LLMError, CurriculumError) as exc:
            return self._finish("stopped", str(exc), obs)
        if self._stop_requested:
            return self._finish("stopped", self._stop_requested, obs)
        return self._finish("done", f"{iterations} iterations done", obs)

    def _next_task(self, obs: Observation) -> None:
        usage_before = self.brain.usage.to_dict()
        proposal = self.curriculum.propose(obs)
        self.runner.begin(proposal.task.text, proposal.context, obs)
        self.emit(
            TaskProposed(
                task=proposal.task.text,
                context=proposal.context,
                rejected=list(proposal.rejected),
                usage=usage_spent(usage_before, self.brain.usage.to_dict()),
            )
        )

    # -- run folder --------------------------------------------------------------------

    def _load_state(self) -> Checkpoint:
        data = self.run.load(STATE_FILE)
        if data is None:  # new, or killed before its first checkpoint: start over, clean
            self.run.rewind_trace(0)
            if self.author:
                self.library.rollback(after_iteration=0, author=self.author)
            else:
                self.library.rollback(after_iteration=0)
            return Checkpoint()
        state = Checkpoint.read(data)
        self.run.rewind_trace(state.trace_size)
        if self.author:  # a shared library: only this learner's work goes back
            self.library.rollback(after_iteration=state.iteration, author=self.author)
        else:
            self.library.rollback(after_iteration=state.iteration)
            self.library.restore_use_counts(state.skill_use_counts)
        state.status, state.stop_reason = "running", ""
        return state

    def reset(self) -> Observation:
        """Reset the env: an empty-handed bot, or the saved one when the run resumes."""
        world = self.state.world
        options: dict[str, Any] = {"mode": "hard"}
        if world.position is not None:
            options["inventory"] = world.inventory
            options["position"] = world.position
        return self.runner.reset(options)

    def _checkpoint(self, obs: Observation) -> None:
        state = self.state
        state.curriculum = self.curriculum.state.to_dict()
        state.usage = self.brain.usage.to_dict()
        state.skill_use_counts = self.library.use_counts()
        state.world = WorldState(
            world=self.world,
            seed=self.settings.explore.seed,
            position=obs["status"].get("position"),
            inventory=obs["inventory"],
        )
        state.trace_size = self.run.trace_size()
        self.run.save(STATE_FILE, state.model_dump(mode="json"))
        self.run.save("curriculum.json", state.curriculum)
        self.run.save("world.json", state.world.model_dump(mode="json"))

    def _finish(self, status: str, reason: str, obs: Observation) -> Checkpoint:
        self.state.status, self.state.stop_reason = status, reason
        spent = usage_spent(self.state.usage or {}, self.brain.usage.to_dict())
        self.emit(Stop(status=status, reason=reason, iteration=self.state.iteration, usage=spent))
        self._checkpoint(obs)
        return self.state

    def emit(self, event: Event) -> None:
        self.run.trace(event)
        if self.listener is not None:
            self.listener(event)
