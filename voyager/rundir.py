"""The run folder: everything a run writes, as docs/architecture.md lays it out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from voyager.config import Settings, load_settings, settings_to_toml
from voyager.errors import VoyagerError
from voyager.events import Event, to_record
from voyager.files import append_line, read_json, truncate, write_atomic, write_json

RUNS_ROOT = Path("runs")


class RunFolderError(VoyagerError, RuntimeError):
    """A run folder that cannot be created or resumed, and why."""


class RunFolder:
    """One run's folder: config, trace, skills, curriculum and loop checkpoints.

    The checkpoint (``state.json``) records how long ``trace.jsonl`` was when
    it was written; resuming cuts the trace back to that length, so lines of a
    round that was in flight when the process died are not counted twice.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, path: Path | None, settings: Settings) -> RunFolder:
        if path is None:
            path = RUNS_ROOT / datetime.now().strftime("%Y%m%d-%H%M%S")
        if path.exists() and any(path.iterdir()):
            raise RunFolderError(
                f"{path} already holds a run: resume it with --resume {path} "
                "or choose another --run-dir"
            )
        try:
            (path / "logs").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RunFolderError(f"cannot create run folder {path}: {exc.strerror}") from exc
        run = cls(path)
        write_atomic(run.config_path, settings_to_toml(settings))
        return run

    @classmethod
    def open(cls, path: Path) -> RunFolder:
        run = cls(path)
        if not run.config_path.is_file():
            raise RunFolderError(f"{path} is not a Voyager run folder (no config.toml)")
        return run

    def settings(self, overrides: dict[str, Any] | None = None) -> Settings:
        return load_settings(self.config_path, overrides=overrides, environ={})

    @property
    def config_path(self) -> Path:
        return self.path / "config.toml"

    @property
    def trace_path(self) -> Path:
        return self.path / "trace.jsonl"

    @property
    def skills_dir(self) -> Path:
        return self.path / "skills"

    @property
    def logs_dir(self) -> Path:
        return self.path / "logs"

    def trace(self, event: Event) -> None:
        """One line of ``trace.jsonl``: the event and when it happened."""
        record = to_record(event)
        record = {"event": record.pop("event"), "time": _now(), **record}
        append_line(self.trace_path, json.dumps(record, default=str))

    def trace_size(self) -> int:
        return self.trace_path.stat().st_size if self.trace_path.exists() else 0

    def rewind_trace(self, size: int) -> None:
        truncate(self.trace_path, size)

    def read_trace(self) -> Iterator[dict[str, Any]]:
        """Trace records in order; a torn last line (a kill mid-write) is skipped."""
        if not self.trace_path.exists():
            return
        with self.trace_path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue

    def load(self, name: str, default: Any = None) -> Any:
        return read_json(self.path / name, default)

    def save(self, name: str, data: Any) -> None:
        write_json(self.path / name, data)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
