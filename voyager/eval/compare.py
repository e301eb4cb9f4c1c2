"""``voyager eval compare A B``: each figure's difference (B - A) with a bootstrap interval.

For every row both evals tabulate (same suite, same figure), the difference
of the means over the trials that got there, and the difference of the
success rates over finished trials, each with a 95% percentile bootstrap
confidence interval: both samples are resampled with replacement, each on its
own, ``resamples`` times, from a seeded generator (the same evals always give
the same intervals). An interval that excludes 0 says the difference is more
than trial-to-trial noise; with three trials a side, it rarely does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.table import Table

from voyager.eval.folder import EvalFolder
from voyager.eval.results import Stat, suite_table

RESAMPLES = 10_000
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Interval:
    difference: float
    low: float
    high: float

    def text(self, digits: int = 1) -> str:
        return f"{self.difference:+.{digits}f} [{self.low:+.{digits}f}, {self.high:+.{digits}f}]"


@dataclass(frozen=True)
class Comparison:
    suite: str
    label: str
    a: Stat
    b: Stat
    mean: Interval | None
    rate: Interval | None


def bootstrap(
    a: list[float], b: list[float], rng: np.random.Generator, resamples: int = RESAMPLES
) -> Interval | None:
    """mean(b) - mean(a) and its percentile bootstrap interval; None when a side is empty."""
    if not a or not b:
        return None
    xa, xb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    means_a = rng.choice(xa, size=(resamples, xa.size), replace=True).mean(axis=1)
    means_b = rng.choice(xb, size=(resamples, xb.size), replace=True).mean(axis=1)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(means_b - means_a, [tail, 100 - tail])
    return Interval(float(xb.mean() - xa.mean()), float(low), float(high))


def compare_evals(
    a: EvalFolder, b: EvalFolder, *, seed: int = 0, resamples: int = RESAMPLES
) -> list[Comparison]:
    rng = np.random.default_rng(seed)
    suites_b = {suite.name: suite for suite in b.suites}
    comparisons = []
    for suite in a.suites:
        if suite.name not in suites_b:
            continue
        table_a = suite_table(suite, a.suite_trials(suite.name))
        table_b = suite_table(suites_b[suite.name], b.suite_trials(suite.name))
        rows_b = {row.key: row for row in table_b.rows}
        for row in table_a.rows:
            if row.key not in rows_b:
                continue
            other = rows_b[row.key].ours
            rate = bootstrap(_hits(row.ours), _hits(other), rng, resamples)
            mean = bootstrap(row.ours.values, other.values, rng, resamples)
            comparisons.append(Comparison(suite.name, row.label, row.ours, other, mean, rate))
    return comparisons


def _hits(stat: Stat) -> list[float]:
    """1 per trial that got there, 0 per finished trial that did not."""
    return [1.0] * stat.successes + [0.0] * (stat.trials - stat.successes)


def comparison_table(comparisons: list[Comparison], name_a: str, name_b: str) -> Table:
    table = Table(title=f"{name_b} - {name_a}: difference [95% bootstrap interval]")
    for head in ("suite", "figure", name_a, name_b, "mean B - A", "success rate B - A"):
        table.add_column(head)
    for c in comparisons:
        table.add_row(
            c.suite,
            c.label,
            c.a.text(),
            c.b.text(),
            c.mean.text() if c.mean else "-",
            c.rate.text(2) if c.rate else "-",
        )
    return table


def comparison_json(comparisons: list[Comparison]) -> list[dict[str, object]]:
    def interval(value: Interval | None) -> dict[str, float] | None:
        return None if value is None else value.__dict__.copy()

    return [
        {
            "suite": c.suite,
            "figure": c.label,
            "a": {"values": c.a.values, "trials": c.a.trials},
            "b": {"values": c.b.values, "trials": c.b.trials},
            "mean_difference": interval(c.mean),
            "success_rate_difference": interval(c.rate),
        }
        for c in comparisons
    ]
