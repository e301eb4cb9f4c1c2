"""Paper-style tables of an eval: in the terminal (rich), as Markdown and as LaTeX."""

from __future__ import annotations

from rich.table import Table

from voyager.eval.results import SuiteTable, paper_text

CURVE_POINTS = 8  # rows of the items-per-iteration table in the terminal


def rich_table(table: SuiteTable, model: str) -> Table:
    has_paper = any(row.paper for row in table.rows)
    out = Table(title=table.suite.title, caption=table.note or None)
    out.add_column("")
    out.add_column(f"ours ({model})")
    if has_paper:
        out.add_column("paper (GPT-4)")
    for row in table.rows:
        cells = [row.label, row.ours.text()]
        if has_paper:
            cells.append(paper_text(row.paper))
        out.add_row(*cells)
    return out


def curve_table(curve: list[tuple[int, float, float, float, float]]) -> Table:
    """Unique items at a few iterations: mean ± sd [min-max] over trials."""
    out = Table(title="Unique items by iteration (mean ± sd, min-max over trials)")
    out.add_column("iteration", justify="right")
    out.add_column("unique items")
    for iteration, mean, sd, low, high in _sampled(curve):
        out.add_row(str(iteration), f"{mean:.1f} ± {sd:.1f} [{low:.0f}-{high:.0f}]")
    return out


def _sampled(
    curve: list[tuple[int, float, float, float, float]],
) -> list[tuple[int, float, float, float, float]]:
    if len(curve) <= CURVE_POINTS:
        return curve
    step = len(curve) / CURVE_POINTS
    picks = sorted({round(step * (i + 1)) - 1 for i in range(CURVE_POINTS)})
    return [curve[i] for i in picks]


def markdown(tables: list[SuiteTable], model: str) -> str:
    parts = []
    for table in tables:
        has_paper = any(row.paper for row in table.rows)
        heads = ["", f"ours ({model})"] + (["paper (GPT-4)"] if has_paper else [])
        lines = [f"### {table.suite.title}", "", _md_row(heads), _md_row(["---"] * len(heads))]
        for row in table.rows:
            cells = [row.label, row.ours.text()] + ([paper_text(row.paper)] if has_paper else [])
            lines.append(_md_row(cells))
        if table.note:
            lines += ["", f"_{table.note}_"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def latex(tables: list[SuiteTable], model: str) -> str:
    parts = []
    for table in tables:
        has_paper = any(row.paper for row in table.rows)
        columns = "l" + "c" * (2 if has_paper else 1)
        heads = ["", f"ours ({_tex(model)})"] + (["paper (GPT-4)"] if has_paper else [])
        lines = [
            "\\begin{table}[t]",
            "\\centering",
            f"\\caption{{{_tex(table.suite.title)}}}",
            f"\\begin{{tabular}}{{{columns}}}",
            "\\toprule",
            " & ".join(heads) + " \\\\",
            "\\midrule",
        ]
        for row in table.rows:
            cells = [_tex(row.label), _tex(row.ours.text("$\\pm$"))]
            if has_paper:
                cells.append(_tex(paper_text(row.paper, "$\\pm$")))
            lines.append(" & ".join(cells) + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}", "\\end{table}"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _tex(text: str) -> str:
    """Escape LaTeX's special characters, keeping inline math ($...$) as written."""
    pieces = text.split("$")
    for index in range(0, len(pieces), 2):  # outside math
        for char, escaped in (("&", "\\&"), ("%", "\\%"), ("_", "\\_"), ("#", "\\#")):
            pieces[index] = pieces[index].replace(char, escaped)
    return "$".join(pieces)
