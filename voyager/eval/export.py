"""``voyager export``: the rounds of runs as chat-format JSONL for fine-tuning open models.

Each round event of a trace holds the action prompt it was written from
(``prompt``: the messages, with the task, context, observation, last code,
errors and critique), the code and the verdict. Rounds group into task
attempts (from a ``task`` or ``subgoal`` event to its ``task_end``).

- ``sft``: one record per verified successful round,
  ``{"messages": [...prompt, {"role": "assistant", "content": code}], "metadata": ...}``.
- ``preference``: one record per failed round of a task attempt that a later
  round fixed, ``{"prompt": [...], "chosen": [assistant: the fix],
  "rejected": [assistant: the failed answer], "metadata": ...}`` (the
  conversational format of TRL's DPO trainer); the metadata holds the task,
  the critique and the errors that followed the failed answer.

Runs without self-verification (the ablation) are skipped: their successes
were never checked. Rounds recorded before prompts were traced have no
``prompt`` and are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voyager.errors import VoyagerError
from voyager.eval.trials import TRIALS_DIR
from voyager.rundir import RunFolder

NO_PROGRAM = "the answer had no usable program"


class ExportError(VoyagerError, ValueError):
    """A path that holds no run to export."""


@dataclass
class ExportCounts:
    runs: int = 0
    records: int = 0
    rounds: int = 0
    without_prompt: int = 0
    skipped_runs: list[str] = field(default_factory=list)

    def summary(self, fmt: str) -> str:
        lines = [f"{self.records} {fmt} records from {self.rounds} rounds of {self.runs} run(s)"]
        if self.without_prompt:
            lines.append(f"{self.without_prompt} rounds have no recorded prompt and were left out")
        lines += [f"skipped {name}" for name in self.skipped_runs]
        return "\n".join(lines)


def run_folders(path: Path) -> list[RunFolder]:
    """The run at ``path``, or every trial run of the eval at ``path``."""
    if (path / "config.toml").is_file():
        return [RunFolder.open(path)]
    if (path / "eval.json").is_file():
        trials = sorted((path / TRIALS_DIR).glob("*/config.toml"))
        return [RunFolder.open(config.parent) for config in trials]
    raise ExportError(f"{path} is neither a run folder (config.toml) nor an eval (eval.json)")


def export_records(path: Path, fmt: str, counts: ExportCounts) -> Iterator[dict[str, Any]]:
    if fmt not in ("sft", "preference"):
        raise ExportError(f"unknown format {fmt!r}: use sft or preference")
    for run in run_folders(path):
        if not run.settings().explore.self_verification:
            counts.skipped_runs.append(f"{run.path}: self-verification was off, nothing verified")
            continue
        counts.runs += 1
        for attempt in task_attempts(run):
            counts.rounds += len(attempt)
            counts.without_prompt += sum(1 for r in attempt if not r.get("prompt"))
            records = _sft(run, attempt) if fmt == "sft" else _preference(run, attempt)
            for record in records:
                counts.records += 1
                yield record


def task_attempts(run: RunFolder) -> Iterator[list[dict[str, Any]]]:
    """The rounds of each task attempt, in order."""
    rounds: list[dict[str, Any]] = []
    for record in run.read_trace():
        event = record["event"]
        if event in ("task", "subgoal"):
            if rounds:
                yield rounds
            rounds = []
        elif event == "round":
            rounds.append(record)
        elif event == "task_end":
            if rounds:
                yield rounds
            rounds = []
    if rounds:
        yield rounds


def _sft(run: RunFolder, attempt: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in attempt:
        if record["success"] and record.get("prompt"):
            answer = {"role": "assistant", "content": _answer(record)}
            yield {"messages": [*record["prompt"], answer], "metadata": _metadata(run, record)}


def _preference(run: RunFolder, attempt: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    fix = next((r for r in attempt if r["success"]), None)
    if fix is None:
        return
    for record in attempt[: attempt.index(fix)]:
        if not record.get("prompt"):
            continue
        yield {
            "prompt": record["prompt"],
            "chosen": [{"role": "assistant", "content": _answer(fix)}],
            "rejected": [{"role": "assistant", "content": _answer(record)}],
            "metadata": {**_metadata(run, record), "fixed_in_round": fix["round"]},
        }


def _answer(record: dict[str, Any]) -> str:
    """The program as an answer the action parser takes; an answer without a program as-is."""
    if record.get("reason") == NO_PROGRAM:
        return str(record["code"])
    return f"```javascript\n{str(record['code']).strip()}\n```"


def _metadata(run: RunFolder, record: dict[str, Any]) -> dict[str, Any]:
    errors = [e.get("message", "") for e in record.get("events", []) if e.get("type") == "error"]
    return {
        "run": str(run.path),
        "task": record["task"],
        "iteration": record["iteration"],
        "round": record["round"],
        "success": record["success"],
        "critique": record.get("critique", ""),
        "reason": record.get("reason", ""),
        "errors": errors,
        "prompt_hash": record.get("prompt_hash", ""),
    }
