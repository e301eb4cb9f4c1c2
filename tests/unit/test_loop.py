"""The learner end to end: the real SDK over HTTP to the fake server, ChromaDB, a tiny env."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.loop_session import ROOT, ScriptedModel, build_learner
from voyager.rundir import RunFolder

KILL_AFTER = 15
ITERATIONS = 40


def wait_for_iteration(run_dir: Path, iteration: int, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = run_dir / "state.json"
        if state.exists():
            try:
                if json.loads(state.read_text())["iteration"] >= iteration:
                    return
            except (json.JSONDecodeError, KeyError):
                pass
        if child.poll() is not None:
            raise AssertionError(f"the run ended early with code {child.returncode}")
        time.sleep(0.05)
    raise AssertionError(f"no checkpoint at iteration {iteration} within 120 s")


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    model = ScriptedModel()
    with FakeOpenAIServer() as server:
        server.responder = model
        yield server, tmp_path / "run"


def test_forty_iterations_survive_a_sigkill_and_resume(session) -> None:  # type: ignore[no-untyped-def]
    server, run_dir = session
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "loop_session.py"),
            str(run_dir),
            server.base_url,
            str(ITERATIONS),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_iteration(run_dir, KILL_AFTER, child)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()

    learner = build_learner(run_dir, server.base_url)
    resumed_at = learner.state.iteration
    assert resumed_at >= KILL_AFTER
    state = learner.explore(ITERATIONS)
    assert state.status == "done" and state.iteration == ITERATIONS

    run = RunFolder.open(run_dir)
    records = list(run.read_trace())
    rounds = [r for r in records if r["event"] == "round"]
    assert [r["iteration"] for r in rounds] == list(range(1, ITERATIONS + 1))

    # Every stored skill comes from a successful round in the trace, and only once.
    successes = {r["skill"]: r["iteration"] for r in rounds if r["skill"]}
    library = learner.library
    assert sorted(library.names()) == sorted(successes)
    for skill in library.skills():
        assert skill.iteration == successes[skill.name]
        assert skill.description
    assert len(library) >= 8

    # Costs: what the trace says was spent adds up to the ledger, per role and in total.
    spent: Counter[str] = Counter()
    for record in records:
        for role, usage in record.get("usage", {}).items():
            spent[role] += usage.get("cost", 0.0)
    ledger = learner.brain.usage
    assert ledger.total_cost > 0
    assert sum(spent.values()) == pytest.approx(ledger.total_cost, rel=1e-6)
    for role in ("action", "curriculum", "describer"):
        assert spent[role] == pytest.approx(ledger.role(role).cost, rel=1e-6)

    # Retrieval: once skills exist, action prompts carry their code.
    action_prompts = [r.messages[0]["content"] for r in server.requests_for("action")]
    assert any("async function mine" in p for p in action_prompts[-10:])
    assert (run_dir / "curriculum.json").exists() and (run_dir / "world.json").exists()


def test_broken_answers_are_fed_back_and_never_crash(session) -> None:  # type: ignore[no-untyped-def]
    server, run_dir = session
    learner = build_learner(run_dir, server.base_url)
    state = learner.explore(12)
    assert state.iteration == 12
    records = list(RunFolder.open(run_dir).read_trace())
    unusable = [r for r in records if r["event"] == "round" and "no usable program" in r["reason"]]
    assert unusable, "the scripted session includes broken answers"
    prompts = [r.messages[-1]["content"] for r in server.requests_for("action")]
    for record in (r for r in unusable if r["round"] < 4):
        message = record["events"][0]["message"]
        assert message.startswith("Your answer could not be run: ")
        assert any(message in prompt for prompt in prompts[record["iteration"] :])


def test_unknown_items_are_rejected_and_reasked(session) -> None:  # type: ignore[no-untyped-def]
    server, run_dir = session
    build_learner(run_dir, server.base_url).explore(6)
    tasks = [r["task"] for r in RunFolder.open(run_dir).read_trace() if r["event"] == "task"]
    assert "Craft 1 copper sword" not in tasks
    retries = [r.messages[-1]["content"] for r in server.requests_for("curriculum")]
    assert any("copper sword" in p and "cannot be done" in p for p in retries)


def test_the_cost_ceiling_ends_the_run_cleanly(session) -> None:  # type: ignore[no-untyped-def]
    server, run_dir = session
    learner = build_learner(run_dir, server.base_url, max_cost=0.0005)
    state = learner.explore(ITERATIONS)
    assert state.status == "stopped"
    assert "limit" in state.stop_reason or "max_cost" in state.stop_reason
    assert state.iteration < ITERATIONS
    saved = json.loads((run_dir / "state.json").read_text())
    assert saved["iteration"] == state.iteration and saved["status"] == "stopped"


class DescriberDownAtFirst(ScriptedModel):
    """The describer answers nothing (HTTP 500) to its first requests, retries included."""

    def __init__(self, refusals: int) -> None:
        super().__init__()
        self.refusals = refusals

    def __call__(self, body: dict[str, Any], role: str | None) -> str | None:
        if role == "describer" and self.refusals > 0:
            self.refusals -= 1
            return None
        return super().__call__(body, role)


def test_a_round_whose_describer_fails_is_redone_on_resume_not_lost(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    with FakeOpenAIServer() as server:
        server.responder = DescriberDownAtFirst(refusals=3)  # one request and its two retries
        stopped = build_learner(run_dir, server.base_url).explore(6)
        assert stopped.status == "stopped" and "describer" in stopped.stop_reason
        learner = build_learner(run_dir, server.base_url)
        assert learner.state.iteration == stopped.iteration
        state = learner.explore(6)
    assert state.status == "done"
    rounds = [r for r in RunFolder.open(run_dir).read_trace() if r["event"] == "round"]
    assert [r["iteration"] for r in rounds] == list(range(1, 7))
    learned = {r["skill"]: r["iteration"] for r in rounds if r["skill"]}
    assert sorted(learner.library.names()) == sorted(learned)
