"""What a command puts together before it runs: the brain, the skill library, the world.

``make_brain`` picks the configured endpoints or the offline model;
``open_library`` opens a run's library (seeded from another when asked);
``environment`` starts the env the settings name (the mock, the built-in
world, or a server) and closes it after.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyager.config import Settings
from voyager.errors import VoyagerError

if TYPE_CHECKING:
    from voyager.agents.brain import Brain
    from voyager.library import SkillLibrary


class SetupError(VoyagerError):
    """A run that cannot be put together as asked, with what to do instead."""


def make_brain(settings: Settings) -> Brain:
    """What answers the agents: the configured endpoints, or the offline model (said so)."""
    if settings.uses_endpoints():
        from voyager.agents.brain import ChatBrain
        from voyager.llm import OpenAIChatModel

        return ChatBrain(OpenAIChatModel(settings))
    from voyager.offline import OfflineBrain

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


@contextlib.contextmanager
def environment(
    settings: Settings,
    run: Any,
    *,
    viewer: bool = False,
    admin_token: str | None = None,
) -> Iterator[tuple[Any, str]]:
    """The env of the settings (``explore.env``, ``explore.server``) and a one-line name for
    its world; the env (and a built-in world) close after."""
    seed, kind, server = (
        settings.explore.seed,
        settings.explore.env,
        settings.explore.server_address(),
    )
    if viewer and kind == "mock":
        raise SetupError("--viewer needs a Minecraft world; the mock world has nothing to show")
    with contextlib.ExitStack() as stack:
        env: Any
        if kind == "mock":
            from voyager.env.mock import MockMinecraftEnv

            env = MockMinecraftEnv(seed=seed, step_limits=settings.step_limits)
            name = f"mock seed {seed}"
        else:
            from voyager.env.minecraft import MinecraftEnv

            name = f"server {server[0]}:{server[1]}" if server else f"built-in seed {seed}"
            options: dict[str, Any] = {
                "log_dir": run.logs_dir,
                "pause_between_steps": settings.explore.pause_world,
                "step_limits": settings.step_limits,
            }
            if server is None:
                from voyager.env.world import EmbeddedWorld

                world = stack.enter_context(
                    EmbeddedWorld(
                        seed, world_dir=run.path / "world", log_path=run.logs_dir / "world.log"
                    )
                )
                env = world.connect(**options)
            else:
                env = MinecraftEnv(*server, admin_token=admin_token, **options)
        stack.callback(env.close)
        if viewer:
            stack.callback(_start_viewer(env, run).stop)
        yield env, name


def _start_viewer(env: Any, run: Any) -> Any:
    from voyager.viewer import start_viewer

    view = start_viewer(
        env.host, env.port, username=env.username, log_path=run.logs_dir / "viewer.log"
    )
    print(f"voyager: watch the bot at {view.url}", file=sys.stderr)
    return view
