"""A long run in the built-in world with the offline model: does anything grow or leak?

Runs ``voyager explore`` (built-in world, offline model) for ``--minutes`` and
samples, every ``--every`` seconds: resident memory of the Python process, the
bot process and the world server, their open files, the number of processes
and the listening TCP ports of the run's process tree. Then it stops the run
with Ctrl-C (SIGINT, the clean stop), and checks that every process it started
is gone and its ports closed. Prints the figures and writes a plot.

Goals: memory flat (growth under 10% over the last hour, or over the second
half of a shorter run), no leaked process, port or file.

    python benchmarks/soak.py [--minutes 120] [--every 60] [--seed 1] [--plot soak.png]
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import descendants, listening_ports, open_files, tree

KINDS = ("python", "bot", "world")
STOP_TIMEOUT_S = 120.0
GOAL_GROWTH = 0.10


@dataclass
class Sample:
    minute: float
    rss_mb: dict[str, float]
    files: dict[str, int]
    processes: int
    ports: int
    iteration: int


class Rounds(threading.Thread):
    """Follows the run's JSON events: the last iteration done."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self.process = process
        self.iteration = 0

    def run(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                record = json.loads(line)
                if record.get("event") == "round":
                    self.iteration = int(record["iteration"])


def sample(root: int, began: float, iteration: int) -> Sample:
    processes = tree(root)
    rss = {kind: 0.0 for kind in KINDS}
    files = {kind: 0 for kind in KINDS}
    for p in processes:
        kind = "python" if p.pid == root else p.kind
        if kind in rss:
            rss[kind] += p.rss_kb / 1024
            files[kind] += open_files(p.pid)
    ports = listening_ports([p.pid for p in processes])
    minute = (time.monotonic() - began) / 60
    return Sample(minute, rss, files, len(processes), len(ports), iteration)


def growth(samples: list[Sample], kind: str) -> float:
    """Relative growth of ``kind``'s memory over the last hour (or the second half)."""
    end = samples[-1]
    window = 60.0 if end.minute >= 90 else end.minute / 2
    start = next(s for s in samples if s.minute >= end.minute - window)
    return (end.rss_mb[kind] - start.rss_mb[kind]) / max(start.rss_mb[kind], 1e-9)


def plot(samples: list[Sample], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (memory, iterations) = plt.subplots(2, 1, figsize=(9, 6), sharex=True)
    minutes = [s.minute for s in samples]
    for kind in KINDS:
        memory.plot(minutes, [s.rss_mb[kind] for s in samples], label=kind)
    memory.set_ylabel("resident memory (MB)")
    memory.legend()
    memory.set_title("voyager explore, built-in world, offline model")
    iterations.plot(minutes, [s.iteration for s in samples], color="gray")
    iterations.set_ylabel("iteration")
    iterations.set_xlabel("minutes")
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0)
    parser.add_argument("--every", type=float, default=60.0, help="seconds between samples")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plot", type=Path, default=Path("soak.png"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="voyager-soak-") as scratch:
        command = [sys.executable, "-m", "voyager", "explore", "--json", "--llm", "offline"]
        command += ["--embedder", "hashing", "--iterations", "100000", "--seed", str(args.seed)]
        command += ["--run-dir", str(Path(scratch) / "run")]
        run = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        rounds = Rounds(run)
        rounds.start()
        began = time.monotonic()
        samples: list[Sample] = []
        while time.monotonic() - began < args.minutes * 60 and run.poll() is None:
            time.sleep(min(args.every, max(0.0, args.minutes * 60 - (time.monotonic() - began))))
            samples.append(sample(run.pid, began, rounds.iteration))
            s = samples[-1]
            memory = "  ".join(f"{k} {s.rss_mb[k]:6.0f} MB" for k in KINDS)
            print(f"{s.minute:6.1f} min  it {s.iteration:4}  {memory}", file=sys.stderr, flush=True)
        started = set(descendants(run.pid))
        ports_before = listening_ports(sorted(started))
        run.send_signal(signal.SIGINT)
        try:
            code = run.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            code = None
        time.sleep(2)
        left = [pid for pid in started if Path(f"/proc/{pid}").exists()]
        open_ports = listening_ports(left)

    print(f"ran {samples[-1].minute:.0f} min, {samples[-1].iteration} iterations; exit {code}")
    print("process   start MB   end MB   growth (last hour or 2nd half)   files start/end")
    for kind in KINDS:
        first, last = samples[0], samples[-1]
        print(
            f"{kind:8} {first.rss_mb[kind]:8.0f} {last.rss_mb[kind]:8.0f} "
            f"{100 * growth(samples, kind):+8.1f}% (goal < {100 * GOAL_GROWTH:.0f}%)"
            f"   {first.files[kind]:5}/{last.files[kind]}"
        )
    counts = [s.processes for s in samples]
    print(
        f"processes in the run: {min(counts)}-{max(counts)}; ports listening: {len(ports_before)}"
    )
    print(f"after the stop: {len(left)} processes left, {len(open_ports)} ports open (goal: 0, 0)")
    plot(samples, args.plot)
    print(f"plot: {args.plot}")


if __name__ == "__main__":
    main()
