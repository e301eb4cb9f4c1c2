"""``voyager explore`` in the built-in world, offline model: killed midway, resumed, complete.

One run, bounded in iterations: it is killed with SIGKILL once a checkpoint
at iteration 3 or later is on disk, resumed with ``--resume``, and must then
hold every iteration exactly once, only skills from successful rounds, and
the wooden-tools milestone (iteration 5 when no round fails).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import runs

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1200)]

ITERATIONS = 7
KILL_AFTER_ITERATION = 3
# trees, stone, coal and iron lie within 15 blocks of this spawn (terrain-census): short walks
SEED = 6
FIRST_PART_TIMEOUT_S = 600.0
RESUMED_TIMEOUT_S = 900.0


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The run folder after the killed run and its resumption."""
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the built-in world needs Node >= 20")
    folder = tmp_path_factory.mktemp("explore") / "run"
    log = folder.parent / "explore.log"
    first = runs.explore(
        *("--iterations", str(ITERATIONS), "--seed", str(SEED), "--run-dir", str(folder)),
        *("--llm", "offline", "--embedder", "hashing"),
        log=log,
    )
    try:
        runs.wait_for_checkpoint(folder, first, KILL_AFTER_ITERATION, FIRST_PART_TIMEOUT_S)
        runs.kill_hard(first)
    finally:
        runs.stop(first)
    resumed = runs.explore("--resume", str(folder), log=log)
    try:
        code = resumed.wait(timeout=RESUMED_TIMEOUT_S)
    finally:
        runs.stop(resumed)
    assert code == 0, f"the resumed run failed (code {code}); see {log}"
    yield folder


def test_the_killed_run_was_resumed_from_its_checkpoint(run: Path) -> None:
    starts = [r for r in runs.trace(run) if r["event"] == "start"]
    assert len(starts) == 2
    assert starts[1]["iteration"] >= KILL_AFTER_ITERATION


def test_every_iteration_is_in_the_trace_exactly_once(run: Path) -> None:
    iterations = [r["iteration"] for r in runs.rounds(run)]
    assert sorted(iterations) == list(range(1, ITERATIONS + 1)), iterations
    assert runs.repeated(iterations) == []


def test_every_skill_comes_from_one_successful_round(run: Path) -> None:
    runs.check_skills_come_from_successful_rounds(run)
    assert len(runs.skill_versions(run)) >= 4


def test_the_run_reaches_wooden_tools(run: Path) -> None:
    state = json.loads((run / "state.json").read_text())
    assert state["status"] == "done"
    assert state["iteration"] == ITERATIONS
    assert state["milestones"].get("wooden_tools", ITERATIONS + 1) <= ITERATIONS, state
