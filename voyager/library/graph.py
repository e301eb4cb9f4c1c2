"""The skills' call graph: which skills a skill needs, in the order they must be defined."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


class UnknownCallee(LookupError):
    """A skill name the graph does not hold, and the skill that called it (None for a root)."""

    def __init__(self, name: str, caller: str | None) -> None:
        super().__init__(name)
        self.name = name
        self.caller = caller


def callees_first(
    roots: Iterable[str], calls: Mapping[str, Sequence[str]], *, skip_unknown: bool = False
) -> list[str]:
    """``roots`` and, transitively, the skills they call: each after its callees, once.

    ``calls`` maps every known skill to the skills it calls. A name it does not
    hold raises :class:`UnknownCallee`, or is left out with ``skip_unknown``.
    A cycle is broken where it closes.
    """
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(name: str, caller: str | None) -> None:
        if name in seen:
            return
        if name not in calls:
            if skip_unknown:
                return
            raise UnknownCallee(name, caller)
        seen.add(name)
        for callee in calls[name]:
            visit(callee, name)
        ordered.append(name)

    for name in roots:
        visit(name, None)
    return ordered
