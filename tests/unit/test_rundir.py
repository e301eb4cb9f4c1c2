"""The run folder: atomic writes, trace rewinding, torn lines, clear errors."""

from __future__ import annotations

import contextlib
import resource
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from voyager.config import load_settings
from voyager.events import Milestone
from voyager.files import DiskFullError, append_line, write_atomic, write_json
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
    run.trace(Milestone(milestone="wooden_tool", iteration=1))
    size = run.trace_size()
    run.trace(Milestone(milestone="stone_tool", iteration=2))
    run.rewind_trace(size)
    assert [r["iteration"] for r in run.read_trace()] == [1]


def test_a_torn_last_trace_line_is_skipped(tmp_path: Path) -> None:
    run = RunFolder.create(tmp_path / "run", load_settings(environ={}))
    run.trace(Milestone(milestone="wooden_tool", iteration=1))
    with run.trace_path.open("a") as handle:
        handle.write('{"event": "round", "itera')
    assert [r["iteration"] for r in run.read_trace()] == [1]


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


@contextlib.contextmanager
def files_larger_than(limit: int) -> Iterator[None]:
    """Writes past ``limit`` bytes of a file fail as on a full disk (EFBIG)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_full_disk_is_a_clear_error_and_leaves_the_files_whole(tmp_path: Path) -> None:
    trace, state = tmp_path / "trace.jsonl", tmp_path / "state.json"
    append_line(trace, "x" * 100)
    write_json(state, {"iteration": 1})
    with files_larger_than(500):
        with pytest.raises(DiskFullError, match=r"free some space.*resume the run"):
            append_line(trace, "y" * 1000)
        with pytest.raises(DiskFullError, match=r"state\.json"):
            write_json(state, {"iteration": 2, "padding": "z" * 1000})
    assert trace.read_text() == "x" * 100 + "\n"
    assert state.read_text() == '{\n  "iteration": 1\n}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "trace.jsonl"]
