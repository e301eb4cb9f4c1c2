"""A whole offline exploration in the built-in world: wall time, where it goes, and peak memory.

Goals: our own code (everything but the game's env.step and env.reset) takes
under 10% of the loop's wall time; all processes together (Python, the Node
bot, the world server) stay under 1.5 GB resident at their peak.

Runs the learner in this process, as ``voyager explore`` does, with the env
wrapped in a stopwatch; memory is the sum of VmRSS over this process and all
its descendants, sampled from /proc every 0.25 s.

    python benchmarks/explore.py [--iterations 40] [--seed 0] [--keep RUN_DIR]
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
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.env.world import EmbeddedWorld
from voyager.library import SkillLibrary
from voyager.loop import Learner
from voyager.offline import OfflineBrain
from voyager.rundir import RunFolder

SAMPLE_EVERY_S = 0.25
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
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="run folder to keep (default: a temporary one)")
    args = parser.parse_args()

    memory = MemorySampler()
    memory.start()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch) / "run"
        settings = load_settings(
            overrides={
                "llm": "offline",
                "library": {"embedder": "hashing"},
                "explore": {"iterations": args.iterations, "seed": args.seed},
            },
            environ={},
        )
        run = RunFolder.create(folder, settings)
        brain = OfflineBrain()
        library = SkillLibrary(run.skills_dir, make_embedder("hashing", settings))
        with EmbeddedWorld(
            args.seed, world_dir=run.path / "world", log_path=run.logs_dir / "world.log"
        ) as world:
            env = Stopwatch(world.connect(log_dir=run.logs_dir))
            learner = Learner(
                env, brain, library, run, settings, world=f"built-in seed {args.seed}"
            )
            loop_began = time.perf_counter()
            state = learner.explore(args.iterations)
            loop_seconds = time.perf_counter() - loop_began
            env.close()
        wall = time.perf_counter() - began
        memory.stop()
        rounds = [r for r in run.read_trace() if r["event"] == "round"]

    round_seconds = sum(r["seconds"] for r in rounds)
    own = loop_seconds - env.game_seconds
    print(f"iterations: {state.iteration} ({state.status}: {state.stop_reason})")
    print(f"milestones: {json.dumps(state.milestones)}")
    print(f"wall time: {wall:.1f} s (setup and shutdown {wall - loop_seconds:.1f} s)")
    print(f"loop: {loop_seconds:.1f} s, of which rounds {round_seconds:.1f} s (trace)")
    print(f"  in the game (env.step + env.reset): {env.game_seconds:.1f} s")
    print(f"  in our own code: {own:.1f} s = {own / loop_seconds:.1%} of the loop (goal < 10%)")
    print(f"peak resident memory, all processes: {memory.peak_kb / PAGE_KB:.0f} MB (goal < 1536)")
    for part, kb in sorted(memory.peak_parts.items(), key=lambda item: -item[1]):
        print(f"  {kb / PAGE_KB:7.0f} MB  {part}")


if __name__ == "__main__":
    main()
