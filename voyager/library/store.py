"""The skill library's files: index.json, every version's code in history/, readable copies.

The files are the truth. A write goes history file, index.json, then
``<name>.js``, each atomically (temporary file, fsync, rename); a store
interrupted in between repairs its readable copies when it is next opened.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from voyager.files import write_atomic
from voyager.library.errors import LibraryError, ReadOnlyLibraryError
from voyager.library.graph import callees_first

INDEX_FILE = "index.json"
HISTORY_DIR = "history"
_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")


@dataclass(frozen=True)
class NewSkill:
    """A skill to store: its code, what it is for and where it came from."""

    name: str
    code: str
    description: str
    task: str
    calls: Sequence[str] = ()
    world: str = ""
    iteration: int | None = None  # of the run that learned it
    author: str = ""  # the learner that made it (several learners may share a library)
    counts: tuple[int, int] = (0, 0)  # uses and successes, kept by an import
    imported_from: str | None = None


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
    author: str  # the learner that made it (several learners may share a library)
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
    author: str = ""
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


class SkillStore:
    """A library folder's files; ``current`` holds each skill's latest version."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._index = _read_index(folder, must_exist=read_only)
        self.current = {name: self._load_current(name) for name in self._index.skills}
        if not read_only:
            folder.mkdir(parents=True, exist_ok=True)
            self._repair_copies()

    def get(self, name: str) -> Skill:
        if name not in self.current:
            raise LibraryError(self.unknown(name))
        return self.current[name]

    def unknown(self, name: str) -> str:
        shown = ", ".join(sorted(self.current)[:20]) or "none"
        return f"no skill named {name!r} in {self.folder} (skills: {shown})"

    def history(self, name: str) -> list[Skill]:
        self.get(name)
        return [_skill(name, r, self._read_version_code(name, r)) for r in self._index.skills[name]]

    def check_writable(self, action: str) -> None:
        if self.read_only:
            raise ReadOnlyLibraryError(
                f"cannot {action}: the skill library at {self.folder} was opened read-only"
            )

    def add(self, new: NewSkill, known: set[str]) -> Skill:
        """Store a new version; the current one when the code is the same."""
        name = new.name
        self.check_writable(f"add skill {name!r}")
        code = _check_skill(name, new.code, new.description, new.calls, known)
        current = self.current.get(name)
        if current is not None and current.code == code:
            return current
        record = _VersionRecord(
            version=current.version + 1 if current else 1,
            description=new.description.strip(),
            task=new.task,
            world=new.world,
            iteration=new.iteration,
            author=new.author,
            calls=list(dict.fromkeys(new.calls)),
            uses=new.counts[0],
            successes=new.counts[1],
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            sha256=_sha256(code),
            imported_from=new.imported_from,
        )
        write_atomic(_version_path(self.folder, name, record.version), code)
        self._index.skills.setdefault(name, []).append(record)
        self._write_index()
        write_atomic(self.folder / f"{name}.js", code)
        skill = self.current[name] = _skill(name, record, code)
        return skill

    def record_use(self, name: str, success: bool) -> Skill:
        self.check_writable(f"record a use of {name!r}")
        self.get(name)
        record = self._index.skills[name][-1]
        record.uses += 1
        record.successes += int(success)
        self._write_index()
        self.current[name] = _skill(name, record, self.current[name].code)
        return self.current[name]

    def use_counts(self) -> dict[str, list[int]]:
        return {name: [r[-1].uses, r[-1].successes] for name, r in self._index.skills.items()}

    def restore_use_counts(self, counts: dict[str, list[int]]) -> None:
        self.check_writable("restore counts of uses")
        changed = False
        for name, (uses, successes) in counts.items():
            records = self._index.skills.get(name)
            if not records or (records[-1].uses, records[-1].successes) == (uses, successes):
                continue
            records[-1].uses, records[-1].successes = uses, successes
            self.current[name] = _skill(name, records[-1], self.current[name].code)
            changed = True
        if changed:
            self._write_index()

    def rollback(self, after_iteration: int, author: str | None = None) -> list[str]:
        """Drop the versions learned after ``after_iteration`` (by ``author``, when given);
        return the names changed."""
        self.check_writable(f"roll back to iteration {after_iteration}")
        dropped: dict[str, list[_VersionRecord]] = {}
        for name, records in list(self._index.skills.items()):
            kept = [r for r in records if not _learned_after(r, after_iteration, author)]
            if len(kept) < len(records):
                dropped[name] = [r for r in records if r not in kept]
                records[:] = kept
            if not records:
                del self._index.skills[name]
        if not dropped:
            return []
        self._write_index()
        for name, records in dropped.items():
            copy = self.folder / f"{name}.js"
            if name in self._index.skills:
                self.current[name] = self._load_current(name)
                write_atomic(copy, self.current[name].code)
            else:
                del self.current[name]
                copy.unlink(missing_ok=True)
            for record in records:
                _version_path(self.folder, name, record.version).unlink(missing_ok=True)
        return sorted(dropped)

    def export(self, dest: Path) -> None:
        """Copy the files (every version) to a new, empty folder ``dest``."""
        if dest.exists() and any(dest.iterdir()):
            raise LibraryError(f"cannot export to {dest}: it is not empty; choose a new folder")
        (dest / HISTORY_DIR).mkdir(parents=True, exist_ok=True)
        for name, records in self._index.skills.items():
            for record in records:
                write_atomic(
                    _version_path(dest, name, record.version), self._read_version_code(name, record)
                )
            write_atomic(dest / f"{name}.js", self.current[name].code)
        write_atomic(dest / INDEX_FILE, self._index.model_dump_json(indent=2) + "\n")

    def copy_problems(self) -> list[str]:
        """Readable copies that are not the current version's code."""
        problems = []
        for name, skill in sorted(self.current.items()):
            copy = self.folder / f"{name}.js"
            if not copy.is_file() or _read(copy) != skill.code:
                problems.append(f"{copy.name} is not version {skill.version} of {name!r}")
        return problems

    def _write_index(self) -> None:
        write_atomic(self.folder / INDEX_FILE, self._index.model_dump_json(indent=2) + "\n")

    def _load_current(self, name: str) -> Skill:
        record = self._index.skills[name][-1]
        return _skill(name, record, self._read_version_code(name, record))

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
        for name, skill in self.current.items():
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
            self.skills[name] = _skill(name, records[-1], _read(path))

    def in_dependency_order(self) -> Iterator[Skill]:
        """Every skill after the skills it calls (cycles broken where they close)."""
        calls = {name: skill.calls for name, skill in self.skills.items()}
        for name in callees_first(sorted(self.skills), calls, skip_unknown=True):
            yield self.skills[name]


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


def _skill(name: str, record: _VersionRecord, code: str) -> Skill:
    return Skill(
        name=name,
        description=record.description,
        code=code,
        task=record.task,
        world=record.world,
        iteration=record.iteration,
        version=record.version,
        author=record.author,
        calls=tuple(record.calls),
        uses=record.uses,
        successes=record.successes,
        created=record.created,
    )


def _learned_after(record: _VersionRecord, iteration: int, author: str | None) -> bool:
    mine = author is None or record.author == author
    return mine and record.imported_from is None and (record.iteration or 0) > iteration


def _version_path(folder: Path, name: str, version: int) -> Path:
    return folder / HISTORY_DIR / f"{name}.v{version}.js"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")
