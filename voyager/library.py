"""The skill library: verified JavaScript skills as readable files, indexed in ChromaDB.

A library folder holds::

    index.json              every skill's metadata, every version (the commit point of a write)
    history/<name>.v<N>.js  the code of version N, written once and never changed
    <name>.js               a readable copy of the current version's code
    chroma/                 ChromaDB: one collection of description embeddings

The files are the truth. A write goes history file, index.json, ``<name>.js``,
then ChromaDB, each file atomically (temporary file, fsync, rename); a
library interrupted anywhere in between repairs itself when it is next
opened: ``<name>.js`` is restored from history and the ChromaDB collection
is brought back in step with index.json (:meth:`SkillLibrary.check` lists
what is out of step). The collection records which embedder built it, and
a library refuses to be searched with vectors from another one. On a
ChromaDB server (``chroma_url``) each library folder gets its own collection,
named after a hash of the folder's path.

Retrieval ranks by cosine similarity plus a success boost::

    score = similarity + 0.2 * (rate - 0.5),   rate = (successes + 1) / (uses + 2)

so a skill never used is neutral (rate 0.5), and the boost stays within
+-0.1: it reorders close candidates but cannot lift an unrelated skill. The
``min_score`` threshold applies to the similarity itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Self
from urllib.parse import urlparse

import chromadb
import chromadb.config
import chromadb.errors
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from voyager.config import LibrarySettings
from voyager.embedders import Embedder
from voyager.errors import VoyagerError
from voyager.files import write_atomic

INDEX_FILE = "index.json"
HISTORY_DIR = "history"
CHROMA_DIR = "chroma"
COLLECTION = "skills"
SUCCESS_BOOST = 0.2
_DEFAULTS = LibrarySettings.model_validate({})
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_UPSERT_BATCH = 256


class LibraryError(VoyagerError, RuntimeError):
    """A skill library that cannot do what was asked, with what to do about it."""


class ReadOnlyLibraryError(LibraryError):
    """A write to a library opened with ``read_only=True``."""


class EmbedderMismatchError(LibraryError):
    """The library's ChromaDB index was built with another embedder."""


@dataclass(frozen=True)
class Skill:
    """One version of a learned skill: a JavaScript async function and what it is for."""

    name: str
    description: str
    code: str
    task: str
    world: str
    iteration: int | None
    version: int
    calls: tuple[str, ...]
    uses: int
    successes: int
    created: str

    @property
    def success_rate(self) -> float:
        """Laplace-smoothed: 0.5 with no uses, towards successes/uses as uses grow."""
        return (self.successes + 1) / (self.uses + 2)


class _VersionRecord(BaseModel):
    """One version as index.json stores it (the code lives in history/)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1)
    description: str
    task: str
    world: str = ""
    iteration: int | None = None
    calls: list[str] = Field(default_factory=list)
    uses: int = Field(0, ge=0)
    successes: int = Field(0, ge=0)
    created: str
    sha256: str
    imported_from: str | None = None


class _IndexFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = 1
    skills: dict[str, list[_VersionRecord]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _names_and_versions(self) -> Self:
        for name, records in self.skills.items():
            if not _NAME.fullmatch(name):
                raise ValueError(f"{name!r} is not a skill name (a JavaScript function name)")
            if not records or [r.version for r in records] != list(range(1, len(records) + 1)):
                raise ValueError(f"the versions of {name!r} are not 1, 2, ... in order")
        return self


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
        self._embedder = embedder
        self._chroma_url = chroma_url
        self._index = _read_index(self.folder, must_exist=read_only)
        self._current = {name: self._load_current(name) for name in self._index.skills}
        if not read_only:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._repair_copies()
        self._clients: list[Any] = []
        self._client: Any = None
        self._mismatch: str | None = None
        self._collection = self._open_collection(rebuild_index)
        self._vectors_in_step = False
        if not read_only:
            self._sync_vectors()  # repair now; a read-only index is built on first use

    # -- reading ---------------------------------------------------------

    def __len__(self) -> int:
        return len(self._current)

    def __contains__(self, name: object) -> bool:
        return name in self._current

    def names(self) -> list[str]:
        return sorted(self._current)

    def skills(self) -> list[Skill]:
        return [self._current[name] for name in self.names()]

    def get(self, name: str) -> Skill:
        """The current version of ``name``."""
        if name not in self._current:
            raise LibraryError(self._unknown(name))
        return self._current[name]

    def history(self, name: str) -> list[Skill]:
        """Every version of ``name``, oldest first."""
        self.get(name)
        return [
            self._skill(name, record, self._read_version_code(name, record))
            for record in self._index.skills[name]
        ]

    def all_code(self) -> dict[str, str]:
        """Name -> current code, for loading every skill into an environment."""
        return {name: skill.code for name, skill in sorted(self._current.items())}

    def program(self, names: Iterable[str]) -> str:
        """The code of ``names`` and, transitively, their callees: callees first, each once."""
        ordered: list[str] = []
        seen: set[str] = set()

        def visit(name: str, caller: str | None) -> None:
            if name in seen:
                return
            if name not in self._current:
                where = f" (called by {caller!r})" if caller else ""
                raise LibraryError(self._unknown(name) + where)
            seen.add(name)
            for callee in self._current[name].calls:
                visit(callee, name)
            ordered.append(name)

        for name in names:
            visit(name, None)
        return "\n".join(self._current[name].code for name in ordered)

    def retrieve(
        self, query: str, k: int = _DEFAULTS.top_k, min_score: float = _DEFAULTS.min_score
    ) -> list[tuple[Skill, float]]:
        """The ``k`` best skills for ``query``, best first, with their scores (module doc)."""
        if not query.strip():
            raise ValueError("retrieve needs a non-empty query (a task or its context)")
        if k <= 0 or not self._current:
            return []
        self._require_index()
        self._sync_vectors()
        # The boost moves a score by at most 0.1, so look a little past k.
        wanted = min(len(self._current), max(4 * k, k + 10))
        vector = self._embedder.embed([query])[0]
        found = self._collection.query(
            query_embeddings=[vector], n_results=wanted, include=["distances"]
        )
        ranked: list[tuple[Skill, float]] = []
        for name, distance in zip(found["ids"][0], found["distances"][0], strict=True):
            similarity = 1.0 - float(distance)
            skill = self._current.get(name)
            if skill is None or similarity < min_score:
                continue
            ranked.append((skill, similarity + SUCCESS_BOOST * (skill.success_rate - 0.5)))
        ranked.sort(key=lambda pair: pair[1], reverse=True)
        return ranked[:k]

    def check(self) -> list[str]:
        """What is out of step between the files and the ChromaDB index; empty when all is well."""
        if self.read_only:
            self._sync_vectors()  # in memory only: see _open_collection
        problems = [self._mismatch] if self._mismatch else []
        for name, skill in sorted(self._current.items()):
            copy = self.folder / f"{name}.js"
            if not copy.is_file() or _read(copy) != skill.code:
                problems.append(f"{copy.name} is not version {skill.version} of {name!r}")
        indexed = _stored_versions(self._collection)
        for name, skill in sorted(self._current.items()):
            if indexed.get(name) != skill.version:
                problems.append(f"the index lacks version {skill.version} of {name!r}")
        problems += [
            f"the index holds {name!r}, which is not in {INDEX_FILE}"
            for name in sorted(set(indexed) - set(self._current))
        ]
        return problems

    # -- writing ---------------------------------------------------------

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
    ) -> Skill:
        """Store a skill; known name + new code = its next version, same code = a no-op."""
        return self._add(
            name,
            code,
            description,
            task=task,
            calls=calls,
            world=world,
            iteration=iteration,
            known=set(self._current),
        )

    def record_use(self, name: str, success: bool) -> Skill:
        """Count one use of ``name``'s current version, and whether it succeeded."""
        self._check_writable(f"record a use of {name!r}")
        self.get(name)
        record = self._index.skills[name][-1]
        record.uses += 1
        record.successes += int(success)
        self._write_index()
        self._current[name] = self._skill(name, record, self._current[name].code)
        return self._current[name]

    def use_counts(self) -> dict[str, list[int]]:
        """[uses, successes] of every skill's current version, for a run's checkpoint."""
        return {name: [r[-1].uses, r[-1].successes] for name, r in self._index.skills.items()}

    def restore_use_counts(self, counts: dict[str, list[int]]) -> None:
        """Set the counts of the skills in ``counts`` back to a checkpoint's."""
        self._check_writable("restore counts of uses")
        changed = False
        for name, (uses, successes) in counts.items():
            records = self._index.skills.get(name)
            if not records or (records[-1].uses, records[-1].successes) == (uses, successes):
                continue
            records[-1].uses, records[-1].successes = uses, successes
            self._current[name] = self._skill(name, records[-1], self._current[name].code)
            changed = True
        if changed:
            self._write_index()

    def reindex(self) -> int:
        """Rebuild the ChromaDB index from the files with this embedder; return the skill count."""
        self._check_writable("rebuild the index")
        with contextlib.suppress(chromadb.errors.NotFoundError):
            self._client.delete_collection(self._collection.name)
        self._collection = self._create_collection(self._client, self._collection.name)
        self._mismatch = None
        self._vectors_in_step = False
        self._sync_vectors()
        return len(self)

    def export(self, dest: Path) -> None:
        """Copy the library's files (not the index, which is derived) to a new folder ``dest``."""
        dest = Path(dest)
        if dest.exists() and any(dest.iterdir()):
            raise LibraryError(f"cannot export to {dest}: it is not empty; choose a new folder")
        (dest / HISTORY_DIR).mkdir(parents=True, exist_ok=True)
        for name, records in self._index.skills.items():
            for record in records:
                write_atomic(
                    _version_path(dest, name, record.version), self._read_version_code(name, record)
                )
            write_atomic(dest / f"{name}.js", self._current[name].code)
        write_atomic(dest / INDEX_FILE, self._index.model_dump_json(indent=2) + "\n")

    def import_library(self, src: Path) -> list[Skill]:
        """Add the current version of every skill of another library folder (or export).

        Names that exist with other code get a new version, as with :meth:`add`;
        new versions keep their counts of uses and successes. Returns the
        skills that were added or changed.
        """
        self._check_writable(f"import skills from {src}")
        source = SkillLibraryFiles(Path(src))
        known = set(self._current) | set(source.skills)
        changed: list[Skill] = []
        for skill in source.in_dependency_order():
            before = self._current.get(skill.name)
            stored = self._add(
                skill.name,
                skill.code,
                skill.description,
                task=skill.task,
                calls=skill.calls,
                world=skill.world,
                iteration=skill.iteration,
                known=known,
                counts=(skill.uses, skill.successes),
                imported_from=str(src),
            )
            if stored is not before:
                changed.append(stored)
        return changed

    def rollback(self, after_iteration: int) -> list[str]:
        """Drop the versions stored after iteration ``after_iteration``; return the names changed.

        A resumed run replays the iterations after its last checkpoint, so what
        they stored must go. Imported versions stay (their iterations are
        another run's). Counts of uses go back with :meth:`restore_use_counts`.
        """
        self._check_writable(f"roll back to iteration {after_iteration}")
        dropped: dict[str, list[_VersionRecord]] = {}
        for name, records in list(self._index.skills.items()):
            while records and _learned_after(records[-1], after_iteration):
                dropped.setdefault(name, []).append(records.pop())
            if not records:
                del self._index.skills[name]
        if not dropped:
            return []
        self._write_index()
        for name, records in dropped.items():
            copy = self.folder / f"{name}.js"
            if name in self._index.skills:
                self._current[name] = self._load_current(name)
                write_atomic(copy, self._current[name].code)
            else:
                del self._current[name]
                copy.unlink(missing_ok=True)
            for record in records:
                _version_path(self.folder, name, record.version).unlink(missing_ok=True)
        self._vectors_in_step = False
        self._sync_vectors()
        return sorted(dropped)

    def close(self) -> None:
        """Release ChromaDB (its SQLite files stay locked while a client is open)."""
        for client in self._clients:
            with contextlib.suppress(Exception):
                client.close()
        self._clients.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- internals: files ------------------------------------------------

    def _add(
        self,
        name: str,
        code: str,
        description: str,
        *,
        task: str,
        calls: Sequence[str],
        world: str,
        iteration: int | None,
        known: set[str],
        counts: tuple[int, int] = (0, 0),
        imported_from: str | None = None,
    ) -> Skill:
        self._check_writable(f"add skill {name!r}")
        self._require_index()
        code = _check_skill(name, code, description, calls, known)
        current = self._current.get(name)
        if current is not None and current.code == code:
            return current
        record = _VersionRecord(
            version=current.version + 1 if current else 1,
            description=description.strip(),
            task=task,
            world=world,
            iteration=iteration,
            calls=list(dict.fromkeys(calls)),
            uses=counts[0],
            successes=counts[1],
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            sha256=_sha256(code),
            imported_from=imported_from,
        )
        write_atomic(_version_path(self.folder, name, record.version), code)
        self._index.skills.setdefault(name, []).append(record)
        self._write_index()
        write_atomic(self.folder / f"{name}.js", code)
        skill = self._current[name] = self._skill(name, record, code)
        self._upsert_vectors([skill])
        return skill

    def _check_writable(self, action: str) -> None:
        if self.read_only:
            raise ReadOnlyLibraryError(
                f"cannot {action}: the skill library at {self.folder} was opened read-only"
            )

    def _write_index(self) -> None:
        write_atomic(self.folder / INDEX_FILE, self._index.model_dump_json(indent=2) + "\n")

    def _load_current(self, name: str) -> Skill:
        record = self._index.skills[name][-1]
        return self._skill(name, record, self._read_version_code(name, record))

    def _read_version_code(self, name: str, record: _VersionRecord) -> str:
        path = _version_path(self.folder, name, record.version)
        if not path.is_file():
            raise LibraryError(
                f"{path} is missing: {INDEX_FILE} records version {record.version} "
                f"of {name!r}; restore the file from a backup or an export"
            )
        code = _read(path)
        if _sha256(code) != record.sha256:
            raise LibraryError(
                f"{path} does not match the checksum in {INDEX_FILE}: it was "
                "changed; restore it, or add the new code as a new version"
            )
        return code

    def _repair_copies(self) -> None:
        """Rewrite ``<name>.js`` where a write stopped before it; refuse to drop a hand edit."""
        for name, skill in self._current.items():
            copy = self.folder / f"{name}.js"
            text = _read(copy) if copy.is_file() else None
            if text == skill.code:
                continue
            # A copy left by a write or rollback that stopped halfway holds
            # the code of a version still in history/, so it is ours to replace.
            ours = {_sha256(_read(p)) for p in (self.folder / HISTORY_DIR).glob(f"{name}.v*.js")}
            if text is not None and _sha256(text) not in ours:
                raise LibraryError(
                    f"{copy} differs from every stored version of {name!r} (edited by hand?): "
                    f"delete it to restore version {skill.version}, or store its code as a new "
                    "version with SkillLibrary.add"
                )
            write_atomic(copy, skill.code)

    @staticmethod
    def _skill(name: str, record: _VersionRecord, code: str) -> Skill:
        return Skill(
            name=name,
            description=record.description,
            code=code,
            task=record.task,
            world=record.world,
            iteration=record.iteration,
            version=record.version,
            calls=tuple(record.calls),
            uses=record.uses,
            successes=record.successes,
            created=record.created,
        )

    def _unknown(self, name: str) -> str:
        shown = ", ".join(self.names()[:20]) or "none"
        return f"no skill named {name!r} in {self.folder} (skills: {shown})"

    # -- internals: the ChromaDB index -----------------------------------

    def _open_collection(self, rebuild: bool) -> Any:
        """The collection to search: the stored one, or (read-only) an in-memory stand-in.

        A read-only library never writes, so where the stored collection is
        missing, out of step or to be rebuilt it searches a copy in memory.
        """
        name = self._collection_name()
        if self.read_only and self._chroma_url is None and not (self.folder / CHROMA_DIR).is_dir():
            return self._in_memory_collection()
        client = self._connect()
        existing = _get_collection(client, name)
        if existing is not None and rebuild and not self.read_only:
            client.delete_collection(name)
            existing = None
        if existing is None:
            if self.read_only:
                return self._in_memory_collection()
            return self._create_collection(client, name)
        if rebuild:
            return self._in_memory_collection()
        self._mismatch = self._embedder_mismatch(existing)
        if self.read_only and self._mismatch is None and not self._versions_match(existing):
            return self._in_memory_collection()
        return existing

    def _connect(self) -> Any:
        settings = chromadb.config.Settings(anonymized_telemetry=False)
        if self._chroma_url is None:
            client = chromadb.PersistentClient(
                path=str(self.folder / CHROMA_DIR), settings=settings
            )
        else:
            url = urlparse(self._chroma_url)
            if url.scheme not in ("http", "https") or not url.hostname:
                raise LibraryError(
                    f"not a ChromaDB server URL: {self._chroma_url!r} "
                    "(example: http://127.0.0.1:8000)"
                )
            try:
                client = chromadb.HttpClient(
                    host=url.hostname,
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=settings,
                )
            except Exception as exc:  # chromadb reports a refused connection as ValueError
                raise LibraryError(
                    f"cannot reach the ChromaDB server at {self._chroma_url} ({exc}): start it, "
                    f"or leave chroma_url unset to keep the index in {self.folder / CHROMA_DIR}"
                ) from exc
        self._clients.append(client)
        self._client = client
        return client

    def _in_memory_collection(self) -> Any:
        client = chromadb.EphemeralClient(
            settings=chromadb.config.Settings(anonymized_telemetry=False)
        )
        self._clients.append(client)
        self._client = client
        # Ephemeral clients share one in-process database: keep the name unique.
        return self._create_collection(client, f"skills-{uuid.uuid4().hex}")

    def _collection_name(self) -> str:
        if self._chroma_url is None:
            return COLLECTION
        # One server may hold many libraries: one collection per library folder.
        return f"voyager-skills-{_sha256(str(self.folder.resolve()))[:16]}"

    def _create_collection(self, client: Any, name: str) -> Any:
        metadata = {
            "embedder": self._embedder.name,
            "embedder_model": self._embedder.model,
            "embedder_dim": self._embedder.dim,
        }
        return client.create_collection(
            name,
            metadata=metadata,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )

    def _embedder_mismatch(self, collection: Any) -> str | None:
        metadata = collection.metadata or {}
        built = (metadata.get("embedder"), metadata.get("embedder_model"))
        if built == (self._embedder.name, self._embedder.model):
            return None
        return (
            f"this library's index was built with embedder {built[0]!r} (model {built[1]!r}), "
            f"not {self._embedder.name!r} (model {self._embedder.model!r}); run "
            f"`voyager skills reindex {self.folder} --embedder {self._embedder.name}` "
            "to rebuild it, or open it with the embedder that built it"
        )

    def _require_index(self) -> None:
        """Refuse to mix vectors of two embedders in one index."""
        if self._mismatch is not None:
            raise EmbedderMismatchError(self._mismatch)

    def _versions_match(self, collection: Any) -> bool:
        wanted = {name: skill.version for name, skill in self._current.items()}
        return _stored_versions(collection) == wanted

    def _sync_vectors(self) -> None:
        """Bring the collection in step with the files: embed what is missing, drop what is gone."""
        if self._vectors_in_step or self._mismatch is not None:
            return
        indexed = _stored_versions(self._collection)
        extra = [name for name in indexed if name not in self._current]
        if extra:
            self._collection.delete(ids=extra)
        stale = [s for n, s in sorted(self._current.items()) if indexed.get(n) != s.version]
        self._upsert_vectors(stale)
        self._vectors_in_step = True

    def _upsert_vectors(self, skills: list[Skill]) -> None:
        try:
            for start in range(0, len(skills), _UPSERT_BATCH):
                batch = skills[start : start + _UPSERT_BATCH]
                self._collection.upsert(
                    ids=[skill.name for skill in batch],
                    embeddings=self._embedder.embed([skill.description for skill in batch]),
                    documents=[skill.description for skill in batch],
                    metadatas=[{"version": skill.version} for skill in batch],
                )
        except BaseException:
            # The files hold the skill; the next retrieve (or open) embeds it again.
            self._vectors_in_step = False
            raise


class SkillLibraryFiles:
    """A library folder's skills read from its files alone (no ChromaDB), for an import."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        index = _read_index(folder, must_exist=True)
        self.skills: dict[str, Skill] = {}
        for name, records in index.skills.items():
            path = _version_path(folder, name, records[-1].version)
            if not path.is_file():
                raise LibraryError(f"{path} is missing; {folder} is not a complete library")
            self.skills[name] = SkillLibrary._skill(name, records[-1], _read(path))

    def in_dependency_order(self) -> Iterator[Skill]:
        """Every skill after the skills it calls (cycles broken where they close)."""
        seen: set[str] = set()

        def visit(name: str) -> Iterator[Skill]:
            if name in seen or name not in self.skills:
                return
            seen.add(name)
            for callee in self.skills[name].calls:
                yield from visit(callee)
            yield self.skills[name]

        for name in sorted(self.skills):
            yield from visit(name)


# -- helpers ---------------------------------------------------------------


def _read_index(folder: Path, *, must_exist: bool) -> _IndexFile:
    path = folder / INDEX_FILE
    if not path.is_file():
        if must_exist and not folder.is_dir():
            raise LibraryError(f"no skill library at {folder}: the folder does not exist")
        if folder.is_dir() and any((folder / HISTORY_DIR).glob("*.js")):
            raise LibraryError(
                f"{path} is missing but {folder / HISTORY_DIR} holds skills: restore "
                f"{INDEX_FILE} from a backup or an export (descriptions cannot be guessed)"
            )
        return _IndexFile()
    try:
        return _IndexFile.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, UnicodeDecodeError) as exc:
        raise LibraryError(
            f"{path} is not a valid skill index ({exc}); restore it from a backup or an export"
        ) from None


def _check_skill(
    name: str, code: str, description: str, calls: Sequence[str], known: set[str]
) -> str:
    """Validate a new skill; return its code normalised to end in one newline."""
    if not _NAME.fullmatch(name):
        raise LibraryError(
            f"invalid skill name {name!r}: use a JavaScript function name "
            "such as craftWoodenPickaxe"
        )
    if not code.strip():
        raise LibraryError(f"skill {name!r} has no code")
    if not description.strip():
        raise LibraryError(f"skill {name!r} has no description (it is what retrieval searches)")
    unknown = sorted({c for c in calls if c not in known or c == name})
    if unknown:
        raise LibraryError(
            f"skill {name!r} calls {unknown}, which are not skills in the library "
            "(list only learned skills in calls, not primitives or itself)"
        )
    return code.rstrip() + "\n"


def _learned_after(record: _VersionRecord, iteration: int) -> bool:
    return record.imported_from is None and (record.iteration or 0) > iteration


def _stored_versions(collection: Any) -> dict[str, int | None]:
    """Skill name -> the version whose description the collection holds."""
    stored = collection.get(include=["metadatas"])
    return {
        name: (metadata or {}).get("version")
        for name, metadata in zip(stored["ids"], stored["metadatas"], strict=True)
    }


def _version_path(folder: Path, name: str, version: int) -> Path:
    return folder / HISTORY_DIR / f"{name}.v{version}.js"


def _get_collection(client: Any, name: str) -> Any:
    try:
        return client.get_collection(name, embedding_function=None)
    except chromadb.errors.NotFoundError:
        return None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


__all__ = [
    "EmbedderMismatchError",
    "LibraryError",
    "ReadOnlyLibraryError",
    "Skill",
    "SkillLibrary",
    "SkillLibraryFiles",
]
