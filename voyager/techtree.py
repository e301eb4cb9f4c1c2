"""The tech-tree milestones of the Voyager paper (``curriculum/techtree.json``)."""

from __future__ import annotations

from voyager.data import tech_tree


def milestones() -> dict[str, list[str]]:
    """Tier name -> the tools whose first appearance in the inventory reaches that tier."""
    return tech_tree().milestones
