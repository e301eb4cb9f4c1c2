"""Round trip of a no-op step through the real bridge, with 0 and with 300 skills loaded.

Goals: median <= 5 ms, and the 300-skill median <= 1.2x the 0-skill one.
Starts a stock flying-squid server (tests/integration/bridge/squid_server.js)
on 127.0.0.1 and a free port, and stops it at the end.

    python benchmarks/bridge.py [--steps 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from voyager.env.minecraft import MinecraftEnv

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tests" / "integration" / "bridge" / "squid_server.js"


def start_server() -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen(
        ["node", str(LAUNCHER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("{"):
            return server, int(json.loads(line)["port"])
    raise RuntimeError("the flying-squid server did not start")


def fake_skills(count: int) -> dict[str, str]:
    """Skills shaped like learned ones: a helper and a main function calling primitives."""
    skills = {}
    for i in range(count):
        name = f"benchSkill{i}"
        skills[name] = (
            f"async function helper{i}(bot) {{\n  return bot.inventory.count(mcData.itemsByName"
            f".dirt.id);\n}}\nasync function {name}(bot) {{\n  for (let n = 0; n < 3; n++) {{\n"
            f"    if ((await helper{i}(bot)) > 64) break;\n  }}\n"
            f'  await mineBlock(bot, "dirt", 1);\n}}\n'
        )
    return skills


def median_step_ms(env: MinecraftEnv, steps: int) -> float:
    for _ in range(10):
        env.step("")
    times = []
    for _ in range(steps):
        began = time.perf_counter()
        env.step("")
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    server, port = start_server()
    try:
        with tempfile.TemporaryDirectory() as logs:
            # The bridge's own round trip: without the pause/resume commands around each step,
            # whose cost is the server's time to answer them, not the bridge's.
            env = MinecraftEnv(
                "127.0.0.1",
                port,
                username="bench",
                log_dir=Path(logs),
                pause_between_steps=False,
            )
            try:
                env.reset(options={"mode": "hard"})
                bare = median_step_ms(env, args.steps)
                began = time.perf_counter()
                env.load_skills(fake_skills(300))
                load_ms = (time.perf_counter() - began) * 1000
                assert not env.skills_report["failed"], env.skills_report["failed"]
                loaded = median_step_ms(env, args.steps)
            finally:
                env.close()
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)
    print(f"no-op step, 0 skills:   median {bare:.2f} ms over {args.steps} steps (goal <= 5 ms)")
    print(f"no-op step, 300 skills: median {loaded:.2f} ms over {args.steps} steps")
    print(f"ratio 300/0 skills:     {loaded / bare:.2f} (goal <= 1.2)")
    print(f"loading 300 skills:     {load_ms:.0f} ms (once per library change)")


if __name__ == "__main__":
    main()
