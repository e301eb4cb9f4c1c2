"""The step contract shared by every Voyager env (see DESIGN.md, "The step contract").

An env is a ``gymnasium.Env`` whose action is a JavaScript program (a string)
and whose observation is a plain dict:

``status``
    health, food, saturation, oxygen, position {x,y,z}, velocity {x,y,z}, yaw,
    pitch, onGround, equipment (6 names or None: head, chest, legs, feet,
    mainhand, offhand), biome, entities (mob name -> distance of the nearest
    of that kind within 32 blocks), timeOfDay (sunrise/day/noon/sunset/night/
    midnight), inventoryUsed (occupied slots), elapsedTime (ticks), plus
    light (0-15 at the bot's feet) and dimension.
``voxels``
    names of non-air blocks within x+-8, y+-2, z+-8.
``blockRecords``
    block names seen recently that are not in the inventory.
``nearestBlocks``
    block name -> {x, y, z} of the nearest block of each kind within 32.
``inventory``
    item name -> count.
``nearbyChests``
    "(x, y, z)" -> {item: count}, or "Unknown" / "Invalid".
``events``
    what happened during the step, in order: ``{"type": "chat", "message"}``
    for the bot's own chat lines, ``{"type": "error", "message"}`` for an
    execution error (its message mapped to the program's own lines),
    ``{"type": "save", "name"}`` for a named milestone, ``{"type": "kill",
    "mob"}`` when the bot killed a mob, ``{"type": "death", "message"}``, and last,
    when the step went past its limits, ``{"type": "dropped", "message"}``
    saying how many events were dropped.

A step keeps at most ``StepLimits`` events (so many errors, chat lines and
other events, each message cut to so many characters); the bot process and
the mock both apply them, with the defaults of ``bridge/bot/contract.json``.

``step`` never raises for bad programs: they come back as an error event.
The reward is the number of item kinds obtained for the first time in the
episode; ``info`` holds ``events``, ``ticks`` (game ticks elapsed) and
``wall_time`` (seconds).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any, ClassVar, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from voyager.paths import bridge_dir

EQUIPMENT_SLOTS = ("head", "chest", "legs", "feet", "mainhand", "offhand")
TIMES_OF_DAY = ("sunrise", "day", "noon", "sunset", "night", "midnight")
EVENT_TYPES = ("chat", "error", "save", "kill", "death", "dropped")
STATUS_FIELDS = (
    "health",
    "food",
    "saturation",
    "oxygen",
    "position",
    "velocity",
    "yaw",
    "pitch",
    "onGround",
    "equipment",
    "biome",
    "entities",
    "timeOfDay",
    "inventoryUsed",
    "elapsedTime",
    "light",
    "dimension",
)
OBSERVATION_FIELDS = (
    "status",
    "voxels",
    "blockRecords",
    "nearestBlocks",
    "inventory",
    "nearbyChests",
    "events",
)


class Vec(TypedDict):
    x: float
    y: float
    z: float


class Event(TypedDict, total=False):
    type: Literal["chat", "error", "save", "kill", "death", "dropped"]
    message: str
    name: str
    mob: str


Observation = dict[str, Any]


@cache
def shared_constants() -> dict[str, Any]:
    """The constants both languages read: ``bridge/bot/contract.json``."""
    data: dict[str, Any] = json.loads((bridge_dir() / "bot" / "contract.json").read_text())
    return data


_LIMITS = shared_constants()["step_limits"]


class StepLimits(BaseModel):
    """What one step may put into its events; the rest is dropped and counted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    events: int = Field(_LIMITS["events"], ge=1, description="events other than errors")
    chat_lines: int = Field(_LIMITS["chat_lines"], ge=0)
    errors: int = Field(_LIMITS["errors"], ge=1)
    message_chars: int = Field(
        _LIMITS["message_chars"], ge=100, description="characters kept of one message"
    )
    console_lines: int = Field(
        _LIMITS["console_lines"], ge=0, description="program console lines in the bridge log"
    )


class StepEvents:
    """The events of one step, kept within ``limits`` (the bot process does the same in
    ``bridge/bot/events.js``): past a limit an event is counted, and ``drain`` ends the
    list with one "dropped" event that says how many went."""

    _KIND_LIMITS: ClassVar[dict[str, str]] = {"chat": "chat_lines", "error": "errors"}

    def __init__(self, limits: StepLimits | None = None) -> None:
        self.limits = limits or StepLimits()
        self._events: list[Event] = []
        self._kept: dict[str, int] = {}
        self._dropped: dict[str, int] = {}

    def append(self, event: Event) -> bool:
        kind = event.get("type", "")
        limit = getattr(self.limits, self._KIND_LIMITS.get(kind, "events"))
        # Errors are counted apart: a flood of other events cannot hide why a program failed.
        others = len(self._events) - self._kept.get("error", 0)
        full = kind != "error" and others >= self.limits.events
        if full or self._kept.get(kind, 0) >= limit:
            self._dropped[kind] = self._dropped.get(kind, 0) + 1
            return False
        for field in ("message", "name", "mob"):
            text = event.get(field)
            if isinstance(text, str) and len(text) > self.limits.message_chars:
                extra = len(text) - self.limits.message_chars
                clipped = f"{text[: self.limits.message_chars]} [... {extra} more characters]"
                event[field] = clipped
        self._kept[kind] = self._kept.get(kind, 0) + 1
        self._events.append(event)
        return True

    def drain(self) -> list[Event]:
        events = self._events
        if self._dropped:
            events.append({"type": "dropped", "message": self._dropped_message()})
        self._events, self._kept, self._dropped = [], {}, {}
        return events

    def _dropped_message(self) -> str:
        counts = ", ".join(
            f"{n} {kind} event{'' if n == 1 else 's'}" for kind, n in self._dropped.items()
        )
        lim = self.limits
        return (
            f"{counts} of this step were dropped: a step keeps at most {lim.chat_lines} chat "
            f"lines, {lim.errors} errors and {lim.events} other events"
        )


class ContractError(AssertionError):
    """An observation or event that breaks the step contract."""


def check_observation(obs: Mapping[str, Any], limits: StepLimits | None = None) -> None:
    """Raise ContractError naming the first field that breaks the contract (and ``limits``)."""
    missing = [f for f in OBSERVATION_FIELDS if f not in obs]
    if missing:
        raise ContractError(f"observation lacks {missing}")
    status = obs["status"]
    missing = [f for f in STATUS_FIELDS if f not in status]
    if missing:
        raise ContractError(f"observation.status lacks {missing}")
    for key in ("position", "velocity"):
        if set(status[key]) != {"x", "y", "z"}:
            raise ContractError(f"status.{key} must be {{x, y, z}}, got {status[key]!r}")
    if len(status["equipment"]) != len(EQUIPMENT_SLOTS):
        raise ContractError(f"status.equipment needs {len(EQUIPMENT_SLOTS)} slots")
    if status["timeOfDay"] not in TIMES_OF_DAY:
        raise ContractError(f"status.timeOfDay {status['timeOfDay']!r} not in {TIMES_OF_DAY}")
    if not all(isinstance(n, int) and n > 0 for n in obs["inventory"].values()):
        raise ContractError(f"inventory counts must be positive ints: {obs['inventory']!r}")
    for event in obs["events"]:
        check_event(event)
    if limits is not None:
        check_within(obs["events"], limits)


def check_within(events: list[Event], limits: StepLimits) -> None:
    """Raise ContractError if ``events`` hold more than ``limits`` let a step keep."""
    kept = [e for e in events if e.get("type") != "dropped"]
    counts = {kind: sum(e.get("type") == kind for e in kept) for kind in ("chat", "error")}
    if len(kept) - counts["error"] > limits.events or counts["chat"] > limits.chat_lines:
        raise ContractError(f"{len(kept)} events ({counts['chat']} chat lines) past {limits}")
    if counts["error"] > limits.errors:
        raise ContractError(f"{counts['error']} errors past the limit of {limits.errors}")
    longest = max((len(str(e.get("message", ""))) for e in kept), default=0)
    if longest > limits.message_chars + 40:  # the clipped tail says how much was cut
        raise ContractError(f"a message of {longest} characters, past {limits.message_chars}")


def check_event(event: Mapping[str, Any]) -> None:
    kind = event.get("type")
    if kind not in EVENT_TYPES:
        raise ContractError(f"event type {kind!r} not in {EVENT_TYPES}")
    needs = {
        "chat": "message",
        "error": "message",
        "save": "name",
        "kill": "mob",
        "death": "message",
        "dropped": "message",
    }
    if not isinstance(event.get(needs[kind]), str):
        raise ContractError(f"{kind} event needs a string {needs[kind]!r}: {event!r}")


def chat_lines(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e.get("type") == "chat"]


def error_messages(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e.get("type") == "error"]
