"""An eval's figures: paper-style cells, suite tables, the items curve, CSV, Markdown, LaTeX,
and comparisons with bootstrap intervals."""

from __future__ import annotations

from typing import Any

import numpy as np

from voyager.eval.compare import bootstrap
from voyager.eval.results import (
    figure_text,
    items_curve,
    path_length,
    results_csv,
    suite_table,
)
from voyager.eval.suites import load_suite
from voyager.eval.tables import latex, markdown


def trial(status: str = "done", **figures: Any) -> dict[str, Any]:
    base = {"items": 3, "distance": 10.0, "milestones": {}, "items_by_iteration": [1, 2, 3]}
    return {"id": f"t{id(figures)}", "kind": "explore", "status": status, "figures": base | figures}


def test_cells_read_like_the_papers_tables() -> None:
    assert figure_text(6, 2, 3, 3) == "6 ± 2 (3/3)"
    assert figure_text(102, None, 1, 3) == "102 (1/3)"
    assert figure_text(None, None, 0, 3) == "- (0/3)"
    assert figure_text(20.5, 0.71, 2, 2) == "20 ± 0.7 (2/2)"


def test_a_tier_counts_the_trials_that_reached_it_out_of_the_finished_ones() -> None:
    trials = [
        trial(milestones={"wooden_tools": 4, "stone_tools": 9}),
        trial(milestones={"wooden_tools": 6}),
        trial(milestones={"wooden_tools": 8}),
    ]
    rows = {row.key: row for row in suite_table(load_suite("techtree"), trials).rows}
    assert rows["wooden_tools"].ours.text() == "6 ± 2 (3/3)"
    assert rows["stone_tools"].ours.text() == "9 (1/3)"
    assert rows["diamond_tools"].ours.text() == "- (0/3)"


def test_failed_and_unfinished_trials_are_named_not_counted() -> None:
    trials = [trial(), trial("failed"), trial("stopped"), trial("failed")]
    table = suite_table(load_suite("explore"), trials)
    assert table.rows[0].ours.trials == 1
    assert table.note == "not counted: 2 failed, 1 stopped trial(s)"


def test_zeroshot_rows_are_goals_with_iterations_of_the_successes() -> None:
    def goal(success: bool, iterations: int) -> dict[str, Any]:
        record = trial(success=success, goal_iterations=iterations)
        return record | {"kind": "zeroshot", "goal": "Craft 1 compass"}

    table = suite_table(load_suite("zeroshot"), [goal(True, 18), goal(True, 20), goal(False, 50)])
    compass = next(row for row in table.rows if row.key == "Craft 1 compass")
    assert compass.ours.text() == "19 ± 1.4 (2/3)"
    assert compass.paper is not None and compass.paper.mean == 18


def test_the_items_curve_has_a_band_over_trials() -> None:
    curve = items_curve([trial(items_by_iteration=[1, 3, 5]), trial(items_by_iteration=[1, 1])])
    assert curve[0] == (1, 1.0, 0.0, 1.0, 1.0)
    assert curve[2][1:] == (3.0, 2.8284271247461903, 1.0, 5.0)  # a short run holds its last


def test_distance_is_walked_on_the_ground_plane() -> None:
    assert path_length([(0, 0, "plains"), (3, 4, "plains"), (3, 4, "forest")]) == 5.0


def test_results_csv_has_one_line_per_trial_with_its_milestones() -> None:
    text = results_csv([trial(milestones={"wooden_tools": 5}) | {"id": "a", "seed": 1}])
    header, line = text.strip().splitlines()
    assert header.startswith("trial,kind,seed")
    assert line.startswith("a,explore,1,") and ",5," in line


def test_markdown_and_latex_put_the_paper_beside_ours() -> None:
    table = suite_table(load_suite("techtree"), [trial(milestones={"wooden_tools": 5})])
    md = markdown([table], "offline model")
    assert "| Wooden tools | 5 (1/1) | 6 ± 2 (3/3) |" in md
    tex = latex([table], "offline model")
    assert "Wooden tools & 5 (1/1) & 6 $\\pm$ 2 (3/3) \\\\" in tex
    assert "\\begin{tabular}{lcc}" in tex


def test_the_bootstrap_interval_is_seeded_and_holds_the_difference() -> None:
    a, b = [10.0, 12.0, 11.0], [6.0, 7.0, 5.0]
    first = bootstrap(a, b, np.random.default_rng(0))
    again = bootstrap(a, b, np.random.default_rng(0))
    assert first == again and first is not None
    assert first.difference == -5.0
    assert first.low <= -5.0 <= first.high < 0


def test_the_bootstrap_needs_values_on_both_sides() -> None:
    assert bootstrap([], [1.0], np.random.default_rng(0)) is None
