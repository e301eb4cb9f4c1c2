"""Eval suites (data files) and the trials they plan: seeds, repeats, shared runs, libraries."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from voyager.eval.suites import SuiteError, available_suites, load_suite
from voyager.eval.trials import PlanError, child_argv, parse_seeds, plan_trials, unique_trials


def test_the_paper_suites_ship_as_data() -> None:
    assert {"techtree", "explore", "zeroshot"} <= set(available_suites())
    techtree = load_suite("techtree")
    assert techtree.rows == ["wooden_tools", "stone_tools", "iron_tools", "diamond_tools"]
    assert techtree.paper["iron_tools"].mean == 21
    assert load_suite("zeroshot").rows[0] == "Craft 1 diamond pickaxe"


def test_a_user_adds_a_suite_by_writing_a_file(tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text('title = "Short"\nkind = "explore"\niterations = 20\nfigures = ["items"]\n')
    suite = load_suite(str(path))
    assert (suite.name, suite.iterations, suite.rows) == ("short", 20, ["items"])


def test_an_unknown_suite_names_the_known_ones() -> None:
    with pytest.raises(SuiteError, match="techtree"):
        load_suite("techtre")


def test_a_goal_that_is_not_a_task_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('title = "Bad"\nkind = "zeroshot"\ngoals = ["Craft 1 copper sword"]\n')
    with pytest.raises(SuiteError, match="copper"):
        load_suite(str(path))


def test_seeds_read_ranges_and_lists() -> None:
    assert parse_seeds("1-3") == [1, 2, 3]
    assert parse_seeds("1,4,7-8") == [1, 4, 7, 8]
    with pytest.raises(PlanError):
        parse_seeds("3-1")


def test_suites_that_ask_for_the_same_run_share_one_trial() -> None:
    plan = plan_trials([load_suite("techtree"), load_suite("explore")], [1, 2], 2)
    assert plan["techtree"] == plan["explore"]
    assert [t.id for t in unique_trials(plan)] == [
        "explore-160it-seed1-t1",
        "explore-160it-seed1-t2",
        "explore-160it-seed2-t1",
        "explore-160it-seed2-t2",
    ]


def test_iterations_override_the_explore_suites() -> None:
    plan = plan_trials([load_suite("techtree")], [1], 1, iterations=12)
    assert plan["techtree"][0].iterations == 12


def test_zeroshot_trials_take_libraries_in_turn_in_worlds_not_seen() -> None:
    plan = plan_trials([load_suite("zeroshot")], [1, 2], 1, libraries=["lib/a", "lib/b"])
    trials = plan["zeroshot"]
    assert len(trials) == 8
    assert {t.library for t in trials if t.seed == 1001} == {"lib/a"}
    assert {t.library for t in trials if t.seed == 1002} == {"lib/b"}


def test_zeroshot_uses_the_libraries_of_the_evals_own_explore_runs() -> None:
    plan = plan_trials([load_suite("zeroshot"), load_suite("explore")], [1], 1, iterations=10)
    assert list(plan) == ["explore", "zeroshot"]  # explore runs first
    assert {t.library for t in plan["zeroshot"]} == {"trials/explore-10it-seed1-t1/skills"}


def test_zeroshot_without_any_library_is_refused() -> None:
    with pytest.raises(PlanError, match="--library"):
        plan_trials([load_suite("zeroshot")], [1], 1)


def test_a_trial_in_flight_resumes_through_the_public_command(tmp_path: Path) -> None:
    trial = plan_trials([load_suite("explore")], [3], 1, iterations=9)["explore"][0]
    fresh = child_argv(trial, tmp_path, resume=False)
    assert fresh[:3] == [sys.executable, "-m", "voyager"]
    assert fresh[fresh.index("explore") :] == [
        "explore",
        *("--run-dir", str(tmp_path / "trials" / trial.id)),
        *("--seed", "3", "--iterations", "9", "--json"),
    ]
    resumed = child_argv(trial, tmp_path, resume=True)
    assert resumed[3:] == ["explore", "--resume", str(tmp_path / "trials" / trial.id), "--json"]
