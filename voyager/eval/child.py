"""One trial's child process: the public command, its JSON events read line by line.

The child runs in a session of its own, so a Ctrl-C at the terminal reaches
only the eval, which passes exactly one SIGINT on (the child then finishes its
round, saves and stops, resumable). On Linux the child is killed when the
thread that started it dies, so a killed eval leaves no trial running behind
it to race the resumed one; the child's own bot and world end when their
stdin closes, as they do for any killed run.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1
STDERR_TAIL_LINES = 12

Record = dict[str, Any]

_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()


def run_child(
    argv: list[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    log_path: Path,
    on_record: Callable[[Record], None],
) -> int:
    """Run ``argv`` to its end; each JSON line of its stdout goes to ``on_record``, its stderr
    (and any other stdout line) to ``log_path``. Returns the exit code."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
            cwd=cwd,
            env=dict(env),
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        with _running_lock:
            _running.add(process)
        try:
            assert process.stdout is not None
            for line in process.stdout:
                record = _record(line)
                if record is None:
                    log.write(line)
                    log.flush()
                else:
                    on_record(record)
            return process.wait()
        except BaseException:
            stop_child(process)
            raise
        finally:
            with _running_lock:
                _running.discard(process)


def interrupt_children() -> None:
    """Ask every running child to finish its round, save and stop (one SIGINT each)."""
    with _running_lock:
        children = list(_running)
    for process in children:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGINT)


def stop_child(process: subprocess.Popen[bytes], grace_s: float = 60.0) -> None:
    """Interrupt a child, wait for it to save, kill it if it does not end in time."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def stderr_tail(log_path: Path, lines: int = STDERR_TAIL_LINES) -> str:
    """The last lines of a child's log, for a failed trial's report."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def _record(line: bytes) -> Record | None:
    text = line.strip()
    if not text.startswith(b"{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) and "event" in value else None


def _die_with_parent() -> None:  # pragma: no cover - runs in the forked child
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
