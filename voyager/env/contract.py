"""The step contract of every Voyager env, written once: the types below and their checks.

An env (``voyager.env.base.VoyagerEnv``) is a ``gymnasium.Env`` whose action is a
JavaScript program (a string) and whose observation is an ``Observation``:
``status`` (``Status``: health, food, position, equipment, biome, nearby
entities, time of day...), ``voxels`` (block names within x+-8, y+-2, z+-8),
``blockRecords`` (block names seen recently, not in the inventory),
``nearestBlocks`` (the nearest block of each kind within 32), ``inventory``
(item name -> count), ``nearbyChests`` ("(x, y, z)" -> contents, or "Unknown" /
"Invalid") and ``events``: what happened during the step, in order (``Event``:
the bot's chat lines, an execution error mapped to the program's own lines, a
named milestone, a kill, the bot's death, what other players nearby said,
and last, when the step went past
its ``StepLimits``, one "dropped" event saying how many events went).

These types are the one definition: ``check_observation`` validates against
them, and ``bridge/bot/protocol.schema.json`` (the JSON Schema the bot process's
tests validate against) is made from them (``voyager.env.protocol``). The
constants both languages need are in ``bridge/bot/contract.json``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Annotated, Any, Literal, get_args

from annotated_types import Gt, Len
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic reads these on Python 3.11

from voyager.paths import bridge_dir


@cache
def shared_constants() -> dict[str, Any]:
    """The constants both languages read: ``bridge/bot/contract.json``."""
    data: dict[str, Any] = json.loads((bridge_dir() / "bot" / "contract.json").read_text())
    return data


_SHARED = shared_constants()
EQUIPMENT_SLOTS: tuple[str, ...] = tuple(_SHARED["equipment_slots"])
MAX_PROGRAM_CHARS: int = _SHARED["max_program_chars"]
RESET_MODES: tuple[str, ...] = tuple(_SHARED["reset_modes"])  # the first is the default
VIEW_DISTANCE: int = _SHARED["view_distance"]  # chunks sent around a bot, by default
VIEW_DISTANCES = range(2, 33)  # what a bot may ask for

ResetMode = Literal["hard", "soft"]

TimeOfDay = Literal["sunrise", "day", "noon", "sunset", "night", "midnight"]


def time_of_day(ticks: int) -> TimeOfDay:
    """The name of the time of day ``ticks`` (0-23999) falls in, as both worlds report it."""
    for below, name in _SHARED["times_of_day"]:
        if ticks % 24000 < below:
            return name  # type: ignore[no-any-return]
    raise ValueError(f"times_of_day in contract.json does not cover {ticks}")


class Vec(TypedDict):
    x: float
    y: float
    z: float


class Column(TypedDict):
    """A place on the map, at whatever height the ground is."""

    x: float
    z: float


class Status(TypedDict):
    health: float
    food: float
    saturation: float
    oxygen: float
    position: Vec
    velocity: Vec
    yaw: float
    pitch: float
    onGround: bool
    equipment: Annotated[list[str | None], Len(len(EQUIPMENT_SLOTS), len(EQUIPMENT_SLOTS))]
    biome: str
    entities: dict[str, float]  # mob name -> distance of the nearest of its kind within 32
    timeOfDay: TimeOfDay
    inventoryUsed: int  # occupied slots
    elapsedTime: int  # ticks
    light: int  # 0-15 at the bot's feet
    dimension: str


class ChatEvent(TypedDict):
    type: Literal["chat"]
    message: str


class ErrorEvent(TypedDict):
    type: Literal["error"]
    message: str


class SaveEvent(TypedDict):
    type: Literal["save"]
    name: str


class KillEvent(TypedDict):
    type: Literal["kill"]
    mob: str


class DeathEvent(TypedDict):
    type: Literal["death"]
    message: str


class HeardEvent(TypedDict):
    """Another player's chat line, from within 32 blocks (several learners in one world)."""

    type: Literal["heard"]
    speaker: str
    message: str


class DroppedEvent(TypedDict):
    type: Literal["dropped"]
    message: str


Event = Annotated[
    ChatEvent | ErrorEvent | SaveEvent | KillEvent | DeathEvent | HeardEvent | DroppedEvent,
    Field(discriminator="type"),
]
ChestContents = dict[str, int] | Literal["Unknown", "Invalid"]


class Observation(TypedDict):
    status: Status
    voxels: list[str]
    blockRecords: list[str]
    nearestBlocks: dict[str, Vec]
    inventory: dict[str, Annotated[int, Gt(0)]]
    nearbyChests: dict[str, ChestContents]
    events: list[Event]


_LIMITS = _SHARED["step_limits"]


class StepLimits(BaseModel):
    """What one step may put into its events; the rest is dropped and counted (by
    ``bridge/bot/events.js``, in the bot process and in the mock world alike)."""

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


def _text(event: Event) -> str:
    if event["type"] == "save":
        return event["name"]
    if event["type"] == "kill":
        return event["mob"]
    return event["message"]


class ContractError(AssertionError):
    """An observation or event that breaks the step contract."""


_OBSERVATION = TypeAdapter(Observation)
_EVENTS = TypeAdapter(list[Event])


def check_observation(obs: Any, limits: StepLimits | None = None) -> None:
    """Raise ContractError naming the first field that breaks the contract (and ``limits``)."""
    _validate(_OBSERVATION, obs, "observation")
    if limits is not None:
        check_within(obs["events"], limits)


def check_events(events: Any) -> None:
    _validate(_EVENTS, events, "events")


def _validate(adapter: TypeAdapter[Any], value: Any, what: str) -> None:
    try:
        adapter.validate_python(value, strict=True)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in (what, *first["loc"]))
        raise ContractError(f"{where}: {first['msg']} (got {first.get('input')!r:.120})") from None


def check_within(events: list[Event], limits: StepLimits) -> None:
    """Raise ContractError if ``events`` hold more than ``limits`` let a step keep."""
    kept = [e for e in events if e["type"] != "dropped"]
    counts = {kind: sum(e["type"] == kind for e in kept) for kind in ("chat", "error")}
    if len(kept) - counts["error"] > limits.events or counts["chat"] > limits.chat_lines:
        raise ContractError(f"{len(kept)} events ({counts['chat']} chat lines) past {limits}")
    if counts["error"] > limits.errors:
        raise ContractError(f"{counts['error']} errors past the limit of {limits.errors}")
    longest = max((len(_text(e)) for e in kept), default=0)
    if longest > limits.message_chars + 40:  # the clipped tail says how much was cut
        raise ContractError(f"a message of {longest} characters, past {limits.message_chars}")


def chat_lines(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e["type"] == "chat"]


def chat_log(events: list[Event]) -> list[str]:
    """The bot's own chat lines and, as ``<name> text``, what it heard others say, in order."""
    lines = []
    for e in events:
        if e["type"] == "chat":
            lines.append(e["message"])
        elif e["type"] == "heard":
            lines.append(f"<{e['speaker']}> {e['message']}")
    return lines


def error_messages(events: list[Event]) -> list[str]:
    return [e["message"] for e in events if e["type"] == "error"]


TIMES_OF_DAY: tuple[str, ...] = get_args(TimeOfDay)
