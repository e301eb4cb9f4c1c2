"""Several learners in one run: a shared library that loses nothing, and resume of them all."""

from __future__ import annotations

import json
from pathlib import Path

from voyager.cli import main
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.team import agent_runs

EXPLORE = ["explore", "--env", "mock", "--llm", "offline", "--embedder", "hashing"]


def learned(run: Path) -> dict[str, set[str]]:
    """Skill name -> the learners whose trace says they stored it."""
    found: dict[str, set[str]] = {}
    for agent in agent_runs(run):
        for record in agent.read_trace():
            if record["event"] == "round" and record["skill"]:
                found.setdefault(record["skill"], set()).add(agent.path.name)
    return found


def test_four_learners_share_one_library_and_lose_no_skill(tmp_path: Path) -> None:
    run = tmp_path / "team"
    assert main([*EXPLORE, "--agents", "4", "--iterations", "8", "--run-dir", str(run)]) == 0
    assert [a.path.name for a in agent_runs(run)] == ["bot1", "bot2", "bot3", "bot4"]
    embedder = make_embedder("hashing", load_settings(environ={}))
    with SkillLibrary(run / "skills", embedder, read_only=True) as library:
        assert library.check() == []
        stored = {
            skill.name: {v.author for v in library.history(skill.name)}
            for skill in library.skills()
        }
    claimed = learned(run)
    assert claimed and set(claimed) <= set(stored)
    for name, learners in claimed.items():
        # each version records which learner made it (a twin of the same code adds none)
        assert stored[name] <= learners, name
    assert not any((agent.path / "skills").exists() for agent in agent_runs(run))


def test_separate_libraries_and_a_resumed_team(tmp_path: Path) -> None:
    run = tmp_path / "team"
    start = [*EXPLORE, "--agents", "2", "--library", "separate", "--run-dir", str(run)]
    assert main([*start, "--iterations", "3"]) == 0
    assert main(["explore", "--resume", str(run), "--iterations", "5"]) == 0
    for agent in agent_runs(run):
        assert (agent.path / "skills" / "index.json").exists()
        rounds = [r["iteration"] for r in agent.read_trace() if r["event"] == "round"]
        assert rounds == [1, 2, 3, 4, 5]
        state = json.loads((agent.path / "state.json").read_text())
        assert state["iteration"] == 5
