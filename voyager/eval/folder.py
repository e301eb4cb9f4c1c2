"""The eval folder: its plan and every trial's status in ``eval.json``, written atomically.

```
evals/<date-time>/
  eval.json           the plan (suites, trials), each trial's status, attempts and figures
  settings.toml       the settings every trial starts from (flags and ablations included)
  trial-settings.toml the same, as this session's trials read it (roles via the gateway)
  spend.json          what the LLM calls of all trials cost so far (with a gateway)
  trials/<id>/        one run folder per trial (resumable like any run)
  attempts/<id>.<n>/  the folders of zeroshot attempts that were started again
  libraries/<n>/      copies of the skill libraries zeroshot trials use
  logs/<id>.log       each trial's stderr
  results.csv, report/ (tables.md, tables.tex, items.png, milestones.png, index.html)
```

One eval process at a time holds ``.lock``; a second one is refused.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from voyager.config import Settings, load_settings, settings_to_toml
from voyager.errors import VoyagerError
from voyager.eval.suites import Suite
from voyager.eval.trials import Trial
from voyager.files import read_json, write_atomic, write_json

EVALS_ROOT = Path("evals")
STATE_FILE = "eval.json"
SETTINGS_FILE = "settings.toml"
FORMAT = 1


class EvalFolderError(VoyagerError, RuntimeError):
    """An eval folder that cannot be created, opened or locked, and what to do."""


class EvalFolder:
    def __init__(self, path: Path, state: dict[str, Any]) -> None:
        self.path = path
        self.state = state

    @classmethod
    def create(
        cls,
        path: Path | None,
        settings: Settings,
        suites: list[Suite],
        plan: dict[str, list[Trial]],
        options: dict[str, Any],
    ) -> EvalFolder:
        path = path or EVALS_ROOT / datetime.now().strftime("%Y%m%d-%H%M%S")
        if path.exists() and any(path.iterdir()):
            raise EvalFolderError(
                f"{path} already holds files: resume an eval with voyager eval --resume {path}, "
                "or choose another --eval-dir"
            )
        path.mkdir(parents=True, exist_ok=True)
        write_atomic(path / SETTINGS_FILE, settings_to_toml(settings))
        trials: dict[str, dict[str, Any]] = {}
        for suite_trials in plan.values():
            for trial in suite_trials:
                trials.setdefault(trial.id, {**trial.to_dict(), "status": "pending", "attempts": 0})
        state = {
            "format": FORMAT,
            "id": uuid.uuid4().hex,
            "created": datetime.now().isoformat(timespec="seconds"),
            "options": options,
            "suites": [
                {**suite.model_dump(mode="json"), "trials": [t.id for t in plan[suite.name]]}
                for suite in suites
            ],
            "trials": list(trials.values()),
            "status": "pending",
            "reason": "",
        }
        folder = cls(path, state)
        folder.save()
        return folder

    @classmethod
    def open(cls, path: Path) -> EvalFolder:
        state = read_json(path / STATE_FILE, None)
        if state is None:
            raise EvalFolderError(f"{path} is not an eval folder (no {STATE_FILE})")
        if state.get("format") != FORMAT:
            raise EvalFolderError(f"{path}: eval format {state.get('format')} is not {FORMAT}")
        return cls(path, state)

    def settings(self, overrides: dict[str, Any] | None = None) -> Settings:
        return load_settings(self.path / SETTINGS_FILE, overrides=overrides, environ={})

    def save(self) -> None:
        write_json(self.path / STATE_FILE, self.state)

    @property
    def suites(self) -> list[Suite]:
        return [
            Suite.model_validate({k: v for k, v in s.items() if k != "trials"})
            for s in self.state["suites"]
        ]

    def suite_trials(self, name: str) -> list[dict[str, Any]]:
        ids = next(s["trials"] for s in self.state["suites"] if s["name"] == name)
        return [self.trial_record(trial_id) for trial_id in ids]

    @property
    def trials(self) -> list[Trial]:
        return [Trial.from_dict(record) for record in self.state["trials"]]

    def trial_record(self, trial_id: str) -> dict[str, Any]:
        return next(r for r in self.state["trials"] if r["id"] == trial_id)

    def update_trial(self, trial_id: str, **fields: Any) -> None:
        self.trial_record(trial_id).update(fields)
        self.save()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the eval's lock: released when this process ends, however it ends."""
        fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise EvalFolderError(
                    f"another voyager eval is running in {self.path}; wait for it or stop it"
                ) from None
            yield
        finally:
            os.close(fd)
