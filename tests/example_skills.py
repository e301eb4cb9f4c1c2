"""The project's own example skills (``tests/data/example_skills``), read by the tests."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "data" / "example_skills"


def example_skills() -> dict[str, str]:
    """Skill name -> program text, for every example program."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(FOLDER.glob("*.js"))}
