"""The skill library: verified JavaScript skills as readable files, indexed in ChromaDB.

A library folder holds::

    index.json              every skill's metadata, every version (the commit point of a write)
    history/<name>.v<N>.js  the code of version N, written once and never changed
    <name>.js               a readable copy of the current version's code
    chroma/                 ChromaDB: one collection of description embeddings

:class:`SkillLibrary` is a small facade over three parts: the files
(``store.py``: the truth, written atomically and repaired on open), the
vector index (``index.py``: derived from the files, brought back in step with
them, tied to the embedder that built it) and the call graph (``graph.py``).
:meth:`SkillLibrary.check` lists what is out of step.

Retrieval ranks by cosine similarity plus a success boost::

    score = similarity + 0.2 * (rate - 0.5),   rate = (successes + 1) / (uses + 2)

so a skill never used is neutral (rate 0.5), and the boost stays within
+-0.1: it reorders close candidates but cannot lift an unrelated skill. The
``min_score`` threshold applies to the similarity itself.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Concatenate, ParamSpec, Self, TypeVar

from voyager.config import LibrarySettings
from voyager.embedders import Embedder
from voyager.library.errors import EmbedderMismatchError, LibraryError, ReadOnlyLibraryError
from voyager.library.graph import UnknownCallee, callees_first
from voyager.library.index import VectorIndex
from voyager.library.store import NewSkill, Skill, SkillLibraryFiles, SkillStore

SUCCESS_BOOST = 0.2
_DEFAULTS = LibrarySettings.model_validate({})
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _locked(
    method: Callable[Concatenate[SkillLibrary, _P], _R],
) -> Callable[Concatenate[SkillLibrary, _P], _R]:
    """One call at a time: learners in several threads may share the library."""

    def call(self: SkillLibrary, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    functools.update_wrapper(call, method)
    return call


class SkillLibrary:
    """A folder of skills with a ChromaDB index of their descriptions.

    ``read_only=True`` serves retrieval and code without ever writing: a
    missing or out-of-step index is then rebuilt in memory instead of on
    disk. ``chroma_url`` uses a ChromaDB server instead of ``<folder>/chroma``.
    ``rebuild_index=True`` discards the index and embeds every description
    again with ``embedder`` (what ``voyager skills reindex`` does).
    """

    def __init__(
        self,
        folder: Path,
        embedder: Embedder,
        *,
        read_only: bool = False,
        chroma_url: str | None = None,
        rebuild_index: bool = False,
    ) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._store = SkillStore(self.folder, read_only=read_only)
        self._index = VectorIndex(
            self.folder,
            embedder,
            self._store.current,
            read_only=read_only,
            chroma_url=chroma_url,
            rebuild=rebuild_index,
        )
        if not read_only:
            self._index.sync(self._store.current)  # repair now; read-only waits for a search

    # -- reading ---------------------------------------------------------

    @_locked
    def __len__(self) -> int:
        return len(self._store.current)

    @_locked
    def __contains__(self, name: object) -> bool:
        return name in self._store.current

    @_locked
    def names(self) -> list[str]:
        return sorted(self._store.current)

    @_locked
    def skills(self) -> list[Skill]:
        return [self._store.current[name] for name in self.names()]

    @_locked
    def get(self, name: str) -> Skill:
        """The current version of ``name``."""
        return self._store.get(name)

    @_locked
    def history(self, name: str) -> list[Skill]:
        """Every version of ``name``, oldest first."""
        return self._store.history(name)

    @_locked
    def all_code(self) -> dict[str, str]:
        """Name -> current code, for loading every skill into an environment."""
        return {name: skill.code for name, skill in sorted(self._store.current.items())}

    @_locked
    def program(self, names: Iterable[str]) -> str:
        """The code of ``names`` and, transitively, their callees: callees first, each once."""
        current = self._store.current
        try:
            ordered = callees_first(names, {n: s.calls for n, s in current.items()})
        except UnknownCallee as missing:
            where = f" (called by {missing.caller!r})" if missing.caller else ""
            raise LibraryError(self._store.unknown(missing.name) + where) from None
        return "\n".join(current[name].code for name in ordered)

    @_locked
    def retrieve(
        self, query: str, k: int = _DEFAULTS.top_k, min_score: float = _DEFAULTS.min_score
    ) -> list[tuple[Skill, float]]:
        """The ``k`` best skills for ``query``, best first, with their scores (module doc)."""
        if not query.strip():
            raise ValueError("retrieve needs a non-empty query (a task or its context)")
        current = self._store.current
        if k <= 0 or not current:
            return []
        self._index.require()
        self._index.sync(current)
        # The boost moves a score by at most 0.1, so look a little past k.
        wanted = min(len(current), max(4 * k, k + 10))
        ranked: list[tuple[Skill, float]] = []
        for name, similarity in self._index.search(query, wanted):
            skill = current.get(name)
            if skill is None or similarity < min_score:
                continue
            ranked.append((skill, similarity + SUCCESS_BOOST * (skill.success_rate - 0.5)))
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return ranked[:k]

    @_locked
    def check(self) -> list[str]:
        """What is out of step between the files and the ChromaDB index; empty when all is well."""
        if self.read_only:
            self._index.sync(self._store.current)  # in memory only: see VectorIndex
        problems = [self._index.mismatch] if self._index.mismatch else []
        return problems + self._store.copy_problems() + self._index.problems(self._store.current)

    # -- writing ---------------------------------------------------------

    @_locked
    def add(
        self,
        name: str,
        code: str,
        description: str,
        *,
        task: str,
        calls: Sequence[str] = (),
        world: str = "",
        iteration: int | None = None,
        author: str = "",
    ) -> Skill:
        """Store a skill; known name + new code = its next version, same code = a no-op."""
        new = NewSkill(name, code, description, task, calls, world, iteration, author)
        return self._add(new, known=set(self._store.current))

    @_locked
    def record_use(self, name: str, success: bool) -> Skill:
        """Count one use of ``name``'s current version, and whether it succeeded."""
        return self._store.record_use(name, success)

    @_locked
    def use_counts(self) -> dict[str, list[int]]:
        """[uses, successes] of every skill's current version, for a run's checkpoint."""
        return self._store.use_counts()

    @_locked
    def restore_use_counts(self, counts: dict[str, list[int]]) -> None:
        """Set the counts of the skills in ``counts`` back to a checkpoint's."""
        self._store.restore_use_counts(counts)

    @_locked
    def reindex(self) -> int:
        """Rebuild the ChromaDB index from the files with this embedder; return the skill count."""
        self._store.check_writable("rebuild the index")
        self._index.rebuild(self._store.current)
        return len(self)

    @_locked
    def export(self, dest: Path) -> None:
        """Copy the library's files (not the index, which is derived) to a new folder ``dest``."""
        self._store.export(Path(dest))

    @_locked
    def import_library(self, src: Path) -> list[Skill]:
        """Add the current version of every skill of another library folder (or export).

        Names that exist with other code get a new version, as with :meth:`add`;
        new versions keep their counts of uses and successes. Returns the
        skills that were added or changed.
        """
        self._store.check_writable(f"import skills from {src}")
        source = SkillLibraryFiles(Path(src))
        known = set(self._store.current) | set(source.skills)
        changed: list[Skill] = []
        for skill in source.in_dependency_order():
            before = self._store.current.get(skill.name)
            new = NewSkill(
                skill.name,
                skill.code,
                skill.description,
                skill.task,
                skill.calls,
                skill.world,
                skill.iteration,
                counts=(skill.uses, skill.successes),
                imported_from=str(src),
            )
            stored = self._add(new, known)
            if stored is not before:
                changed.append(stored)
        return changed

    @_locked
    def rollback(self, after_iteration: int, author: str | None = None) -> list[str]:
        """Drop the versions stored after iteration ``after_iteration`` (by ``author`` only,
        when given); return the names changed.

        A resumed run replays the iterations after its last checkpoint, so what
        they stored must go. Imported versions stay (their iterations are
        another run's). Counts of uses go back with :meth:`restore_use_counts`.
        """
        dropped = self._store.rollback(after_iteration, author)
        if dropped:
            self._index.mark_stale()
            self._index.sync(self._store.current)
        return dropped

    @_locked
    def close(self) -> None:
        """Release ChromaDB (its SQLite files stay locked while a client is open)."""
        self._index.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _add(self, new: NewSkill, known: set[str]) -> Skill:
        self._store.check_writable(f"add skill {new.name!r}")
        self._index.require()
        before = self._store.current.get(new.name)
        skill = self._store.add(new, known)
        if skill is not before:
            self._index.upsert([skill])
        return skill


__all__ = [
    "EmbedderMismatchError",
    "LibraryError",
    "ReadOnlyLibraryError",
    "Skill",
    "SkillLibrary",
    "SkillLibraryFiles",
]
