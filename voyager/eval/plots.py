"""An eval's plots (PNG): unique items per iteration with a band over trials; milestones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from voyager.data import tech_tree
from voyager.eval.results import SuiteTable


def plot_items_band(
    curve: list[tuple[int, float, float, float, float]], path: Path, label: str
) -> None:
    """The mean over trials, ±1 sd shaded, and the lowest and highest trial as a lighter band."""
    figure = Figure(figsize=(7, 4))
    axes = figure.subplots()
    if curve:
        iterations, means, sds, lows, highs = (list(column) for column in zip(*curve, strict=True))
        axes.fill_between(
            iterations, lows, highs, color="tab:blue", alpha=0.12, label="min-max over trials"
        )
        below = [m - s for m, s in zip(means, sds, strict=True)]
        above = [m + s for m, s in zip(means, sds, strict=True)]
        axes.fill_between(iterations, below, above, color="tab:blue", alpha=0.3, label="± 1 sd")
        axes.plot(iterations, means, color="tab:blue", label=f"mean ({label})")
    axes.set(xlabel="iteration", ylabel="unique items", title="Unique items discovered")
    axes.grid(alpha=0.3)
    axes.legend()
    _save(figure, path)


def plot_milestones(
    table: SuiteTable, trials: list[dict[str, Any]], path: Path, label: str
) -> None:
    """Each trial's iteration at each tier (dots), our mean (bar) and the paper's (cross)."""
    tiers = list(tech_tree().milestones)
    figure = Figure(figsize=(7, 3.5))
    axes = figure.subplots()
    finished = [t for t in trials if t["status"] == "done" and t.get("figures")]
    for y, tier in enumerate(tiers):
        reached = [
            t["figures"]["milestones"][tier] for t in finished if tier in t["figures"]["milestones"]
        ]
        axes.scatter(reached, [y] * len(reached), color="tab:blue", alpha=0.6, zorder=3)
    rows = {row.key: row for row in table.rows}
    means = [
        (mean, y)
        for y, t in enumerate(tiers)
        if t in rows and (mean := rows[t].ours.mean) is not None
    ]
    if means:
        axes.barh([y for _, y in means], [m for m, _ in means], alpha=0.25, label=f"mean ({label})")
    paper = [(rows[t].paper, y) for y, t in enumerate(tiers) if t in rows and rows[t].paper]
    if paper:
        axes.scatter(
            [p.mean for p, _ in paper if p],
            [y for _, y in paper],
            marker="x",
            color="black",
            label="paper (GPT-4)",
            zorder=4,
        )
    axes.set_yticks(range(len(tiers)), [t.replace("_", " ") for t in tiers])
    axes.set(xlabel="iterations to the first tool", title="Tech-tree milestones")
    axes.grid(alpha=0.3)
    axes.legend(fontsize="small")
    _save(figure, path)


def _save(figure: Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
