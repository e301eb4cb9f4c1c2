"""The run folder: atomic writes, trace rewinding, torn lines, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from voyager.config import load_settings
from voyager.files import write_atomic
from voyager.rundir import RunFolder, RunFolderError


def test_a_new_run_saves_its_settings(tmp_path: Path) -> None:
    settings = load_settings(overrides={"explore": {"seed": 3}}, environ={})
    run = RunFolder.create(tmp_path / "run", settings)
    assert RunFolder.open(run.path).settings().explore.seed == 3


def test_an_existing_run_is_never_overwritten(tmp_path: Path) -> None:
    settings = load_settings(environ={})
    RunFolder.create(tmp_path / "run", settings)
    with pytest.raises(RunFolderError, match="--resume"):
        RunFolder.create(tmp_path / "run", settings)


def test_opening_a_folder_that_is_not_a_run_says_so(tmp_path: Path) -> None:
    with pytest.raises(RunFolderError, match="not a Voyager run folder"):
        RunFolder.open(tmp_path)


def test_rewinding_drops_lines_written_after_a_checkpoint(tmp_path: Path) -> None:
    run = RunFolder.create(tmp_path / "run", load_settings(environ={}))
    run.trace("round", iteration=1)
    size = run.trace_size()
    run.trace("round", iteration=2)
    run.rewind_trace(size)
    assert [r["iteration"] for r in run.read_trace()] == [1]


def test_a_torn_last_trace_line_is_skipped(tmp_path: Path) -> None:
    run = RunFolder.create(tmp_path / "run", load_settings(environ={}))
    run.trace("round", iteration=1)
    with run.trace_path.open("a") as handle:
        handle.write('{"event": "round", "itera')
    assert [r["iteration"] for r in run.read_trace()] == [1]


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]
