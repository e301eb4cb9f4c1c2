"""An eval's figures: each trial's, read from its run folder, and each suite's, over trials.

A trial's figures come from its run folder alone (``voyager.report.summarize``
reads the trace; ``voyager run`` writes ``result.json``). A suite's table has
one row per figure (a tech-tree tier, unique items, distance, a zeroshot
goal; a team suite's figures for each library mode), each ``mean ± sd
(successes/trials)`` over the suite's finished trials: the mean and the
sample standard deviation of the trials that reached it, how many did, out
of how many ran to their end. Failed and unfinished trials are
counted apart, never silently left out.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voyager.eval.suites import PaperFigure, Suite
from voyager.eval.team_figures import team_figures
from voyager.eval.trials import Trial
from voyager.files import read_json
from voyager.report import summarize
from voyager.rundir import RunFolder

ROW_LABELS = {
    "wooden_tools": "Wooden tools",
    "stone_tools": "Stone tools",
    "iron_tools": "Iron tools",
    "diamond_tools": "Diamond tools",
    "items": "Unique items",
    "distance": "Distance (blocks)",
}
TEAM_LABELS = {
    "group_items": "unique items of the group",
    "skills": "skills stored",
    "reused_skills": "skills reused across learners",
}
MODE_LABELS = {"shared": "Shared library", "separate": "Separate libraries"}
CSV_PLAN_FIELDS = ("kind", "seed", "repeat", "goal", "agents", "sharing", "status")
CSV_FIELDS = (
    "trial",
    "kind",
    "seed",
    "repeat",
    "goal",
    "agents",
    "sharing",
    "status",
    "attempts",
    "iterations",
    "items",
    "group_items",
    "reused_skills",
    "distance",
    "wooden_tools",
    "stone_tools",
    "iron_tools",
    "diamond_tools",
    "success",
    "goal_iterations",
    "skills",
    "cost",
    "tokens",
    "reason",
)


def trial_figures(trial: Trial, folder: Path) -> dict[str, Any]:
    """What one trial achieved, from its run folder ({} when it holds no run)."""
    if not (folder / "config.toml").is_file():
        return {}
    if trial.kind == "team":
        return team_figures(folder)
    summary = summarize(RunFolder(folder))
    figures: dict[str, Any] = {
        "iterations": summary.iterations,
        "items": len(summary.items),
        "items_by_iteration": summary.items_by_iteration,
        "milestones": summary.milestones,
        "distance": round(path_length(summary.path), 1),
        "skills": len(summary.skills),
        "cost": round(summary.cost, 6),
        "tokens": sum(summary.tokens_by_role.values()),
    }
    if trial.kind == "zeroshot":
        result = read_json(folder / "result.json", None) or {}
        figures["success"] = bool(result.get("success"))
        figures["goal_iterations"] = int(result.get("iterations", 0))
    return figures


def path_length(path: list[tuple[float, float, str]]) -> float:
    """Blocks walked on the ground plane, from one round's end position to the next."""
    return sum(math.dist(a[:2], b[:2]) for a, b in itertools.pairwise(path))


def row_value(suite: Suite, row: str, figures: dict[str, Any]) -> float | None:
    """A trial's number for one row of a suite; None when it did not get there."""
    if suite.kind == "zeroshot":
        return float(figures["goal_iterations"]) if figures.get("success") else None
    if suite.kind == "team":
        figure = row.split("/")[0]
        if figure.startswith("items_"):
            learner = figures["learners"].get(figure.removeprefix("items_"))
            return None if learner is None else float(learner["items"])
        return float(figures[figure])
    if row in ("items", "distance"):
        return float(figures[row])
    reached = figures.get("milestones", {}).get(row)
    return None if reached is None else float(reached)


@dataclass
class Stat:
    """Values of the trials that got there, out of ``trials`` finished trials."""

    values: list[float]
    trials: int

    @property
    def successes(self) -> int:
        return len(self.values)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.values) if self.values else None

    @property
    def sd(self) -> float | None:
        return statistics.stdev(self.values) if len(self.values) > 1 else None

    def text(self, plus_minus: str = "±") -> str:
        return figure_text(self.mean, self.sd, self.successes, self.trials, plus_minus)


def figure_text(
    mean: float | None, sd: float | None, successes: int, trials: int, plus_minus: str = "±"
) -> str:
    """``6 ± 2 (3/3)``; ``102 (1/3)`` with one value; ``- (0/3)`` with none."""
    count = f"({successes}/{trials})"
    if mean is None:
        return f"- {count}"
    if sd is None:
        return f"{_number(mean)} {count}"
    return f"{_number(mean)} {plus_minus} {_number(sd)} {count}"


def paper_text(paper: PaperFigure | None, plus_minus: str = "±") -> str:
    if paper is None:
        return ""
    return figure_text(paper.mean, paper.sd, paper.successes, paper.trials, plus_minus)


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 10 or value == round(value) else f"{value:.1f}"


@dataclass
class Row:
    key: str
    label: str
    ours: Stat
    paper: PaperFigure | None


@dataclass
class SuiteTable:
    suite: Suite
    rows: list[Row]
    finished: int
    unfinished: dict[str, int] = field(default_factory=dict)  # status -> trials

    @property
    def note(self) -> str:
        if not self.unfinished:
            return ""
        parts = [f"{count} {status}" for status, count in sorted(self.unfinished.items())]
        return f"not counted: {', '.join(parts)} trial(s)"


def suite_table(suite: Suite, trials: list[dict[str, Any]]) -> SuiteTable:
    """The suite's rows over its trials (records of eval.json: status and figures)."""
    finished = [t for t in trials if t["status"] == "done" and t.get("figures")]
    unfinished: dict[str, int] = {}
    for record in trials:
        if record not in finished:
            unfinished[record["status"]] = unfinished.get(record["status"], 0) + 1
    rows = []
    for key in suite.rows:
        members = [t for t in finished if _counts_for(suite, key, t)]
        values = [row_value(suite, key, t["figures"]) for t in members]
        stat = Stat([v for v in values if v is not None], len(members))
        rows.append(Row(key, row_label(key), stat, suite.paper.get(key)))
    return SuiteTable(suite, rows, len(finished), unfinished)


def _counts_for(suite: Suite, row: str, trial: dict[str, Any]) -> bool:
    """Whether a trial's figures belong to a row: a zeroshot goal's, a team library mode's."""
    if suite.kind == "zeroshot":
        return bool(trial["goal"] == row)
    if suite.kind == "team":
        return bool(trial.get("sharing") == row.split("/")[1])
    return True


def row_label(key: str) -> str:
    """``Wooden tools``; for team rows (``FIGURE/MODE``), ``Shared library: unique items of the
    group``."""
    if "/" not in key:
        return ROW_LABELS.get(key, key)
    figure, mode = key.split("/")
    what = TEAM_LABELS.get(figure) or f"unique items of {figure.removeprefix('items_')}"
    return f"{MODE_LABELS.get(mode, mode)}: {what}"


def items_curve(trials: list[dict[str, Any]]) -> list[tuple[int, float, float, float, float]]:
    """Per iteration: (iteration, mean, sd, min, max) of unique items over finished trials."""
    curves = [
        t["figures"]["items_by_iteration"]
        for t in trials
        if t["status"] == "done" and t.get("figures", {}).get("items_by_iteration")
    ]
    points = []
    for index in range(max((len(c) for c in curves), default=0)):
        values = [float(c[min(index, len(c) - 1)]) for c in curves]
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        points.append((index + 1, statistics.fmean(values), sd, min(values), max(values)))
    return points


def results_csv(trials: list[dict[str, Any]]) -> str:
    """One line per trial: its plan, status and figures."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in trials:
        figures = record.get("figures") or {}
        row = {
            "trial": record["id"],
            **{k: record.get(k, "") for k in CSV_PLAN_FIELDS},
            "attempts": record.get("attempts", 0),
            "reason": record.get("reason", "").splitlines()[0] if record.get("reason") else "",
            **{k: v for k, v in figures.items() if not isinstance(v, list | dict)},
            **figures.get("milestones", {}),
        }
        writer.writerow(row)
    return out.getvalue()
