"""Servers for the integration tests: each on 127.0.0.1 and a free port, stopped by its fixture."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from voyager.env.minecraft import MinecraftEnv
from voyager.process import NodeProcess

SQUID_LAUNCHER = Path(__file__).parent / "bridge" / "squid_server.js"
READY_TIMEOUT = 30.0

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    operator: bool  # the bot holds operator rights
    builtin: bool
    admin_token: str | None = None  # the built-in world's admin channel, for resets
    console: Callable[[str], None] | None = None  # runs a server console command
    events: Callable[[], list[dict[str, Any]]] | None = None  # what the server printed so far

    def env(self, username: str, log_dir: Path, **kwargs: Any) -> MinecraftEnv:
        """A bot of its own in this world; the caller closes it."""
        return MinecraftEnv(
            self.host,
            self.port,
            username=username,
            log_dir=log_dir,
            admin_token=self.admin_token,
            **kwargs,
        )


def _require_node() -> None:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the bridge needs Node >= 20")


def _start_squid(extra: list[str]) -> tuple[NodeProcess, int]:
    process = NodeProcess("flying-squid", ["node", str(SQUID_LAUNCHER), *extra], cwd=Path.cwd())
    ready = process.wait_for(lambda m: "port" in m, READY_TIMEOUT, "starting")
    if ready is None:
        process.kill()
        raise RuntimeError(f"flying-squid did not start within {READY_TIMEOUT} s")
    return process, int(ready["port"])


def _stop(process: NodeProcess) -> None:
    process.stop(10, stdin_first=True)


@pytest.fixture(scope="session")
def squid_server() -> Iterator[Server]:
    """Stock flying-squid, everybody op: movement, digging, placing, chat, /give, /tp."""
    _require_node()
    process, port = _start_squid([])
    yield Server("127.0.0.1", port, operator=True, builtin=False)
    _stop(process)


@pytest.fixture(scope="session")
def squid_server_without_op() -> Iterator[Server]:
    """Stock flying-squid where the bot is no operator: its commands are refused."""
    _require_node()
    process, port = _start_squid(["--no-op"])
    yield Server("127.0.0.1", port, operator=False, builtin=False)
    _stop(process)


@pytest.fixture(scope="session")
def builtin_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The built-in world (bridge/world/server.js): crafting, smelting, chests, mobs."""
    _require_node()
    from voyager.env.world import EmbeddedWorld, WorldError

    folder = tmp_path_factory.mktemp("world")
    world = EmbeddedWorld(seed=7, world_dir=folder / "world", log_path=folder / "world.log")
    try:
        world.start()
    except WorldError as err:  # a broken world must fail the suite, never hide in a skip
        pytest.fail(f"the built-in world did not start: {err}")
    yield Server(
        world.host,
        world.port,
        operator=False,
        builtin=True,
        admin_token=world.admin_token,
        console=world.send_command,
        events=lambda: list(world.events),
    )
    world.stop()
