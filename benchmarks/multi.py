"""Several learners in one built-in world: the world's tick rate, the cost per learner.

For 1, 2 and 4 learners (offline model, a shared library), runs a team for a
few iterations in a fresh built-in world and prints: the world's ticks per
second while the bots act (sampled with the world's `tps` console command;
vanilla holds 20), the median round time and the rounds per minute of each
learner, and the peak memory of the run's processes with what one more
learner costs, both as resident sets (RSS) and as proportional sets (PSS,
where pages that processes share, such as Node's own code, count once). Goals:
one more learner under 150 MB of memory (PSS), 20 ticks per second held.

    python benchmarks/multi.py [--iterations 6] [--seed 1] [--learners 1 2 4]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import Process, tree
from voyager.config import load_settings
from voyager.env.base import VoyagerEnv
from voyager.env.world import EmbeddedWorld
from voyager.events import Event, Round
from voyager.rundir import RunFolder
from voyager.setup import World
from voyager.team import Team

SAMPLE_EVERY_S = 3.0
GOAL_MB_PER_LEARNER = 150
GOAL_TPS = 20.0
TOTALS = ("peak_mb", "peak_pss_mb")  # the whole run's memory, RSS and PSS


class Figures:
    def __init__(self) -> None:
        self.rounds: dict[str, list[float]] = {}
        self.lock = threading.Lock()

    def __call__(self, agent: str, event: Event) -> None:
        if isinstance(event, Round):
            with self.lock:
                self.rounds.setdefault(agent, []).append(event.seconds)


def run_team(
    learners: int, iterations: int, seed: int, scratch: Path, minutes: float | None = None
) -> dict[str, float]:
    """Runs a team for `iterations` (or until `minutes` have passed) and returns its figures."""
    settings = load_settings(
        overrides={
            "llm": "offline",
            "library": {"embedder": "hashing"},
            "explore": {"iterations": iterations, "seed": seed},
            "agents": {"count": learners},
        },
        environ={},
    )
    run = RunFolder.create(scratch / f"team{learners}", settings)
    figures, tps, peak_mb, peak_pss_mb = Figures(), [], 0.0, 0.0
    kind_peak_mb: dict[str, float] = {}
    began = time.monotonic()
    with (
        EmbeddedWorld(seed, world_dir=run.path / "world") as world,
        contextlib.ExitStack() as stack,
    ):

        def connect(username: str, logs: Path) -> VoyagerEnv:
            return world.connect(username=username, log_dir=logs)

        where = World(settings, f"built-in seed {seed}", connect, stack)
        team = Team(run, settings, where, figures)
        worker = threading.Thread(target=team.explore, args=(iterations,), daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(timeout=SAMPLE_EVERY_S)
            if minutes is not None and time.monotonic() - began > minutes * 60:
                team.request_stop("the benchmark's time is up")
            rate = world.ticks_per_second()
            if rate > 0:  # 0: paused, every learner thinking
                tps.append(rate)
            processes = tree(os.getpid())
            peak_mb = max(peak_mb, sum(p.rss_kb for p in processes) / 1024)
            peak_pss_mb = max(peak_pss_mb, sum(p.pss_kb for p in processes) / 1024)
            for kind, mb in mb_by_kind(processes).items():
                kind_peak_mb[kind] = max(kind_peak_mb.get(kind, 0.0), mb)
        world_end = [p for p in processes if p.kind == "world"]
    minutes = (time.monotonic() - began) / 60
    rounds = [s for seconds in figures.rounds.values() for s in seconds]
    return {
        "tps_median": statistics.median(tps) if tps else 0.0,
        "tps_min": min(tps) if tps else 0.0,
        "round_s": statistics.median(rounds) if rounds else 0.0,
        "rounds_per_min_per_learner": len(rounds) / learners / minutes,
        "peak_mb": peak_mb,
        "peak_pss_mb": peak_pss_mb,
        "world_end_mb": sum(p.rss_kb for p in world_end) / 1024,
        **{f"peak_{kind}_mb": mb for kind, mb in kind_peak_mb.items()},
    }


def per_extra(r: dict[str, float], base: dict[str, float], learners: int, key: str) -> float:
    """What each learner beyond the first added to the total `key`."""
    return (r[key] - base[key]) / (learners - 1) if learners > 1 else 0.0


def mb_by_kind(processes: list[Process]) -> dict[str, float]:
    """Resident memory by kind of process (world, bot, python, ...), in MB."""
    totals: dict[str, float] = {}
    for p in processes:
        totals[p.kind] = totals.get(p.kind, 0.0) + p.rss_kb / 1024
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="voyager-multi-") as scratch:
        for learners in args.learners:
            results[learners] = run_team(learners, args.iterations, args.seed, Path(scratch))
            print(f"{learners} learner(s) done", file=sys.stderr, flush=True)
    print(
        "learners  tps(median)  tps(min)  round(s)  rounds/min/learner"
        "  peak MB (RSS)  MB/extra (RSS)  peak MB (PSS)  MB/extra (PSS)"
    )
    base = results[min(results)]
    for learners, r in results.items():
        print(
            f"{learners:8} {r['tps_median']:12.1f} {r['tps_min']:9.1f} {r['round_s']:9.1f} "
            f"{r['rounds_per_min_per_learner']:19.2f} {r['peak_mb']:14.0f} "
            f"{per_extra(r, base, learners, 'peak_mb'):15.0f} {r['peak_pss_mb']:14.0f} "
            f"{per_extra(r, base, learners, 'peak_pss_mb'):15.0f}"
        )
    print("peak MB by kind of process (each kind's own peak):")
    for learners, r in results.items():
        kinds = ", ".join(
            f"{key[len('peak_') : -len('_mb')]} {mb:.0f}"
            for key, mb in sorted(r.items())
            if key.startswith("peak_") and key.endswith("_mb") and key not in TOTALS
        )
        print(f"{learners:8}  {kinds}")
    worst = {
        key: max((per_extra(r, base, n, key) for n, r in results.items() if n > 1), default=0.0)
        for key in TOTALS
    }
    lowest = min(r["tps_median"] for r in results.values())
    print(
        f"one more learner: {worst['peak_pss_mb']:.0f} MB of memory (PSS; goal < "
        f"{GOAL_MB_PER_LEARNER}), {worst['peak_mb']:.0f} MB of resident sets (RSS counts "
        "the code every node process shares once per process)"
    )
    print(f"lowest median tick rate: {lowest:.1f} (goal {GOAL_TPS:.0f})")


if __name__ == "__main__":
    main()
