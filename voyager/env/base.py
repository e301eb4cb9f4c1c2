"""``VoyagerEnv``: what every Voyager env shares: spaces, reset options, the reward, skills.

``reset(seed=..., options={"mode": "hard" | "soft", "inventory": {name: count},
"equipment": [6 names or None], "position": {"x", "y", "z"} or "ground": {"x",
"z"}, "vitals": {"health", "food", "saturation"}})`` starts an episode: a hard
reset (the default) empties the bot's inventory, then fills it from
``inventory``; a soft reset keeps the bot as it is unless told otherwise.
``ground`` stands the bot on the open, dry, level ground nearest that column
(in the built-in world: the nearest spot with nothing built on or beside it).
``step(program)`` runs a JavaScript program and returns the observation
after it, the number of item kinds obtained for the first time in the
episode, never terminates, and never raises for a bad program (it comes back
as an error event).
``load_skills`` makes learned skills callable by name in later programs.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import gymnasium

from voyager.env.contract import (
    EQUIPMENT_SLOTS,
    MAX_PROGRAM_CHARS,
    RESET_MODES,
    Column,
    ContractError,
    Observation,
    ResetMode,
    StepLimits,
    Vec,
    check_observation,
)

VITALS = {"health": (0.5, 20.0), "food": (0.0, 20.0), "saturation": (0.0, 20.0)}


class ProgramSpace(gymnasium.Space[str]):
    """Actions: a JavaScript program, any string up to ``max_length`` characters."""

    def __init__(self, max_length: int = MAX_PROGRAM_CHARS) -> None:
        super().__init__(shape=None, dtype=None)
        self.max_length = max_length

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and len(x) <= self.max_length

    def sample(self, mask: Any = None, probability: Any = None) -> str:
        return "bot.chat('hello');"

    @property
    def is_np_flattenable(self) -> bool:
        return False


class ObservationSpace(gymnasium.Space[Observation]):
    """Observations: what ``contract.check_observation`` accepts."""

    def __init__(self) -> None:
        super().__init__(shape=None, dtype=None)

    def contains(self, x: Any) -> bool:
        try:
            check_observation(x)
        except ContractError:
            return False
        return True

    def sample(self, mask: Any = None, probability: Any = None) -> Observation:
        raise NotImplementedError("observations come from the world; they cannot be sampled")

    @property
    def is_np_flattenable(self) -> bool:
        return False


@dataclass(frozen=True)
class ResetOptions:
    """The checked options of ``reset``; None: leave as it is."""

    mode: ResetMode = "hard"
    inventory: dict[str, int] | None = None
    equipment: list[str | None] | None = None
    position: Vec | None = None
    ground: Column | None = None
    vitals: dict[str, float] | None = None

    @classmethod
    def parse(cls, options: Mapping[str, Any] | None) -> ResetOptions:
        """Check every option; raise ValueError naming the first bad one."""
        options = dict(options or {})
        unknown = set(options) - {"mode", "inventory", "equipment", "position", "ground", "vitals"}
        if unknown:
            raise ValueError(f"unknown reset options {sorted(unknown)}")
        if options.get("position") is not None and options.get("ground") is not None:
            raise ValueError("give a reset position or ground to stand on, not both")
        mode = options.get("mode", RESET_MODES[0])
        if mode not in RESET_MODES:
            raise ValueError(f"reset mode must be one of {RESET_MODES}, got {mode!r}")
        mode = cast(ResetMode, mode)
        return cls(
            mode,
            _inventory(options["inventory"]) if "inventory" in options else None,
            _equipment(options["equipment"]) if "equipment" in options else None,
            _position(options["position"]) if options.get("position") is not None else None,
            _column(options["ground"]) if options.get("ground") is not None else None,
            _vitals(options["vitals"]) if "vitals" in options else None,
        )


class VoyagerEnv(gymnasium.Env[Observation, str]):
    """The base of ``MinecraftEnv`` and ``MockMinecraftEnv``: one contract, two worlds."""

    metadata: dict[str, Any] = {"render_modes": []}  # noqa: RUF012 (gymnasium declares it so)

    def __init__(self, step_limits: StepLimits | None = None) -> None:
        self.step_limits = step_limits or StepLimits()
        self.action_space = ProgramSpace()
        self.observation_space = ObservationSpace()
        self._seen_items: set[str] = set()

    @abstractmethod
    def load_skills(self, skills: Mapping[str, str]) -> None:
        """Make ``skills`` (name -> code of all its functions) callable by name in programs."""

    def new_episode(self, observation: Observation) -> None:
        """The reward counts item kinds from here on: what the bot holds now is not new."""
        self._seen_items = set(observation["inventory"])

    def reward(self, observation: Observation) -> int:
        """Item kinds in the inventory for the first time in this episode."""
        obtained = set(observation["inventory"]) - self._seen_items
        self._seen_items |= obtained
        return len(obtained)

    def not_a_program(self, action: Any) -> str | None:
        """Why ``action`` is no program the env takes, or None."""
        if not isinstance(action, str):
            return f"The action must be a string of JavaScript, got {type(action).__name__}"
        if len(action) > MAX_PROGRAM_CHARS:
            return (
                f"The program is too long ({len(action)} characters; at most {MAX_PROGRAM_CHARS})"
            )
        if "\x00" in action:
            return "The program contains a NUL character"
        return None


def voyager_env(env: gymnasium.Env[Any, Any]) -> VoyagerEnv:
    """The Voyager env under any wrappers."""
    inner = env.unwrapped
    if not isinstance(inner, VoyagerEnv):
        raise TypeError(f"{type(inner).__name__} is not a Voyager env (voyager.env.VoyagerEnv)")
    return inner


def _inventory(inventory: Any) -> dict[str, int]:
    if not isinstance(inventory, Mapping):
        raise ValueError(f"inventory must map item names to counts, got {inventory!r}")
    for name, count in inventory.items():
        if not isinstance(name, str) or not isinstance(count, int) or count <= 0:
            raise ValueError(f"inventory entries must be name: count > 0, got {name!r}: {count!r}")
    return dict(inventory)


def _equipment(equipment: Any) -> list[str | None]:
    if not isinstance(equipment, list | tuple) or len(equipment) != len(EQUIPMENT_SLOTS):
        raise ValueError(f"equipment must list {len(EQUIPMENT_SLOTS)} slots {EQUIPMENT_SLOTS}")
    if not all(item is None or isinstance(item, str) for item in equipment):
        raise ValueError(f"equipment slots hold item names or None, got {equipment!r}")
    return list(equipment)


def _position(position: Any) -> Vec:
    return cast(Vec, _coordinates(position, "position", ("x", "y", "z")))


def _column(column: Any) -> Column:
    return cast(Column, _coordinates(column, "ground", ("x", "z")))


def _coordinates(value: Any, option: str, axes: tuple[str, ...]) -> dict[str, float]:
    if not isinstance(value, Mapping) or set(value) != set(axes):
        named = ", ".join(repr(axis) for axis in axes)
        raise ValueError(f"{option} must be {{{named}}}, got {value!r}")
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in value.values()):
        raise ValueError(f"{option} coordinates must be finite numbers, got {value!r}")
    return {axis: float(value[axis]) for axis in axes}


def _vitals(vitals: Any) -> dict[str, float]:
    if not isinstance(vitals, Mapping) or not set(vitals) <= set(VITALS):
        raise ValueError(f"vitals may set {sorted(VITALS)}, got {vitals!r}")
    for name, value in vitals.items():
        low, high = VITALS[name]
        if not isinstance(value, int | float) or not low <= value <= high:
            raise ValueError(f"vitals.{name} must be a number from {low} to {high}, got {value!r}")
    return {name: float(value) for name, value in vitals.items()}
