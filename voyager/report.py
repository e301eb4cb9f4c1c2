"""``voyager report``: a run's summary, plots (PNG) and an HTML page, from its trace alone."""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from voyager.data import tech_tree
from voyager.events import Milestone, Round, Stop, TaskEnd, from_record
from voyager.files import write_atomic, write_json
from voyager.rundir import RunFolder

MIN_PATH_SPAN = 32.0  # blocks


@dataclass
class RunSummary:
    """What a run achieved, read back from its trace."""

    name: str
    iterations: int = 0
    tasks_done: list[str] = field(default_factory=list)
    tasks_failed: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    items_by_iteration: list[int] = field(default_factory=list)
    milestones: dict[str, int] = field(default_factory=dict)
    cost_by_role: dict[str, float] = field(default_factory=dict)
    tokens_by_role: dict[str, int] = field(default_factory=dict)
    path: list[tuple[float, float, str]] = field(default_factory=list)
    status: str = "running"
    stop_reason: str = ""

    @property
    def cost(self) -> float:
        return sum(self.cost_by_role.values())


def summarize(run: RunFolder) -> RunSummary:
    summary = RunSummary(name=run.path.name)
    seen: set[str] = set()
    cost: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for record in run.read_trace():
        event = from_record(record)
        for role, usage in getattr(event, "usage", {}).items():
            cost[role] += usage.get("cost", 0.0)
            tokens[role] += int(usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0))
        match event:
            case Round():
                _add_round(summary, event, seen)
            case TaskEnd():
                (summary.tasks_done if event.success else summary.tasks_failed).append(event.task)
            case Milestone():
                summary.milestones.setdefault(event.milestone, event.iteration)
            case Stop():
                summary.status, summary.stop_reason = event.status, event.reason
    summary.items = sorted(seen)
    summary.cost_by_role, summary.tokens_by_role = dict(cost), dict(tokens)
    return summary


def _add_round(summary: RunSummary, event: Round, seen: set[str]) -> None:
    summary.iterations = event.iteration
    seen.update(event.new_items)
    summary.items_by_iteration.append(len(seen))
    if event.skill and event.skill not in summary.skills:
        summary.skills.append(event.skill)
    if event.position:
        summary.path.append((event.position["x"], event.position["z"], event.biome or "unknown"))


def write_report(runs: list[RunFolder], dest: Path | None = None) -> Path:
    """Write summary.json, the PNG plots and index.html; return the report folder."""
    summaries = [summarize(run) for run in runs]
    folder = dest or runs[0].path / "report"
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "summary.json", [_as_json(s) for s in summaries])
    plots = {
        "items.png": plot_items(summaries, folder / "items.png"),
        "milestones.png": plot_milestones(summaries, folder / "milestones.png"),
        "path.png": plot_path(summaries[0], folder / "path.png"),
    }
    write_atomic(folder / "index.html", _html(summaries, [p for p, ok in plots.items() if ok]))
    return folder


def plot_items(summaries: list[RunSummary], path: Path) -> bool:
    figure = Figure(figsize=(7, 4))
    axes = figure.subplots()
    for summary in summaries:
        iterations = range(1, len(summary.items_by_iteration) + 1)
        axes.plot(iterations, summary.items_by_iteration, label=summary.name)
    axes.set(xlabel="iteration", ylabel="unique items", title="Unique items discovered")
    axes.grid(alpha=0.3)
    axes.legend()
    return _save(figure, path)


def plot_milestones(summaries: list[RunSummary], path: Path) -> bool:
    tiers = list(tech_tree().milestones)
    figure = Figure(figsize=(7, 3))
    axes = figure.subplots()
    for offset, summary in enumerate(summaries):
        reached = [
            (summary.milestones[t], tiers.index(t)) for t in tiers if t in summary.milestones
        ]
        if reached:
            xs, ys = zip(*reached, strict=True)
            axes.plot(xs, [y + 0.08 * offset for y in ys], "o-", label=summary.name)
    axes.set_yticks(range(len(tiers)), [t.replace("_", " ") for t in tiers])
    axes.set(xlabel="iteration", title="Tech-tree milestones")
    axes.set_xlim(left=0, right=max([s.iterations for s in summaries] + [1]))
    axes.grid(alpha=0.3)
    axes.legend()
    return _save(figure, path)


def plot_path(summary: RunSummary, path: Path) -> bool:
    figure = Figure(figsize=(6, 6))
    axes = figure.subplots()
    if summary.path:
        xs, zs, biomes = zip(*summary.path, strict=True)
        axes.plot(xs, zs, color="0.6", linewidth=0.8, zorder=1)
        for biome in sorted(set(biomes)):
            bx = [x for x, _z, b in summary.path if b == biome]
            bz = [z for _x, z, b in summary.path if b == biome]
            axes.scatter(bx, bz, s=14, label=biome, zorder=2)
        axes.scatter([xs[0]], [zs[0]], marker="*", s=160, color="black", label="start", zorder=3)
        axes.legend(fontsize="small")
        _at_least(axes, xs, zs, MIN_PATH_SPAN)
    axes.set(xlabel="x", ylabel="z", title=f"Path seen from above: {summary.name}")
    axes.invert_yaxis()  # north (negative z) up, as on a Minecraft map
    axes.set_aspect("equal", adjustable="box")
    axes.grid(alpha=0.3)
    return _save(figure, path)


def _at_least(axes: Any, xs: tuple[float, ...], zs: tuple[float, ...], span: float) -> None:
    """Keep a bot that barely moved from filling the plot with a few centimetres."""
    for values, set_limits in ((xs, axes.set_xlim), (zs, axes.set_ylim)):
        low, high = min(values), max(values)
        if high - low < span:
            middle = (low + high) / 2
            set_limits(middle - span / 2, middle + span / 2)


def _save(figure: Figure, path: Path) -> bool:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    return True


def _as_json(summary: RunSummary) -> dict[str, Any]:
    data = asdict(summary)
    data["cost"] = summary.cost
    data.pop("path")
    return data


def render_text(summary: RunSummary) -> str:
    reached = ", ".join(f"{t} at {i}" for t, i in summary.milestones.items()) or "none"
    lines = [
        f"{summary.name}: {summary.status} after {summary.iterations} iterations"
        + (f" ({summary.stop_reason})" if summary.stop_reason else ""),
        f"  tasks done {len(summary.tasks_done)}, failed {len(summary.tasks_failed)}",
        f"  skills learned {len(summary.skills)}, items discovered {len(summary.items)}",
        f"  milestones: {reached}",
        f"  cost ${summary.cost:.4f}, tokens {sum(summary.tokens_by_role.values())}",
    ]
    return "\n".join(lines)


def _html(summaries: list[RunSummary], plots: list[str]) -> str:
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(v))}</td>"
            for v in (
                s.name,
                s.status,
                s.iterations,
                len(s.tasks_done),
                len(s.tasks_failed),
                len(s.skills),
                len(s.items),
                ", ".join(f"{t} @ {i}" for t, i in s.milestones.items()) or "none",
                f"${s.cost:.4f}",
            )
        )
        + "</tr>"
        for s in summaries
    )
    heads = [
        "run",
        "status",
        "iterations",
        "done",
        "failed",
        "skills",
        "items",
        "milestones",
        "cost",
    ]
    data = html.escape(json.dumps([_as_json(s) for s in summaries]))
    images = "".join(f'<figure><img src="{p}" alt="{p}"></figure>' for p in plots)
    items = "".join(
        f"<h3>{html.escape(s.name)}</h3><p>items: {html.escape(', '.join(s.items))}</p>"
        f"<p>skills learned: {html.escape(', '.join(s.skills) or 'none')}</p>"
        for s in summaries
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Voyager report</title>
<style>body{{font-family:sans-serif;margin:2em;max-width:70em}}td,th{{padding:.3em .8em;
border-bottom:1px solid #ddd;text-align:left}}img{{max-width:100%}}</style></head>
<body><h1>Voyager report</h1>
<table><tr>{"".join(f"<th>{h}</th>" for h in heads)}</tr>{rows}</table>
{images}{items}
<script type="application/json" id="summary">{data}</script>
</body></html>
"""
