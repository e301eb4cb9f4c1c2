"""Trials: one run of the public command each, planned from suites x seeds x repeats.

A trial is a ``voyager explore`` session (explore suites), a ``voyager explore
--agents N --library MODE`` session of several learners (team suites) or a
``voyager run`` towards one goal (zeroshot suites), in its own run folder
``EVAL/trials/<id>``. Suites that ask for the same run (the same kind,
iterations, goal, seed and repeat) share one trial: ``techtree`` and
``explore`` both read the same 160-iteration runs.
"""

from __future__ import annotations

import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from voyager.errors import VoyagerError
from voyager.eval.suites import Suite

TRIALS_DIR = "trials"
SETTINGS_FILE = "trial-settings.toml"


class PlanError(VoyagerError, ValueError):
    """Options that give no trials, or that a suite cannot use."""


@dataclass(frozen=True)
class Trial:
    """What one trial runs; ``library`` (zeroshot) is a folder relative to the eval folder;
    ``agents`` and ``sharing`` (team): the learners and their library mode."""

    id: str
    kind: str
    seed: int
    repeat: int
    iterations: int
    goal: str = ""
    library: str = ""
    agents: int = 1
    sharing: str = ""

    @property
    def lifelong(self) -> bool:
        """A ``voyager explore`` session (one learner or a team), resumable from checkpoints."""
        return self.kind in ("explore", "team")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Trial:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def folder(self, eval_dir: Path) -> Path:
        return eval_dir / TRIALS_DIR / self.id


def parse_seeds(text: str) -> list[int]:
    """``"1-3"`` -> [1, 2, 3]; ``"1,4,7-8"`` -> [1, 4, 7, 8]."""
    seeds: list[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?", part)
        if match is None:
            raise PlanError(f"--seeds {text!r}: expected numbers and ranges, e.g. 1-3 or 1,4,7-8")
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) is not None else low
        if high < low:
            raise PlanError(f"--seeds {text!r}: the range {low}-{high} is empty")
        seeds += [s for s in range(low, high + 1) if s not in seeds]
    return seeds


def plan_trials(
    suites: list[Suite],
    seeds: list[int],
    repeats: int,
    *,
    iterations: int | None = None,
    libraries: list[str] | None = None,
) -> dict[str, list[Trial]]:
    """Each suite's trials, in order; suites asking for the same run share its trial.

    ``iterations`` overrides explore suites' iterations (a zeroshot budget stays).
    Zeroshot trials take ``libraries`` in turn, one per (seed, repeat); without
    them, the libraries the eval's own explore trials learn (those run first).
    """
    if not seeds or repeats < 1:
        raise PlanError("an eval needs at least one seed and one trial per seed")
    suites = sorted(suites, key=lambda suite: suite.kind == "zeroshot")  # explore first
    plan: dict[str, list[Trial]] = {}
    for suite in suites:
        if suite.kind == "zeroshot" and not libraries:
            own = [t for t in unique_trials(plan) if t.kind == "explore"]
            libraries = [f"{TRIALS_DIR}/{trial.id}/skills" for trial in own]
        if suite.kind == "zeroshot" and not libraries:
            raise PlanError(
                f"the {suite.name} suite needs a skill library: --library RUN, EVAL or a "
                "skills folder (from an earlier `voyager explore` or `voyager eval`), or an "
                "explore suite in the same eval"
            )
        trials: list[Trial] = []
        for index, (seed, repeat) in enumerate(
            (s, r) for s in seeds for r in range(1, repeats + 1)
        ):
            if suite.kind == "explore":
                count = iterations or suite.iterations
                trial_id = f"explore-{count}it-seed{seed}-t{repeat}"
                trials.append(Trial(trial_id, "explore", seed, repeat, count))
                continue
            if suite.kind == "team":
                trials += team_trials(suite, seed, repeat, iterations or suite.iterations)
                continue
            assert libraries
            library = libraries[index % len(libraries)]
            world = seed + suite.seed_offset
            for goal in suite.goals:
                trial_id = f"zeroshot-{_slug(goal)}-{suite.budget}it-seed{world}-t{repeat}"
                trials.append(
                    Trial(trial_id, "zeroshot", world, repeat, suite.budget, goal, library)
                )
        plan[suite.name] = trials
    return plan


def team_trials(suite: Suite, seed: int, repeat: int, iterations: int) -> list[Trial]:
    """One team session per library mode of the suite, for one (seed, repeat)."""
    count = suite.agents
    return [
        Trial(
            f"team-{count}x{iterations}it-{mode}-seed{seed}-t{repeat}",
            "team",
            seed,
            repeat,
            iterations,
            agents=count,
            sharing=mode,
        )
        for mode in suite.libraries
    ]


def unique_trials(plan: dict[str, list[Trial]]) -> list[Trial]:
    seen: dict[str, Trial] = {}
    for trials in plan.values():
        for trial in trials:
            seen.setdefault(trial.id, trial)
    return list(seen.values())


def child_argv(
    trial: Trial, eval_dir: Path, *, resume: bool, admin_token: str | None = None
) -> list[str]:
    """The public command that runs (or, for explore, resumes) ``trial``, JSON events on stdout."""
    folder = trial.folder(eval_dir)
    voyager = [sys.executable, "-m", "voyager"]
    settings = ["--config", str(eval_dir / SETTINGS_FILE)]
    token = ["--admin-token", admin_token] if admin_token else []
    if trial.lifelong:
        if resume:
            return [*voyager, "explore", "--resume", str(folder), "--json", *token]
        run = ["--run-dir", str(folder), "--seed", str(trial.seed)]
        explore = [*run, "--iterations", str(trial.iterations), "--json", *token]
        if trial.kind == "team":
            explore += ["--agents", str(trial.agents), "--library", trial.sharing]
        return [*voyager, *settings, "explore", *explore]
    library = ["--skills", str(eval_dir / trial.library), "--budget", str(trial.iterations)]
    where = ["--seed", str(trial.seed), "--run-dir", str(folder), "--json", *token]
    return [*voyager, *settings, "run", trial.goal, *library, *where]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
