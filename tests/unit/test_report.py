"""``voyager report``: the summary agrees with the trace; the plots and the page are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.loop_session import ScriptedModel, build_learner
from voyager.cli import main
from voyager.report import summarize
from voyager.rundir import RunFolder


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folders = []
    with FakeOpenAIServer() as server:
        server.responder = ScriptedModel()
        for name, iterations in (("first", 14), ("second", 8)):
            folder = tmp_path_factory.mktemp("runs") / name
            build_learner(folder, server.base_url).explore(iterations)
            folders.append(folder)
    return folders


def test_the_summary_matches_the_run(runs: list[Path]) -> None:
    run = RunFolder.open(runs[0])
    summary = summarize(run)
    state = run.load("state.json")
    assert summary.iterations == 14 == state["iteration"]
    assert summary.status == "done"
    assert sorted(summary.items) == sorted(state["items"])
    assert summary.items_by_iteration[-1] == len(summary.items)
    assert summary.skills == state["skills_learned"]
    assert summary.cost == pytest.approx(state["usage"]["total_cost"])
    assert len(summary.path) == 14


def test_report_writes_plots_and_page_for_overlaid_runs(
    runs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report"
    assert main(["report", *map(str, runs), "--out", str(out)]) == 0
    for name in ("items.png", "milestones.png", "path.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG")
    page = (out / "index.html").read_text()
    assert "first" in page and "second" in page and 'src="items.png"' in page
    printed = capsys.readouterr().out
    assert "first: done after 14 iterations" in printed
    assert "second: done after 8 iterations" in printed
