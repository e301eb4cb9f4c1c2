"""Speed and memory of the mock world: steps per second, and the time of a whole offline run.

Run: python benchmarks/mock_env.py [--iterations 160] [--seed 1]
Prints figures; asserts nothing (goals: a 160-iteration offline run under 60 s).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from voyager.env.mock import MockMinecraftEnv

TYPICAL_PROGRAM = """
async function gatherAndCraft(bot) {
  const log = bot.findBlock({ matching: (b) => b.name.endsWith("_log"), maxDistance: 32 });
  if (log) await mineBlock(bot, log.name, 1);
  const held = bot.inventory.items().find((item) => item.name.endsWith("_log"));
  if (held) await craftItem(bot, held.name.replace("_log", "_planks"), 1);
  bot.chat(`I hold ${bot.inventory.items().length} kinds of items`);
}
await gatherAndCraft(bot);
"""


def steps_per_second(seconds: float) -> float:
    env = MockMinecraftEnv(seed=1)
    env.reset(seed=1)
    steps = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        env.step(TYPICAL_PROGRAM)
        steps += 1
    return steps / (time.perf_counter() - started)


def offline_run(iterations: int, seed: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable, "-m", "voyager", "explore", "--env", "mock", "--llm", "offline",
            "--iterations", str(iterations), "--seed", str(seed),
            "--run-dir", str(Path(folder) / "run"), "--embedder", "hashing", "--json",
        ]  # fmt: skip
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=160)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    print(f"typical program: {steps_per_second(args.seconds):.1f} steps/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the step benchmark: {peak:.0f} MB")
    wall = offline_run(args.iterations, args.seed)
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"offline run, {args.iterations} iterations, seed {args.seed}: {wall:.1f} s wall")
    print(f"peak memory of the offline run: {child:.0f} MB")


if __name__ == "__main__":
    main()
