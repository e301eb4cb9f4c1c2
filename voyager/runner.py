"""The TaskRunner: one round of a task: retrieve skills, write a program, run it, judge it, learn.

Both ``voyager explore`` (``loop.Learner``, with the curriculum choosing
tasks) and ``voyager run`` (``solve``, with a plan of sub-goals) drive it. It
keeps the run's tally in the checkpoint it is given (the iteration, the items
discovered, the milestones, the skills learned, the task in progress) and
reports each round, each task's end and each milestone as events.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, cast

import gymnasium as gym

from voyager.agents.action import ActionAgent, Attempt
from voyager.agents.brain import Brain, Feedback, SkillText
from voyager.agents.critic import Critic
from voyager.agents.describer import Describer
from voyager.agents.verify import Verdict, verify
from voyager.checkpoint import Checkpoint, TaskInProgress
from voyager.config import Settings
from voyager.data import tech_tree
from voyager.env.base import voyager_env
from voyager.env.contract import Event as StepEvent
from voyager.env.contract import Observation, chat_lines, chat_log, error_messages
from voyager.events import Event, Milestone, Round, TaskEnd, usage_spent
from voyager.library import SkillLibrary
from voyager.tasks import Task, parse_task

Emit = Callable[[Event], None]


class TaskRunner:
    """Plays the rounds of the current task in ``env`` and keeps the tally in ``state``."""

    def __init__(
        self,
        env: gym.Env[Any, Any],
        brain: Brain,
        library: SkillLibrary,
        settings: Settings,
        state: Checkpoint,
        emit: Emit,
        *,
        world: str = "",
        learn: bool = True,
        author: str = "",
    ) -> None:
        self.env = env
        self.brain = brain
        self.library = library
        self.settings = settings
        self.state = state
        self.emit = emit
        self.world = world
        self.learn = learn and settings.library.learn
        self.author = author
        self.action = ActionAgent(brain)
        self.critic = Critic(brain)
        self.describer = Describer(brain)
        self._loaded_skills: tuple[tuple[str, str], ...] | None = None

    def reset(self, options: dict[str, Any]) -> Observation:
        """Reset the env; the skills are sent again before the next program."""
        obs: Observation
        obs, _info = self.env.reset(seed=self.settings.explore.seed, options=options)
        self._loaded_skills = None
        self.note_items(obs)
        return obs

    def begin(self, task: str, context: str, obs: Observation) -> None:
        """Make ``task`` the current task; its rounds are judged from ``obs`` on."""
        self.state.task = TaskInProgress(task=task, context=context, start=dict(obs))

    def round(self, before: Observation) -> tuple[Observation, bool | None]:
        """One round of the current task: the state after it, and the task's outcome once it
        ended (True: done, False: out of rounds), else None."""
        current = self.state.task
        assert current is not None, "begin() a task first"
        task = parse_task(current.task)
        usage_before = self.brain.usage.to_dict()
        started = time.monotonic()
        retrieved = self._retrieve(task, current.context)
        feedback = Feedback(**current.feedback)
        attempt = self.action.write(current.task, current.context, before, feedback, retrieved)
        after, events, reward = self._run(attempt, before)
        # Until the round is recorded, nothing in the state changes: an LLM error in the
        # critic or the describer stops the run and the round is redone on resume.
        verdict, task_events = self._judge(task, current, attempt, after, events)
        learned = self._learn(task, attempt, verdict, retrieved, self.state.iteration + 1)
        self.state.iteration += 1
        current.round += 1
        current.events = task_events
        current.feedback = asdict(_feedback(attempt, events, verdict))
        new_items = self.note_items(after)
        self.emit(
            Round(
                iteration=self.state.iteration,
                task=current.task,
                round=current.round,
                prompt_hash=attempt.prompt_hash,
                prompt=attempt.messages,
                code=attempt.program.code if attempt.program else attempt.reply.text,
                events=cast(list[dict[str, Any]], events),
                success=verdict.success,
                critique=verdict.critique,
                reason=verdict.reason,
                reward=reward,
                new_items=new_items,
                position=cast(dict[str, float], after["status"].get("position")),
                biome=after["status"].get("biome"),
                retrieved=[s.name for s in retrieved],
                skill=learned,
                usage=usage_spent(usage_before, self.brain.usage.to_dict()),
                seconds=round(time.monotonic() - started, 3),
            )
        )
        if not verdict.success and current.round < self.settings.explore.max_rounds:
            return after, None
        self.emit(TaskEnd(task=current.task, success=bool(verdict.success), rounds=current.round))
        self.state.task = None
        return after, bool(verdict.success)

    def note_items(self, obs: Observation) -> list[str]:
        """The item kinds never held before in this run; the milestones they reach."""
        state = self.state
        new = sorted(set(obs["inventory"]) - set(state.items))
        state.items.extend(new)
        for tier, tools in tech_tree().milestones.items():
            if tier not in state.milestones and any(t in obs["inventory"] for t in tools):
                state.milestones[tier] = state.iteration
                self.emit(Milestone(milestone=tier, iteration=state.iteration))
        return new

    def _retrieve(self, task: Task, context: str) -> list[SkillText]:
        lib = self.settings.library
        if lib.top_k == 0 or len(self.library) == 0:
            return []
        found = self.library.retrieve(f"{task.text}\n{context}", lib.top_k, lib.min_score)
        return [SkillText(skill.name, skill.code) for skill, _score in found]

    def _run(
        self, attempt: Attempt, before: Observation
    ) -> tuple[Observation, list[StepEvent], float]:
        if attempt.program is None:
            message = f"Your answer could not be run: {attempt.error}"
            return before, [{"type": "error", "message": message}], 0.0
        self._sync_skills()
        after, reward, _terminated, _truncated, info = self.env.step(attempt.program.runnable())
        return after, list(info.get("events", after["events"])), float(reward)

    def _sync_skills(self) -> None:
        """Send the learned skills to the env only when the library changed."""
        code = self.library.all_code()
        key = tuple(sorted(code.items()))
        if key != self._loaded_skills:
            voyager_env(self.env).load_skills(code)
            self._loaded_skills = key

    def _judge(
        self,
        task: Task,
        current: TaskInProgress,
        attempt: Attempt,
        after: Observation,
        events: list[StepEvent],
    ) -> tuple[Verdict, list[dict[str, Any]]]:
        """Exact checks on what changed since the task began (progress adds up over rounds);
        the verdict and the task's events with this round's."""
        if attempt.program is None:
            no_program = Verdict(
                success=False, critique="", reason="the answer had no usable program"
            )
            return no_program, current.events
        task_events = current.events + [
            dict(e) for e in events if e["type"] not in ("chat", "error")
        ]
        if not self.settings.explore.self_verification:
            return _unverified(events), task_events
        start = cast(Observation, current.start)
        verdict = verify(task, start, after, cast(list[StepEvent], task_events))
        if verdict.success is None:
            verdict = self.critic.judge(task.text, current.context, after, chat_lines(events))
        return verdict, task_events

    def _learn(
        self,
        task: Task,
        attempt: Attempt,
        verdict: Verdict,
        retrieved: list[SkillText],
        iteration: int,
    ) -> str | None:
        program = attempt.program
        if program is None or not self.learn:
            return None
        description = self.describer.describe(program, task.text) if verdict.success else ""
        for name in sorted(program.calls & {s.name for s in retrieved}):
            self.library.record_use(name, bool(verdict.success))
        if not verdict.success:
            return None
        skill = self.library.add(
            program.main,
            program.code,
            description,
            task=task.text,
            calls=sorted(c for c in program.calls if c in self.library),
            world=self.world,
            iteration=iteration,
            author=self.author,
        )
        if skill.name not in self.state.skills_learned:
            self.state.skills_learned.append(skill.name)
        return skill.name


def _unverified(events: list[StepEvent]) -> Verdict:
    """No self-verification (the paper's ablation): nothing checks the task, so a program
    that ran to its end without an error is taken as done."""
    errors = error_messages(events)
    return Verdict(success=not errors, critique="", reason="not verified: self_verification off")


def _feedback(attempt: Attempt, events: list[StepEvent], verdict: Verdict) -> Feedback:
    if attempt.program is None:
        return Feedback(code="", errors=error_messages(events), chat=[], critique="")
    return Feedback(
        code=attempt.program.code,
        errors=error_messages(events),
        chat=chat_log(events),
        critique=verdict.critique,
    )
