"""Several learners in one world: ``voyager explore --agents N``.

One run folder holds the team: the world (``world/``, the built-in world's
state), the shared library (``skills/``, unless each learner has its own) and
one subfolder per learner, ``agents/<name>/``, a run folder of its own (its
checkpoint, trace, curriculum, logs and, when separate, library), so that
``voyager report`` reads each as a run. Every learner runs in a thread of its
own, with its own bot, bot process and brain; the library is shared through
its lock, each skill records its author, and each curriculum hears what the
others completed. A learner that fails stops alone and says why; resuming
the team resumes every learner from its own checkpoint.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from voyager.checkpoint import Checkpoint
from voyager.config import Settings
from voyager.events import Event
from voyager.loop import Learner
from voyager.rundir import RunFolder
from voyager.setup import World, make_brain, open_library

AGENTS_DIR = "agents"
TeamListener = Callable[[str, Event], None]


@dataclass
class Member:
    name: str
    learner: Learner
    outcome: Checkpoint | None = None
    failure: str = ""  # why it stopped early, if it raised
    thread: threading.Thread | None = field(default=None, repr=False)


class Team:
    """The learners of one run folder, in one world."""

    def __init__(
        self,
        run: RunFolder,
        settings: Settings,
        where: World,
        listener: TeamListener | None = None,
        *,
        watch: str | None = None,
        seed_from: Path | None = None,
    ) -> None:
        """``watch``: the learner a viewer follows; ``seed_from``: a library every new library
        of the team starts from."""
        self.run = run
        self.settings = settings
        self.members: list[Member] = []
        shared = None
        if settings.agents.library == "shared":
            brain = make_brain(settings, quiet=True)
            shared = open_library(settings, run.skills_dir, brain, seed_from=seed_from)
        for name in settings.agents.names():
            own = settings.for_agent(name)
            folder = agent_folder(run.path, name)
            agent_run = RunFolder.open(folder) if folder.exists() else RunFolder.create(folder, own)
            brain = make_brain(own, quiet=True)
            if shared is None:
                library = open_library(own, agent_run.skills_dir, brain, seed_from=seed_from)
            else:
                library = shared
            env = where.env(name, agent_run.logs_dir)
            if watch == name:
                where.watch(env, agent_run.logs_dir)
            tell = _tagged(listener, name) if listener else None
            learner = Learner(
                env,
                brain,
                library,
                agent_run,
                own,
                world=f"{where.name}, {name}",
                listener=tell,
                author=name if shared is not None else "",
                others_completed=functools.partial(self.completed_by_others, name),
            )
            self.members.append(Member(name, learner))

    def completed_by_others(self, name: str) -> list[str]:
        done: list[str] = []
        for member in self.members:
            if member.name != name:
                done += [
                    t for t in list(member.learner.curriculum.state.completed) if t not in done
                ]
        return done

    def explore(self, iterations: int) -> list[Member]:
        """Every learner explores ``iterations`` iterations, all at once; returns them when all
        have stopped."""
        for member in self.members:
            member.thread = threading.Thread(
                target=self._explore, args=(member, iterations), name=member.name, daemon=True
            )
            member.thread.start()
        for member in self.members:
            assert member.thread is not None
            while member.thread.is_alive():
                member.thread.join(timeout=0.5)  # stays responsive to Ctrl-C
        return self.members

    def request_stop(self, reason: str = "stopped by the user") -> None:
        for member in self.members:
            member.learner.request_stop(reason)

    def _explore(self, member: Member, iterations: int) -> None:
        try:
            member.outcome = member.learner.explore(iterations)
        except Exception as exc:  # one learner's failure must not stop the others
            member.failure = f"{type(exc).__name__}: {exc}"


def _tagged(listener: TeamListener, name: str) -> Callable[[Event], None]:
    return lambda event: listener(name, event)


def agent_folder(run: Path, name: str) -> Path:
    return run / AGENTS_DIR / name


def agent_runs(run: Path) -> list[RunFolder]:
    """The learners' run folders of a team's run folder; none for a run of one learner."""
    folder = run / AGENTS_DIR
    if not folder.is_dir():
        return []
    return [RunFolder.open(path) for path in sorted(folder.iterdir()) if path.is_dir()]
