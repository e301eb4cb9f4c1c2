"""The viewer: a web page on 127.0.0.1 showing the bot in its world (``bridge/viewer/main.js``).

``start_viewer`` starts the viewer process, which joins the server as a
spectator that keeps near the followed bot and serves prismarine-viewer's page;
it returns once the page is served. ``Viewer.stop()`` ends it.

>>> viewer = start_viewer("127.0.0.1", 25565, username="bot")
>>> print(viewer.url)  # open in a browser
>>> viewer.stop()
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import IO, Self

from voyager.errors import VoyagerError
from voyager.paths import bridge_dir
from voyager.process import NodeProcess, ProcessError, node_path

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0
VIEWER_USERNAME = "viewer"


class ViewerError(VoyagerError):
    """The viewer could not start; the message says why and what to do."""


class Viewer:
    """A running viewer process; ``url`` is the page to open."""

    def __init__(self, process: NodeProcess, url: str, log: IO[str] | None) -> None:
        self.process = process
        self.url = url
        self._log = log

    @property
    def running(self) -> bool:
        return self.process.alive

    def stop(self) -> None:
        """Stop the viewer (it leaves the server first); kill it if it does not stop in time."""
        self.process.stop(STOP_TIMEOUT_S)
        if self._log is not None:
            self._log.close()

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
    try:
        node = node_path()
    except ProcessError as err:
        raise ViewerError(f"the viewer needs Node.js 20 or newer: {err}") from err
    bridge = bridge_dir()
    if not (bridge / "node_modules" / "prismarine-viewer").is_dir():
        raise ViewerError(
            f"the viewer's Node packages are not installed in {bridge}; run `npm ci` there"
        )
    command = [node, str(bridge / "viewer" / "main.js")]
    command += ["--server-host", server_host, "--server-port", str(server_port)]
    command += ["--follow", username, "--username", _viewer_name(username)]
    command += ["--host", host, "--port", str(port), "--view-distance", str(view_distance)]
    log: IO[str] | None = None
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("a", encoding="utf-8")
    process = NodeProcess("viewer", command, cwd=bridge, log=log, new_session=True)
    try:
        event = process.wait_for(lambda _event: True, timeout, "starting")
    except ProcessError as err:
        event = {"event": "error", "message": str(err)}
    viewer = Viewer(process, str((event or {}).get("url", "")), log)
    if event is None or event.get("event") != "ready":
        viewer.stop()
        reason = (event or {}).get("message") or f"it did not start within {timeout:.0f} s"
        where = f"; see {log_path}" if log_path is not None else ""
        raise ViewerError(f"the viewer could not start: {reason}{where}")
    return viewer


def _viewer_name(username: str) -> str:
    """The spectator's name: distinct from the bot's, at most 16 characters."""
    return VIEWER_USERNAME if username != VIEWER_USERNAME else "viewer2"
