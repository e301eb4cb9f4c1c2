"""The built-in world: a survival Minecraft server (``bridge/world/server.js``) as a child process.

``EmbeddedWorld`` starts the server on 127.0.0.1 and a free port, waits until
it is ready and accepts a login, and stops it cleanly; ``run_world_cli`` is
``voyager world start``. Every wait has a deadline and every failure says what
to do about it.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import queue
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Self

from voyager.errors import VoyagerError
from voyager.paths import bridge_dir

if TYPE_CHECKING:
    from voyager.env.minecraft import MinecraftEnv

MINECRAFT_VERSION = "1.20.4"
PROTOCOL_VERSION = 765
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
LOGIN_TIMEOUT_S = 10.0
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
        # The key to the world's admin channel (bridge/world/plugins/admin.js): whoever holds
        # it can set up its own bot; nobody is an operator but ``operators``.
        self.admin_token = secrets.token_urlsafe(24)
        self.events: list[dict[str, Any]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=60)
        self._threads: list[threading.Thread] = []

    def connect(self, **kwargs: Any) -> MinecraftEnv:
        """A ``MinecraftEnv`` for a bot in this world, set up through its admin channel."""
        from voyager.env.minecraft import MinecraftEnv

        return MinecraftEnv(self.host, self.port, admin_token=self.admin_token, **kwargs)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The command line that runs the server (node must be on PATH)."""
        node = shutil.which("node")
        if node is None:
            raise WorldError(
                "Node.js is not installed or not on PATH; the built-in world needs Node 20 or "
                "newer (https://nodejs.org), or pass --server HOST:PORT to use your own server"
            )
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
        return args

    def start(self) -> Self:
        """Start the server; return once it is ready and has accepted a test login."""
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
        started = time.monotonic()
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(bridge_dir()),
            start_new_session=True,
            env={**os.environ, "VOYAGER_WORLD_ADMIN_TOKEN": self.admin_token},
        )
        self._follow(self._process.stdout, self._read_events)
        self._follow(self._process.stderr, self._read_stderr)
        try:
            ready = self._wait_for("ready", deadline=started + self.start_timeout)
        except WorldError as err:
            raise WorldError(f"{err} before it was ready") from err
        if ready is None:
            self.stop()
            raise WorldError(
                f"the world did not become ready within {self.start_timeout:.0f} s" + self._tail()
            )
        self.port = int(ready["port"])
        if self.seed is None:
            self.seed = int(ready["seed"])
        try:
            check_login(self.host, self.port, timeout=LOGIN_TIMEOUT_S)
        except (OSError, WorldError) as err:
            self.stop()
            raise WorldError(
                f"the world at {self.address} started but refused a login: {err}"
            ) from err
        return self

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> int | None:
        """Stop the server (it saves the world first); kill it if it does not stop in time."""
        process = self._process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=timeout)
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        for thread in self._threads:
            thread.join(timeout=2)
        self._process = None
        return process.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Block until the server exits by itself; return its exit code."""
        if self._process is None:
            raise WorldError("the world is not running")
        return self._process.wait(timeout=timeout)

    def send_command(self, command: str) -> None:
        """Run a server console command such as ``time set day`` (no leading slash)."""
        if self._process is None or self._process.stdin is None or not self.running:
            raise WorldError("the world is not running")
        self._process.stdin.write(command.encode() + b"\n")
        self._process.stdin.flush()

    def pause(self, timeout: float = COMMAND_TIMEOUT_S) -> int:
        """Stop all ticks (mobs, furnaces, hunger, daylight); return the world age in ticks.

        Connections stay open and commands still run; ``resume()`` starts the
        ticks again. Pausing a paused world changes nothing.
        """
        return int(self._run_and_confirm("pause", "paused", timeout)["age"])

    def resume(self, timeout: float = COMMAND_TIMEOUT_S) -> int:
        """Start ticking again after ``pause()``; return the world age in ticks."""
        return int(self._run_and_confirm("resume", "resumed", timeout)["age"])

    def inventory(self, player: str, timeout: float = COMMAND_TIMEOUT_S) -> dict[str, int]:
        """The server's copy of a connected player's inventory: item name -> count."""
        event = self._run_and_confirm(f"inventory {player}", "inventory", timeout)
        counts: dict[str, int] = {}
        for entry in event["slots"].values():
            name, count = str(entry).rsplit(" x", 1)
            counts[name] = counts.get(name, 0) + int(count)
        return counts

    def _run_and_confirm(self, command: str, event_name: str, timeout: float) -> dict[str, Any]:
        while True:  # drop answers to earlier commands (a bot's /pause), keep the end mark
            try:
                stale = self._lines.get_nowait()
            except queue.Empty:
                break
            if stale is None:
                self._lines.put(None)
                break
        self.send_command(command)
        event = self._wait_for(event_name, deadline=time.monotonic() + timeout)
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

    def _follow(self, stream: IO[bytes] | None, reader: Any) -> None:
        thread = threading.Thread(target=reader, args=(stream,), daemon=True)
        thread.start()
        self._threads.append(thread)

    def _read_events(self, stream: IO[bytes]) -> None:
        for raw in stream:
            try:
                event = json.loads(raw)
            except ValueError:
                self._stderr_tail.append(raw.decode(errors="replace").rstrip())
                continue
            if isinstance(event, dict):
                self.events.append(event)
                self._lines.put(event)
                if event.get("event") == "stuck":
                    self.warn(self._stuck_message(event))
        self._lines.put(None)

    def _stuck_message(self, event: dict[str, Any]) -> str:
        where = f"; its log is {self.log_path}" if self.log_path else ""
        return (
            f"the built-in world on {self.address} has not ticked for {event.get('seconds')} s: "
            f"mobs, furnaces and the clock stand still{where}"
        )

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for raw in stream:
            self._stderr_tail.append(raw.decode(errors="replace").rstrip())

    def _wait_for(self, name: str, deadline: float) -> dict[str, Any] | None:
        """The next event called ``name``, or None at the deadline; raises if the server exits."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                event = self._lines.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            if event is None:
                code = self._process.wait(timeout=5) if self._process else None
                self._process = None
                raise WorldError(f"the world server exited (code {code}){self._tail()}")
            if event.get("event") == name:
                return event

    def _tail(self) -> str:
        lines = [line for line in self._stderr_tail if line.strip()]
        if not lines and self.log_path is not None and self.log_path.exists():
            lines = self.log_path.read_text(errors="replace").splitlines()[-20:]
        return ("; last output:\n" + "\n".join(lines[-20:])) if lines else ""


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


# --- a minimal Minecraft login, to check that the server accepts one ---------


def _varint(value: int) -> bytes:
    out = bytearray()
    value &= 0xFFFFFFFF
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _string(text: str) -> bytes:
    data = text.encode()
    return _varint(len(data)) + data


def _read_varint(read: Callable[[int], bytes]) -> int:
    result = 0
    for shift in range(0, 35, 7):
        byte = read(1)[0]
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result
    raise WorldError("bad varint from server")


def check_login(
    host: str, port: int, *, timeout: float = LOGIN_TIMEOUT_S, name: str = "voyager_probe"
) -> None:
    """Log in far enough to be accepted (login success), then hang up.

    Raises WorldError with the server's reason if it refuses or does not answer.
    """
    with socket.create_connection((host, port), timeout=timeout) as sock:
        reader = sock.makefile("rb")

        def read(n: int) -> bytes:
            data = reader.read(n)
            if len(data) < n:
                raise WorldError("the server closed the connection during login")
            return data

        def send(packet: bytes) -> None:
            sock.sendall(_varint(len(packet)) + packet)

        handshake = (
            _varint(0)
            + _varint(PROTOCOL_VERSION)
            + _string(host)
            + struct.pack(">H", port)
            + _varint(2)
        )
        send(handshake)
        send(_varint(0) + _string(name) + uuid.uuid3(uuid.NAMESPACE_DNS, name).bytes)
        compressed = False
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            length = _read_varint(read)
            body = read(length)
            if compressed:
                inner = memoryview(body)
                size, offset = _decode_varint(inner)
                body = zlib.decompress(bytes(inner[offset:])) if size else bytes(inner[offset:])
            packet_id, offset = _decode_varint(memoryview(body))
            if packet_id == 0x02:
                return
            if packet_id == 0x03:
                compressed = True
            elif packet_id == 0x00:
                raise WorldError(f"login refused: {body[offset:].decode(errors='replace')}")
            elif packet_id == 0x01:
                raise WorldError(
                    "the server is in online mode; the built-in world must run offline"
                )
        raise WorldError(f"no login answer within {timeout:.0f} s")


def _decode_varint(data: memoryview) -> tuple[int, int]:
    result = 0
    for i in range(5):
        byte = data[i]
        result |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return result, i + 1
    raise WorldError("bad varint from server")


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
    args = parser.parse_args(argv)
    world = EmbeddedWorld(
        args.seed,
        port=args.port,
        host=args.host,
        world_dir=args.world_dir,
        log_path=args.log,
        view_distance=args.view_distance,
        operators=[name for name in args.ops.split(",") if name],
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
