"""A run killed before its first checkpoint starts over clean when it is resumed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.env.mock import MockMinecraftEnv
from voyager.files import append_line
from voyager.library import SkillLibrary
from voyager.loop import Learner
from voyager.offline import OfflineBrain
from voyager.rundir import RunFolder


def trace(run: RunFolder, event: str, **fields: Any) -> None:
    """A line of the run's trace, as a run of this or an older version wrote it."""
    append_line(run.trace_path, json.dumps({"event": event, **fields}))


def test_lines_and_skills_of_a_run_killed_before_its_first_checkpoint_are_dropped(
    tmp_path: Path,
) -> None:
    settings = load_settings(overrides={"llm": "offline"}, environ={})
    run = RunFolder.create(tmp_path / "run", settings)
    embedder = make_embedder("hashing", settings)
    library = SkillLibrary(run.skills_dir, embedder)
    trace(run, "start", iteration=0, iterations=2)  # what a run killed mid-round left behind
    trace(run, "round", iteration=1, task="Mine 1 wood log", success=True)
    library.add("mineWoodLog", "async function mineWoodLog(bot) {}", "x", task="t", iteration=1)

    learner = Learner(MockMinecraftEnv(seed=1), OfflineBrain(), library, run, settings)
    learner.explore(2)

    records = list(run.read_trace())
    assert [r["iteration"] for r in records if r["event"] == "start"] == [0]
    assert [r["iteration"] for r in records if r["event"] == "round"] == [1, 2]
    assert "mineWoodLog" not in library  # stored by the round that was lost
