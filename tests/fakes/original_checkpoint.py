"""Write a checkpoint folder in the original Voyager's layout, for import tests."""

from __future__ import annotations

import json
from pathlib import Path


def write_checkpoint(root: Path, skills: dict[str, str]) -> Path:
    """A checkpoint folder as the original Voyager wrote it."""
    skill = root / "skill"
    (skill / "code").mkdir(parents=True)
    (skill / "description").mkdir()
    (skill / "vectordb").mkdir()  # its obsolete store: must be ignored
    (skill / "vectordb" / "chroma.sqlite3").write_bytes(b"not a database we read")
    index = {}
    for name, code in skills.items():
        description = f"async function {name}(bot) {{\n    // Does {name} step by step.\n}}"
        (skill / "code" / f"{name}.js").write_text(code)
        (skill / "description" / f"{name}.txt").write_text(description)
        index[name] = {"code": code, "description": description}
    (skill / "skills.json").write_text(json.dumps(index))
    (root / "curriculum").mkdir()
    (root / "curriculum" / "completed_tasks.json").write_text(json.dumps(["Mine 1 wood log"]))
    (root / "curriculum" / "failed_tasks.json").write_text(json.dumps([]))
    return root
