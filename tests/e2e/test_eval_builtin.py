"""``voyager eval techtree`` in the built-in world, offline model, two trials at once.

Each trial is its own ``voyager explore`` child with its own built-in world and
bridge on free ports. A few iterations: enough for items from the real world;
the tech-tree milestones of the built-in world are checked by
test_explore_builtin.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
ITERATIONS = 3
EVAL_TIMEOUT_S = 800.0


def test_two_trials_in_their_own_built_in_worlds_give_table_1(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the built-in world needs Node >= 20")
    folder = tmp_path / "ev"
    command = [sys.executable, "-m", "voyager", "eval", "techtree", "--llm", "offline"]
    command += ["--embedder", "hashing", "--seeds", "1-2", "--workers", "2"]
    command += ["--iterations", str(ITERATIONS), "--eval-dir", str(folder)]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=EVAL_TIMEOUT_S, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert "Tech tree mastery (Table 1)" in output
    trials = json.loads((folder / "eval.json").read_text())["trials"]
    assert [t["status"] for t in trials] == ["done", "done"]
    for trial in trials:
        assert trial["figures"]["iterations"] == ITERATIONS
        assert trial["figures"]["items_by_iteration"][-1] >= 1, trial["id"]
        assert (folder / "trials" / trial["id"] / "world").is_dir()  # its own built-in world
