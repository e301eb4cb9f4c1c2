"""``voyager eval`` with many trials in the mock world: each trial a real child process.

- The offline model gives the same numbers on the process pool and on Ray (local).
- An eval killed with SIGKILL leaves no trial running and resumes: no trial runs twice
  from its start, none is lost.
- Parallel trials through the fake OpenAI server (real HTTP, the real openai SDK): the
  concurrency limit holds as counted at the server, and the shared cost ceiling stops
  every trial cleanly ("stopped", resumable); the resumed eval finishes them.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.runs import alive, descendants
from tests.fakes.openai_server import FakeOpenAIServer
from tests.loop_session import ScriptedModel
from voyager.config import load_settings
from voyager.eval.folder import EvalFolder
from voyager.eval.gateway import CEILING_MARKER
from voyager.eval.pool import ProcessPool
from voyager.eval.runner import EvalRequest, create_eval, run_eval

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
MOCK = ["--llm", "offline", "--env", "mock", "--embedder", "hashing"]
FIGURES = ("iterations", "items", "items_by_iteration", "milestones", "distance", "skills")
EVAL_TIMEOUT_S = 600.0


def voyager_eval(*args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "voyager", "eval", *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
        )


def finish(process: subprocess.Popen[bytes], log: Path) -> str:
    try:
        code = process.wait(timeout=EVAL_TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = log.read_text()
    assert code == 0, f"the eval failed (code {code}):\n{output[-3000:]}"
    return output


def state(folder: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((folder / "eval.json").read_text())
    except (OSError, ValueError):
        return {}
    return data


def trace(run: Path) -> list[dict[str, Any]]:
    lines = (run / "trace.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def figures(folder: Path) -> dict[str, dict[str, Any]]:
    return {t["id"]: {k: t["figures"][k] for k in FIGURES} for t in state(folder)["trials"]}


# -- the same numbers on both engines ---------------------------------------------------------


@pytest.fixture(scope="module")
def two_engines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    root = tmp_path_factory.mktemp("engines")
    common = ["techtree", "explore", *MOCK, "--seeds", "1-2", "--iterations", "12"]
    done = {}
    for name, extra in (("pool", []), ("ray", ["--ray", "local"])):
        folder, log = root / name, root / f"{name}.log"
        process = voyager_eval(
            *common, "--workers", "2", *extra, "--eval-dir", str(folder), log=log
        )
        done[name] = (folder, finish(process, log))
    return done


def test_an_eval_prints_table_1_and_the_items_curve(
    two_engines: dict[str, tuple[Path, str]],
) -> None:
    folder, output = two_engines["pool"]
    assert "Tech tree mastery (Table 1)" in output and "Wooden tools" in output
    assert "Unique items by iteration" in output
    assert state(folder)["status"] == "done"
    for name in ("results.csv", "report/tables.md", "report/items.png", "report/index.html"):
        assert (folder / name).is_file(), name


def test_ray_local_gives_the_numbers_of_the_process_pool(
    two_engines: dict[str, tuple[Path, str]],
) -> None:
    pool, ray = (figures(two_engines[name][0]) for name in ("pool", "ray"))
    assert len(pool) == 2
    assert ray == pool


# -- killed and resumed ----------------------------------------------------------------------


def wait_until_one_done_and_one_in_flight(
    folder: Path, process: subprocess.Popen[bytes], iterations: int
) -> str:
    """The id of a running trial with a checkpoint, once another trial is done.

    Only a trial far from its end counts: one about to finish may be done
    before the kill lands, and then there is nothing to resume.
    """
    deadline = time.monotonic() + EVAL_TIMEOUT_S
    while time.monotonic() < deadline:
        trials = state(folder).get("trials", [])
        done = [t for t in trials if t["status"] == "done"]
        for record in (t for t in trials if t["status"] == "running" and done):
            checkpoint = folder / "trials" / record["id"] / "state.json"
            try:
                if 3 <= json.loads(checkpoint.read_text())["iteration"] <= iterations - 10:
                    return str(record["id"])
            except (OSError, ValueError, KeyError):
                continue
        assert process.poll() is None, "the eval ended before it could be killed"
        time.sleep(0.1)
    raise AssertionError("no trial was done while another was in flight")


def test_a_killed_eval_resumes_without_running_a_trial_twice(tmp_path: Path) -> None:
    folder, log = tmp_path / "ev", tmp_path / "eval.log"
    iterations = 30
    args = ["techtree", *MOCK, "--seeds", "1-3", "--iterations", str(iterations), "--workers", "2"]
    first = voyager_eval(*args, "--eval-dir", str(folder), log=log)
    try:
        in_flight = wait_until_one_done_and_one_in_flight(folder, first, iterations)
        done_before = {t["id"] for t in state(folder)["trials"] if t["status"] == "done"}
        children = descendants(first.pid)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(alive(pid) for pid in children):
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)], "trials outlived the killed eval"

    finish(voyager_eval("--resume", str(folder), log=log), log)
    final = state(folder)
    assert [t["status"] for t in final["trials"]] == ["done"] * 3  # none lost
    for record in final["trials"]:
        starts = [r for r in trace(folder / "trials" / record["id"]) if r["event"] == "start"]
        assert [s["iteration"] for s in starts].count(0) == 1, record["id"]  # never from scratch
        rounds = [
            r["iteration"] for r in trace(folder / "trials" / record["id"]) if r["event"] == "round"
        ]
        assert rounds == list(range(1, iterations + 1)), record["id"]
        if record["id"] in done_before:
            assert len(starts) == 1 and record["attempts"] == 1
    resumed = [r for r in trace(folder / "trials" / in_flight) if r["event"] == "start"]
    assert len(resumed) == 2 and resumed[1]["iteration"] >= 3


# -- the LLM path under parallel trials, through the fake server ------------------------------


@pytest.fixture
def fake_llm() -> Iterator[FakeOpenAIServer]:
    """The scripted session, each answer held a moment so that requests from trials overlap."""
    with FakeOpenAIServer() as server:
        server.responder = ScriptedModel()
        server.hold = 0.05
        yield server


def llm_settings(base_url: str, max_cost: float | None) -> Any:
    roles = {
        role: {"model": "fake-model", "base_url": base_url, "timeout": 30, "max_retries": 1}
        for role in ("action", "curriculum", "critic", "qa", "describer", "embedding")
    }
    return load_settings(
        overrides={
            "llm": "openai",
            "roles": roles,
            "prices": {"fake-model": {"input": 1.0, "output": 1.0}},  # per million words
            "max_cost": max_cost,
            "cache": {"enabled": "off"},
            "library": {"embedder": "hashing"},
            "explore": {"env": "mock"},
            "eval": {"max_concurrent_requests": 2},
        },
        environ={},
    )


def test_parallel_trials_share_the_request_limit_and_the_cost_ceiling(
    fake_llm: FakeOpenAIServer, tmp_path: Path
) -> None:
    server = fake_llm
    settings = llm_settings(server.base_url, max_cost=0.04)
    request = EvalRequest(["techtree"], [1, 2, 3], iterations=30, eval_dir=tmp_path / "ev")
    folder = create_eval(request, settings)
    events: list[dict[str, Any]] = []
    status = run_eval(folder, settings, ProcessPool(3, 64, 0), events.append)

    assert status == "stopped"
    assert 1 < server.most_in_flight <= 2  # trials overlapped, never more than the limit at once
    stopped = EvalFolder.open(tmp_path / "ev")
    assert [t["status"] for t in stopped.state["trials"]] == ["stopped"] * 3
    for trial in stopped.trials:
        checkpoint = json.loads((trial.folder(folder.path) / "state.json").read_text())
        assert checkpoint["status"] == "stopped" and CEILING_MARKER in checkpoint["stop_reason"]
    assert stopped.state["spent"] >= 0.04
    calls_when_stopped = len(server.requests)

    more = llm_settings(server.base_url, max_cost=None)
    assert run_eval(stopped, more, ProcessPool(3, 64, 0), events.append) == "done"
    assert len(server.requests) > calls_when_stopped
    for trial in stopped.trials:
        records = trace(trial.folder(folder.path))
        assert len([r for r in records if r["event"] == "start"]) == 2  # resumed, not restarted
        rounds = [r["iteration"] for r in records if r["event"] == "round"]
        assert rounds == list(range(1, 31))
