"""The helper functions an offline program carries: those of ``curriculum/offline-helpers.js``
that its main function uses, directly or through another helper, and nothing more."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from voyager.data import offline_helpers

DECLARATION = re.compile(r"^(?:async\s+)?(?:function|const)\s+([A-Za-z_$][\w$]*)")


@dataclass(frozen=True)
class Declaration:
    name: str
    code: str  # with the comment lines above it


@cache
def declarations() -> tuple[Declaration, ...]:
    """The helpers file's top-level declarations, in order, each with the comment lines right
    above it (the file's own header, set off by a blank line, belongs to none)."""
    found: list[Declaration] = []
    name: str | None = None
    lines: list[str] = []
    for line in offline_helpers().splitlines():
        match = DECLARATION.match(line)
        if match is None:
            lines.append(line)
            continue
        comment = _comment_above(lines)
        if name is not None:
            found.append(Declaration(name, "\n".join(lines[: len(lines) - len(comment)]).strip()))
        name, lines = match.group(1), [*comment, line]
    if name is not None:
        found.append(Declaration(name, "\n".join(lines).strip()))
    return tuple(found)


def _comment_above(lines: list[str]) -> list[str]:
    """The comment lines that end ``lines`` with no blank line between them."""
    start = len(lines)
    while start > 0 and lines[start - 1].startswith("//"):
        start -= 1
    return lines[start:]


def helpers_for(code: str) -> str:
    """The helpers ``code`` uses, directly or through each other, in the file's order."""
    every = declarations()
    needed: set[str] = set()
    frontier = [code]
    while frontier:
        text = frontier.pop()
        for declaration in every:
            if declaration.name not in needed and re.search(rf"\b{declaration.name}\b", text):
                needed.add(declaration.name)
                frontier.append(declaration.code)
    return "\n\n".join(d.code for d in every if d.name in needed)


def helper_names() -> set[str]:
    return {d.name for d in declarations()}
