"""The bridge: the Node process that runs a sandboxed mineflayer bot, and its keeper.

``BotProcess`` is one Node process (``bridge/bot/main.js``) spoken to in
line-delimited JSON over stdin/stdout; everything it writes to stderr goes to
the log file. It notices at once when the process exits, and when its
once-a-second heartbeat stops (a stuck event loop).

``Bridge`` keeps a bot alive across such failures: it restarts the process
with bounded, counted retries and backoff, rejoins the world, reloads the
skills, restores the bot's position and inventory (through the world's admin
channel, or operator commands) and what it knew of chests, and raises
``BridgeError`` after the last retry. The process itself is a ``NodeProcess``.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from voyager.env.contract import Observation, Vec
from voyager.env.protocol import (
    HealthResult,
    ObserveResult,
    PauseResult,
    ResumeResult,
    SkillsResult,
    StartParams,
    StartResult,
    StepResult,
)
from voyager.errors import VoyagerError
from voyager.paths import bridge_dir, skills_dir
from voyager.process import NodeProcess, ProcessError

HEARTBEAT_LIMIT = 15.0
READY_TIMEOUT = 30.0
START_TIMEOUT = 90.0
CALL_TIMEOUT = 30.0
STEP_GRACE = 30.0
BACKOFF_FIRST = 0.5
BACKOFF_MAX = 8.0
HEAP_LIMIT_MB = 1024
# V8 keeps the bot process's working set small: a 1 MB young generation instead
# of 16 MB semi-spaces, and a heap that grows slowly. Measured on one bot through
# five programs: peak RSS 232 MB without, 158 MB with (docs/architecture.md).
V8_MEMORY_FLAGS = ("--max-semi-space-size=1", "--optimize-for-size")


class BridgeError(VoyagerError, RuntimeError):
    """The bridge could not do what was asked; the message says why and what to check."""


class BridgeCrash(BridgeError):
    """The Node process died or stopped answering."""


class BridgeRequestError(BridgeError):
    """The Node process answered a request with an error (bad input, no world, ...)."""


def read_primitives(directory: Path | None = None) -> dict[str, str]:
    """The control primitives, ``skills/*.js``: file name without ``.js`` -> source."""
    folder = directory or skills_dir()
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.js"))}


def node_command(node: str, sandbox_fs: bool = True) -> list[str]:
    """The command line of the bot process, under Node's permission model when asked.

    The process then reads only the bridge folder (its code and node_modules),
    and cannot spawn processes, start workers or write files.
    """
    script = bridge_dir() / "bot" / "main.js"
    # A runaway allocation then ends the process (which the Bridge restarts)
    # before it takes the machine's memory.
    v8 = [f"--max-old-space-size={HEAP_LIMIT_MB}", *V8_MEMORY_FLAGS]
    if not sandbox_fs:
        return [node, *v8, str(script)]
    major = _node_major(node)
    flag = "--permission" if major >= 23 else "--experimental-permission"
    return [node, *v8, flag, f"--allow-fs-read={bridge_dir()}/*", str(script)]


def _node_major(node: str) -> int:
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise BridgeError(f"Cannot run Node ({node!r}): {err}; install Node >= 20") from err
    version = out.stdout.strip().lstrip("v")
    try:
        major = int(version.split(".")[0])
    except ValueError as err:
        raise BridgeError(f"{node!r} --version printed {out.stdout!r}; is it Node?") from err
    if major < 20:
        raise BridgeError(f"Node {version} is too old for the bridge; install Node >= 20")
    return major


class BotProcess:
    """One Node bot process and its JSON line protocol: requests by id, a heartbeat."""

    def __init__(
        self,
        command: list[str],
        log: IO[str] | None,
        heartbeat_limit: float = HEARTBEAT_LIMIT,
    ) -> None:
        self.heartbeat_limit = heartbeat_limit
        self.last_heartbeat = time.monotonic()
        self._next_id = 0
        try:
            self.node = NodeProcess(
                "bot process", command, cwd=bridge_dir(), log=log, on_message=self._heard
            )
            ready = self._wait(lambda m: m.get("event") == "ready", READY_TIMEOUT, "starting up")
        except ProcessError as err:
            raise BridgeCrash(str(err)) from err
        self.pid = int(ready.get("pid", self.node.pid))

    @property
    def pid_alive(self) -> bool:
        return self.node.alive

    def request(self, method: str, params: Mapping[str, Any], timeout: float) -> dict[str, Any]:
        """Sends one request and returns its result; raises BridgeCrash or BridgeRequestError."""
        self._next_id += 1
        request_id = self._next_id
        try:
            self.node.send(json.dumps({"id": request_id, "method": method, "params": dict(params)}))
            response = self._wait(lambda m: m.get("id") == request_id, timeout, method)
        except ProcessError as err:
            raise BridgeCrash(str(err)) from err
        if "error" in response:
            error = response["error"]
            message = f"{method}: {error.get('message', response)}"
            if error.get("code") == "disconnected":
                raise BridgeCrash(message)  # the process lives but its bot is gone: rejoin
            raise BridgeRequestError(message)
        result: dict[str, Any] = response.get("result", {})
        return result

    def _heard(self, message: dict[str, Any]) -> bool:
        """Any line proves the event loop runs; heartbeats say nothing more."""
        self.last_heartbeat = time.monotonic()
        return "heartbeat" in message

    def _wait(self, matches: Any, timeout: float, doing: str) -> dict[str, Any]:
        def heartbeat() -> None:
            if time.monotonic() - self.last_heartbeat > self.heartbeat_limit:
                self.kill()
                raise BridgeCrash(
                    f"The bot process stopped answering while {doing} (no heartbeat for "
                    f"{self.heartbeat_limit:.0f} s: its event loop is stuck); it was killed"
                )

        message = self.node.wait_for(matches, timeout, doing, watch=heartbeat)
        if message is None:
            self.kill()
            raise BridgeCrash(
                f"The bot process did not finish {doing} within {timeout:.0f} s; it was killed"
            )
        return message

    def kill(self) -> None:
        self.node.kill()

    def close(self, timeout: float = 5.0) -> None:
        """Asks the process to stop; kills it if it does not."""
        if self.pid_alive:
            with contextlib.suppress(BridgeError):
                self.request("stop", {}, timeout)
        self.node.stop(timeout, stdin_first=True)


@dataclass
class BridgeState:
    """What a restarted process needs to put the bot back where it was."""

    start: dict[str, Any] = field(default_factory=dict)
    skills_version: str | None = None
    skills: dict[str, str] = field(default_factory=dict)
    position: Vec | None = None
    inventory: dict[str, int] | None = None
    equipment: list[str | None] | None = None
    chests: dict[str, Any] | None = None  # what the bot knows of chests: nearbyChests


class Bridge:
    """A bot that survives crashes and hangs of its Node process."""

    def __init__(
        self,
        *,
        node: str = "node",
        log_path: Path | None = None,
        max_restarts: int = 5,
        heartbeat_limit: float = HEARTBEAT_LIMIT,
        sandbox_fs: bool = True,
        primitives_dir: Path | None = None,
    ) -> None:
        if max_restarts < 0:
            raise ValueError(f"max_restarts must be >= 0, got {max_restarts}")
        self.node = node
        self.max_restarts = max_restarts
        self.heartbeat_limit = heartbeat_limit
        self.restarts = 0
        self.state = BridgeState()
        self._command = node_command(node, sandbox_fs)
        self._primitives = read_primitives(primitives_dir)
        self.log_path = log_path
        self._log: IO[str] | None = None
        if log_path is not None:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = log_path.open("a", encoding="utf-8")
        self._process: BotProcess | None = None

    # The protocol methods -------------------------------------------------

    def start(self, params: StartParams) -> StartResult:
        """Joins the world (if not already in it) and resets the bot; see bridge/bot/session.js."""
        kept = ("host", "port", "username", "version", "adminToken", "limits", "viewDistance")
        self.state.start = {k: params[k] for k in kept if k in params}  # type: ignore[literal-required]
        call = {**params, "primitives": self._primitives}
        result = cast(StartResult, self._call("start", call, START_TIMEOUT))
        self._remember(result["observation"])
        return result

    def load_skills(self, version: str, skills: Mapping[str, str]) -> SkillsResult:
        self.state.skills_version = version
        self.state.skills = dict(skills)
        params = {"version": version, "skills": dict(skills)}
        return cast(SkillsResult, self._call("skills", params, START_TIMEOUT))

    def step(self, program: str, timeout: float) -> StepResult:
        """Runs one program. A crash, a hang or a failed step comes back as an error event;
        only a bot that no restart brings back raises BridgeError."""
        params = {"program": program, "timeout": timeout}
        try:
            answer = self._process_or_restart().request("step", params, timeout + STEP_GRACE)
            result = cast(StepResult, answer)
        except BridgeCrash as crash:
            result = self._recover_from_step(crash)
        except BridgeRequestError as failure:
            result = self._observe_after(failure)
        self._remember(result["observation"])
        return result

    def observe(self) -> ObserveResult:
        result = cast(ObserveResult, self._call("observe", {}, CALL_TIMEOUT))
        self._remember(result["observation"])
        return result

    def pause(self) -> PauseResult:
        return cast(PauseResult, self._call("pause", {}, CALL_TIMEOUT))

    def resume(self) -> ResumeResult:
        return cast(ResumeResult, self._call("resume", {}, CALL_TIMEOUT))

    def health(self) -> HealthResult:
        return cast(HealthResult, self._call("health", {}, CALL_TIMEOUT))

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.pid_alive else None

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    # Keeping the process alive --------------------------------------------

    def _call(self, method: str, params: dict[str, Any], timeout: float) -> dict[str, Any]:
        try:
            return self._process_or_restart().request(method, params, timeout)
        except BridgeCrash as crash:
            self.note(f"{method} failed: {crash}")
            self._restart(str(crash))
            return self._process_or_restart().request(method, params, timeout)

    def _process_or_restart(self) -> BotProcess:
        if self._process is None:
            self._process = BotProcess(self._command, self._log, self.heartbeat_limit)
            self._process.request("health", {}, CALL_TIMEOUT)
        elif not self._process.pid_alive:
            self._restart("the bot process had exited")
        assert self._process is not None
        return self._process

    def _observe_after(self, failure: BridgeRequestError) -> StepResult:
        """The state after a step the bot process could not finish, with what went wrong."""
        self.note(f"step failed: {failure}")
        observation = self.observe()["observation"]
        message = f"The step could not finish: {failure}. The program's effects may be partial."
        observation["events"] = [*observation["events"], {"type": "error", "message": message}]
        return {"observation": observation, "ticks": 0}

    def _recover_from_step(self, crash: BridgeCrash) -> StepResult:
        self.note(f"step failed: {crash}")
        warnings = self._restart(str(crash))
        message = (
            f"The bot process failed during this program and was restarted: {crash}. "
            "The program did not finish; its effects may be partial."
        )
        if warnings:
            message += " Restoring the bot: " + "; ".join(warnings)
        observation = self.observe()["observation"]
        observation["events"] = [{"type": "error", "message": message}]
        return {"observation": observation, "ticks": 0}

    def _restart(self, reason: str) -> list[str]:
        """Brings up a new process with the bot restored; returns the restore's warnings."""
        last_error = reason
        for attempt in range(self.max_restarts):
            if self._process is not None:
                self._process.kill()
                self._process.close(timeout=1)
                self._process = None
            if attempt:
                time.sleep(min(BACKOFF_FIRST * 2 ** (attempt - 1), BACKOFF_MAX))
            self.restarts += 1
            try:
                self._process = BotProcess(self._command, self._log, self.heartbeat_limit)
                warnings = self._restore(self._process)
                self.note(f"restarted the bot process (restart {self.restarts}): {reason}")
                return warnings
            except BridgeError as err:
                last_error = str(err)
                self.note(f"restart attempt {attempt + 1} failed: {err}")
        raise BridgeError(
            f"The bot process failed and {self.max_restarts} restarts did not bring it back; "
            f"last error: {last_error}. Check that the server is running and see the bridge log."
        )

    def _restore(self, process: BotProcess) -> list[str]:
        if not self.state.start:
            return []
        params: dict[str, Any] = {**self.state.start, "reset": "soft"}
        params["primitives"] = self._primitives
        if self.state.position is not None:
            params["position"] = self.state.position
        if self.state.inventory is not None:
            params["inventory"] = self.state.inventory
        if self.state.equipment is not None:
            params["equipment"] = self.state.equipment
        if self.state.chests:
            params["chests"] = self.state.chests
        if self.state.skills_version is not None:
            process.request(
                "skills",
                {"version": self.state.skills_version, "skills": self.state.skills},
                START_TIMEOUT,
            )
        result = cast(StartResult, process.request("start", params, START_TIMEOUT))
        self._remember(result["observation"])
        return result["warnings"]

    def _remember(self, observation: Observation) -> None:
        status = observation["status"]
        self.state.position = Vec(**status["position"])
        self.state.inventory = dict(observation["inventory"])
        self.state.equipment = list(status["equipment"])
        self.state.chests = dict(observation["nearbyChests"])

    def note(self, text: str) -> None:
        """A line of ours in the bridge log."""
        if self._log is not None:
            with contextlib.suppress(ValueError):
                self._log.write(f"[voyager.env.bridge] {text}\n")
                self._log.flush()
