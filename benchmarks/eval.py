"""``voyager eval`` throughput: trials per hour with 1, 2 and 4 workers, and Ray's overhead.

Goal: near-linear in the workers while there are cores for them (each mock
trial is one busy process), and a per-trial overhead of Ray local that is
small next to a trial.

Part 1 runs the same eval (mock world, offline model, ``--trials`` seeds of
``--iterations``) on the process pool with 1, 2 and 4 workers. Part 2 runs
one-iteration trials one at a time on the pool and on Ray local: the time per
trial is mostly fixed cost (a Python child, its imports, its run folder), and
the difference is what Ray adds per trial; Ray's own start is timed apart.

    python benchmarks/eval.py [--trials 4] [--iterations 40] [--workers 1,2,4]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from voyager.config import Settings, load_settings
from voyager.eval.pool import ProcessPool
from voyager.eval.ray_pool import RayPool, ray_module
from voyager.eval.runner import Engine, EvalRequest, create_eval, run_eval

OVERHEAD_TRIALS = 6
MOCK_MB = 400


def settings() -> Settings:
    overrides = {"llm": "offline", "explore": {"env": "mock"}, "library": {"embedder": "hashing"}}
    return load_settings(overrides=overrides, environ={})


def timed_eval(folder: Path, engine: Engine, seeds: int, iterations: int) -> float:
    request = EvalRequest(["explore"], list(range(1, seeds + 1)), 1, iterations, eval_dir=folder)
    evaluation = create_eval(request, settings())
    began = time.perf_counter()
    status = run_eval(evaluation, settings(), engine, lambda _event: None)
    seconds = time.perf_counter() - began
    if status != "done":
        raise SystemExit(f"the eval in {folder} ended {status}")
    return seconds


def throughput(scratch: Path, trials: int, iterations: int, workers: list[int]) -> None:
    print(f"mock world, offline model, {trials} trials of {iterations} iterations:")
    base = None
    for count in workers:
        seconds = timed_eval(
            scratch / f"w{count}", ProcessPool(count, MOCK_MB, 0), trials, iterations
        )
        per_hour = trials * 3600 / seconds
        base = base or per_hour
        print(
            f"  {count} worker(s): {seconds:6.1f} s, {per_hour:6.0f} trials/hour "
            f"({per_hour / base:.2f}x one worker)"
        )


def overhead(scratch: Path) -> None:
    print(f"per-trial overhead ({OVERHEAD_TRIALS} one-iteration trials, one at a time):")
    ray = ray_module()
    began = time.perf_counter()
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    ray_start = time.perf_counter() - began
    pool = timed_eval(scratch / "o-pool", ProcessPool(1, MOCK_MB, 0), OVERHEAD_TRIALS, 1)
    on_ray = timed_eval(scratch / "o-ray", RayPool("local", 1, MOCK_MB, 0), OVERHEAD_TRIALS, 1)
    ray.shutdown()
    print(f"  process pool: {pool / OVERHEAD_TRIALS:5.2f} s per trial")
    print(f"  ray local:    {on_ray / OVERHEAD_TRIALS:5.2f} s per trial (Ray already started)")
    added = (on_ray - pool) / OVERHEAD_TRIALS
    print(f"  Ray adds {added:+.2f} s per trial; starting Ray took {ray_start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=4)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU(s)")
    with tempfile.TemporaryDirectory(prefix="voyager-bench-eval-") as scratch:
        workers = [int(w) for w in args.workers.split(",")]
        throughput(Path(scratch), args.trials, args.iterations, workers)
        overhead(Path(scratch))


if __name__ == "__main__":
    main()
