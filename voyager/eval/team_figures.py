"""A team trial's figures: items of the group and of each learner, skills reused across learners.

Read from the team's run folder alone (``voyager explore --agents N``): each
learner's trace (``agents/<name>/trace.jsonl``) gives its items and the
programs it ran; the libraries give who made each skill. A skill's author is
the learner that stored its first version (the shared library records it;
in a separate library every skill is its owner's, so none is reused across
learners). ``skills`` counts the skills of every library the team has (one
shared, or each learner's). A learner reuses another's
skill when a program of one of its rounds calls a skill it was given
(``retrieved``) whose author is another learner: the library's own rule for
counting a use (``TaskRunner._learn``), read back from the trace.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from voyager.agents.code import CodeError, called_functions
from voyager.library.store import SkillStore
from voyager.report import summarize
from voyager.rundir import RunFolder
from voyager.team import agent_runs


def team_figures(folder: Path) -> dict[str, Any]:
    """What a team achieved, from its run folder ({} when it holds no learner yet)."""
    learners = agent_runs(folder)
    if not learners:
        return {}
    libraries = skill_authors(folder, learners)
    summaries = {run.path.name: summarize(run) for run in learners}
    reuses = [use for run in learners for use in reuses_by(run, libraries[run.path.name])]
    group = {item for summary in summaries.values() for item in summary.items}
    return {
        "iterations": sum(s.iterations for s in summaries.values()),
        "group_items": len(group),
        "learners": {
            name: {"items": len(s.items), "iterations": s.iterations, "skills": len(s.skills)}
            for name, s in summaries.items()
        },
        "skills": sum(len(authors) for authors in _distinct(libraries)),
        "reused_skills": len({use["skill"] for use in reuses}),
        "reuses": reuses,
        "cost": round(sum(s.cost for s in summaries.values()), 6),
        "tokens": sum(sum(s.tokens_by_role.values()) for s in summaries.values()),
    }


def skill_authors(folder: Path, learners: list[RunFolder]) -> dict[str, dict[str, str]]:
    """Learner -> the library it reads, as skill name -> the learner that made it."""
    shared = folder / "skills"
    if (shared / "index.json").is_file():
        store = SkillStore(shared, read_only=True)
        authors = {name: store.history(name)[0].author for name in store.current}
        return {run.path.name: authors for run in learners}
    libraries: dict[str, dict[str, str]] = {}
    for run in learners:
        own = run.path / "skills"
        names = SkillStore(own, read_only=True).current if (own / "index.json").is_file() else {}
        libraries[run.path.name] = dict.fromkeys(names, run.path.name)
    return libraries


def _distinct(libraries: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Each library once (a shared library is every learner's)."""
    seen: list[dict[str, str]] = []
    for authors in libraries.values():
        if not any(authors is other for other in seen):
            seen.append(authors)
    return seen


def reuses_by(run: RunFolder, authors: dict[str, str]) -> list[dict[str, Any]]:
    """Every call, in a round of this learner, of a retrieved skill another learner made."""
    user = run.path.name
    found = []
    for record in run.read_trace():
        if record.get("event") != "round" or not record.get("retrieved"):
            continue
        try:
            called = called_functions(record["code"])
        except CodeError:
            continue
        for skill in sorted(called & set(record["retrieved"])):
            author = authors.get(skill, "")
            if author and author != user:
                use = {"skill": skill, "author": author, "user": user}
                found.append({**use, "iteration": record["iteration"]})
    return found
