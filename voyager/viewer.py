"""The viewer: a web page on 127.0.0.1 showing the bot in its world (``bridge/viewer/main.js``).

``start_viewer`` starts the viewer process, which joins the server as a
spectator that keeps near the followed bot and serves prismarine-viewer's page;
it returns once the page is served. ``Viewer.stop()`` ends it.

>>> viewer = start_viewer("127.0.0.1", 25565, username="bot")
>>> print(viewer.url)  # open in a browser
>>> viewer.stop()
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from voyager.errors import VoyagerError
from voyager.paths import bridge_dir

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0
VIEWER_USERNAME = "viewer"


class ViewerError(VoyagerError):
    """The viewer could not start; the message says why and what to do."""


class Viewer:
    """A running viewer process; ``url`` is the page to open."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, log: IO[bytes] | None) -> None:
        self.process = process
        self.url = url
        self._log = log

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Stop the viewer (it leaves the server first); kill it if it does not stop in time."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT_S)
        for stream in (self.process.stdin, self.process.stdout, self._log):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_viewer(
    server_host: str,
    server_port: int,
    *,
    username: str = "bot",
    log_path: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    view_distance: int = 6,
    timeout: float = START_TIMEOUT_S,
) -> Viewer:
    """Start a viewer of the bot ``username`` on the server; serve it on ``host:port`` (0: any)."""
    node = shutil.which("node")
    if node is None:
        raise ViewerError("the viewer needs Node.js 20 or newer on PATH (https://nodejs.org)")
    bridge = bridge_dir()
    if not (bridge / "node_modules" / "prismarine-viewer").is_dir():
        raise ViewerError(
            f"the viewer's Node packages are not installed in {bridge}; run `npm ci` there"
        )
    command = [node, str(bridge / "viewer" / "main.js")]
    command += ["--server-host", server_host, "--server-port", str(server_port)]
    command += ["--follow", username, "--username", _viewer_name(username)]
    command += ["--host", host, "--port", str(port), "--view-distance", str(view_distance)]
    log: IO[bytes] | None = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("ab")
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log if log is not None else subprocess.DEVNULL,
        cwd=str(bridge),
        start_new_session=True,
    )
    event = _first_event(process, timeout)
    viewer = Viewer(process, str(event.get("url", "")), log)
    if event.get("event") != "ready":
        viewer.stop()
        reason = event.get("message") or f"it did not start within {timeout:.0f} s"
        where = f"; see {log_path}" if log_path is not None else ""
        raise ViewerError(f"the viewer could not start: {reason}{where}")
    return viewer


def _viewer_name(username: str) -> str:
    """The spectator's name: distinct from the bot's, at most 16 characters."""
    return VIEWER_USERNAME if username != VIEWER_USERNAME else "viewer2"


def _first_event(process: subprocess.Popen[bytes], timeout: float) -> dict[str, object]:
    """The first JSON line the viewer prints, or an error event if there is none in time."""
    found: list[dict[str, object]] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            with contextlib.suppress(ValueError):
                found.append(json.loads(line))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while reader.is_alive() and time.monotonic() < deadline:
        reader.join(timeout=0.1)
    if found:
        return found[0]
    if process.poll() is not None:
        return {"event": "error", "message": f"the process exited with code {process.returncode}"}
    return {"event": "error", "message": f"no answer within {timeout:.0f} s"}
