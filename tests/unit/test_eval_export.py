"""``voyager export``: rounds of a run as SFT records and preference pairs, from its trace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from voyager.cli import main
from voyager.config import load_settings
from voyager.eval.export import ExportCounts, ExportError, export_records
from voyager.files import append_line
from voyager.rundir import RunFolder


def trace(run: RunFolder, event: str, **fields: Any) -> None:
    """A line of the run's trace, as a run of this or an older version wrote it."""
    append_line(run.trace_path, json.dumps({"event": event, **fields}))


def prompt(task: str, critique: str = "none") -> list[dict[str, str]]:
    return [
        {"role": "system", "content": "You write Mineflayer programs."},
        {"role": "user", "content": f"Task: {task}\nCritique: {critique}"},
    ]


def round_event(task: str, number: int, success: bool, code: str, **extra: Any) -> dict[str, Any]:
    return {
        "iteration": number,
        "task": task,
        "round": number,
        "prompt": prompt(task),
        "code": code,
        "events": extra.pop("events", []),
        "success": success,
        "critique": extra.pop("critique", ""),
        "reason": extra.pop("reason", ""),
        **extra,
    }


def make_run(folder: Path, *, self_verification: bool = True) -> Path:
    settings = load_settings(
        overrides={"explore": {"self_verification": self_verification}}, environ={}
    )
    run = RunFolder.create(folder, settings)
    trace(run, "task", task="Mine 3 stone")
    error = {"type": "error", "message": "No stone nearby"}
    trace(run, "round", **round_event("Mine 3 stone", 1, False, "bad()", events=[error]))
    trace(run, "round", **round_event("Mine 3 stone", 2, False, "still bad()", critique="more"))
    trace(run, "round", **round_event("Mine 3 stone", 3, True, "good()"))
    trace(run, "task_end", task="Mine 3 stone", success=True, rounds=3)
    trace(run, "task", task="Craft 1 furnace")
    trace(run, "round", **round_event("Craft 1 furnace", 4, True, "furnace()"))
    trace(run, "task_end", task="Craft 1 furnace", success=True, rounds=1)
    trace(run, "task", task="Kill 1 cow")
    old = round_event("Kill 1 cow", 5, True, "cow()")
    old.pop("prompt")  # a round traced before prompts were
    trace(run, "round", **old)
    trace(run, "task_end", task="Kill 1 cow", success=True, rounds=1)
    return folder


def test_sft_records_are_the_verified_successful_rounds(tmp_path: Path) -> None:
    counts = ExportCounts()
    records = list(export_records(make_run(tmp_path / "run"), "sft", counts))
    assert [r["metadata"]["task"] for r in records] == ["Mine 3 stone", "Craft 1 furnace"]
    first = records[0]["messages"]
    assert first[:2] == prompt("Mine 3 stone")
    assert first[2] == {"role": "assistant", "content": "```javascript\ngood()\n```"}
    assert counts.without_prompt == 1 and counts.rounds == 5


def test_preference_pairs_are_failed_rounds_and_the_round_that_fixed_them(
    tmp_path: Path,
) -> None:
    records = list(export_records(make_run(tmp_path / "run"), "preference", ExportCounts()))
    assert len(records) == 2
    first = records[0]
    assert first["prompt"] == prompt("Mine 3 stone")
    assert first["chosen"][0]["content"].endswith("good()\n```")
    assert first["rejected"][0]["content"].endswith("bad()\n```")
    assert first["metadata"]["errors"] == ["No stone nearby"]
    assert records[1]["metadata"]["critique"] == "more"
    assert first["metadata"]["fixed_in_round"] == 3


def test_runs_without_self_verification_are_left_out(tmp_path: Path) -> None:
    counts = ExportCounts()
    folder = make_run(tmp_path / "run", self_verification=False)
    assert list(export_records(folder, "sft", counts)) == []
    assert "self-verification was off" in counts.skipped_runs[0]


def test_an_eval_exports_the_runs_of_all_its_trials(tmp_path: Path) -> None:
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "eval.json").write_text("{}")
    make_run(tmp_path / "ev" / "trials" / "a")
    make_run(tmp_path / "ev" / "trials" / "b")
    counts = ExportCounts()
    assert len(list(export_records(tmp_path / "ev", "sft", counts))) == 4
    assert counts.runs == 2


def test_a_path_without_runs_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="neither a run folder"):
        list(export_records(tmp_path, "sft", ExportCounts()))


def test_the_export_command_writes_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = make_run(tmp_path / "run")
    out = tmp_path / "pairs.jsonl"
    assert main(["export", str(run), "--format", "preference", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["chosen"]
    assert "2 preference records from 5 rounds of 1 run(s)" in capsys.readouterr().err
