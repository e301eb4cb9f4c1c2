"""The ``voyager eval`` and ``voyager export`` commands: arguments, settings, output."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

from voyager.errors import VoyagerError

ROLE_NAMES = ("action", "curriculum", "critic", "qa", "describer", "embedding")


class EvalUsageError(VoyagerError):
    """An eval command line that cannot be carried out, with what to do instead."""


def add_commands(commands: Any, admin_token_help: str) -> None:
    """Add ``eval`` and ``export`` to the ``voyager`` command's subparsers."""
    ev = commands.add_parser(
        "eval",
        help="the paper's protocol: suites x seeds x trials, in parallel, with tables and plots",
        description="voyager eval SUITE... runs an evaluation; voyager eval compare A B "
        "compares two evals; voyager eval --resume EVAL finishes one. See docs/eval.md.",
    )
    ev.add_argument(
        "suites", nargs="*", metavar="SUITE", help="techtree, explore, zeroshot, a file"
    )
    ev.add_argument("--resume", type=Path, metavar="EVAL", help="finish a stopped eval")
    ev.add_argument("--eval-dir", type=Path, help="new eval folder (default: evals/<date-time>)")
    ev.add_argument("--seeds", default="1-3", help="world seeds, e.g. 1-3 or 1,4,7 (default 1-3)")
    ev.add_argument("--trials", type=int, default=1, help="trials per seed (default 1)")
    ev.add_argument("--iterations", type=int, help="iterations of explore trials (suite's default)")
    ev.add_argument("--library", type=Path, help="zeroshot: an eval, a run or a skills folder")
    ev.add_argument("--workers", type=int, help="trials at once (default: eval.workers, 1)")
    ev.add_argument(
        "--ray",
        metavar="local|auto|ADDRESS",
        help="run trials as Ray tasks (pip install voyager[ray])",
    )
    ev.add_argument("--retries", type=int, help="new attempts for a failing trial (default 2)")
    ev.add_argument("--env", choices=("minecraft", "mock"), help="default: minecraft")
    ev.add_argument("--server", help="HOST:PORT of a Minecraft server (default: built-in worlds)")
    ev.add_argument("--admin-token", help=admin_token_help)
    ev.add_argument("--llm", choices=("auto", "openai", "offline"))
    ev.add_argument("--embedder", choices=("minilm", "hashing", "openai"))
    ev.add_argument("--model", action="append", default=[], metavar="ROLE=MODEL")
    ev.add_argument("--max-cost", type=float, help="USD for the whole eval, over all trials")
    ev.add_argument("--max-concurrent", type=int, help="LLM requests in flight per endpoint")
    ev.add_argument("--no-library", action="store_true", help="ablation: no skill library")
    ev.add_argument("--no-critic", action="store_true", help="ablation: no self-verification")
    ev.add_argument("--curriculum", choices=("auto", "random"), help="random: the ablation")
    ev.add_argument("--json", action="store_true", help="one JSON event per line on stdout")
    ev.add_argument("--seed", type=int, default=0, help="compare: the bootstrap's seed")
    ev.set_defaults(handler=_eval)

    export = commands.add_parser("export", help="rounds of runs as JSONL for fine-tuning")
    export.add_argument("path", type=Path, metavar="RUN_OR_EVAL")
    export.add_argument("--format", choices=("sft", "preference"), default="sft")
    export.add_argument("--out", type=Path, help="JSONL file (default: stdout)")
    export.set_defaults(handler=_export)


# -- eval ------------------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    if args.suites and args.suites[0] == "compare":
        return _compare(args)
    from voyager.eval.folder import EvalFolder
    from voyager.eval.runner import EvalRequest, create_eval
    from voyager.eval.trials import parse_seeds

    if args.resume is not None:
        if args.suites:
            raise EvalUsageError("--resume EVAL continues an eval as planned: give no suites")
        folder = EvalFolder.open(args.resume)
        settings = folder.settings(_resume_overrides(args))
        _check(settings)
        _save_settings(folder.path, settings)
    else:
        if not args.suites:
            raise EvalUsageError(
                "name at least one suite (techtree, explore, zeroshot) or --resume"
            )
        from voyager.config import load_settings

        settings = load_settings(args.config, overrides=_overrides(args))
        _check(settings)
        request = EvalRequest(
            args.suites,
            parse_seeds(args.seeds),
            args.trials,
            args.iterations,
            args.library,
            args.eval_dir,
        )
        command = shlex.join(["voyager", *sys.argv[1:]])
        folder = create_eval(request, settings, command)
    settings.check_credentials()
    return _run(args, folder, settings)


def _run(args: argparse.Namespace, folder: Any, settings: Any) -> int:
    from rich.console import Console

    from voyager.eval.progress import eval_progress_for
    from voyager.eval.results import items_curve
    from voyager.eval.runner import explore_trials, model_label, run_eval, suite_tables
    from voyager.eval.tables import curve_table, rich_table

    engine = _engine(args, settings)
    host, advertise = _gateway_address(args)
    progress = eval_progress_for(as_json=args.json)
    try:
        status = run_eval(
            folder,
            settings,
            engine,
            progress,
            admin_token=args.admin_token,
            gateway_host=host,
            gateway_advertise=advertise,
        )
    finally:
        progress.close()
    model = model_label(settings)
    console = Console(stderr=args.json)
    for table in suite_tables(folder):
        console.print(rich_table(table, model))
    curve = items_curve(explore_trials(folder))
    if curve:
        console.print(curve_table(curve))
    print(f"eval {status}. Folder: {folder.path} (report/index.html)", file=sys.stderr)
    if status != "done":
        print(f"Resume with: voyager eval --resume {folder.path}", file=sys.stderr)
    return 0 if status == "done" else 1


def _check(settings: Any) -> None:
    if settings.explore.server and settings.eval.workers > 1:
        raise EvalUsageError("trials on one --server share its world: use --workers 1")


def _engine(args: argparse.Namespace, settings: Any) -> Any:
    from voyager.eval.pool import ProcessPool
    from voyager.eval.ray_pool import RayPool

    memory = settings.eval.mock_memory_mb if settings.explore.env == "mock" else None
    memory = memory or settings.eval.world_memory_mb
    workers, retries = settings.eval.workers, settings.eval.retries
    if args.ray:
        return RayPool(args.ray, workers, memory, retries)
    return ProcessPool(workers, memory, retries)


def _gateway_address(args: argparse.Namespace) -> tuple[str, str | None]:
    """Where the LLM gateway listens and how trials reach it: this machine, or the cluster."""
    if not args.ray or args.ray == "local":
        return "127.0.0.1", None
    from voyager.eval.ray_pool import ray_module

    return "0.0.0.0", ray_module().util.get_node_ip_address()


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the flags of a new eval give, ablations included."""
    explore = {"env": args.env, "server": args.server, "curriculum": args.curriculum}
    library: dict[str, Any] = {"embedder": args.embedder}
    if args.no_critic:
        explore["self_verification"] = False
    if args.no_library:
        library |= {"top_k": 0, "learn": False}
    overrides: dict[str, Any] = {
        "llm": args.llm,
        "explore": explore,
        "library": library,
        "roles": _roles(args.model),
    }
    return _pruned(overrides | _resume_overrides(args))


def _resume_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """What may change when an eval resumes: its budget and how it runs, not what it measures."""
    eval_settings = {
        "workers": args.workers,
        "retries": args.retries,
        "max_concurrent_requests": args.max_concurrent,
    }
    return _pruned({"max_cost": args.max_cost, "eval": eval_settings})


def _roles(pairs: list[str]) -> dict[str, Any]:
    roles: dict[str, Any] = {}
    for pair in pairs:
        role, _, model = pair.partition("=")
        if role not in ROLE_NAMES or not model:
            raise EvalUsageError(f"--model {pair!r}: expected ROLE=MODEL, ROLE one of {ROLE_NAMES}")
        roles[role] = {"model": model}
    return roles


def _pruned(tree: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            value = _pruned(value)
            if not value:
                continue
        if value is not None:
            out[key] = value
    return out


def _save_settings(folder: Path, settings: Any) -> None:
    from voyager.config import settings_to_toml
    from voyager.eval.folder import SETTINGS_FILE
    from voyager.files import write_atomic

    write_atomic(folder / SETTINGS_FILE, settings_to_toml(settings))


def _compare(args: argparse.Namespace) -> int:
    from rich.console import Console

    from voyager.eval.compare import compare_evals, comparison_json, comparison_table
    from voyager.eval.folder import EvalFolder

    if len(args.suites) != 3:
        raise EvalUsageError("usage: voyager eval compare EVAL_A EVAL_B")
    a, b = (EvalFolder.open(Path(p)) for p in args.suites[1:])
    comparisons = compare_evals(a, b, seed=args.seed)
    if args.json:
        print(json.dumps(comparison_json(comparisons), indent=2))
    else:
        Console().print(comparison_table(comparisons, a.path.name, b.path.name))
    return 0


# -- export ----------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    from voyager.eval.export import ExportCounts, export_records

    counts = ExportCounts()
    records = export_records(args.path, args.format, counts)
    if args.out is None:
        for record in records:
            print(json.dumps(record))
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record) + "\n")
    print(counts.summary(args.format), file=sys.stderr)
    return 0
