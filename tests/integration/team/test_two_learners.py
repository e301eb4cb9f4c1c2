"""Two learners in the built-in world with a shared library: both learn, nothing is lost,
and a bot process killed in the middle of a step comes back while the other plays on."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path

import pytest

from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.env.base import VoyagerEnv
from voyager.env.minecraft import MinecraftEnv
from voyager.env.world import EmbeddedWorld
from voyager.events import Event, Round
from voyager.library import SkillLibrary
from voyager.rundir import RunFolder
from voyager.setup import World
from voyager.team import Team

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]

ITERATIONS = 4
# bot2 follows a list of its own, so that each learner stores skills of its own
BOT2_TASKS = ["Mine 2 dirt", "Craft 1 crafting table", "Craft 4 sticks", "Mine 1 wood log"]


def test_two_learners_share_a_library_and_survive_a_killed_bot_process(tmp_path: Path) -> None:
    settings = load_settings(
        overrides={
            "llm": "offline",
            "library": {"embedder": "hashing"},
            "explore": {"iterations": ITERATIONS, "seed": 6},
            "agents": {
                "count": 2,
                "each": {"bot2": {"explore": {"curriculum": "manual", "manual_tasks": BOT2_TASKS}}},
            },
        },
        environ={},
    )
    run = RunFolder.create(tmp_path / "team", settings)
    rounds: dict[str, list[Round]] = {"bot1": [], "bot2": []}
    first_round = threading.Event()

    def listen(agent: str, event: Event) -> None:
        if isinstance(event, Round):
            rounds[agent].append(event)
            if agent == "bot1":
                first_round.set()

    with EmbeddedWorld(6, world_dir=run.path / "world") as world, contextlib.ExitStack() as stack:

        def connect(username: str, logs: Path) -> VoyagerEnv:
            return world.connect(username=username, log_dir=logs, step_timeout=90.0)

        team = Team(run, settings, World(settings, "built-in", connect, stack), listen)
        bot1 = team.members[0].learner.runner.env
        assert isinstance(bot1, MinecraftEnv)

        def kill_bot1_mid_step() -> None:
            first_round.wait(timeout=600)
            pid = bot1.bridge.pid
            if pid is not None:
                os.kill(pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_bot1_mid_step, daemon=True)
        killer.start()
        members = team.explore(ITERATIONS)
        killer.join(timeout=5)

    for member in members:
        assert member.failure == "", member.failure
        assert member.outcome is not None and member.outcome.iteration == ITERATIONS
    assert bot1.bridge.restarts >= 1
    assert [r.iteration for r in rounds["bot2"]] == list(range(1, ITERATIONS + 1))
    embedder = make_embedder("hashing", settings)
    with SkillLibrary(run.skills_dir, embedder, read_only=True) as library:
        assert library.check() == []
        authors = {v.author for s in library.skills() for v in library.history(s.name)}
        for agent, learned in rounds.items():
            for name in {r.skill for r in learned if r.skill}:
                assert name in library, f"{agent}'s {name} is missing"
    assert authors == {"bot1", "bot2"}
