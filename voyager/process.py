"""Node child processes, kept one way: start, a ready line, JSON lines, a stderr tail, a stop.

Every Node process Voyager starts (the bot process, the built-in world, the
viewer) speaks JSON lines on stdout and logs on stderr. ``NodeProcess`` runs
one: stdout lines that parse as JSON objects go to a queue (or to an
``on_message`` hook that may keep them), other stdout lines and all of stderr
go to the log, and the last stderr lines are kept for error messages.
``wait_for`` waits for a message with a deadline and reports an exit at once;
``stop`` asks the process to end and kills it (and its process group) if it
does not in time.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

from voyager.errors import VoyagerError

STDERR_KEPT = 60
POLL_S = 0.1
# Lines Node and mineflayer print that say nothing about why a process failed.
NOISE = ("ExperimentalWarning", "--trace-warnings", "deprecated event (physicTick)")

Message = dict[str, Any]


class ProcessError(VoyagerError, RuntimeError):
    """A child process that could not start, exited, or did not answer; the message says which."""


class ProcessExited(ProcessError):
    """The process ended while something waited for it."""


def node_path() -> str:
    """The ``node`` program, or a ProcessError that says how to get it."""
    node = shutil.which("node")
    if node is None:
        raise ProcessError("Node.js is not installed or not on PATH; install Node 20 or newer")
    return node


class NodeProcess:
    """One child process with JSON lines on stdout, logs on stderr and commands on stdin."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        *,
        cwd: Path,
        log: IO[str] | None = None,
        env: Mapping[str, str] | None = None,
        new_session: bool = False,
        on_message: Callable[[Message], bool] | None = None,
    ) -> None:
        """``on_message`` sees each JSON message first; True keeps it out of the queue."""
        self.name = name
        self._log = log
        self._log_lock = threading.Lock()
        self._on_message = on_message
        self._messages: queue.Queue[Message | None] = queue.Queue()
        self._stderr: collections.deque[str] = collections.deque(maxlen=STDERR_KEPT)
        self._new_session = new_session
        try:
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                bufsize=1,
                cwd=str(cwd),
                env=dict(env) if env is not None else None,
                start_new_session=new_session,
            )
        except OSError as err:
            raise ProcessError(f"cannot start the {name} ({argv[0]}): {err}") from err
        self._threads = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def wait_for(
        self,
        matches: Callable[[Message], bool],
        timeout: float,
        doing: str,
        watch: Callable[[], None] | None = None,
    ) -> Message | None:
        """The next message that ``matches``, or None after ``timeout`` seconds.

        Raises ProcessExited if the process ends first; ``watch`` is called
        between polls and may raise to give up early (a stopped heartbeat).
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self._messages.get(timeout=POLL_S)
            except queue.Empty:
                message = {}
            if message is None:
                self._messages.put(None)  # later waits see the exit too
                raise ProcessExited(self.exit_message(doing))
            if message and matches(message):
                return message
            if watch is not None:
                watch()
        return None

    def drain(self) -> None:
        """Forget the messages not waited for yet."""
        with contextlib.suppress(queue.Empty):
            while True:
                if self._messages.get_nowait() is None:
                    self._messages.put(None)
                    return

    def send(self, line: str) -> None:
        """One line on the process's stdin; ProcessExited if it cannot take it."""
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        except (OSError, ValueError) as err:
            raise ProcessExited(self.exit_message(f"sending {line[:40]!r}")) from err

    def exit_message(self, doing: str) -> str:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=2)
        return f"the {self.name} exited (code {self.process.returncode}) while {doing}{self.tail()}"

    def tail(self, lines: int = 12) -> str:
        """The last lines it wrote to stderr, as the end of an error message."""
        kept = [line for line in self._stderr if line.strip() and not any(n in line for n in NOISE)]
        return ("; its last output:\n" + "\n".join(kept[-lines:])) if kept else ""

    def stop(self, timeout: float, *, stdin_first: bool = False) -> int | None:
        """End the process: close its stdin (if asked) or SIGTERM it; kill it after ``timeout``."""
        if self.alive:
            if stdin_first:
                self._close(self.process.stdin)
            else:
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close(self.process.stdin)
        for thread in self._threads:
            thread.join(timeout=2)
        return self.process.returncode

    def kill(self) -> None:
        if self.alive:
            if self._new_session:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if not isinstance(message, dict):
                self._write_log(f"[stdout] {line.rstrip()}")
            elif self._on_message is None or not self._on_message(message):
                self._messages.put(message)
        self._messages.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line.rstrip())
            self._write_log(line.rstrip())

    def _write_log(self, text: str) -> None:
        if self._log is None:
            return
        with self._log_lock, contextlib.suppress(ValueError):
            self._log.write(text + "\n")
            self._log.flush()

    @staticmethod
    def _close(stream: IO[str] | None) -> None:
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()
