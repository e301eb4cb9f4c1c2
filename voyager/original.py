"""Import the original Voyager's checkpoints (``skill/skills.json``, ``skill/code``, ...).

The original kept, per checkpoint folder: ``skill/skills.json`` ({name:
{"code", "description"}}), ``skill/code/<name>.js``, ``skill/description/
<name>.txt`` (a stub ``async function name(bot) { // ... }`` whose comment is
the description), an old ChromaDB store in ``skill/vectordb`` (ignored: the
descriptions are embedded again with our embedder) and ``curriculum/
{completed,failed}_tasks.json`` and ``qa_cache.json``. A skill it rewrote
keeps its first version in ``code/<name>.js`` and the rewrites in
``code/<name>V2.js``, ``V3``...; ``skills.json`` holds the version it ran
last, so that one is imported (the newest file when skills.json has no code).
Code is kept exactly as it was, with one exception: the original ran every
program with all skills' code loaded, so a skill could call a helper function
that another skill's code defined (three of its published trial-1 programs
call ``findSuitablePosition``, defined only inside ``smeltFiveRawIron``);
here each skill stands alone, so such a helper is copied into the skill that
calls it, and reported. Skills whose code does not parse are reported and
left out, skills that call functions defined nowhere are imported and
reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from voyager.agents.action import primitive_names
from voyager.agents.code import (
    CodeError,
    called_functions,
    defined_functions,
    extract_program,
    function_sources,
)
from voyager.errors import VoyagerError
from voyager.files import write_json
from voyager.library import SkillLibrary

REPORT_FILE = "import-report.json"
CURRICULUM_FILES = ("completed_tasks.json", "failed_tasks.json", "qa_cache.json")


class OriginalImportError(VoyagerError):
    """A folder that holds no skills in the original Voyager's layout."""


@dataclass
class ImportReport:
    source: str
    imported: list[str] = field(default_factory=list)
    unparsable: dict[str, str] = field(default_factory=dict)
    unresolved: dict[str, list[str]] = field(default_factory=dict)
    borrowed: dict[str, dict[str, str]] = field(default_factory=dict)  # skill -> {helper: from}
    curriculum: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"imported {len(self.imported)} skills from {self.source}"]
        for name, error in sorted(self.unparsable.items()):
            lines.append(f"  left out {name}: its code does not parse ({error.splitlines()[0]})")
        for name, helpers in sorted(self.borrowed.items()):
            taken = ", ".join(f"{helper} (from {owner})" for helper, owner in helpers.items())
            lines.append(f"  {name} calls helpers other skills define; copied in: {taken}")
        for name, missing in sorted(self.unresolved.items()):
            lines.append(f"  {name} calls functions defined nowhere: {', '.join(missing)}")
        return "\n".join(lines)


def is_original_layout(path: Path) -> bool:
    return (_skill_dir(path) / "skills.json").is_file()


def import_original(path: Path, library: SkillLibrary) -> ImportReport:
    """Add every parsable skill of an original checkpoint; write and return the report."""
    skills = _read_skills(path)
    index = _load(_skill_dir(path) / "skills.json")
    report = ImportReport(source=str(path))
    parsed: dict[str, str] = {}
    for name, code in skills.items():
        try:
            extract_program(f"```javascript\n{code}\n```")
        except CodeError as exc:
            report.unparsable[name] = str(exc)
            continue
        parsed[name] = code
    known = set(parsed) | set(library.names()) | primitive_names()
    helpers = _helpers(parsed)
    for name, code in parsed.items():
        parsed[name], borrowed = _with_helpers(code, helpers, known)
        if borrowed:
            report.borrowed[name] = borrowed
    for name in _dependency_order(parsed):
        code = parsed[name]
        calls = called_functions(code) - set(defined_functions(code))
        missing = sorted(calls - known)
        if missing:
            report.unresolved[name] = missing
        library.add(
            name,
            code,
            _description(path, name, index),
            task=f"imported from the original Voyager ({path.name})",
            calls=sorted(c for c in calls if c in library and c != name),
            world=f"original Voyager checkpoint {path.name}",
        )
        report.imported.append(name)
    report.curriculum = _curriculum(path)
    left_out = {name: skills[name] for name in report.unparsable}
    write_json(library.folder / REPORT_FILE, {**asdict(report), "code_left_out": left_out})
    return report


def _helpers(skills: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Functions a skill's code defines besides the skill: name -> (owner skill, source).

    Where several skills define one, the last in skills.json wins, as it did when the
    original loaded all their code in that order.
    """
    found: dict[str, tuple[str, str]] = {}
    for owner, code in skills.items():
        for helper, source in function_sources(code).items():
            if helper != owner and helper not in skills:
                found[helper] = (owner, source)
    return found


def _with_helpers(
    code: str, helpers: dict[str, tuple[str, str]], known: set[str]
) -> tuple[str, dict[str, str]]:
    """``code`` with the helpers it calls, and those they call, copied in before it."""
    borrowed: dict[str, str] = {}
    while True:
        missing = called_functions(code) - set(defined_functions(code)) - known
        found = sorted(missing & set(helpers))
        if not found:
            return code, borrowed
        for helper in found:
            owner, source = helpers[helper]
            code = f"{source}\n\n{code}"
            borrowed[helper] = owner


def _skill_dir(path: Path) -> Path:
    return path if (path / "skills.json").is_file() else path / "skill"


def _read_skills(path: Path) -> dict[str, str]:
    folder = _skill_dir(path)
    index = folder / "skills.json"
    if not index.is_file():
        raise OriginalImportError(
            f"{path} has no skill/skills.json: not a checkpoint of the original Voyager"
        )
    entries = _load(index)
    if not isinstance(entries, dict):
        raise OriginalImportError(f"{index} should map skill names to {{code, description}}")
    skills: dict[str, str] = {}
    for name, entry in entries.items():
        code = str((entry or {}).get("code") or "")
        newest = _newest_version(folder / "code", name, ".js")
        skills[name] = code or (newest.read_text(encoding="utf-8") if newest else "")
    return skills


def _newest_version(folder: Path, name: str, suffix: str) -> Path | None:
    """``<name>V<n><suffix>`` with the highest n, else ``<name><suffix>``, if any exists."""
    versions = [(1, folder / f"{name}{suffix}")]
    for path in folder.glob(f"{name}V*{suffix}"):
        number = path.name[len(name) + 1 : -len(suffix)]
        if number.isdigit():
            versions.append((int(number), path))
    found = [(n, path) for n, path in versions if path.is_file()]
    return max(found)[1] if found else None


def _description(path: Path, name: str, skills_json: Any) -> str:
    """The comment of the skills.json entry, else of the newest ``skill/description`` stub."""
    stub = ""
    if isinstance(skills_json, dict):
        stub = str((skills_json.get(name) or {}).get("description") or "")
    if not stub:
        stub_file = _newest_version(_skill_dir(path) / "description", name, ".txt")
        stub = stub_file.read_text(encoding="utf-8") if stub_file else ""
    comments = re.findall(r"//\s*(.+)", stub)
    text = " ".join(c.strip() for c in comments) or stub.strip()
    return text or f"{name} (imported without a description)"


def _dependency_order(skills: dict[str, str]) -> list[str]:
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return  # a cycle is imported as found; the library checks names only
        visiting.add(name)
        for callee in sorted(called_functions(skills[name]) & set(skills)):
            if callee != name:
                visit(callee)
        visiting.discard(name)
        order.append(name)

    for name in sorted(skills):
        visit(name)
    return order


def _curriculum(path: Path) -> dict[str, Any]:
    folder = path / "curriculum"
    found = {}
    for name in CURRICULUM_FILES:
        data = _load(folder / name) if (folder / name).is_file() else None
        if data is not None:
            found[name.removesuffix(".json")] = data
    return found


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise OriginalImportError(f"{path} is not valid JSON: {exc}") from exc
