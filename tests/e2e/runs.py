"""Whole-run test helpers: start ``voyager explore`` as a subprocess, stop it, read its run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXIT_TIMEOUT_S = 60.0


def explore(*args: str, log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``voyager explore ARGS --json`` in the background, its output appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "voyager", "explore", *args, "--json"],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )


def descendants(pid: int) -> list[int]:
    """The processes started by ``pid``, their children, and so on (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the run; its world and bot processes must then end by themselves (stdin closed).

    Any that are still there after ``EXIT_TIMEOUT_S`` are killed too (they were
    started by this test), and the test is told so.
    """
    started = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=EXIT_TIMEOUT_S)
    deadline = time.monotonic() + EXIT_TIMEOUT_S
    while time.monotonic() < deadline and any(alive(pid) for pid in started):
        time.sleep(0.2)
    left = [pid for pid in started if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes {left} outlived the killed run by {EXIT_TIMEOUT_S:.0f} s"


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a run the test started, if it is still running (after a failure)."""
    if process.poll() is None:
        started = descendants(process.pid)
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def wait_for_checkpoint(
    run: Path, process: subprocess.Popen[bytes], iteration: int, timeout: float
) -> int:
    """Wait until the run's checkpoint (state.json) is at ``iteration`` or later; return it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = checkpoint(run)
        if state.get("iteration", 0) >= iteration:
            return int(state["iteration"])
        assert process.poll() is None, f"the run ended (code {process.returncode}) before that"
        time.sleep(0.2)
    raise AssertionError(f"no checkpoint at iteration {iteration} within {timeout:.0f} s")


def checkpoint(run: Path) -> dict[str, Any]:
    try:
        state: dict[str, Any] = json.loads((run / "state.json").read_text())
    except (OSError, ValueError):  # not written yet (it is replaced atomically)
        return {}
    return state


def trace(run: Path) -> list[dict[str, Any]]:
    lines = (run / "trace.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def rounds(run: Path) -> list[dict[str, Any]]:
    return [record for record in trace(run) if record["event"] == "round"]


def repeated(values: list[Any]) -> list[Any]:
    return [value for value, count in Counter(values).items() if count > 1]


def skill_versions(run: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every stored version of every skill in the run's library, as (name, record)."""
    index = json.loads((run / "skills" / "index.json").read_text())
    return [(name, version) for name, versions in index["skills"].items() for version in versions]


def check_skills_come_from_successful_rounds(run: Path) -> None:
    """Each stored skill version comes from a successful round of the trace, once; none is lost.

    A round that learns code already stored adds no version (same code is a
    no-op), so a round's skill may match an earlier version of that name.
    """
    learned = [(r["iteration"], r["skill"]) for r in rounds(run) if r.get("skill")]
    assert all(r["success"] for r in rounds(run) if r.get("skill")), "a failed round stored a skill"
    versions = [(v["iteration"], name) for name, v in skill_versions(run)]
    assert not repeated(versions), f"versions stored twice: {repeated(versions)}"
    assert set(versions) <= set(learned), f"versions {set(versions) - set(learned)} not in trace"
    assert {name for _, name in learned} == {name for _, name in versions}
    hashes = [v["sha256"] for _, v in skill_versions(run)]
    assert not repeated(hashes), "the same code was stored as two versions"
    for name, _version in skill_versions(run):
        assert (run / "skills" / f"{name}.js").is_file(), f"{name}.js is missing"
