"""A whole offline exploration: how far it gets, wall time, where it goes, and peak memory.

Goals: the paper's reach (diamond tools, and 63 unique items in 160
iterations); our own code (everything but the game's env.step and env.reset)
takes under 10% of the loop's wall time; all processes together (Python, the
Node bot, the world server) stay under 1.5 GB resident at their peak.

Runs the learner in this process, as ``voyager explore`` does, with the env
wrapped in a stopwatch; memory is the sum of VmRSS over this process and all
its descendants, sampled from /proc every 0.25 s. Several seeds run one after
another and end with a table of iterations to each milestone and items found.
Ctrl-C stops after the round, as ``voyager explore`` does; a run kept with
``--keep`` is resumed from its checkpoint when the same command runs again.

    python benchmarks/explore.py [--env minecraft|mock] [--iterations 40]
                                 [--seeds 0 [1 ...]] [--keep RUN_DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import gymnasium as gym

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import tree
from voyager import setup
from voyager.cli import stop_on_ctrl_c
from voyager.config import Settings, load_settings
from voyager.data import tech_tree
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.loop import Learner
from voyager.offline import OfflineBrain
from voyager.rundir import RunFolder

SAMPLE_EVERY_S = 0.25
ITEMS_GOAL = 63  # the paper's unique items in 160 iterations
PAGE_KB = 1024


class Stopwatch(gym.Wrapper[Any, Any, Any, Any]):
    """Adds up the wall time spent in the game: env.step and env.reset."""

    def __init__(self, env: gym.Env[Any, Any]) -> None:
        super().__init__(env)
        self.game_seconds = 0.0

    def step(self, action: Any) -> Any:
        began = time.perf_counter()
        try:
            return self.env.step(action)
        finally:
            self.game_seconds += time.perf_counter() - began

    def reset(self, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return self.env.reset(**kwargs)
        finally:
            self.game_seconds += time.perf_counter() - began


class MemorySampler(threading.Thread):
    """Peak total resident memory of this process and every process it started."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.peak_parts: dict[str, int] = {}
        self._finished = threading.Event()

    def run(self) -> None:
        while not self._finished.wait(SAMPLE_EVERY_S):
            parts = tree_rss_kb(os.getpid())
            total = sum(parts.values())
            if total > self.peak_kb:
                self.peak_kb, self.peak_parts = total, parts

    def stop(self) -> None:
        self._finished.set()
        self.join()


def tree_rss_kb(root: int) -> dict[str, int]:
    """VmRSS in kB of ``root`` and its descendants, keyed by "pid command"."""
    return {f"{p.pid} {p.command}": p.rss_kb for p in tree(root)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", choices=("minecraft", "mock"), default="minecraft")
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--keep", type=Path, help="folder to keep the runs in, one per seed")
    args = parser.parse_args()

    reached = []
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as scratch:
            folder = (args.keep or Path(scratch)) / f"{args.env}-seed-{seed}"
            reached.append(explore(args.env, args.iterations, seed, folder))
    print_table(reached)


def explore(env: str, iterations: int, seed: int, folder: Path) -> dict[str, Any]:
    """One offline run; prints where its time and memory went, returns how far it got."""
    print(f"== {env} world, seed {seed}, {iterations} iterations", flush=True)
    memory = MemorySampler()
    memory.start()
    began = time.perf_counter()
    run, settings = open_run(env, iterations, seed, folder)
    library = SkillLibrary(run.skills_dir, make_embedder("hashing", settings))
    with setup.world(settings, run) as world:
        stopwatch = Stopwatch(world.env("bot", run.logs_dir))
        learner = Learner(stopwatch, OfflineBrain(), library, run, settings, world=world.name)
        loop_began = time.perf_counter()
        with stop_on_ctrl_c(learner):
            state = learner.explore(iterations)
        loop_seconds = time.perf_counter() - loop_began
    wall = time.perf_counter() - began
    memory.stop()
    rounds = [r for r in run.read_trace() if r["event"] == "round"]

    round_seconds = sum(r["seconds"] for r in rounds)  # a resumed run's earlier rounds too
    own = loop_seconds - stopwatch.game_seconds
    print(f"iterations: {state.iteration} ({state.status}: {state.stop_reason})")
    print(f"milestones: {json.dumps(state.milestones)}")
    print(f"unique items: {len(state.items)} (goal >= {ITEMS_GOAL})")
    print(f"wall time: {wall:.1f} s (setup and shutdown {wall - loop_seconds:.1f} s)")
    print(f"loop: {loop_seconds:.1f} s, of which rounds {round_seconds:.1f} s (trace)")
    print(f"  in the game (env.step + env.reset): {stopwatch.game_seconds:.1f} s")
    print(f"  in our own code: {own:.1f} s = {own / loop_seconds:.1%} of the loop (goal < 10%)")
    print(f"peak resident memory, all processes: {memory.peak_kb / PAGE_KB:.0f} MB (goal < 1536)")
    for part, kb in sorted(memory.peak_parts.items(), key=lambda item: -item[1]):
        print(f"  {kb / PAGE_KB:7.0f} MB  {part}")
    return {
        "seed": seed,
        "milestones": state.milestones,
        "items": len(state.items),
        "minutes": wall / 60,
        "round_minutes": round_seconds / 60,
    }


def open_run(env: str, iterations: int, seed: int, folder: Path) -> tuple[RunFolder, Settings]:
    """The run kept in ``folder`` (resumed, with its own seed and world), else a new one."""
    if (folder / "config.toml").is_file():
        run = RunFolder.open(folder)
        settings = run.settings({"explore": {"iterations": iterations}})
        print(f"resuming the run in {folder} (seed {settings.explore.seed})", flush=True)
        return run, settings
    settings = load_settings(
        overrides={
            "llm": "offline",
            "library": {"embedder": "hashing"},
            "explore": {"env": env, "iterations": iterations, "seed": seed},
        },
        environ={},
    )
    return RunFolder.create(folder, settings), settings


def print_table(reached: list[dict[str, Any]]) -> None:
    """Iterations to each milestone ("-" for never) and unique items, one row per seed."""
    milestones = list(tech_tree().milestones)
    columns = " | ".join(milestones)
    print(f"\n| seed | {columns} | unique items | wall (min) | all rounds (min) |")
    print("|---" * (len(milestones) + 4) + "|")
    for run in reached:
        firsts = [str(run["milestones"].get(m, "-")) for m in milestones]
        print(
            f"| {run['seed']} | " + " | ".join(firsts) + f" | {run['items']} | "
            f"{run['minutes']:.1f} | {run['round_minutes']:.1f} |"
        )


if __name__ == "__main__":
    main()
