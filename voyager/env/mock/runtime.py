"""Runs programs in an embedded JavaScript engine (quickjs) against the mock world.

One engine context holds the prelude (the mineflayer-like ``bot``), the
control primitives of ``skills/*.js`` (the same files the real bridge runs)
and the learned skills, each evaluated once. A step evaluates the program
wrapped in ``async function program(bot)`` (so top-level ``await`` works),
then drives its event loop: promise jobs run, and when only timers are left
the world's clock moves on to the next one. Errors come back as messages
that point at the program's own lines; runaway programs end with an error
when they compute past the budget without the game clock moving (so a long
program's outcome never depends on how busy the machine is), or pass the
step's budget of game time.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import quickjs

from voyager.env.contract import Event, StepLimits
from voyager.env.mock.host import Host
from voyager.env.mock.rules import raw_gamedata
from voyager.paths import bridge_dir, skills_dir

# The bot process's own code for the rules both worlds share: loops, chat, loading skills,
# the step's events within their limits.
BRIDGE_MODULES = ("contract.json", "instrument.js", "chat.js", "loader.js", "events.js")
PRELUDE = "prelude.js"
FRAME = re.compile(r"at (?:[^\s(]* \()?<input>:(\d+)")
MAX_FRAMES = 4
MEMORY_LIMIT = 256 * 1024 * 1024
STACK_LIMIT = 1024 * 1024
JOBS_BETWEEN_CHECKS = 1000
MAX_CLOCK_STEPS = 200_000


class ProgramError(Exception):
    """The program failed; the message is written for the model that wrote it."""


@dataclass(frozen=True)
class Source:
    """One evaluated source and where its lines sit in the engine's line numbering."""

    file: str
    code: str
    first_line: int  # engine line of the source's first line

    def describe(self) -> str:
        if self.file == "program.js":
            return "the program"
        kind, _, name = self.file.removesuffix(".js").partition("/")
        return f"{kind} {name}"


@dataclass
class StepBudget:
    cpu_seconds: float
    max_ticks: int


class Runtime:
    """A quickjs context with the bot, primitives and skills; runs one program per step."""

    def __init__(self, host: Host, budget: StepBudget, limits: StepLimits) -> None:
        self.host = host
        self.budget = budget
        self.limits = limits
        self.skills: dict[str, str] = {}
        self.skill_problems: dict[str, str] = {}
        self._context: quickjs.Context | None = None
        self._sources: list[Source] = []

    # -- building the context ---------------------------------------------------------

    def load_skills(self, skills: Mapping[str, str]) -> None:
        self.skills = dict(skills)
        self._context = None

    def _build(self) -> quickjs.Context:
        context = quickjs.Context()
        context.set_memory_limit(MEMORY_LIMIT)
        context.set_max_stack_size(STACK_LIMIT)
        context.add_callable("__voyagerHost", self.host.call)
        context.add_callable("__voyagerSource", self._add_source)
        context.add_callable("__voyagerDescribe", self._describe_text)
        context.set("__voyagerMcData", mcdata_json())
        self._sources = []
        context.eval("globalThis.__voyagerModules = {};")
        lines = 1
        for file in BRIDGE_MODULES:  # first: the prelude uses them
            context.eval(bridge_module(file))
            lines += bridge_module(file).count("\n") + 1
        context.eval(prelude_source())
        lines += prelude_source().count("\n") + 1
        loaded = context.eval(
            f"__voyager.load({json.dumps(primitive_sources())}, {json.dumps(self.skills)}, "
            f"{lines + 1})"
        )
        self.skill_problems = json.loads(loaded)["failed"]
        return context

    def _add_source(self, file: str, code: str, first_line: int) -> None:
        """Where a source evaluated by the engine starts (the program replaces the last one)."""
        self._sources = [s for s in self._sources if not (s.file == file == "program.js")]
        self._sources.append(Source(file, code, int(first_line)))

    # -- running a program ------------------------------------------------------------

    def run(self, program: str, seed: int) -> tuple[list[Event], int]:
        """Run ``program``; returns the step's events (its error last) and the game ticks."""
        context = self._context if self._context is not None else self._build()
        self._context = context
        ticks = 0
        try:
            self._define_program(context, program)
            message = json.dumps(self._over_cpu_message())
            limits = json.dumps(self.limits.model_dump_json())
            context.eval(
                f"__voyager.start({seed & 0x7FFFFFFF}, {self.budget.cpu_seconds}, {message}, "
                f"{limits})"
            )
            error, ticks = self._drive(context)
        except ProgramError as exc:
            error = str(exc)
        except quickjs.JSException as exc:
            error = self._describe_text(str(exc))
        events: list[Event] = json.loads(
            context.eval(f"__voyager.takeStepEvents({json.dumps(error)})")
        )
        if error is not None or not context.eval("__voyager.idle()"):
            self._context = None  # leftover timers or jobs must not run into the next step
        else:
            context.eval("__voyager.clear()")
        return events, ticks

    def _define_program(self, context: quickjs.Context, program: str) -> None:
        problem = context.eval(f"__voyager.defineProgram({json.dumps(program)})")
        if problem:
            raise ProgramError(str(problem))

    def _drive(self, context: quickjs.Context) -> tuple[str | None, int]:
        started = time.monotonic()
        elapsed_ms = 0.0
        ticks = 0
        for _ in range(MAX_CLOCK_STEPS):
            self._run_jobs(context, started)
            state = json.loads(context.eval("__voyager.state()"))
            if state["error"] is not None:
                return self._describe(state["error"]), ticks
            if state["state"] == "done":
                return None, ticks
            delay = float(context.eval("__voyager.nextDelay()"))
            if delay < 0:
                return (
                    "Error: the program is waiting for something that never happens "
                    "(a promise that never settles, with no timer left)"
                ), ticks
            elapsed_ms += delay
            step = math.floor(elapsed_ms / 50) - ticks
            if ticks + step > self.budget.max_ticks:
                return self._over_game_time(), ticks
            events = self.host.do_advance(step) if step > 0 else self.host.do_takeBotEvents()
            ticks += step
            if delay > 0:  # the game clock moves: what ran so far was no runaway loop
                started = time.monotonic()
            context.eval(f"__voyager.fire({delay}, {json.dumps(json.dumps(events))})")
        return self._over_game_time(), ticks

    def _run_jobs(self, context: quickjs.Context, started: float) -> None:
        jobs = 0
        while context.execute_pending_job():
            jobs += 1
            if jobs % JOBS_BETWEEN_CHECKS == 0 and self._over_cpu(started):
                raise ProgramError(self._over_cpu_message())
        if self._over_cpu(started):
            raise ProgramError(self._over_cpu_message())

    def _over_cpu(self, started: float) -> bool:
        return time.monotonic() - started > self.budget.cpu_seconds

    def _over_cpu_message(self) -> str:
        return (
            f"Error: the program computed for more than {self.budget.cpu_seconds:g} s without "
            "finishing and was stopped (an endless loop?). Every loop must end."
        )

    def _over_game_time(self) -> str:
        return (
            f"Error: the program ran longer than {self.budget.max_ticks // 20} s of game time "
            "and was stopped; split the task into shorter programs and make every loop end."
        )

    # -- errors -----------------------------------------------------------------------

    def _describe(self, error: dict[str, str]) -> str:
        if "interrupted" in error.get("message", "") and error.get("name") == "InternalError":
            return self._over_cpu_message()
        head = f"{error['name']}: {error['message']}" if error.get("name") else error["message"]
        return "\n".join([head, *self._frames(error.get("stack", ""))])

    def _describe_text(self, text: str) -> str:
        head, _, stack = text.partition("\n")
        if head.startswith("InternalError: interrupted"):
            return self._over_cpu_message()
        return "\n".join([head, *self._frames(stack)])

    def _frames(self, stack: str) -> list[str]:
        lines: list[str] = []
        for raw_line in FRAME.findall(stack):
            located = self._locate(int(raw_line))
            if located is None:
                continue
            source, line = located
            text = (
                source.code.split("\n")[line - 1] if line <= source.code.count("\n") + 1 else ""
            ).strip()
            entry = f"at line {line} of {source.describe()}: {text}"
            if entry not in lines:
                lines.append(entry)
            if len(lines) == MAX_FRAMES:
                break
        return lines

    def _locate(self, engine_line: int) -> tuple[Source, int] | None:
        for source in reversed(self._sources):
            line = engine_line - source.first_line + 1
            if source.first_line <= engine_line and line <= source.code.count("\n") + 1:
                return source, line
        return None


@cache
def prelude_source() -> str:
    return Path(__file__).with_name(PRELUDE).read_text(encoding="utf-8")


@cache
def bridge_module(file: str) -> str:
    """A module of ``bridge/bot`` as the mock's engine runs it: registered by its relative
    name (``./chat``) so that the modules after it can ``require`` it."""
    code = (bridge_dir() / "bot" / file).read_text(encoding="utf-8")
    name = "./" + file.removesuffix(".js")
    if file.endswith(".json"):
        return f"globalThis.__voyagerModules[{json.dumps('./' + file)}] = {code};"
    return (
        f"globalThis.__voyagerModules[{json.dumps(name)}] = (function (module, require) {{\n"
        f"{code}\nreturn module.exports;\n}})({{ exports: {{}} }}, "
        "(name) => globalThis.__voyagerModules[name]);"
    )


@cache
def primitive_sources() -> dict[str, str]:
    """The control primitives the real bridge runs (``skills/*.js``), by file name."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(skills_dir().glob("*.js"))}


@cache
def mcdata_json() -> str:
    """minecraft-data's tables as mcData needs them, with ids in minecraft-data's order."""
    raw = raw_gamedata()
    item_ids = {name: index for index, name in enumerate(raw["items"])}
    items = [
        {"id": i, "name": n, "displayName": v["displayName"], "stackSize": v["stackSize"]}
        for n, i, v in ((n, item_ids[n], v) for n, v in raw["items"].items())
    ]
    blocks = []
    for index, (name, info) in enumerate(raw["blocks"].items()):
        tools = info.get("harvestTools")
        blocks.append(
            {
                "id": index,
                "name": name,
                "displayName": raw["items"].get(name, {}).get("displayName", name),
                "hardness": info["hardness"],
                "diggable": info["diggable"],
                "material": info["material"],
                "boundingBox": info["boundingBox"],
                "harvestTools": {str(item_ids[t]): True for t in tools if t in item_ids}
                if tools
                else None,
                "drops": [item_ids[d] for d in info["drops"] if d in item_ids],
            }
        )
    foods = [
        {"id": item_ids[n], "name": n, "foodPoints": f["foodPoints"], "saturation": f["saturation"]}
        for n, f in raw["foods"].items()
        if n in item_ids
    ]
    entities = [
        {
            "id": i,
            "name": n,
            "type": e["type"],
            "displayName": n,
            "width": e["width"],
            "height": e["height"],
        }
        for i, (n, e) in enumerate(raw["entities"].items())
    ]
    biomes = [
        {"id": int(i), "name": b["name"], "category": b["category"]}
        for i, b in raw["biomes"].items()
    ]
    data: dict[str, Any] = {
        "version": raw["version"],
        "items": items,
        "blocks": blocks,
        "foods": foods,
        "entities": entities,
        "biomes": biomes,
    }
    return json.dumps(data)
