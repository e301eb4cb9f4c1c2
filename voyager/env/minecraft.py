"""MinecraftEnv: the step contract (voyager/env/contract.py) over a real bot, through the bridge.

The action is a complete JavaScript program (helper functions, the main async
function taking ``bot``, and its call); the bot process runs it in a sandbox
with the control primitives and the learned skills in scope. Bad or hostile
programs never raise out of ``step``: they come back as error events.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, SupportsFloat

import gymnasium

from voyager.env.bridge import Bridge, BridgeError, BridgeRequestError
from voyager.env.contract import EQUIPMENT_SLOTS, Observation, StepLimits, check_observation

RESET_MODES = ("soft", "hard")
MAX_PROGRAM_CHARS = 200_000


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


class ObservationSpace(gymnasium.Space[dict[str, Any]]):
    """Observations: dicts that pass ``contract.check_observation``."""

    def __init__(self) -> None:
        super().__init__(shape=None, dtype=None)

    def contains(self, x: Any) -> bool:
        try:
            check_observation(x)
        except (AssertionError, AttributeError, KeyError, TypeError):
            return False
        return True

    def sample(self, mask: Any = None, probability: Any = None) -> dict[str, Any]:
        raise NotImplementedError("observations come from the world; they cannot be sampled")

    @property
    def is_np_flattenable(self) -> bool:
        return False


def skills_version(skills: Mapping[str, str]) -> str:
    """A hash that changes whenever any skill's name or code changes."""
    blob = json.dumps(sorted(skills.items()), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


class MinecraftEnv(gymnasium.Env[Observation, str]):
    """A mineflayer bot on a Minecraft server, driven by JavaScript programs.

    ``reset(options={"mode": "soft" | "hard", "inventory": {name: count},
    "equipment": [6 names or None], "position": {"x", "y", "z"},
    "vitals": {"health", "food", "saturation"}})``: the first reset joins the
    world; a soft reset never disconnects the bot and changes nothing in the
    world unless inventory, equipment, position or vitals are given; a hard
    reset empties the inventory (then fills it from ``inventory``). In the
    built-in world (``admin_token`` given) they go through the world's admin
    channel and the bot is no operator; elsewhere they are operator commands,
    sent only between programs. What they could not do is reported in
    ``info["warnings"]`` (vitals need the built-in world).

    ``step(program)`` returns the observation after the program (its events in
    ``observation["events"]`` and ``info["events"]``), the number of item kinds
    obtained for the first time in this episode, never terminates, and puts
    ``ticks``, ``wall_time`` and ``restarted`` (the bot process failed during this
    step, or had lost the bot before it, and was brought back) in ``info``. It
    never raises for what happens during the program (errors, the bot's death,
    a crash of the bot process): those come back as error events; only a bot
    that no restart brings back raises ``BridgeError``. The step's events are
    kept within ``step_limits``.

    With ``pause_between_steps`` the world stands still between steps (while
    the LLM thinks): it is frozen after each reset and step, and runs again only
    for the next step. Servers without ``/tick freeze`` (or without operator
    rights for the bot) keep running; the first reset says so once in
    ``info["warnings"]`` and the bridge log.
    """

    metadata: dict[str, Any] = {"render_modes": []}  # noqa: RUF012

    def __init__(
        self,
        host: str,
        port: int,
        *,
        username: str = "bot",
        version: str = "1.20.4",
        log_dir: Path | None = None,
        step_timeout: float = 120.0,
        node: str = "node",
        max_restarts: int = 5,
        heartbeat_limit: float = 15.0,
        sandbox_fs: bool = True,
        pause_between_steps: bool = True,
        admin_token: str | None = None,
        step_limits: StepLimits | None = None,
    ) -> None:
        if not isinstance(port, int) or not 0 < port < 65536:
            raise ValueError(f"port must be an int in 1..65535, got {port!r}")
        if step_timeout <= 0:
            raise ValueError(f"step_timeout must be positive, got {step_timeout!r}")
        self.host = host
        self.port = port
        self.username = username
        self.version = version
        self.step_timeout = step_timeout
        self.pause_between_steps = pause_between_steps
        self.admin_token = admin_token
        self.step_limits = step_limits or StepLimits()
        self.action_space = ProgramSpace()
        self.observation_space = ObservationSpace()
        log_path = Path(log_dir) / "bridge.log" if log_dir is not None else None
        self.bridge = Bridge(
            node=node,
            log_path=log_path,
            max_restarts=max_restarts,
            heartbeat_limit=heartbeat_limit,
            sandbox_fs=sandbox_fs,
        )
        self.skills_report: dict[str, Any] = {}
        self._skills_version: str | None = None
        self._seen_items: set[str] = set()
        self._has_reset = False
        self._paused = False
        self._pause_warned = False

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        super().reset(seed=seed)
        params = self._start_params(options or {})
        began = time.monotonic()
        self._resume_world()
        result = self.bridge.start(params)
        observation: Observation = result["observation"]
        check_observation(observation, self.step_limits)
        self._seen_items = set(observation["inventory"])
        self._has_reset = True
        warnings: list[str] = list(result.get("warnings", []))
        warnings += self._pause_world()
        info = {
            "events": observation["events"],
            "warnings": warnings,
            "ticks": 0,
            "wall_time": time.monotonic() - began,
        }
        return observation, info

    def _start_params(self, options: Mapping[str, Any]) -> dict[str, Any]:
        unknown = set(options) - {"mode", "inventory", "equipment", "position", "vitals"}
        if unknown:
            raise ValueError(f"unknown reset options {sorted(unknown)}")
        mode = options.get("mode", "soft")
        if mode not in RESET_MODES:
            raise ValueError(f"reset mode must be one of {RESET_MODES}, got {mode!r}")
        params: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "version": self.version,
            "reset": mode,
            "limits": self.step_limits.model_dump(),
        }
        if self.admin_token is not None:
            params["adminToken"] = self.admin_token
        if "inventory" in options:
            params["inventory"] = _checked_inventory(options["inventory"])
        if "equipment" in options:
            params["equipment"] = _checked_equipment(options["equipment"])
        if "position" in options:
            params["position"] = _checked_position(options["position"])
        if "vitals" in options:
            params["vitals"] = _checked_vitals(options["vitals"])
        return params

    def step(self, action: str) -> tuple[Observation, SupportsFloat, bool, bool, dict[str, Any]]:
        if not self._has_reset:
            raise gymnasium.error.ResetNeeded("call reset() before step()")
        began, restarts_before = time.monotonic(), self.bridge.restarts
        self._resume_world()
        if self.action_space.contains(action):
            result = self.bridge.step(action, self.step_timeout)
        else:
            result = self.bridge.observe()
            result["observation"]["events"] = [{"type": "error", "message": _not_a_program(action)}]
        self._pause_world()
        observation: Observation = result["observation"]
        check_observation(observation, self.step_limits)
        obtained = set(observation["inventory"]) - self._seen_items
        self._seen_items |= obtained
        info = {
            "events": observation["events"],
            "ticks": int(result.get("ticks", 0)),
            "wall_time": time.monotonic() - began,
            "restarted": self.bridge.restarts > restarts_before,
        }
        return observation, len(obtained), False, False, info

    def load_skills(self, skills: Mapping[str, str]) -> None:
        """Makes ``skills`` (name -> code of all its functions) callable by name in programs.

        Sent to the bot process only when the library changed; skills that do not
        load are listed in ``self.skills_report["failed"]`` with the reason.
        """
        version = skills_version(skills)
        if version == self._skills_version:
            return
        self.skills_report = self.bridge.load_skills(version, skills)
        self._skills_version = version

    def observe(self) -> Observation:
        """The current observation, with the events since the last step."""
        observation: Observation = self.bridge.observe()["observation"]
        check_observation(observation)
        return observation

    def pause(self) -> bool:
        """Freezes the world where the server allows it (/tick freeze); True if it did."""
        self._paused = bool(self.bridge.pause().get("paused", False))
        return self._paused

    def resume(self) -> None:
        self.bridge.resume()
        self._paused = False

    def _pause_world(self) -> list[str]:
        """Pauses between steps when asked to; the warning, once, where the server cannot."""
        if not self.pause_between_steps:
            return []
        try:
            answer = self.bridge.pause()
        except BridgeRequestError as err:  # the step stands; the world runs on until the next
            self.bridge.note(f"could not pause the world: {err}")
            answer = {"paused": False, "reason": f"The world could not be paused: {err}"}
        self._paused = bool(answer.get("paused", False))
        if self._paused or self._pause_warned:
            return []
        self._pause_warned = True
        return [str(answer.get("reason", "The world could not be paused between steps"))]

    def _resume_world(self) -> None:
        if not self._paused:
            return
        try:
            self.resume()
        except BridgeRequestError as err:  # the program runs even if the world stays frozen
            self.bridge.note(f"could not resume the world: {err}")

    def close(self) -> None:
        # A world left frozen would stand still for everybody else on it.
        if self._paused and self.bridge.pid is not None:
            with contextlib.suppress(BridgeError):
                self.resume()
        self.bridge.close()
        super().close()


def _not_a_program(action: Any) -> str:
    if isinstance(action, str):
        return f"The program is too long ({len(action)} characters; at most {MAX_PROGRAM_CHARS})"
    return f"The action must be a string of JavaScript, got {type(action).__name__}"


def _checked_inventory(inventory: Any) -> dict[str, int]:
    if not isinstance(inventory, Mapping):
        raise ValueError(f"inventory must map item names to counts, got {inventory!r}")
    for name, count in inventory.items():
        if not isinstance(name, str) or not isinstance(count, int) or count <= 0:
            raise ValueError(f"inventory entries must be name: count > 0, got {name!r}: {count!r}")
    return dict(inventory)


def _checked_equipment(equipment: Any) -> list[str | None]:
    if not isinstance(equipment, list | tuple) or len(equipment) != len(EQUIPMENT_SLOTS):
        raise ValueError(f"equipment must list {len(EQUIPMENT_SLOTS)} slots {EQUIPMENT_SLOTS}")
    if not all(item is None or isinstance(item, str) for item in equipment):
        raise ValueError(f"equipment slots hold item names or None, got {equipment!r}")
    return list(equipment)


def _checked_vitals(vitals: Any) -> dict[str, float]:
    ranges = {"health": (0.5, 20.0), "food": (0.0, 20.0), "saturation": (0.0, 20.0)}
    if not isinstance(vitals, Mapping) or not set(vitals) <= set(ranges):
        raise ValueError(f"vitals may set {sorted(ranges)}, got {vitals!r}")
    for name, value in vitals.items():
        low, high = ranges[name]
        if not isinstance(value, int | float) or not low <= value <= high:
            raise ValueError(f"vitals.{name} must be a number from {low} to {high}, got {value!r}")
    return {name: float(value) for name, value in vitals.items()}


def _checked_position(position: Any) -> dict[str, float]:
    if not isinstance(position, Mapping) or set(position) != {"x", "y", "z"}:
        raise ValueError(f"position must be {{'x', 'y', 'z'}}, got {position!r}")
    values = {axis: position[axis] for axis in ("x", "y", "z")}
    if not all(isinstance(v, int | float) and math.isfinite(v) for v in values.values()):
        raise ValueError(f"position coordinates must be finite numbers, got {position!r}")
    return {axis: float(v) for axis, v in values.items()}
