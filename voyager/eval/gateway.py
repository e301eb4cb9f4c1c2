"""The eval's LLM gateway: one OpenAI-compatible pass-through that every trial's roles use.

Trials are separate processes, possibly on other machines, so the limits they
share live in one place, the eval process: every role of every trial points
at ``http://GATEWAY/<role>/v1``, and the gateway forwards each request to that
role's real endpoint with the real key (which never leaves the eval process).

- Concurrency: at most ``limit`` requests in flight per upstream endpoint
  (roles that share an endpoint share its limit); the others wait their turn.
- Cost: each answer's ``usage`` is priced with the project's price table
  (``Settings.prices``) and added to the eval's total, saved atomically to
  ``spend.json`` so a resumed eval goes on from it. Once the total reaches
  ``max_cost`` every request is refused with HTTP 402, which the SDK does
  not retry: the trial's run stops cleanly ("stopped", resumable).

The ceiling is checked when a request gets its slot, just before it goes out;
at most ``limit`` answers per endpoint that were already in flight can land
past it.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from voyager.config import ROLES, Settings
from voyager.files import read_json, write_json
from voyager.llm.client import LOCAL_SERVER_KEY, ROLE_HEADER
from voyager.llm.usage import Pricing

GATEWAY_KEY_ENV = "EVAL_GATEWAY_KEY"  # no VOYAGER_ prefix: that would be read as a setting
CEILING_MARKER = "the eval's shared max_cost"
SLOT_WAIT_S = 600.0  # a request waits this long for a slot, then gets a 429 to retry later
PASSED_HEADERS = ("content-type", "retry-after", "retry-after-ms")


class Gateway:
    """A pass-through server on ``host``, advertised to trials as ``advertise`` (default host)."""

    def __init__(
        self,
        settings: Settings,
        *,
        spend_file: Path,
        max_cost: float | None = None,
        limit: int = 4,
        host: str = "127.0.0.1",
        advertise: str | None = None,
    ) -> None:
        self.settings = settings
        self.max_cost = max_cost
        self.token = secrets.token_urlsafe(24)
        self._spend_file = spend_file
        self._spent = float((read_json(spend_file, None) or {}).get("spent", 0.0))
        self._lock = threading.Lock()
        self._pricing = Pricing(settings.prices)
        endpoints = {settings.roles[role].endpoint for role in ROLES}
        self._slots = {endpoint: threading.BoundedSemaphore(limit) for endpoint in endpoints}
        self._client = httpx.Client()
        self._host, self._advertise = host, advertise or host
        self._server = _Server((host, 0), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> Gateway:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._client.close()

    @property
    def url(self) -> str:
        return f"http://{self._advertise}:{self._server.server_address[1]}"

    @property
    def spent(self) -> float:
        with self._lock:
            return self._spent

    @property
    def exhausted(self) -> bool:
        return self.max_cost is not None and self.spent >= self.max_cost

    def trial_settings(self, settings: Settings) -> Settings:
        """``settings`` with every role pointed at this gateway (and no ceiling of its own)."""
        data = settings.model_dump(mode="json", exclude_none=True)
        data.pop("max_cost", None)
        for role, values in data["roles"].items():
            values["base_url"] = f"{self.url}/{role}/v1"
            values["api_key_env"] = GATEWAY_KEY_ENV
            values["timeout"] = settings.roles[role].timeout + SLOT_WAIT_S
        return Settings.model_validate(data)

    def forward(self, method: str, path: str, body: bytes, auth: str | None) -> _Answer:
        """Answer one request from a trial: refuse it, or pass it on and count its cost."""
        role, _, rest = path.lstrip("/").partition("/")
        if auth != f"Bearer {self.token}":
            return _error(401, "this gateway belongs to another eval: wrong key")
        if role not in ROLES or not rest.startswith("v1/"):
            return _error(404, f"no route {method} {path}: use /<role>/v1/... with a Voyager role")
        config = self.settings.roles[role]
        slot = self._slots[config.endpoint]
        if not slot.acquire(timeout=SLOT_WAIT_S):
            return _error(429, "every slot for this endpoint stayed busy", retry_after=1.0)
        try:
            if method == "POST" and self.exhausted:
                return _error(402, self._ceiling_message(), kind="cost_limit")
            answer = self._upstream(method, f"{config.endpoint}/{rest[3:]}", body, role)
            if method == "POST" and answer.status == 200:
                self._count(role, body, answer.body)
            return answer
        finally:
            slot.release()

    def _upstream(self, method: str, url: str, body: bytes, role: str) -> _Answer:
        config = self.settings.roles[role]
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {config.api_key() or LOCAL_SERVER_KEY}",
            ROLE_HEADER: role,
        }
        try:
            response = self._client.request(
                method, url, content=body or None, headers=headers, timeout=config.timeout
            )
        except httpx.HTTPError as exc:
            return _error(502, f"the gateway could not reach {url}: {exc}")
        passed = {k: v for k, v in response.headers.items() if k.lower() in PASSED_HEADERS}
        return _Answer(response.status_code, response.content, passed)

    def _count(self, role: str, request: bytes, response: bytes) -> None:
        try:
            model = json.loads(request).get("model") or self.settings.roles[role].model
            usage = json.loads(response).get("usage") or {}
        except (ValueError, AttributeError):
            return
        cost = self._pricing.cost(
            str(model),
            int(usage.get("prompt_tokens") or 0),
            int(usage.get("completion_tokens") or 0),
        )
        with self._lock:
            self._spent += cost
            write_json(self._spend_file, {"spent": self._spent, "max_cost": self.max_cost})

    def _ceiling_message(self) -> str:
        return (
            f"{CEILING_MARKER} is spent: ${self.spent:.4f} of ${self.max_cost:.4f}. Raise it "
            "and resume the eval: voyager eval --resume EVAL --max-cost DOLLARS"
        )


class _Answer:
    def __init__(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {"content-type": "application/json"}


def _error(
    status: int, message: str, *, kind: str = "gateway_error", retry_after: float | None = None
) -> _Answer:
    body = {"error": {"message": message, "type": kind, "param": None, "code": kind}}
    headers = {"content-type": "application/json"}
    if retry_after is not None:
        headers |= {"retry-after": f"{retry_after:g}", "retry-after-ms": f"{retry_after * 1000:g}"}
    return _Answer(status, json.dumps(body).encode("utf-8"), headers)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], gateway: Gateway) -> None:
        self.gateway = gateway
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        answer = self.server.gateway.forward(
            method, self.path, body, self.headers.get("Authorization")
        )
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)
