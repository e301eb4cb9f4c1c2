"""The ``voyager`` command: explore, skills, run, report, eval, export, world."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voyager.config import Settings, load_settings
from voyager.errors import VoyagerError
from voyager.eval.commands import add_commands as add_eval_commands
from voyager.setup import environment, make_brain, open_library

if TYPE_CHECKING:
    pass

ADMIN_TOKEN_HELP = (
    "the admin token `voyager world start` printed, for a built-in world given by --server"
)


class UsageError(VoyagerError):
    """A command line that cannot be carried out, with what to do instead."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    parser = _parser()
    # `world start` passes its options on whole; argparse's REMAINDER refuses a leading "--seed"
    args, unknown = parser.parse_known_args(argv)
    if unknown and getattr(args, "handler", None) is not _world_start:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if unknown:
        args.rest = [*unknown, *args.rest]
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        result: int = args.handler(args)
        return result
    except VoyagerError as exc:
        print(f"voyager: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("voyager: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voyager", description=__doc__)
    parser.add_argument("--config", type=Path, help="settings file (default: ./voyager.toml)")
    commands = parser.add_subparsers(title="commands")

    explore = commands.add_parser(
        "explore", help="lifelong learning: propose, write, verify, store"
    )
    explore.add_argument("--env", choices=("minecraft", "mock"), help="default: minecraft")
    explore.add_argument(
        "--server", help="HOST:PORT of a Minecraft server (default: built-in world)"
    )
    explore.add_argument("--admin-token", help=ADMIN_TOKEN_HELP)
    explore.add_argument("--llm", choices=("auto", "openai", "offline"))
    explore.add_argument("--iterations", type=int)
    explore.add_argument("--seed", type=int)
    explore.add_argument("--max-cost", type=float, help="stop cleanly once this many USD are spent")
    explore.add_argument("--run-dir", type=Path, help="new run folder (default: runs/<date-time>)")
    explore.add_argument("--resume", type=Path, metavar="RUN", help="continue a stopped run")
    explore.add_argument("--skills", type=Path, metavar="DIR", help="start from this skill library")
    explore.add_argument("--embedder", choices=("minilm", "hashing", "openai"))
    explore.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    explore.add_argument(
        "--viewer",
        nargs="?",
        const="",
        metavar="BOT",
        help="watch the bot (or, with --agents, the learner BOT, default bot1) in a browser",
    )
    explore.add_argument("--agents", type=int, help="learners in one world (default 1)")
    explore.add_argument(
        "--library",
        choices=("shared", "separate"),
        help="with --agents: one skill library for all (default) or one each",
    )
    explore.set_defaults(handler=_explore)

    skills = commands.add_parser("skills", help="inspect and manage a skill library")
    skill_commands = skills.add_subparsers(title="skills commands")
    for name, handler, help_text in (
        ("list", _skills_list, "list the skills of a library"),
        ("show", _skills_show, "show one skill's description and code"),
        ("export", _skills_export, "copy a library to a folder"),
        ("import", _skills_import, "add the skills of an exported library"),
        ("reindex", _skills_reindex, "rebuild the search index from the skill files"),
        ("test", _skills_test, "run every skill from the inventory its task needs"),
    ):
        sub = skill_commands.add_parser(name, help=help_text)
        sub.add_argument("library", type=Path, help="the library folder (e.g. runs/NAME/skills)")
        if name == "show":
            sub.add_argument("name")
        if name in ("export", "import"):
            sub.add_argument("path", type=Path)
        sub.add_argument("--embedder", choices=("minilm", "hashing", "openai"))
        if name == "test":
            sub.add_argument("--json", action="store_true", help="one JSON event per line")
            sub.add_argument("--env", choices=("minecraft", "mock"), help="default: minecraft")
            sub.add_argument("--server", help="HOST:PORT (default: a fresh built-in world)")
            sub.add_argument("--admin-token", help=ADMIN_TOKEN_HELP)
            sub.add_argument("--seed", type=int, default=0)
        sub.set_defaults(handler=handler)

    run = commands.add_parser("run", help="reach one goal in a new world with a skill library")
    run.add_argument("goal", help='e.g. "Craft an iron pickaxe"')
    run.add_argument("--skills", type=Path, required=True, metavar="DIR", help="skill library")
    run.add_argument("--budget", type=int, default=50, help="iterations in all (default 50)")
    run.add_argument("--learn", action="store_true", help="store new skills in the library")
    run.add_argument("--env", choices=("minecraft", "mock"), help="default: minecraft")
    run.add_argument("--server", help="HOST:PORT of a Minecraft server (default: built-in world)")
    run.add_argument("--admin-token", help=ADMIN_TOKEN_HELP)
    run.add_argument("--llm", choices=("auto", "openai", "offline"))
    run.add_argument("--seed", type=int)
    run.add_argument("--max-cost", type=float, help="stop cleanly once this many USD are spent")
    run.add_argument("--run-dir", type=Path, help="new run folder (default: runs/<date-time>)")
    run.add_argument("--embedder", choices=("minilm", "hashing", "openai"))
    run.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    run.set_defaults(handler=_run_goal, resume=None, iterations=None)

    report = commands.add_parser("report", help="summary, plots and an HTML page of runs")
    report.add_argument("runs", type=Path, nargs="+", metavar="RUN", help="runs to overlay")
    report.add_argument("--out", type=Path, help="report folder (default: RUN/report)")
    report.set_defaults(handler=_report)

    add_eval_commands(commands, ADMIN_TOKEN_HELP)

    world = commands.add_parser("world", help="the built-in Minecraft world")
    world_commands = world.add_subparsers(title="world commands")
    start = world_commands.add_parser("start", help="run the built-in world until Ctrl-C")
    start.add_argument("rest", nargs=argparse.REMAINDER, help="--seed N --port P --view-distance D")
    start.set_defaults(handler=_world_start)
    return parser


# -- explore -------------------------------------------------------------------------------


def _explore(args: argparse.Namespace) -> int:
    from voyager.loop import Learner
    from voyager.progress import progress_for
    from voyager.rundir import RunFolder

    if args.resume is not None:
        run = RunFolder.open(args.resume)
        settings = run.settings(_explore_overrides(args, resuming=True))
    else:
        settings = _settings(args, _explore_overrides(args, resuming=False))
    settings.check_credentials()
    if settings.agents.count > 1:
        return _explore_team(args, settings, run if args.resume is not None else None)
    brain = make_brain(settings)
    if args.resume is None:
        run = RunFolder.create(args.run_dir, settings)
    library = open_library(settings, run.skills_dir, brain, seed_from=args.skills)
    progress = progress_for(as_json=args.json)
    try:
        viewer = args.viewer is not None
        with environment(settings, run, viewer=viewer, admin_token=args.admin_token) as (
            env,
            world,
        ):
            learner = Learner(env, brain, library, run, settings, world=world, listener=progress)
            with stop_on_ctrl_c(learner):
                state = learner.explore(settings.explore.iterations)
    except VoyagerError as exc:  # a dead world, a full disk: the last checkpoint stands
        raise VoyagerError(f"{exc}\nResume with: voyager explore --resume {run.path}") from exc
    finally:
        progress.close()
    print(f"{state.status}: {state.stop_reason}. Run folder: {run.path}", file=sys.stderr)
    if state.status != "done":
        print(f"Resume with: voyager explore --resume {run.path}", file=sys.stderr)
    return 0 if state.status == "done" else 1


def _explore_team(args: argparse.Namespace, settings: Settings, run: Any) -> int:
    """``--agents N``: several learners in one world (voyager/team.py)."""
    from voyager.progress import TeamProgress
    from voyager.rundir import RunFolder
    from voyager.setup import world
    from voyager.team import Team

    if run is None:
        run = RunFolder.create(args.run_dir, settings)
    names = settings.agents.names()
    watch = (args.viewer or names[0]) if args.viewer is not None else None
    if watch is not None and watch not in names:
        raise UsageError(f"--viewer {watch}: the learners are {', '.join(names)}")
    progress = TeamProgress(names, as_json=args.json, live=sys.stderr.isatty())
    try:
        with world(settings, run, admin_token=args.admin_token) as where:
            team = Team(run, settings, where, progress, watch=watch, seed_from=args.skills)
            with stop_on_ctrl_c(team):
                members = team.explore(settings.explore.iterations)
    finally:
        progress.close()
    for member in members:
        state = member.outcome
        said = member.failure or (f"{state.status}: {state.stop_reason}" if state else "no outcome")
        print(f"{member.name}: {said}", file=sys.stderr)
    done = all(m.outcome is not None and m.outcome.status == "done" for m in members)
    print(f"Run folder: {run.path}", file=sys.stderr)
    if not done:
        print(f"Resume with: voyager explore --resume {run.path}", file=sys.stderr)
    return 0 if done else 1


@contextlib.contextmanager
def stop_on_ctrl_c(learner: Any) -> Iterator[None]:
    """First Ctrl-C: finish the round, save, stop. Second: stop at once (still resumable)."""

    def first(_signum: int, _frame: Any) -> None:
        print(
            "\nvoyager: stopping after this round (Ctrl-C again to stop at once)", file=sys.stderr
        )
        learner.request_stop("interrupted with Ctrl-C")
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _explore_overrides(args: argparse.Namespace, *, resuming: bool) -> dict[str, Any]:
    """The settings the flags give; a resumed run keeps its seed and, unless told, its world."""
    overrides: dict[str, Any] = {}
    explore = {"iterations": args.iterations, "seed": None if resuming else args.seed}
    explore |= {"env": args.env, "server": args.server}
    explore = {k: v for k, v in explore.items() if v is not None}
    if explore:
        overrides["explore"] = explore
    agents = {"count": getattr(args, "agents", None), "library": getattr(args, "library", None)}
    agents = {k: v for k, v in agents.items() if v is not None}
    if agents and not resuming:
        overrides["agents"] = agents
    if args.llm:
        overrides["llm"] = args.llm
    if args.max_cost is not None:
        overrides["max_cost"] = args.max_cost
    if args.embedder and not resuming:
        overrides["library"] = {"embedder": args.embedder}
    return overrides


def _settings(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Settings:
    return load_settings(args.config, overrides=overrides)


# -- skills ----------------------------------------------------------------------------------


def _open_library(args: argparse.Namespace, *, read_only: bool = True) -> Any:
    from voyager.embedders import make_embedder
    from voyager.library import SkillLibrary

    overrides = {"library": {"embedder": args.embedder}} if args.embedder else None
    settings = _settings(args, overrides)
    embed_fn = None
    if settings.library.embedder == "openai":
        from voyager.llm import OpenAIChatModel

        embed_fn = OpenAIChatModel(settings).embed
    embedder = make_embedder(settings.library.embedder, settings, embed_fn=embed_fn)
    if not args.library.is_dir() and read_only:
        raise UsageError(f"{args.library}: no such library folder")
    return SkillLibrary(args.library, embedder, read_only=read_only)


def _skills_list(args: argparse.Namespace) -> int:
    library = _open_library(args)
    for skill in library.skills():
        print(
            f"{skill.name} (v{skill.version}, {skill.successes}/{skill.uses} uses ok): "
            f"{skill.description}"
        )
    print(f"{len(library)} skills", file=sys.stderr)
    return 0


def _skills_show(args: argparse.Namespace) -> int:
    library = _open_library(args)
    if args.name not in library:
        raise UsageError(f"no skill named {args.name!r} in {args.library}")
    skill = library.get(args.name)
    print(f"// {skill.name} v{skill.version}: {skill.description}\n{skill.code}")
    return 0


def _skills_export(args: argparse.Namespace) -> int:
    _open_library(args).export(args.path)
    print(f"exported to {args.path}", file=sys.stderr)
    return 0


def _skills_import(args: argparse.Namespace) -> int:
    """Our own export, or the original Voyager's checkpoint layout (``skill/skills.json``)."""
    from voyager.original import import_original, is_original_layout

    library = _open_library(args, read_only=False)
    if is_original_layout(args.path):
        print(import_original(args.path, library).summary(), file=sys.stderr)
        return 0
    before = len(library)
    library.import_library(args.path)
    print(f"imported {len(library) - before} skills into {args.library}", file=sys.stderr)
    return 0


def _skills_reindex(args: argparse.Namespace) -> int:
    library = _open_library(args, read_only=False)
    library.reindex()
    print(f"reindexed {len(library)} skills", file=sys.stderr)
    return 0


# -- run -------------------------------------------------------------------------------------


def _run_goal(args: argparse.Namespace) -> int:
    import random

    from voyager.agents.curriculum import Curriculum, CurriculumState
    from voyager.checkpoint import Checkpoint
    from voyager.events import Event
    from voyager.progress import progress_for
    from voyager.rundir import RunFolder
    from voyager.runner import TaskRunner
    from voyager.solve import Planner, solve

    if not args.skills.is_dir():
        raise UsageError(f"--skills {args.skills}: no such library folder")
    settings = _settings(args, _explore_overrides(args, resuming=False))
    settings.check_credentials()
    brain = make_brain(settings)
    library = open_library(settings, args.skills, brain, read_only=not args.learn)
    run = RunFolder.create(args.run_dir, settings)
    progress = progress_for(as_json=args.json)
    qa = Curriculum(brain, CurriculumState(), rng=random.Random(0), use_qa=settings.explore.qa)

    def emit(event: Event) -> None:
        run.trace(event)
        progress(event)

    try:
        with environment(settings, run, admin_token=args.admin_token) as (env, world):
            runner = TaskRunner(
                env, brain, library, settings, Checkpoint(), emit, world=world, learn=args.learn
            )
            report = solve(runner, Planner(brain), args.goal, args.budget, qa.task_context)
    finally:
        progress.close()
    run.save("result.json", report.to_dict())
    print(report.summary(), file=sys.stderr)
    print(f"Run folder: {run.path}", file=sys.stderr)
    return 0 if report.success else 1


# -- report ----------------------------------------------------------------------------------


def _report(args: argparse.Namespace) -> int:
    from voyager.report import render_text, summarize, write_report
    from voyager.rundir import RunFolder
    from voyager.team import agent_runs

    runs = []
    for path in args.runs:  # a team's run is its learners' runs, overlaid
        runs += agent_runs(path) or [RunFolder.open(path)]
    folder = write_report(runs, args.out or args.runs[0] / "report")
    summaries = [summarize(run) for run in runs]
    for summary in summaries:
        print(render_text(summary))
    if len(summaries) > 1:
        every = {item for summary in summaries for item in summary.items}
        print(f"together: {len(every)} items discovered")
    print(f"report: {folder / 'index.html'}", file=sys.stderr)
    return 0


def _skills_test(args: argparse.Namespace) -> int:
    import tempfile
    from functools import partial

    from voyager.progress import progress_for
    from voyager.rundir import RunFolder
    from voyager.setup import world as open_world
    from voyager.skilltest import run_library_tests

    library = _open_library(args, read_only=False)
    world = {"seed": args.seed, "env": args.env, "server": args.server}
    settings = _settings(args, {"explore": {k: v for k, v in world.items() if v is not None}})
    progress = progress_for(as_json=args.json, tests=True)
    try:
        with tempfile.TemporaryDirectory(prefix="voyager-skills-test-") as scratch:
            run = RunFolder.create(Path(scratch) / "run", settings)
            with open_world(settings, run, admin_token=args.admin_token) as where:
                new_day = partial(where.console, "time set day") if where.console else None
                env = where.env("bot", run.logs_dir)
                results = run_library_tests(env, library, progress, new_day=new_day)
    finally:
        progress.close()
    passed = sum(r.success for r in results)
    print(f"{passed}/{len(results)} skills passed; results in {library.folder}", file=sys.stderr)
    return 0 if passed == len(results) else 1


# -- world -----------------------------------------------------------------------------------


def _world_start(args: argparse.Namespace) -> int:
    from voyager.env.world import run_world_cli

    return run_world_cli(list(args.rest))


if __name__ == "__main__":
    sys.exit(main())
