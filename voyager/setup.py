"""What a command puts together before it runs: the brain, the skill library, the world.

``make_brain`` picks the configured endpoints or the offline model;
``open_library`` opens a run's library (seeded from another when asked);
``world`` starts the world the settings name (the mock, the built-in world,
or a server), which makes an env for each bot; ``environment`` is one bot's.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyager.config import Settings
from voyager.errors import VoyagerError

if TYPE_CHECKING:
    from voyager.agents.brain import Brain
    from voyager.env.base import VoyagerEnv
    from voyager.library import SkillLibrary


class SetupError(VoyagerError):
    """A run that cannot be put together as asked, with what to do instead."""


def make_brain(settings: Settings, *, quiet: bool = False) -> Brain:
    """What answers the agents: the configured endpoints, or the offline model (said so,
    unless ``quiet``)."""
    if settings.uses_endpoints():
        from voyager.agents.brain import ChatBrain
        from voyager.llm import OpenAIChatModel

        return ChatBrain(OpenAIChatModel(settings))
    from voyager.offline import OfflineBrain

    if not quiet:
        print("voyager: no LLM endpoint configured; using the offline model", file=sys.stderr)
    return OfflineBrain()


def open_library(
    settings: Settings,
    folder: Path,
    brain: Brain,
    *,
    seed_from: Path | None = None,
    read_only: bool = False,
) -> SkillLibrary:
    from voyager.embedders import make_embedder
    from voyager.library import SkillLibrary

    embed_fn = brain.embed if settings.library.embedder == "openai" else None
    embedder = make_embedder(settings.library.embedder, settings, embed_fn=embed_fn)
    library = SkillLibrary(
        folder, embedder, chroma_url=settings.library.chroma_url, read_only=read_only
    )
    if seed_from is not None and len(library) == 0:
        if not seed_from.is_dir():
            raise SetupError(f"--skills {seed_from}: no such library folder")
        library.import_library(seed_from)
    return library


class World:
    """Where a run's bots play: it makes one env per bot, and is named in one line."""

    def __init__(
        self,
        settings: Settings,
        name: str,
        make: Callable[[str, Path], VoyagerEnv],
        stack: contextlib.ExitStack,
        console: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.name = name
        self.console = console  # runs a server console command; the built-in world only
        self._make = make
        self._stack = stack

    def env(self, username: str, log_dir: Path) -> VoyagerEnv:
        """An env for the bot ``username``, its logs in ``log_dir``; closed with the world."""
        env = self._make(username, log_dir)
        self._stack.callback(env.close)
        return env

    def watch(self, env: Any, log_dir: Path) -> None:
        """A viewer of ``env``'s bot, stopped with the world."""
        from voyager.viewer import start_viewer

        view = start_viewer(
            env.host, env.port, username=env.username, log_path=log_dir / "viewer.log"
        )
        self._stack.callback(view.stop)
        print(f"voyager: watch {env.username} at {view.url}", file=sys.stderr)


@contextlib.contextmanager
def world(settings: Settings, run: Any, *, admin_token: str | None = None) -> Iterator[World]:
    """The world the settings name (``explore.env``, ``explore.server``): the mock (one world
    per bot), the built-in world (started here, in ``run``'s folder), or a server."""
    seed, kind, server = (
        settings.explore.seed,
        settings.explore.env,
        settings.explore.server_address(),
    )
    with contextlib.ExitStack() as stack:
        if kind == "mock":
            from voyager.env.mock import MockMinecraftEnv

            def mock(_username: str, _logs: Path) -> VoyagerEnv:
                return MockMinecraftEnv(seed=seed, step_limits=settings.step_limits)

            yield World(settings, f"mock seed {seed}", mock, stack)
            return
        options: dict[str, Any] = {
            "pause_between_steps": settings.explore.pause_world,
            "step_limits": settings.step_limits,
            "view_distance": settings.explore.view_distance,
        }
        if server is None:
            from voyager.env.world import EmbeddedWorld

            embedded = stack.enter_context(
                EmbeddedWorld(
                    seed,
                    world_dir=run.path / "world",
                    log_path=run.logs_dir / "world.log",
                    keep_inventory=settings.explore.keep_inventory,
                )
            )

            def builtin(username: str, logs: Path) -> VoyagerEnv:
                return embedded.connect(username=username, log_dir=logs, **options)

            yield World(
                settings, f"built-in seed {seed}", builtin, stack, console=embedded.send_command
            )
            return
        from voyager.env.minecraft import MinecraftEnv

        def remote(username: str, logs: Path) -> VoyagerEnv:
            return MinecraftEnv(
                *server, username=username, log_dir=logs, admin_token=admin_token, **options
            )

        yield World(settings, f"server {server[0]}:{server[1]}", remote, stack)


@contextlib.contextmanager
def environment(
    settings: Settings,
    run: Any,
    *,
    viewer: bool = False,
    admin_token: str | None = None,
) -> Iterator[tuple[VoyagerEnv, str]]:
    """One bot's env in the world of the settings, and a one-line name for the world; the env
    (and a built-in world) close after."""
    if viewer and settings.explore.env == "mock":
        raise SetupError("--viewer needs a Minecraft world; the mock world has nothing to show")
    with world(settings, run, admin_token=admin_token) as where:
        env = where.env("bot", run.logs_dir)
        if viewer:
            where.watch(env, run.logs_dir)
        yield env, where.name
