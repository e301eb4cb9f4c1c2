"""Headless Debian chromium driven over the DevTools protocol on a pipe (no extra packages).

``--remote-debugging-pipe`` makes chromium read protocol commands from fd 3
and write answers to fd 4, each message JSON followed by a NUL byte; the
WebGL page of the viewer renders with the software (SwiftShader) GL.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
from typing import Any, Self

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--use-gl=swiftshader",
    "--enable-unsafe-swiftshader",
    "--remote-debugging-pipe",
]
FIRST_FREE_FD = 10


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class HeadlessChromium:
    """One chromium process with one page; ``open(url)``, then ``screenshot()`` as PNG bytes."""

    def __init__(self, width: int = 800, height: int = 600) -> None:
        binary = chromium_path()
        if binary is None:
            raise RuntimeError("chromium is not installed (apt-get install -y chromium)")
        self.profile = tempfile.TemporaryDirectory(prefix="voyager-chromium-")
        commands_read, self._commands = os.pipe()
        self._answers_read, answers_write = os.pipe()
        # Out of the way of fds 3 and 4, which the child gets them as.
        child_in = fcntl.fcntl(commands_read, fcntl.F_DUPFD, FIRST_FREE_FD)
        child_out = fcntl.fcntl(answers_write, fcntl.F_DUPFD, FIRST_FREE_FD)
        os.close(commands_read)
        os.close(answers_write)

        def as_fds_3_and_4() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.process = subprocess.Popen(
            [
                binary,
                *FLAGS,
                f"--user-data-dir={self.profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=as_fds_3_and_4,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(child_in)
        os.close(child_out)
        self._answers = os.fdopen(self._answers_read, "rb")
        self._buffer = b""
        self._last_id = 0
        self.console: list[str] = []
        self._session = ""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self._session = attached["sessionId"]
        self.send("Runtime.enable")
        self.send("Page.enable")

    def open(self, url: str) -> None:
        self.send("Page.navigate", {"url": url})

    def screenshot(self) -> bytes:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        return base64.b64decode(data)

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if self._session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer["result"]
                return result
            if answer.get("method") in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown"):
                self.console.append(json.dumps(answer["params"])[:500])

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = self._answers.read1(1 << 16)
            if not chunk:
                raise RuntimeError(f"chromium exited with code {self.process.poll()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        answer: dict[str, Any] = json.loads(message)
        return answer

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        os.close(self._commands)
        self._answers.close()
        self.profile.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
