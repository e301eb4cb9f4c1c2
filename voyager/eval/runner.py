"""``voyager eval``: plan the trials, run them on an engine, gather every figure in one folder.

Order of work: explore and team trials first, then zeroshot trials (which may use the
libraries the explore trials learned). The eval folder's ``eval.json`` is
rewritten atomically at every change of a trial; a killed eval resumes with
``voyager eval --resume EVAL``: trials done stay done, trials in flight
resume from their own checkpoints, the others start.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from voyager.config import Settings, load_settings, settings_to_toml
from voyager.errors import VoyagerError
from voyager.eval.attempt import SessionJob
from voyager.eval.folder import EvalFolder
from voyager.eval.gateway import GATEWAY_KEY_ENV, Gateway
from voyager.eval.results import (
    SuiteTable,
    items_curve,
    results_csv,
    suite_table,
    trial_figures,
)
from voyager.eval.suites import load_suite
from voyager.eval.trials import SETTINGS_FILE, TRIALS_DIR, Trial, plan_trials
from voyager.files import write_atomic

Listener = Callable[[dict[str, Any]], None]
LIBRARIES_DIR = "libraries"
REPORT_DIR = "report"


class Engine(Protocol):
    engine: str
    hold: Callable[[], bool]

    @property
    def interrupted(self) -> bool: ...

    def close(self) -> None: ...

    def run(
        self, trials: list[Trial], job: SessionJob, on_event: Callable[[dict[str, Any]], None]
    ) -> None: ...


@dataclass(frozen=True)
class EvalRequest:
    """A new eval, as the command line asks for it."""

    suites: list[str]
    seeds: list[int]
    trials: int = 1
    iterations: int | None = None
    library: Path | None = None
    eval_dir: Path | None = None


def create_eval(request: EvalRequest, settings: Settings, command: str = "") -> EvalFolder:
    suites = [load_suite(name) for name in request.suites]
    sources = library_sources(request.library) if request.library else []
    names = [f"{LIBRARIES_DIR}/{n}" for n in range(1, len(sources) + 1)]
    plan = plan_trials(
        suites, request.seeds, request.trials, iterations=request.iterations, libraries=names
    )
    options = {
        "command": command,
        "seeds": request.seeds,
        "trials": request.trials,
        "iterations": request.iterations,
        "library": str(request.library) if request.library else None,
    }
    folder = EvalFolder.create(request.eval_dir, settings, suites, plan, options)
    for source, name in zip(sources, names, strict=True):
        shutil.copytree(source, folder.path / name)
    return folder


def library_sources(path: Path) -> list[Path]:
    """The libraries under ``path``: an eval's explore trials, a run's, or a skills folder."""
    if (path / "eval.json").is_file():
        folder = EvalFolder.open(path)
        found = [
            t.folder(path) / "skills"
            for t in folder.trials
            if t.kind == "explore" and folder.trial_record(t.id)["status"] == "done"
        ]
    elif (path / "config.toml").is_file():
        found = [path / "skills"]
    else:
        found = [path]
    found = [f for f in found if (f / "index.json").is_file()]
    if not found:
        raise VoyagerError(
            f"--library {path}: no skill library there (an eval with finished explore trials, "
            "a run folder, or a skills folder with index.json)"
        )
    return found


def run_eval(
    folder: EvalFolder,
    settings: Settings,
    engine: Engine,
    listener: Listener,
    *,
    admin_token: str | None = None,
    gateway_host: str = "127.0.0.1",
    gateway_advertise: str | None = None,
) -> str:
    """Run every trial not done yet; return the eval's status (done or stopped)."""
    with folder.locked(), _gateway(folder, settings, gateway_host, gateway_advertise) as gateway:
        _write_trial_settings(folder, settings, gateway)
        env = {GATEWAY_KEY_ENV: gateway.token} if gateway else {}
        job = SessionJob(folder.state["id"], str(folder.path.resolve()), env, admin_token)
        todo = [t for t in folder.trials if folder.trial_record(t.id)["status"] != "done"]
        listener(_start_event(folder, engine, todo))
        handle = _EventHandler(folder, listener)
        if gateway is not None:
            engine.hold = lambda: gateway.exhausted  # past the ceiling, start no more trials
        try:
            engine.run([t for t in todo if t.lifelong], job, handle)
            if not engine.interrupted and not (gateway and gateway.exhausted):
                engine.run(_ready_zeroshot(folder, todo), job, handle)
        finally:
            engine.close()
        status, reason = _status(folder, gateway, engine.interrupted)
        folder.state["status"], folder.state["reason"] = status, reason
        if gateway:
            folder.state["spent"] = gateway.spent
        folder.save()
        write_results(folder, model_label(settings))
        listener({"event": "eval_end", "status": status, "reason": reason, **_counts(folder)})
        return status


def model_label(settings: Settings) -> str:
    return settings.roles["action"].model if settings.uses_endpoints() else "offline model"


@contextlib.contextmanager
def _gateway(
    folder: EvalFolder, settings: Settings, host: str, advertise: str | None
) -> Iterator[Gateway | None]:
    if not settings.uses_endpoints():
        yield None
        return
    gateway = Gateway(
        settings,
        spend_file=folder.path / "spend.json",
        max_cost=settings.max_cost,
        limit=settings.eval.max_concurrent_requests,
        host=host,
        advertise=advertise,
    )
    with gateway:
        yield gateway


def _write_trial_settings(folder: EvalFolder, settings: Settings, gateway: Gateway | None) -> None:
    """This session's settings for new trials, and the gateway's address for trials resuming."""
    if gateway is None:
        trial_settings = settings.model_copy(update={"max_cost": None})
    else:
        trial_settings = gateway.trial_settings(settings)
    write_atomic(folder.path / SETTINGS_FILE, settings_to_toml(trial_settings))
    if gateway is None:
        return
    for config in (folder.path / TRIALS_DIR).glob("*/config.toml"):
        saved = load_settings(config, environ={})
        if any(saved.roles[r].api_key_env == GATEWAY_KEY_ENV for r in saved.roles):
            write_atomic(config, settings_to_toml(gateway.trial_settings(saved)))


def _ready_zeroshot(folder: EvalFolder, todo: list[Trial]) -> list[Trial]:
    """Zeroshot trials whose library is there; those whose library's trial failed fail too."""
    ready = []
    for trial in (t for t in todo if t.kind == "zeroshot"):
        if (folder.path / trial.library / "index.json").is_file():
            ready.append(trial)
            continue
        source = trial.library.split("/")[1] if trial.library.startswith(TRIALS_DIR) else ""
        if source and folder.trial_record(source)["status"] == "failed":
            folder.update_trial(
                trial.id, status="failed", reason=f"its library's trial {source} failed"
            )
    return ready


class _EventHandler:
    """Keeps eval.json in step with the engine's events and passes them on."""

    def __init__(self, folder: EvalFolder, listener: Listener) -> None:
        self.folder = folder
        self.listener = listener

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event["event"]
        if kind == "attempt_start":
            record = self.folder.trial_record(event["trial"])
            event["attempt"] = record["attempts"] + 1
            self.folder.update_trial(event["trial"], status="running", attempts=event["attempt"])
        elif kind == "trial_end":
            self._end(event)
        self.listener(event)

    def _end(self, event: dict[str, Any]) -> None:
        trial = Trial.from_dict(self.folder.trial_record(event["trial"]))
        outcome = event["outcome"]
        figures = trial_figures(trial, trial.folder(self.folder.path))
        self.folder.update_trial(trial.id, status=outcome, reason=event["reason"], figures=figures)
        event["figures"] = {k: v for k, v in figures.items() if k != "items_by_iteration"}


def _start_event(folder: EvalFolder, engine: Engine, todo: list[Trial]) -> dict[str, Any]:
    return {
        "event": "eval_start",
        "eval": str(folder.path),
        "engine": engine.engine,
        "trials": len(folder.trials),
        "todo": [t.id for t in todo],
        "iterations": {t.id: t.iterations * t.agents for t in todo},
        **_counts(folder),
    }


def _counts(folder: EvalFolder) -> dict[str, int]:
    counts = {"done": 0, "failed": 0, "stopped": 0, "pending": 0, "running": 0}
    for record in folder.state["trials"]:
        counts[record["status"]] = counts.get(record["status"], 0) + 1
    return counts


def _status(folder: EvalFolder, gateway: Gateway | None, interrupted: bool) -> tuple[str, str]:
    open_trials = [r for r in folder.state["trials"] if r["status"] not in ("done", "failed")]
    if not open_trials:
        return "done", ""
    if gateway and gateway.exhausted:
        return "stopped", f"the shared cost ceiling (max_cost ${gateway.max_cost}) is spent"
    if interrupted:
        return "stopped", "interrupted"
    return "stopped", f"{len(open_trials)} trial(s) did not finish"


def suite_tables(folder: EvalFolder) -> list[SuiteTable]:
    return [suite_table(suite, folder.suite_trials(suite.name)) for suite in folder.suites]


def write_results(folder: EvalFolder, model: str) -> list[SuiteTable]:
    """results.csv and report/ (tables.md, tables.tex, plots, index.html); the suite tables."""
    from voyager.eval.page import eval_page
    from voyager.eval.plots import plot_items_band, plot_milestones
    from voyager.eval.tables import latex, markdown

    write_atomic(folder.path / "results.csv", results_csv(folder.state["trials"]))
    report = folder.path / REPORT_DIR
    tables = suite_tables(folder)
    write_atomic(report / "tables.md", markdown(tables, model))
    write_atomic(report / "tables.tex", latex(tables, model))
    plots = []
    for suite, table in zip(folder.suites, tables, strict=True):
        trials = folder.suite_trials(suite.name)
        if "items" in suite.rows and "items.png" not in plots:
            plot_items_band(items_curve(trials), report / "items.png", model)
            plots.append("items.png")
        if "wooden_tools" in suite.rows and "milestones.png" not in plots:
            plot_milestones(table, trials, report / "milestones.png", model)
            plots.append("milestones.png")
    title = f"Voyager eval {folder.path.name}: {', '.join(s.name for s in folder.suites)}"
    page = eval_page(title, tables, plots, folder.state["trials"], model)
    write_atomic(report / "index.html", page)
    return tables


def explore_trials(folder: EvalFolder) -> list[dict[str, Any]]:
    """The finished explore trials of the eval (for the items curve)."""
    return [r for r in folder.state["trials"] if r["kind"] == "explore"]
