"""The ``voyager eval`` command line: what it refuses, and ``voyager eval compare``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voyager.cli import main
from voyager.config import load_settings
from voyager.eval.folder import EvalFolder
from voyager.eval.suites import load_suite
from voyager.eval.trials import plan_trials


def test_an_eval_needs_a_suite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval"]) == 2
    assert "name at least one suite" in capsys.readouterr().err


def test_a_model_per_role_is_role_equals_model(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "techtree", "--model", "actor=gpt-4o"]) == 2
    assert "expected ROLE=MODEL" in capsys.readouterr().err


def test_compare_needs_two_evals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "compare", "only-one"]) == 2
    assert "voyager eval compare EVAL_A EVAL_B" in capsys.readouterr().err


def finished_eval(path: Path, wooden: list[int]) -> Path:
    suites = [load_suite("techtree")]
    seeds = list(range(1, len(wooden) + 1))
    plan = plan_trials(suites, seeds, 1, iterations=20)
    folder = EvalFolder.create(path, load_settings(environ={}), suites, plan, {})
    for trial, iteration in zip(folder.trials, wooden, strict=True):
        figures = {"milestones": {"wooden_tools": iteration}, "items": 1, "distance": 0.0}
        folder.update_trial(trial.id, status="done", figures=figures)
    return path


def test_compare_prints_each_figures_difference_with_an_interval(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = finished_eval(tmp_path / "a", [10, 12, 11])
    b = finished_eval(tmp_path / "b", [5, 6, 7])
    assert main(["eval", "compare", str(a), str(b), "--json"]) == 0
    rows = {row["figure"]: row for row in json.loads(capsys.readouterr().out)}
    wooden = rows["Wooden tools"]
    assert wooden["mean_difference"]["difference"] == -5.0
    assert wooden["mean_difference"]["high"] < 0
    assert rows["Stone tools"]["mean_difference"] is None  # reached by none
    assert wooden["success_rate_difference"]["difference"] == 0.0


def test_trials_on_one_server_run_one_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["eval", "techtree", "--server", "127.0.0.1:25565", "--workers", "2"]
    assert main([*args, "--eval-dir", str(tmp_path / "ev")]) == 2
    assert "use --workers 1" in capsys.readouterr().err
    assert not (tmp_path / "ev").exists()
