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
    "mob"}`` when the bot killed a mob, ``{"type": "death", "message"}``.

``step`` never raises for bad programs: they come back as an error event.
The reward is the number of item kinds obtained for the first time in the
episode; ``info`` holds ``events``, ``ticks`` (game ticks elapsed) and
``wall_time`` (seconds).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

EQUIPMENT_SLOTS = ("head", "chest", "legs", "feet", "mainhand", "offhand")
TIMES_OF_DAY = ("sunrise", "day", "noon", "sunset", "night", "midnight")
EVENT_TYPES = ("chat", "error", "save", "kill", "death")
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
    type: Literal["chat", "error", "save", "kill", "death"]
    message: str
    name: str
    mob: str


Observation = dict[str, Any]


class ContractError(AssertionError):
    """An observation or event that breaks the step contract."""


def check_observation(obs: Mapping[str, Any]) -> None:
    """Raise ContractError naming the first field that breaks the contract."""
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
    }
    if not isinstance(event.get(needs[kind]), str):
        raise ContractError(f"{kind} event needs a string {needs[kind]!r}: {event!r}")


def chat_lines(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e.get("type") == "chat"]


def error_messages(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e.get("type") == "error"]
