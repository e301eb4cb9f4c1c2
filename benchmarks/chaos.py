"""Fault injection: whole runs under kills, LLM faults and a full disk; figures, nothing asserted.

Each scenario runs ``voyager explore`` (or the scripted LLM session of the
loop tests) as a child process, injects its faults at random points, resumes
the run whenever it stops, and then checks the run folder:

  bridge   SIGKILL the bot process N times (built-in world, offline model)
  world    SIGKILL the built-in world N times: the run stops; resume
  run      SIGKILL the whole explore (its process group) N times; resume
  llm      the learner through the fake OpenAI server, a fault on a share of
           the requests (429 bursts, 500s, timeouts, truncated and garbage
           bodies); resume whenever the run stops on an LLM error
  disk     a run folder on a small tmpfs that fills up mid-run (mock world);
           the run stops with a clear error; the tmpfs grows; resume

Figures per scenario: completed, faults, resumes, iterations redone (rounds
run again after a fault), iterations lost or doubled (from the trace),
skills lost (learned in the trace but not in the library or its index), and
the time from each fault to the next finished round.

    python benchmarks/chaos.py [--kills 2] [--iterations 12] [--seed 1]
                               [--fault-rate 0.15] [--only bridge,llm,...]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.processes import tree
from tests.fakes.openai_server import FakeOpenAIServer, RecordedRequest, _Fault
from tests.loop_session import ScriptedModel, build_learner
from voyager.config import load_settings
from voyager.embedders import make_embedder
from voyager.events import Event, Round
from voyager.library import SkillLibrary
from voyager.rundir import RunFolder

ROOT = Path(__file__).resolve().parent.parent
LLM_TIMEOUT_S = 5.0  # the scripted session's role timeout (tests/loop_session.py)
ROUND_TIMEOUT_S = 300.0  # one round in the built-in world, with a restart in it
SCENARIO_TIMEOUT_S = 1800.0
ENV = {**os.environ, "ORT_DISABLE_TELEMETRY": "1", "ANONYMIZED_TELEMETRY": "False"}


@dataclass
class Figures:
    scenario: str
    completed: bool = False
    faults: int = 0
    resumes: int = 0
    rounds_run: int = 0
    iterations: int = 0
    lost: int = 0
    doubled: int = 0
    skills_lost: int = 0
    recover_s: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def redone(self) -> int:
        return max(0, self.rounds_run - self.iterations)

    def row(self) -> str:
        recover = (
            f"{statistics.median(self.recover_s):6.1f} {max(self.recover_s):6.1f}"
            if self.recover_s
            else "     -      -"
        )
        return (
            f"{self.scenario:7} {'yes' if self.completed else 'NO':>4} {self.faults:6} "
            f"{self.resumes:7} {self.redone:6} {self.lost:5} {self.doubled:7} "
            f"{self.skills_lost:11} {recover}  {self.note}"
        )


HEADER = (
    "scenario  done faults resumes redone  lost doubled skills_lost rec_med rec_max  note\n"
    "                                                                  (s)     (s)"
)


class Child:
    """A run as a child process in its own process group, its JSON events read as they come."""

    def __init__(self, command: list[str], **popen: object) -> None:
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            cwd=ROOT,
            env=ENV,
            **popen,  # type: ignore[call-overload]
        )
        self.rounds: queue.Queue[float] = queue.Queue()
        self.rounds_run = 0
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{") and json.loads(line).get("event") == "round":
                self.rounds_run += 1
                self.rounds.put(time.monotonic())

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self.stderr += [line.rstrip() for line in self.process.stderr]

    def next_round(self, timeout: float = ROUND_TIMEOUT_S) -> float | None:
        """When the next round finished, or None if the run ended (or hung) first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                return self.rounds.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.rounds.empty():
                    return None
        return None

    def pid_of(self, kind: str) -> int | None:
        return next((p.pid for p in tree(self.process.pid) if p.kind == kind), None)

    def kill_all(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def wait(self, timeout: float = SCENARIO_TIMEOUT_S) -> int:
        try:
            return int(self.process.wait(timeout=timeout))
        except subprocess.TimeoutExpired:
            self.kill_all()
            return -9


def explore_command(
    run_dir: Path, args: argparse.Namespace, *, env: str = "minecraft"
) -> list[str]:
    base = [sys.executable, "-m", "voyager", "explore", "--json"]
    if (run_dir / "config.toml").exists():
        return [*base, "--resume", str(run_dir)]
    return [
        *base,
        *("--env", env, "--llm", "offline", "--embedder", "hashing"),
        *("--iterations", str(args.iterations), "--seed", str(args.seed)),
        *("--run-dir", str(run_dir)),
    ]


def check_run(run_dir: Path, iterations: int, figures: Figures) -> None:
    """Iterations lost or doubled, and skills lost, from what the run folder holds."""
    records = list(RunFolder.open(run_dir).read_trace())
    rounds = Counter(r["iteration"] for r in records if r["event"] == "round")
    figures.iterations = len(rounds)
    figures.lost = sum(1 for i in range(1, iterations + 1) if i not in rounds)
    figures.doubled = sum(1 for n in rounds.values() if n > 1)
    figures.completed = figures.lost == 0 and max(rounds, default=0) >= iterations
    learned = {r["skill"] for r in records if r["event"] == "round" and r.get("skill")}
    embedder = make_embedder("hashing", load_settings(environ={}))
    with SkillLibrary(run_dir / "skills", embedder, read_only=True) as library:
        problems = library.check()
        figures.skills_lost = len(learned - set(library.names())) + len(problems)


def finished(run_dir: Path, iterations: int) -> bool:
    state = RunFolder.open(run_dir).load("state.json", {}) if run_dir.is_dir() else {}
    return bool(state.get("iteration", 0) >= iterations)


def kill_scenario(
    name: str, args: argparse.Namespace, scratch: Path, kill: Callable[[Child], bool]
) -> Figures:
    """Kill something ``args.kills`` times, each at a random moment after a random round;
    resume the run whenever it stops, until it has done its iterations."""
    figures, rng = Figures(name), random.Random(f"{name}:{args.seed}")
    run_dir = scratch / name
    schedule = sorted(rng.sample(range(2, args.iterations), min(args.kills, args.iterations - 2)))
    rounds_seen, fault_at = 0, None
    deadline = time.monotonic() + SCENARIO_TIMEOUT_S
    while time.monotonic() < deadline:
        child = Child(explore_command(run_dir, args))
        while (done := child.next_round()) is not None:
            rounds_seen += 1
            if fault_at is not None and done > fault_at:  # not a round that ended before it
                figures.recover_s.append(done - fault_at)
                fault_at = None
            if schedule and rounds_seen >= schedule[0]:
                schedule.pop(0)
                time.sleep(rng.uniform(0.0, 8.0))  # somewhere in the next round
                if kill(child):
                    figures.faults += 1
                    fault_at = time.monotonic()
        child.wait()
        figures.rounds_run += child.rounds_run
        if finished(run_dir, args.iterations):
            break
        figures.resumes += 1
        if fault_at is None:  # it stopped for a reason of its own: say which
            figures.note = (child.stderr or ["stopped"])[-1][:70]
    check_run(run_dir, args.iterations, figures)
    return figures


def kill_bot(child: Child) -> bool:
    return _kill(child.pid_of("bot"))


def kill_world(child: Child) -> bool:
    return _kill(child.pid_of("world"))


def kill_run(child: Child) -> bool:
    child.kill_all()
    return True


def _kill(pid: int | None) -> bool:
    if pid is None:
        return False
    os.kill(pid, signal.SIGKILL)
    return True


class FaultyServer(FakeOpenAIServer):
    """The fake OpenAI server, with a fault on ``rate`` of the requests."""

    def __init__(self, rate: float, rng: random.Random, timeout: float) -> None:
        super().__init__()
        self.rate, self.rng, self.injected = rate, rng, 0
        self.faults: list[Callable[[], None]] = [
            lambda: self.fail(429, times=3),
            lambda: self.fail(500),
            lambda: self.delay(timeout + 1),
            lambda: self.truncated(),
            lambda: self.garbage(),
        ]

    def _receive(self, request: RecordedRequest) -> _Fault | None:
        if request.method == "POST" and self.rng.random() < self.rate:
            self.injected += 1
            self.rng.choice(self.faults)()
        return super()._receive(request)


class RoundClock:
    """Hears the learner's events: counts rounds and times each recovery from a stop."""

    def __init__(self, figures: Figures) -> None:
        self.figures = figures
        self.stopped_at: float | None = None

    def __call__(self, event: Event) -> None:
        if not isinstance(event, Round):
            return
        self.figures.rounds_run += 1
        if self.stopped_at is not None:
            self.figures.recover_s.append(time.monotonic() - self.stopped_at)
            self.stopped_at = None


def llm_scenario(args: argparse.Namespace, scratch: Path) -> Figures:
    """The learner (in this process) through a faulty endpoint; resumed when it stops."""
    figures, rng = Figures("llm"), random.Random(f"llm:{args.seed}")
    iterations, run_dir = args.llm_iterations, scratch / "llm"
    clock = RoundClock(figures)
    with FaultyServer(args.fault_rate, rng, LLM_TIMEOUT_S) as server:
        server.responder = ScriptedModel()
        deadline = time.monotonic() + SCENARIO_TIMEOUT_S
        while time.monotonic() < deadline:
            learner = build_learner(run_dir, server.base_url)
            learner.listener = clock
            state = learner.explore(iterations)
            learner.library.close()
            if state.status == "done":
                break
            figures.resumes += 1
            figures.note = state.stop_reason[:70]
            clock.stopped_at = time.monotonic()
        figures.faults = server.injected
    check_run(run_dir, iterations, figures)
    return figures


def disk_scenario(args: argparse.Namespace, scratch: Path) -> Figures:
    """A run folder on a tmpfs too small for the run; it stops, the tmpfs grows, it resumes."""
    figures = Figures("disk")
    mount = scratch / "small-disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={args.disk_kb}k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        figures.note = f"skipped: cannot mount a tmpfs ({made.stderr.strip()[:50]})"
        return figures
    try:
        run_dir = mount / "run"
        options = argparse.Namespace(**{**vars(args), "iterations": args.disk_iterations})
        full = Child(explore_command(run_dir, options, env="mock"))
        full.wait()
        figures.rounds_run += full.rounds_run
        if not finished(run_dir, options.iterations):
            figures.faults = 1
            figures.note = next((line for line in full.stderr if "cannot write" in line), "")[:90]
            subprocess.run(["mount", "-o", "remount,size=512m", str(mount)], check=True)
            grown = time.monotonic()
            resumed = Child(explore_command(run_dir, options, env="mock"))
            first = resumed.next_round()
            if first is not None:
                figures.recover_s.append(first - grown)
            resumed.wait()
            figures.rounds_run += resumed.rounds_run
            figures.resumes = 1
        check_run(run_dir, options.iterations, figures)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
    return figures


SCENARIOS: dict[str, Callable[[argparse.Namespace, Path], Figures]] = {
    "bridge": lambda args, scratch: kill_scenario("bridge", args, scratch, kill_bot),
    "world": lambda args, scratch: kill_scenario("world", args, scratch, kill_world),
    "run": lambda args, scratch: kill_scenario("run", args, scratch, kill_run),
    "llm": llm_scenario,
    "disk": disk_scenario,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=2, help="faults per kill scenario")
    parser.add_argument("--iterations", type=int, default=12, help="built-in world runs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.15, help="LLM requests faulted")
    parser.add_argument("--llm-iterations", type=int, default=40)
    parser.add_argument("--disk-iterations", type=int, default=80)
    parser.add_argument("--disk-kb", type=int, default=1024, help="the small tmpfs")
    parser.add_argument("--only", default=",".join(SCENARIOS), help="scenarios to run")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; known: {', '.join(SCENARIOS)}")
    results = []
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="voyager-chaos-") as scratch:
        for name in chosen:
            began = time.monotonic()
            figures = SCENARIOS[name](args, Path(scratch))
            results.append(figures)
            print(f"{figures.row()}  ({time.monotonic() - began:.0f} s)", flush=True)
    lost = sum(f.lost + f.skills_lost for f in results)
    print(f"iterations and skills lost in all: {lost} (goal: 0)")


if __name__ == "__main__":
    main()
