"""Evaluation suites: what to run and what to tabulate, one TOML file each (``curriculum/suites``).

A suite is data: ``kind = "explore"`` runs lifelong-learning sessions of
``iterations`` and tabulates ``figures`` (``milestones``, ``items``,
``distance``); ``kind = "zeroshot"`` runs ``voyager run`` for each of its
``goals`` with a ``budget`` of iterations and a skill library; ``kind =
"team"`` runs ``agents`` learners in one world for ``iterations`` each, once
per library mode of ``libraries`` (shared, separate), and tabulates the items
of the group and of each learner and the skills reused across learners. ``[paper.X]``
holds the paper's number for figure row X, printed beside ours. A suite is
named by its file name (``techtree`` is ``curriculum/suites/techtree.toml``)
or given as a path to a TOML file. docs/eval.md describes every key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from voyager.errors import VoyagerError
from voyager.paths import curriculum_dir
from voyager.tasks import TaskError, parse_task

LibraryMode = Literal["shared", "separate"]
RESERVED_NAMES = ("compare",)  # `voyager eval compare A B` is a command, not a suite


class SuiteError(VoyagerError, ValueError):
    """A suite that cannot be found or read; the message names the file and the key."""


class PaperFigure(BaseModel):
    """One number of the paper: mean ± sd (successes/trials); sd absent when it gave none."""

    model_config = ConfigDict(extra="forbid")

    mean: float
    sd: float | None = None
    successes: int = Field(ge=0)
    trials: int = Field(ge=1)


class Suite(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    kind: Literal["explore", "zeroshot", "team"]
    iterations: int = Field(160, ge=1, description="explore, team: iterations of each run")
    budget: int = Field(50, ge=1, description="zeroshot: iterations allowed for each goal")
    goals: list[str] = Field(default_factory=list, description="zeroshot: the final goals")
    seed_offset: int = Field(0, description="zeroshot: added to each seed, for a world not seen")
    agents: int = Field(2, ge=2, le=16, description="team: learners in one world")
    libraries: list[LibraryMode] = Field(
        default_factory=lambda: list[LibraryMode](["shared", "separate"]),
        description="team: the library modes compared, one run of each per seed and trial",
    )
    figures: list[Literal["milestones", "items", "distance", "goals"]] = Field(default_factory=list)
    paper: dict[str, PaperFigure] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Suite:
        if self.kind == "zeroshot":
            if not self.goals:
                raise ValueError("a zeroshot suite needs goals = [...]")
            for goal in self.goals:
                try:
                    parse_task(goal)
                except TaskError as exc:
                    raise ValueError(f"goal {goal!r}: {exc}") from exc
            if self.figures not in ([], ["goals"]):
                raise ValueError('a zeroshot suite has one figure, "goals"')
        elif "goals" in self.figures or self.goals:
            raise ValueError('goals belong to kind = "zeroshot" suites')
        if self.kind == "team":
            if self.figures:
                raise ValueError("a team suite tabulates fixed rows: give no figures")
            if not self.libraries or len(set(self.libraries)) != len(self.libraries):
                raise ValueError('libraries: "shared", "separate" or both, each once')
        return self

    @property
    def rows(self) -> list[str]:
        """The figure rows this suite tabulates, in order."""
        from voyager.data import tech_tree

        if self.kind == "zeroshot":
            return list(self.goals)
        if self.kind == "team":
            return [row for mode in self.libraries for row in team_rows(self.agents, mode)]
        rows: list[str] = []
        for figure in self.figures or ["milestones", "items", "distance"]:
            rows += list(tech_tree().milestones) if figure == "milestones" else [figure]
        return rows


def team_rows(agents: int, mode: str) -> list[str]:
    """A team suite's rows for one library mode: ``FIGURE/MODE``, FIGURE one of
    ``group_items``, ``items_<learner>``, ``skills``, ``reused_skills``."""
    from voyager.config import AgentsSettings

    learners = [f"items_{name}" for name in AgentsSettings(count=agents).names()]
    return [f"{figure}/{mode}" for figure in ["group_items", *learners, "skills", "reused_skills"]]


def suites_dir() -> Path:
    return curriculum_dir() / "suites"


def available_suites() -> list[str]:
    return sorted(path.stem for path in suites_dir().glob("*.toml"))


def load_suite(name_or_path: str) -> Suite:
    """A suite by name (``curriculum/suites/NAME.toml``) or by the path of a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        if name_or_path in RESERVED_NAMES:
            raise SuiteError(f"{name_or_path!r} is a command, not a suite name")
        path = suites_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            known = ", ".join(available_suites())
            raise SuiteError(
                f"no suite named {name_or_path!r}: the suites are {known}, "
                "or give the path of a suite file (docs/eval.md)"
            )
    elif not path.is_file():
        raise SuiteError(f"suite file not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SuiteError(f"{path} is not valid TOML: {exc}") from exc
    try:
        return Suite.model_validate({"name": path.stem, **data})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'suite'}: {e['msg']}" for e in exc.errors()
        )
        raise SuiteError(f"{path}: {problems}") from None
