"""The built-in world: a survival Minecraft server (``bridge/world/server.js``) as a child process.

``EmbeddedWorld`` starts the server (a ``NodeProcess``) on 127.0.0.1 and a
free port, waits until it is ready (the server logs a test player in itself,
with minecraft-protocol, before it says so), and stops it cleanly;
``run_world_cli`` is ``voyager world start``. Every wait has a deadline and every failure says what
to do about it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from voyager.errors import VoyagerError
from voyager.paths import bridge_dir
from voyager.process import NodeProcess, ProcessError, node_path

if TYPE_CHECKING:
    from voyager.env.minecraft import MinecraftEnv

MINECRAFT_VERSION = "1.20.4"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
COMMAND_TIMEOUT_S = 10.0


class WorldError(VoyagerError, RuntimeError):
    """The built-in world could not start, answer or stop; the message says why and what to do."""


class EmbeddedWorld:
    """One built-in world server process.

    >>> with EmbeddedWorld(seed=1) as world:
    ...     print(world.host, world.port)
    """

    def __init__(
        self,
        seed: int | None,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        world_dir: Path | None = None,
        log_path: Path | None = None,
        view_distance: int = 6,
        difficulty: int = 1,
        start_timeout: float = START_TIMEOUT_S,
        warn: Callable[[str], None] | None = None,
        operators: tuple[str, ...] | list[str] = (),
        keep_inventory: bool | None = None,
    ) -> None:
        if not 0 <= port <= 65535:
            raise WorldError(f"port must be 0 (any free port) or 1-65535, not {port}")
        if not 2 <= view_distance <= 32:
            raise WorldError(f"view distance must be 2-32 chunks, not {view_distance}")
        self.seed = seed
        self.requested_port = port
        self.host = host
        self.port = 0
        self.world_dir = world_dir
        self.log_path = log_path
        self.view_distance = view_distance
        self.difficulty = difficulty
        self.start_timeout = start_timeout
        self.warn = warn or _print_warning
        self.operators = tuple(operators)
        # the keepInventory game rule; None keeps what the world has (vanilla: false)
        self.keep_inventory = keep_inventory
        # The key to the world's admin channel (bridge/world/plugins/admin.js): whoever holds
        # it can set up its own bot; nobody is an operator but ``operators``.
        self.admin_token = secrets.token_urlsafe(24)
        self.events: list[dict[str, Any]] = []
        self._process: NodeProcess | None = None

    def connect(self, **kwargs: Any) -> MinecraftEnv:
        """A ``MinecraftEnv`` for a bot in this world, set up through its admin channel."""
        from voyager.env.minecraft import MinecraftEnv

        return MinecraftEnv(self.host, self.port, admin_token=self.admin_token, **kwargs)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.alive

    def command(self) -> list[str]:
        """The command line that runs the server (node must be on PATH)."""
        try:
            node = node_path()
        except ProcessError as err:
            raise WorldError(
                f"{err} (https://nodejs.org): the built-in world needs it; "
                "or pass --server HOST:PORT to use your own server"
            ) from err
        bridge = bridge_dir()
        if not (bridge / "node_modules" / "flying-squid").is_dir():
            raise WorldError(
                f"the bridge's Node packages are not installed in {bridge}; "
                f"run `make explore` or `npm ci` in {bridge}"
            )
        args = [node, str(bridge / "world" / "server.js"), "--host", self.host]
        args += ["--port", str(self.requested_port), "--view-distance", str(self.view_distance)]
        args += ["--difficulty", str(self.difficulty)]
        if self.seed is not None:
            args += ["--seed", str(self.seed)]
        if self.world_dir is not None:
            args += ["--world-dir", str(self.world_dir)]
        if self.log_path is not None:
            args += ["--log", str(self.log_path)]
        if self.operators:
            args += ["--ops", ",".join(self.operators)]
        if self.keep_inventory is not None:
            args += ["--keep-inventory", "true" if self.keep_inventory else "false"]
        return args

    def start(self) -> Self:
        """Start the server; return once it is ready (it has taken a test login itself)."""
        if self.running:
            return self
        command = self.command()
        if self.requested_port and not _port_free(self.host, self.requested_port):
            raise WorldError(
                f"port {self.requested_port} on {self.host} is in use; "
                "choose another --port or 0 for any free port"
            )
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._process = NodeProcess(
            "world server",
            command,
            cwd=bridge_dir(),
            env={**os.environ, "VOYAGER_WORLD_ADMIN_TOKEN": self.admin_token},
            new_session=True,
            on_message=self._heard,
        )
        try:
            ready = self._wait_for("ready", self.start_timeout, "starting")
        except WorldError:
            self.stop()
            raise
        if ready is None:
            self.stop()
            raise WorldError(
                f"the world did not become ready within {self.start_timeout:.0f} s{self._tail()}"
            )
        self.port = int(ready["port"])
        if self.seed is None:
            self.seed = int(ready["seed"])
        return self

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """Stop the server (it saves the world first); kill it if it does not stop in time."""
        process, self._process = self._process, None
        return process.stop(timeout) if process is not None else None

    def wait(self, timeout: float | None = None) -> int:
        """Block until the server exits by itself; return its exit code."""
        if self._process is None:
            raise WorldError("the world is not running")
        return self._process.process.wait(timeout=timeout)

    def send_command(self, command: str) -> None:
        """Run a server console command such as ``time set day`` (no leading slash)."""
        if self._process is None or not self.running:
            raise WorldError("the world is not running")
        try:
            self._process.send(command)
        except ProcessError as err:
            raise WorldError(str(err)) from err

    def pause(self, timeout: float = COMMAND_TIMEOUT_S) -> int:
        """Stop all ticks (mobs, furnaces, hunger, daylight); return the world age in ticks.

        Connections stay open and commands still run; ``resume()`` starts the
        ticks again. Pausing a paused world changes nothing.
        """
        return int(self._run_and_confirm("pause", "paused", timeout)["age"])

    def resume(self, timeout: float = COMMAND_TIMEOUT_S) -> int:
        """Start ticking again after ``pause()``; return the world age in ticks."""
        return int(self._run_and_confirm("resume", "resumed", timeout)["age"])

    def ticks_per_second(self, timeout: float = COMMAND_TIMEOUT_S) -> float:
        """The world's tick rate over the last five seconds (20 is vanilla's; 0 when paused)."""
        return float(self._run_and_confirm("tps", "tps", timeout)["tps"])

    def inventory(self, player: str, timeout: float = COMMAND_TIMEOUT_S) -> dict[str, int]:
        """The server's copy of a connected player's inventory: item name -> count."""
        event = self._run_and_confirm(f"inventory {player}", "inventory", timeout)
        counts: dict[str, int] = {}
        for entry in event["slots"].values():
            name, count = str(entry).rsplit(" x", 1)
            counts[name] = counts.get(name, 0) + int(count)
        return counts

    def _run_and_confirm(self, command: str, event_name: str, timeout: float) -> dict[str, Any]:
        if self._process is not None:
            self._process.drain()  # answers to earlier commands (a bot's /pause) are not this one's
        self.send_command(command)
        event = self._wait_for(event_name, timeout, f"answering `{command}`")
        if event is None:
            raise WorldError(f"the world did not answer `{command}` within {timeout:.0f} s")
        return event

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _heard(self, event: dict[str, Any]) -> bool:
        self.events.append(event)
        if event.get("event") == "stuck":
            self.warn(self._stuck_message(event))
        return False

    def _stuck_message(self, event: dict[str, Any]) -> str:
        where = f"; its log is {self.log_path}" if self.log_path else ""
        return (
            f"the built-in world on {self.address} has not ticked for {event.get('seconds')} s: "
            f"mobs, furnaces and the clock stand still{where}"
        )

    def _wait_for(self, name: str, timeout: float, doing: str) -> dict[str, Any] | None:
        """The next event called ``name``, or None at the deadline; WorldError if it exits."""
        assert self._process is not None
        try:
            return self._process.wait_for(lambda e: e.get("event") == name, timeout, doing)
        except ProcessError as err:
            raise WorldError(f"{err}{self._log_tail()}") from err

    def _tail(self) -> str:
        return (self._process.tail() if self._process is not None else "") or self._log_tail()

    def _log_tail(self) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        lines = self.log_path.read_text(errors="replace").splitlines()[-20:]
        return ("; its log ends:\n" + "\n".join(lines)) if lines else ""


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def run_world_cli(argv: list[str] | None = None) -> int:
    """``voyager world start``: run the built-in world until Ctrl-C."""
    parser = argparse.ArgumentParser(
        prog="voyager world start", description="Run the built-in Minecraft world."
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="world seed (default: random, or the saved one)"
    )
    parser.add_argument("--port", type=int, default=0, help="TCP port (default: any free port)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--view-distance", type=int, default=6, help="chunks sent around a player (default: 6)"
    )
    parser.add_argument(
        "--world-dir", type=Path, default=None, help="folder that keeps the world between runs"
    )
    parser.add_argument("--log", type=Path, default=None, help="write the server log to this file")
    parser.add_argument(
        "--ops",
        default="",
        help="players to make operators, e.g. --ops alice,bob (default: nobody)",
    )
    parser.add_argument(
        "--keep-inventory",
        choices=("true", "false"),
        default="true",
        help="keepInventory: a player who dies keeps what it carries (default: true, as explore)",
    )
    args = parser.parse_args(argv)
    world = EmbeddedWorld(
        args.seed,
        port=args.port,
        host=args.host,
        world_dir=args.world_dir,
        log_path=args.log,
        view_distance=args.view_distance,
        operators=[name for name in args.ops.split(",") if name],
        keep_inventory=args.keep_inventory == "true",
    )
    try:
        world.start()
    except WorldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(
        f"World running at {world.address} (Minecraft {MINECRAFT_VERSION}, seed {world.seed}). "
        "Press Ctrl-C to stop.\n"
        f"Learn in it with: voyager explore --server {world.address} "
        f"--admin-token {world.admin_token}"
    )
    sys.stdout.flush()
    try:
        code = world.wait()
    except KeyboardInterrupt:
        print("Stopping the world...")
        world.stop()
        return 0
    print(f"error: the world server exited with code {code}", file=sys.stderr)
    return 1


def _print_warning(message: str) -> None:
    print(f"voyager: warning: {message}", file=sys.stderr, flush=True)
