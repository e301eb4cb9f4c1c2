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
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, SupportsFloat, cast

import gymnasium

from voyager.env.base import ResetOptions, VoyagerEnv
from voyager.env.bridge import Bridge, BridgeError, BridgeRequestError
from voyager.env.contract import (
    VIEW_DISTANCE,
    VIEW_DISTANCES,
    Observation,
    StepLimits,
    check_observation,
)
from voyager.env.protocol import Limits, SkillsResult, StartParams


def skills_version(skills: Mapping[str, str]) -> str:
    """A hash that changes whenever any skill's name or code changes."""
    blob = json.dumps(sorted(skills.items()), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


class MinecraftEnv(VoyagerEnv):
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
        view_distance: int = VIEW_DISTANCE,
    ) -> None:
        if not isinstance(port, int) or not 0 < port < 65536:
            raise ValueError(f"port must be an int in 1..65535, got {port!r}")
        if view_distance not in VIEW_DISTANCES:
            raise ValueError(f"view_distance must be 2-32 chunks, got {view_distance!r}")
        if step_timeout <= 0:
            raise ValueError(f"step_timeout must be positive, got {step_timeout!r}")
        self.host = host
        self.port = port
        super().__init__(step_limits)
        self.username = username
        self.version = version
        self.step_timeout = step_timeout
        self.pause_between_steps = pause_between_steps
        self.admin_token = admin_token
        self.view_distance = view_distance
        log_path = Path(log_dir) / "bridge.log" if log_dir is not None else None
        self.bridge = Bridge(
            node=node,
            log_path=log_path,
            max_restarts=max_restarts,
            heartbeat_limit=heartbeat_limit,
            sandbox_fs=sandbox_fs,
        )
        self.skills_report: SkillsResult | None = None
        self._skills_version: str | None = None
        self._has_reset = False
        self._paused = False
        self._pause_warned = False

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        super().reset(seed=seed)
        params = self._start_params(ResetOptions.parse(options))
        began = time.monotonic()
        self._resume_world()
        result = self.bridge.start(params)
        observation: Observation = result["observation"]
        check_observation(observation, self.step_limits)
        self.new_episode(observation)
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

    def _start_params(self, options: ResetOptions) -> StartParams:
        params: StartParams = {
            "host": self.host,
            "port": self.port,
            "username": self.username,
            "version": self.version,
            "reset": options.mode,
            "limits": cast(Limits, self.step_limits.model_dump()),
            "viewDistance": self.view_distance,
        }
        if self.admin_token is not None:
            params["adminToken"] = self.admin_token
        if options.inventory is not None:
            params["inventory"] = options.inventory
        if options.equipment is not None:
            params["equipment"] = options.equipment
        if options.position is not None:
            params["position"] = {
                "x": options.position["x"],
                "y": options.position["y"],
                "z": options.position["z"],
            }
        if options.ground is not None:
            params["ground"] = {"x": options.ground["x"], "z": options.ground["z"]}
        if options.vitals is not None:
            params["vitals"] = options.vitals
        return params

    def step(self, action: str) -> tuple[Observation, SupportsFloat, bool, bool, dict[str, Any]]:
        if not self._has_reset:
            raise gymnasium.error.ResetNeeded("call reset() before step()")
        began, restarts_before = time.monotonic(), self.bridge.restarts
        self._resume_world()
        problem = self.not_a_program(action)
        ticks = 0
        if problem is None:
            result = self.bridge.step(action, self.step_timeout)
            observation, ticks = result["observation"], result["ticks"]
        else:
            observation = self.bridge.observe()["observation"]
            observation["events"] = [{"type": "error", "message": problem}]
        self._pause_world()
        check_observation(observation, self.step_limits)
        reward = self.reward(observation)
        info = {
            "events": observation["events"],
            "ticks": ticks,
            "wall_time": time.monotonic() - began,
            "restarted": self.bridge.restarts > restarts_before,
        }
        return observation, reward, False, False, info

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
