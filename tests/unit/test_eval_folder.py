"""The eval folder, one attempt's outcome, and the process pool's retries and memory gate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from voyager.config import load_settings
from voyager.eval import attempt as attempt_module
from voyager.eval import pool as pool_module
from voyager.eval.attempt import AttemptResult, SessionJob, child_environment, read_outcome
from voyager.eval.folder import EvalFolder, EvalFolderError
from voyager.eval.gateway import CEILING_MARKER
from voyager.eval.pool import MemoryGate, ProcessPool
from voyager.eval.suites import load_suite
from voyager.eval.trials import Trial, plan_trials


def make_eval(path: Path) -> EvalFolder:
    suites = [load_suite("techtree")]
    plan = plan_trials(suites, [1, 2], 1, iterations=5)
    return EvalFolder.create(path, load_settings(environ={}), suites, plan, {})


def test_an_eval_folder_reopens_with_its_plan_and_settings(tmp_path: Path) -> None:
    folder = make_eval(tmp_path / "ev")
    folder.update_trial("explore-5it-seed1-t1", status="done", attempts=1)
    again = EvalFolder.open(tmp_path / "ev")
    assert [t.id for t in again.trials] == ["explore-5it-seed1-t1", "explore-5it-seed2-t1"]
    assert again.trial_record("explore-5it-seed1-t1")["status"] == "done"
    assert again.settings().explore.iterations == 160
    assert not list((tmp_path / "ev").glob(".eval.json.*"))  # written atomically, no leftovers


def test_a_folder_holding_files_is_not_overwritten(tmp_path: Path) -> None:
    make_eval(tmp_path / "ev")
    with pytest.raises(EvalFolderError, match="--resume"):
        make_eval(tmp_path / "ev")


def test_two_evals_cannot_run_in_one_folder(tmp_path: Path) -> None:
    folder = make_eval(tmp_path / "ev")
    second = EvalFolder.open(tmp_path / "ev").locked()
    with folder.locked(), pytest.raises(EvalFolderError, match="another voyager eval"), second:
        pass


def explore_trial() -> Trial:
    return Trial("explore-5it-seed1-t1", "explore", 1, 1, 5)


def test_an_explore_trial_outcome_is_what_its_checkpoint_says(tmp_path: Path) -> None:
    assert read_outcome(explore_trial(), tmp_path)[0] == "failed"
    (tmp_path / "state.json").write_text(json.dumps({"status": "running"}))
    assert read_outcome(explore_trial(), tmp_path)[0] == "failed"
    (tmp_path / "state.json").write_text(json.dumps({"status": "stopped", "stop_reason": "x"}))
    assert read_outcome(explore_trial(), tmp_path) == ("stopped", "x")


def test_a_zeroshot_run_cut_short_by_the_shared_ceiling_is_stopped(tmp_path: Path) -> None:
    trial = Trial("z", "zeroshot", 1, 1, 50, "Craft 1 compass", "lib")
    result = {"success": False, "reason": f"LLM ...: payment required (402): {CEILING_MARKER}"}
    (tmp_path / "result.json").write_text(json.dumps(result))
    assert read_outcome(trial, tmp_path)[0] == "stopped"
    (tmp_path / "result.json").write_text(json.dumps({"success": False, "reason": "budget"}))
    assert read_outcome(trial, tmp_path)[0] == "done"


def test_children_read_their_settings_from_the_file_not_the_shell(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VOYAGER_ROLES__ACTION__MODEL", "gpt-4o")
    monkeypatch.setenv("HOME_IS_KEPT", "1")
    env = child_environment({"EVAL_GATEWAY_KEY": "k"})
    assert "VOYAGER_ROLES__ACTION__MODEL" not in env
    assert env["HOME_IS_KEPT"] == "1" and env["EVAL_GATEWAY_KEY"] == "k"


def test_a_zeroshot_trial_started_again_keeps_its_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trial = Trial("z", "zeroshot", 1, 1, 50, "Craft 1 compass", "lib")
    trial.folder(tmp_path).mkdir(parents=True)
    (trial.folder(tmp_path) / "trace.jsonl").write_text("")  # an attempt that crashed
    monkeypatch.setattr(attempt_module, "run_child", lambda *a, **k: 1)
    job = SessionJob("id", str(tmp_path))
    result = attempt_module.run_attempt(job, trial, lambda *_: None)
    assert result.outcome == "failed" and "exit code 1" in result.reason
    assert (tmp_path / "attempts" / "z.1").is_dir()


def scripted_attempts(outcomes: list[str]) -> Any:
    calls: list[str] = []

    def fake(job: SessionJob, trial: Trial, on_record: Any) -> AttemptResult:
        calls.append(trial.id)
        return AttemptResult(trial.id, outcomes[len(calls) - 1], "why", 0, False)

    return fake, calls


def run_pool(monkeypatch: pytest.MonkeyPatch, outcomes: list[str], retries: int) -> Any:
    fake, calls = scripted_attempts(outcomes)
    monkeypatch.setattr(pool_module, "run_attempt", fake)
    events: list[dict[str, Any]] = []
    ProcessPool(1, 64, retries).run([explore_trial()], SessionJob("id", "/nowhere"), events.append)
    return calls, events


def test_a_failing_trial_is_retried_then_reported_as_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls, events = run_pool(monkeypatch, ["failed"] * 5, retries=2)
    assert len(calls) == 3
    ends = [e for e in events if e["event"] == "trial_end"]
    assert [e["outcome"] for e in ends] == ["failed"]


def test_a_retry_that_succeeds_ends_the_trial_done(monkeypatch: pytest.MonkeyPatch) -> None:
    calls, events = run_pool(monkeypatch, ["failed", "done"], retries=2)
    assert len(calls) == 2
    assert [e["attempt"] for e in events if e["event"] == "attempt_start"] == [1, 2]
    assert events[-1]["event"] == "trial_end" and events[-1]["outcome"] == "done"


def test_a_clean_stop_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    calls, _events = run_pool(monkeypatch, ["stopped", "done"], retries=2)
    assert len(calls) == 1


def test_the_memory_gate_starts_a_child_only_when_its_memory_is_free() -> None:
    free = {"mb": 1000}
    gate = MemoryGate(400, available=lambda: free["mb"])
    with gate.slot():  # one child always runs
        assert gate._room()  # 1000 - 400 (the child just started) >= 400
        with gate.slot():
            assert not gate._room()  # 1000 - 800 < 400
            free["mb"] = 5000
            assert gate._room()
