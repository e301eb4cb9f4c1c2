"""The team suite: learners with a shared library against learners with one each, its table's
numbers read from the team runs (their traces and libraries), in the mock world."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from voyager.cli import main
from voyager.config import load_settings
from voyager.eval.attempt import SessionJob, read_outcome
from voyager.eval.folder import EvalFolder
from voyager.eval.runner import EvalRequest, create_eval, run_eval, suite_tables
from voyager.eval.suites import SuiteError, load_suite
from voyager.eval.trials import Trial, child_argv, plan_trials
from voyager.library.store import SkillStore
from voyager.rundir import RunFolder
from voyager.team import agent_runs

TEAM_SUITE = """
title = "Two learners, a shared library or one each"
kind = "team"
agents = 2
iterations = 8
"""


class InProcessEngine:
    """Runs each trial's public command in this process, one after the other (the process
    pool's work without its children)."""

    engine = "in-process"
    interrupted = False

    def __init__(self) -> None:
        self.hold: Callable[[], bool] = lambda: False

    def close(self) -> None:
        pass

    def run(
        self, trials: list[Trial], job: SessionJob, on_event: Callable[[dict[str, Any]], None]
    ) -> None:
        eval_dir = Path(job.eval_dir)
        for trial in trials:
            on_event({"event": "attempt_start", "trial": trial.id})
            main(child_argv(trial, eval_dir, resume=False)[3:])  # past "python -m voyager"
            outcome, reason = read_outcome(trial, trial.folder(eval_dir))
            end = {"trial": trial.id, "outcome": outcome, "reason": reason}
            on_event({"event": "trial_end", **end})


@pytest.fixture(scope="module")
def team_eval(tmp_path_factory: pytest.TempPathFactory) -> EvalFolder:
    scratch = tmp_path_factory.mktemp("team-eval")
    suite = scratch / "pair.toml"
    suite.write_text(TEAM_SUITE)
    overrides = {"llm": "offline", "explore": {"env": "mock"}, "library": {"embedder": "hashing"}}
    settings = load_settings(overrides=overrides, environ={})
    request = EvalRequest([str(suite)], [1], eval_dir=scratch / "eval")
    folder = create_eval(request, settings)
    assert run_eval(folder, settings, InProcessEngine(), lambda _event: None) == "done"
    return folder


def table_values(folder: EvalFolder) -> dict[str, list[float]]:
    (table,) = suite_tables(folder)
    return {row.key: row.ours.values for row in table.rows}


def trial_run(folder: EvalFolder, mode: str) -> Path:
    return folder.path / "trials" / f"team-2x8it-{mode}-seed1-t1"


def items_in_trace(run: RunFolder) -> set[str]:
    return {item for r in run.read_trace() if r["event"] == "round" for item in r["new_items"]}


def library(run: Path) -> list[str]:
    return list(SkillStore(run / "skills", read_only=True).current)


def calls_of_another_learners_skill(team: Path) -> set[str]:
    """Skills whose first version one learner stored and another's program called (not
    defined anew) when given."""
    store = SkillStore(team / "skills", read_only=True)
    first_author = {name: store.history(name)[0].author for name in store.current}
    reused = set()
    for learner in agent_runs(team):
        for r in learner.read_trace():
            if r["event"] != "round":
                continue
            for name in r["retrieved"]:
                called = re.search(rf"(?<!function )\b{name}\s*\(", r["code"]) is not None
                if called and first_author[name] != learner.path.name:
                    reused.add(name)
    return reused


def test_a_team_suite_plans_one_team_per_library_mode_and_seed() -> None:
    suite = load_suite("team")
    trials = plan_trials([suite], [1, 2], 1, iterations=5)["team"]
    assert [(t.sharing, t.seed, t.agents, t.iterations) for t in trials] == [
        ("shared", 1, 3, 5),
        ("separate", 1, 3, 5),
        ("shared", 2, 3, 5),
        ("separate", 2, 3, 5),
    ]
    argv = child_argv(trials[1], Path("ev"), resume=False)
    assert argv[-4:] == ["--agents", "3", "--library", "separate"]


def test_a_team_suite_tabulates_fixed_rows(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(TEAM_SUITE + 'figures = ["items"]\n')
    with pytest.raises(SuiteError, match="fixed rows"):
        load_suite(str(bad))


def test_the_items_of_the_group_and_of_each_learner_come_from_their_traces(
    team_eval: EvalFolder,
) -> None:
    values = table_values(team_eval)
    for mode in ("shared", "separate"):
        learners = agent_runs(trial_run(team_eval, mode))
        assert [run.path.name for run in learners] == ["bot1", "bot2"]
        found = {run.path.name: items_in_trace(run) for run in learners}
        assert values[f"group_items/{mode}"] == [float(len(found["bot1"] | found["bot2"]))]
        for name, items in found.items():
            assert values[f"items_{name}/{mode}"] == [float(len(items))]


def test_skills_reused_across_learners_are_another_authors_skills_called_by_a_learner(
    team_eval: EvalFolder,
) -> None:
    values = table_values(team_eval)
    shared = trial_run(team_eval, "shared")
    reused = calls_of_another_learners_skill(shared)
    assert reused  # the offline model calls the crafting skills it is given
    assert values["reused_skills/shared"] == [float(len(reused))]
    assert values["skills/shared"] == [float(len(library(shared)))]
    assert values["reused_skills/separate"] == [0.0]  # each reads only its own library
    separate = trial_run(team_eval, "separate")
    stored = sum(len(library(learner.path)) for learner in agent_runs(separate))
    assert values["skills/separate"] == [float(stored)]


def test_each_reuse_names_its_author_user_and_iteration(team_eval: EvalFolder) -> None:
    record = team_eval.trial_record("team-2x8it-shared-seed1-t1")
    reuses = record["figures"]["reuses"]
    assert reuses and all(use["author"] != use["user"] for use in reuses)
    assert {use["skill"] for use in reuses} == calls_of_another_learners_skill(
        trial_run(team_eval, "shared")
    )
    csv = (team_eval.path / "results.csv").read_text()
    assert "team-2x8it-separate-seed1-t1,team,1,1,,2,separate,done" in csv
