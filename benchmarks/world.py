"""Speed and memory of the built-in world; prints figures (goals in brackets), asserts nothing.

    python benchmarks/world.py [--seed N] [--view-distance D] [--play-minutes 30]
                               [--team-minutes 5]

Server start (< 1 s), time to spawn a bot (< 2 s), time until all chunks at
the view distance are loaded, server RSS after a 500-block walk (< 300 MB),
and terrain generation time per chunk of the full y -64..320 world (< 10 ms on
one core: the generator runs on the server's one thread), as mean and 95th
percentile over 10 x 10 fresh chunks, with their ratio to the goal. Then play:
one learner (offline model) explores for --play-minutes, four learners for
--team-minutes, each in a fresh world; the ticks per second held while they
work (20, vanilla's rate) and the server's RSS at the end of the long play
(< 400 MB). 0 minutes skips a play.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.multi import run_team
from voyager.env.world import EmbeddedWorld
from voyager.paths import bridge_dir


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


GENERATION_GOAL_MS = 10.0
PLAY_MEMORY_GOAL_MB = 400
ENDLESS = 100_000  # iterations: a play ends by its time


def generation_ms_per_chunk(seed: int) -> tuple[float, float]:
    """Mean and 95th percentile of the time to generate one chunk, in ms."""
    script = (
        "const r=require('prismarine-registry')('1.20.4');"
        f"const g=require('./world/terrain/generator').createTerrainGenerator(r, {seed});"
        "for (let i=0;i<20;i++) g.generate(i, -50);"
        "const times=[];"
        "for (let z=0;z<10;z++) for (let x=0;x<10;x++) {"
        " const t=process.hrtime.bigint(); g.generate(x, z);"
        " times.push(Number(process.hrtime.bigint()-t)/1e6) }"
        "times.sort((a,b)=>a-b);"
        "console.log(JSON.stringify([times.reduce((a,b)=>a+b)/times.length, times[94]]))"
    )
    out = subprocess.run(
        ["node", "-e", script], cwd=bridge_dir(), capture_output=True, text=True, check=True
    )
    mean, p95 = json.loads(out.stdout.strip())
    return float(mean), float(p95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--view-distance", type=int, default=6)
    parser.add_argument("--play-minutes", type=float, default=30.0)
    parser.add_argument("--team-minutes", type=float, default=5.0)
    args = parser.parse_args()

    started = time.monotonic()
    # the bench bot walks by /tp, an operator command
    world = EmbeddedWorld(seed=args.seed, view_distance=args.view_distance, operators=["bench"])
    with world:
        start_s = time.monotonic() - started
        assert world._process is not None
        pid = world._process.pid
        rss_start = rss_mb(pid)
        bot = subprocess.run(
            [
                "node",
                str(bridge_dir() / "tools" / "world-bench-bot.js"),
                str(world.port),
                str(args.view_distance),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        figures = json.loads(bot.stdout.strip().splitlines()[-1])
        rss_walk = rss_mb(pid)
    gen_ms, gen_p95 = generation_ms_per_chunk(args.seed)
    print(f"server start (to ready + test login)  {start_s:6.2f} s    [goal < 1 s]")
    print(
        f"time to spawn                         {figures['spawnMs'] / 1000:6.2f} s    [goal < 2 s]"
    )
    print(
        f"all chunks at view distance {args.view_distance}          "
        f"{figures['chunksMs'] / 1000:6.2f} s    ({figures['chunks']}/{figures['wanted']} columns)"
    )
    print(f"server RSS at start                   {rss_start:6.0f} MB")
    print(f"server RSS after a 500-block walk     {rss_walk:6.0f} MB   [goal < 300 MB]")
    print(
        f"terrain generation (y -64..320)       {gen_ms:6.2f} ms per chunk, 95th percentile "
        f"{gen_p95:.2f} ms, {gen_ms / GENERATION_GOAL_MS:.2f} x the goal   "
        f"[goal < {GENERATION_GOAL_MS:.0f} ms on one core]"
    )
    for bots, minutes in ((1, args.play_minutes), (4, args.team_minutes)):
        if minutes > 0:
            play(bots, minutes, args.seed)


def play(bots: int, minutes: float, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="voyager-world-play-") as scratch:
        r = run_team(bots, ENDLESS, seed, Path(scratch), minutes=minutes)
    print(
        f"{bots} bot(s) working for {minutes:g} min: ticks per second median "
        f"{r['tps_median']:.1f}, lowest {r['tps_min']:.1f}   [goal 20]; server RSS at the end "
        f"{r['world_end_mb']:.0f} MB   [goal < {PLAY_MEMORY_GOAL_MB} MB after 30 min]"
    )


if __name__ == "__main__":
    main()
