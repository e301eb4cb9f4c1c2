"""An eval's HTML page: the tables beside the paper's, the plots, every trial and its status."""

from __future__ import annotations

import html
import json
from typing import Any

from voyager.eval.results import SuiteTable, paper_text

STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:72em}td,th{padding:.3em .8em;"
    "border-bottom:1px solid #ddd;text-align:left}img{max-width:100%}.failed{color:#b00}"
)


def eval_page(
    title: str, tables: list[SuiteTable], plots: list[str], trials: list[dict[str, Any]], model: str
) -> str:
    sections = "".join(_table(table, model) for table in tables)
    images = "".join(f'<figure><img src="{p}" alt="{p}"></figure>' for p in plots)
    data = html.escape(json.dumps([_trial_data(t) for t in trials]))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}</style></head>
<body><h1>{html.escape(title)}</h1>
{sections}{images}
<h2>Trials</h2>{_trials(trials)}
<script type="application/json" id="trials">{data}</script>
</body></html>
"""


def _table(table: SuiteTable, model: str) -> str:
    has_paper = any(row.paper for row in table.rows)
    heads = ["", f"ours ({model})"] + (["paper (GPT-4)"] if has_paper else [])
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(cell)}</td>"
            for cell in [row.label, row.ours.text()]
            + ([paper_text(row.paper)] if has_paper else [])
        )
        + "</tr>"
        for row in table.rows
    )
    note = f"<p><em>{html.escape(table.note)}</em></p>" if table.note else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    return f"<h2>{html.escape(table.suite.title)}</h2><table><tr>{head}</tr>{rows}</table>{note}"


def _trials(trials: list[dict[str, Any]]) -> str:
    heads = ["trial", "status", "attempts", "iterations", "items", "milestones", "reason"]
    rows = []
    for t in trials:
        figures = t.get("figures") or {}
        reached = ", ".join(f"{k} @ {v}" for k, v in figures.get("milestones", {}).items())
        cells = [
            f'<a href="trials/{html.escape(t["id"])}">{html.escape(t["id"])}</a>',
            html.escape(t["status"]),
            str(t.get("attempts", 0)),
            str(figures.get("iterations", "")),
            str(figures.get("items", figures.get("group_items", ""))),
            html.escape(reached),
            html.escape((t.get("reason") or "").splitlines()[0] if t.get("reason") else ""),
        ]
        css = ' class="failed"' if t["status"] == "failed" else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in heads)
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def _trial_data(trial: dict[str, Any]) -> dict[str, Any]:
    figures = {k: v for k, v in (trial.get("figures") or {}).items() if k != "items_by_iteration"}
    return {**trial, "figures": figures}
