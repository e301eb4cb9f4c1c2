"""Runs programs in an embedded JavaScript engine (quickjs) against the mock world.

One engine context holds the prelude (the mineflayer-like ``bot``), the
control primitives of ``skills/*.js`` (the same files the real bridge runs)
and the learned skills, each evaluated once. A step evaluates the program
wrapped in ``async function program(bot)`` (so top-level ``await`` works),
then drives its event loop: promise jobs run, and when only timers are left
the world's clock moves on to the next one. Errors come back as messages
that point at the program's own lines; runaway programs end with an error
when they pass the step's budget of computation or of game time.
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

from voyager.env.mock.host import Host
from voyager.env.mock.rules import raw_gamedata
from voyager.paths import bridge_dir, skills_dir

# The bot process's own code for the rules both worlds share: loops, chat.
BRIDGE_MODULES = {"instrument.js": "__voyagerInstrument", "chat.js": "__voyagerChat"}
PRELUDE = "prelude.js"
FRAME = re.compile(r"at (?:[^\s(]* \()?<input>:(\d+)")
TOP_LEVEL_FUNCTION = re.compile(r"^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)", re.MULTILINE)
IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
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

    def __init__(self, host: Host, budget: StepBudget) -> None:
        self.host = host
        self.budget = budget
        self.skills: dict[str, str] = {}
        self.skill_problems: dict[str, str] = {}
        self._context: quickjs.Context | None = None
        self._sources: list[Source] = []
        self._next_line = 1

    # -- building the context ---------------------------------------------------------

    def load_skills(self, skills: Mapping[str, str]) -> None:
        self.skills = dict(skills)
        self._context = None

    def _build(self) -> quickjs.Context:
        context = quickjs.Context()
        context.set_memory_limit(MEMORY_LIMIT)
        context.set_max_stack_size(STACK_LIMIT)
        context.add_callable("__voyagerHost", self.host.call)
        context.set("__voyagerMcData", mcdata_json())
        self._sources, self._next_line = [], 1
        context.eval(prelude_source())
        self._next_line += prelude_source().count("\n") + 1
        for file, name in BRIDGE_MODULES.items():
            context.eval(bridge_module(file, name))
        for name, code in primitive_sources().items():
            names = TOP_LEVEL_FUNCTION.findall(code)
            self._evaluate(context, f"primitive/{name}.js", code, names)
        self.skill_problems = {}
        for name, code in self.skills.items():
            problem = self._load_skill(context, name, code)
            if problem:
                self.skill_problems[name] = problem
        return context

    def _load_skill(self, context: quickjs.Context, name: str, code: str) -> str | None:
        if not IDENTIFIER.match(name):
            return f'"{name}" is not a JavaScript function name'
        if context.eval(f"typeof globalThis[{json.dumps(name)}] !== 'undefined'"):
            return f'"{name}" would hide a primitive or a built-in of the same name'
        try:
            self._evaluate(context, f"skill/{name}.js", code, [name])
        except ProgramError as exc:
            return str(exc)
        return None

    def _evaluate(self, context: quickjs.Context, file: str, code: str, names: list[str]) -> None:
        """Evaluate ``code`` in its own scope and make ``names`` global."""
        exports = ", ".join(f"{n}: typeof {n} === 'function' ? {n} : undefined" for n in names)
        body = code if file.startswith("primitive/") else self._instrument(context, code)
        wrapped = f"(function () {{\n{body}\nreturn {{ {exports} }};\n}})()"
        source = Source(file, code, self._next_line + 1)
        self._sources.append(source)
        padded = "\n" * (self._next_line - 1) + wrapped
        self._next_line += wrapped.count("\n") + 1
        try:
            context.eval(f"globalThis.__voyagerLoaded = {padded};")
        except quickjs.JSException as exc:
            raise ProgramError(self._describe_text(str(exc))) from None
        for name in names:
            defined = context.eval(f"typeof __voyagerLoaded[{json.dumps(name)}] === 'function'")
            if not defined:
                raise ProgramError(f"the code defines no function named {name}")
            context.eval(f"globalThis[{json.dumps(name)}] = __voyagerLoaded[{json.dumps(name)}];")

    # -- running a program ------------------------------------------------------------

    def run(self, program: str, seed: int) -> tuple[str | None, int]:
        """Run ``program``; returns (error message or None, game ticks elapsed)."""
        context = self._context if self._context is not None else self._build()
        self._context = context
        ticks = 0
        try:
            self._define_program(context, program)
            message = json.dumps(self._over_cpu_message())
            context.eval(
                f"__voyager.start({seed & 0x7FFFFFFF}, {self.budget.cpu_seconds}, {message})"
            )
            error, ticks = self._drive(context)
        except ProgramError as exc:
            error = str(exc)
        except quickjs.JSException as exc:
            error = self._describe_text(str(exc))
        if error is not None or not context.eval("__voyager.idle()"):
            self._context = None  # leftover timers or jobs must not run into the next step
        else:
            context.eval("__voyager.clear()")
        return error, ticks

    def _instrument(self, context: quickjs.Context, code: str) -> str:
        """The code with every loop counting against the step's budget (the bridge's transform)."""
        try:
            instrumented: str = context.eval(
                f"__voyagerInstrument.instrumentLoops({json.dumps(code)})"
            )
        except quickjs.JSException as exc:
            raise ProgramError(str(exc).partition("\n")[0]) from None
        return instrumented

    def _define_program(self, context: quickjs.Context, program: str) -> None:
        body = self._instrument(context, program)
        wrapped = f"(async function program(bot) {{\n{body}\n}})"
        self._sources = [s for s in self._sources if s.file != "program.js"]
        self._sources.append(Source("program.js", program, self._next_line + 1))
        padded = "\n" * (self._next_line - 1) + wrapped
        try:
            context.eval(f"globalThis.__voyagerProgram = {padded};")
        except quickjs.JSException as exc:
            raise ProgramError(self._describe_text(str(exc))) from None

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
def bridge_module(file: str, global_name: str) -> str:
    """A module of ``bridge/bot`` that requires nothing, as a global of the mock's engine."""
    code = (bridge_dir() / "bot" / file).read_text(encoding="utf-8")
    return (
        f"globalThis.{global_name} = (function (module) {{\n"
        f"{code}\nreturn module.exports;\n}})({{ exports: {{}} }});"
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
