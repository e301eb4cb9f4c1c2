"""The tech-tree milestones of the Voyager paper, read from ``curriculum/techtree.json``."""

from __future__ import annotations

import json
from functools import cache

from voyager.paths import curriculum_dir


@cache
def milestones() -> dict[str, list[str]]:
    """Tier name -> the tools whose first appearance in the inventory reaches that tier."""
    data = json.loads((curriculum_dir() / "techtree.json").read_text(encoding="utf-8"))
    tiers: dict[str, list[str]] = data["milestones"]
    return tiers
