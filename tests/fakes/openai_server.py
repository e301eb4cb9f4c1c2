"""A fake OpenAI-compatible HTTP server for tests: scripted answers, faults, recorded requests.

It is a real server (``ThreadingHTTPServer`` on 127.0.0.1, a free port), so the
``openai`` SDK, its retries and timeouts run for real against it::

    with FakeOpenAIServer() as server:
        server.script("action", ["async function mineWood(bot) {}"])
        ...  # point roles.action.base_url at server.base_url

Endpoints: ``POST /v1/chat/completions``, ``POST /v1/embeddings``,
``GET /v1/models``, in the OpenAI response shapes, ``usage`` included.

Answers come, in order of preference, from the script of the request's role
(the ``X-Voyager-Role`` header), the script for any role (``role=None``),
then ``responder(request_json, role)``. With none of them, the reply is an
HTTP 500 saying the script ran out, so a test fails loudly.

Usage numbers are deterministic word counts: prompt tokens = whitespace
separated words over all message contents (embeddings: over all inputs),
completion tokens = words in the answer.

Faults (``fail``, ``delay``, ``garbage``, ``truncated``, ``no_choices``, ``empty_content``)
apply to the next POST requests, one fault per request, in the order queued.
A delayed request whose client hung up before the delay ended is dropped
without using an answer.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import math
import random
import select
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal, Self

ROLE_HEADER = "X-Voyager-Role"
SHUTDOWN_POLL_SECONDS = 0.02  # how soon stop() is noticed; the default 0.5 s slows every test

Responder = Callable[[dict[str, Any], str | None], str]
FaultKind = Literal["status", "delay", "garbage", "truncated", "no_choices", "empty_content"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it."""

    method: str
    path: str
    role: str | None
    model: str | None
    messages: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    fault: FaultKind | None = None


@dataclass(frozen=True)
class _Fault:
    kind: FaultKind
    status: int = 500
    retry_after: float | None = None
    seconds: float = 0.0
    content_type: str = "application/json"


class FakeOpenAIServer:
    """An OpenAI-compatible server whose answers and failures a test scripts."""

    def __init__(
        self,
        *,
        embedding_dim: int = 16,
        api_key: str | None = None,
        models: Iterable[str] | None = None,
    ) -> None:
        """``api_key``: when set, other keys get 401. ``models``: when set, others get 404."""
        self.embedding_dim = embedding_dim
        self.api_key = api_key
        self.models = set(models) if models is not None else None
        self.responder: Responder | None = None
        self.hold = 0.0  # seconds the responder's answers are held, so that requests overlap
        self.most_in_flight = 0  # the most requests the responder answered at once
        self._in_flight = 0
        self._requests: list[RecordedRequest] = []
        self._scripts: dict[str | None, deque[str]] = {}
        self._faults: deque[_Fault] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle --

    def start(self) -> Self:
        if self._httpd is not None:
            raise RuntimeError("the fake OpenAI server is already running")
        self._stopping.clear()
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
            name="fake-openai",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, end every open connection and wait for its handler."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self._stopping.set()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()  # joins the handler threads
        thread.join()
        self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake OpenAI server is not running: use it in a with block")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    # -- scripting --

    def script(self, role: str | None, answers: Iterable[str]) -> None:
        """Queue answers for ``role`` (``None``: any role without its own script)."""
        with self._lock:
            self._scripts.setdefault(role, deque()).extend(answers)

    def replay(self, path: Path) -> int:
        """Script the answers in a JSONL file of ``{"role": ..., "text": ...}``; return how many."""
        answers = _read_recording(path)
        for role, text in answers:
            self.script(role, [text])
        return len(answers)

    def remaining(self, role: str | None = None) -> int:
        """Answers still queued for ``role``."""
        with self._lock:
            return len(self._scripts.get(role, ()))

    def fail(self, status: int, times: int = 1, *, retry_after: float | None = 0.001) -> None:
        """Answer the next ``times`` requests with HTTP ``status``.

        ``retry_after`` (seconds) is sent as ``retry-after-ms`` and ``retry-after``,
        which the SDK honours instead of its slower exponential backoff; None sends neither.
        """
        self._queue(times, _Fault("status", status=status, retry_after=retry_after))

    def delay(self, seconds: float, times: int = 1) -> None:
        """Hold the next ``times`` requests for ``seconds`` before answering."""
        self._queue(times, _Fault("delay", seconds=seconds))

    def garbage(self, times: int = 1, *, content_type: str = "application/json") -> None:
        """Answer the next ``times`` requests with a body that is not JSON."""
        self._queue(times, _Fault("garbage", status=200, content_type=content_type))

    def truncated(self, times: int = 1) -> None:
        """Answer the next ``times`` requests with half a JSON body, then hang up."""
        self._queue(times, _Fault("truncated", status=200))

    def no_choices(self, times: int = 1) -> None:
        """Answer the next ``times`` chat requests with JSON that has no ``choices``."""
        self._queue(times, _Fault("no_choices", status=200))

    def empty_content(self, times: int = 1) -> None:
        """Answer the next ``times`` chat requests with an empty message content."""
        self._queue(times, _Fault("empty_content", status=200))

    def _queue(self, times: int, fault: _Fault) -> None:
        with self._lock:
            self._faults.extend([fault] * times)

    # -- what was received --

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, faulted ones included."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, role: str | None) -> list[RecordedRequest]:
        return [request for request in self.requests if request.role == role]

    # -- used by the handler --

    def _receive(self, request: RecordedRequest) -> _Fault | None:
        with self._lock:
            fault = self._faults.popleft() if request.method == "POST" and self._faults else None
            self._requests.append(request if fault is None else replace(request, fault=fault.kind))
            return fault

    def _next_answer(self, body: dict[str, Any], role: str | None) -> str | None:
        with self._lock:
            for key in (role, None):
                queue = self._scripts.get(key)
                if queue:
                    return queue.popleft()
        if self.responder is not None:
            return self._respond(self.responder, body, role)
        return None

    def _respond(self, responder: Responder, body: dict[str, Any], role: str | None) -> str | None:
        with self._lock:
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
        try:
            time.sleep(self.hold)
            return responder(body, role)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _embedding(self, text: str, dim: int) -> list[float]:
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
        rng = random.Random(seed)
        vector = [rng.gauss(0.0, 1.0) for _ in range(dim)]
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        return [x / norm for x in vector]


def _read_recording(path: Path) -> list[tuple[str | None, str]]:
    answers: list[tuple[str | None, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            role, text = record.get("role"), record["text"]
        except (ValueError, KeyError, AttributeError) as exc:
            raise ValueError(
                f'{path}:{number}: expected {{"role": ..., "text": ...}}, got {line[:80]!r}'
            ) from exc
        if not isinstance(text, str) or not (role is None or isinstance(role, str)):
            raise ValueError(f"{path}:{number}: role must be a string or null and text a string")
        answers.append((role, text))
    return answers


def count_words(text: str) -> int:
    """The fake server's token count."""
    return len(text.split())


def _message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):  # multi-part content: count the text parts
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


def _error_body(message: str, kind: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # so server_close() waits for every handler
    block_on_close = True

    def __init__(self, fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._connections_lock:
            self._connections.add(connection)
        return connection, address

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake handlers blocked on idle keep-alive connections so they can end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up (after a timeout) is expected in fault tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.rstrip("/") != "/v1/models":
            self._send_json(404, _error_body(f"no route GET {self.path}", "invalid_request_error"))
            return
        names = sorted(self.server.fake.models or {"fake-model"})
        models = [{"id": n, "object": "model", "created": 0, "owned_by": "fake"} for n in names]
        self._send_json(200, {"object": "list", "data": models})

    def do_POST(self) -> None:
        fake = self.server.fake
        body = self._read_json()
        route = self.path.rstrip("/")
        request = RecordedRequest(
            method="POST",
            path=route,
            role=self.headers.get(ROLE_HEADER),
            model=body.get("model") if isinstance(body, dict) else None,
            messages=list(body.get("messages", [])) if isinstance(body, dict) else [],
            inputs=_inputs(body.get("input")) if isinstance(body, dict) else [],
            body=body if isinstance(body, dict) else {},
            headers={k.lower(): v for k, v in self.headers.items()},
        )
        fault = fake._receive(request)
        if fault is not None and fault.kind == "delay":
            fake._stopping.wait(fault.seconds)
            if fake._stopping.is_set() or self._client_gone():
                self.close_connection = True
                return
            fault = None
        if fault is not None and fault.kind in ("status", "garbage", "truncated"):
            self._send_fault(fault)
            return
        refusal = self._refusal(route, body)
        if refusal is not None:
            self._send_json(*refusal)
        elif route == "/v1/chat/completions":
            self._answer_chat(request, fault)
        else:
            self._answer_embeddings(request)

    def _refusal(self, route: str, body: Any) -> tuple[int, dict[str, Any]] | None:
        """An error reply for requests a real server would refuse, or None."""
        fake = self.server.fake
        if route not in ("/v1/chat/completions", "/v1/embeddings"):
            return 404, _error_body(f"no route POST {route}", "invalid_request_error")
        if fake.api_key is not None and self.headers.get("Authorization") != (
            f"Bearer {fake.api_key}"
        ):
            return 401, _error_body("Incorrect API key provided.", "invalid_request_error")
        if not isinstance(body, dict) or not isinstance(body.get("model"), str):
            return 400, _error_body("the body must be a JSON object with a 'model'", "bad_request")
        if fake.models is not None and body["model"] not in fake.models:
            message = f"The model `{body['model']}` does not exist."
            return 404, _error_body(message, "invalid_request_error", "model_not_found")
        if body.get("stream"):
            return 400, _error_body("the fake server does not stream", "invalid_request_error")
        return None

    def _answer_chat(self, request: RecordedRequest, fault: _Fault | None) -> None:
        fake = self.server.fake
        if fault is not None and fault.kind == "no_choices":
            self._send_json(200, {"id": "chatcmpl-fake", "object": "chat.completion"})
            return
        try:
            text = "" if fault is not None else fake._next_answer(request.body, request.role)
        except Exception as exc:  # a broken responder must fail the test, not hang the client
            self._send_json(500, _error_body(f"the responder raised {exc!r}", "fake_responder"))
            return
        if text is None:
            message = f"the fake server's script ran out: no answer for role {request.role!r}"
            self._send_json(500, _error_body(message, "fake_script_exhausted"))
            return
        prompt_tokens = sum(count_words(_message_text(m)) for m in request.messages)
        completion_tokens = count_words(text)
        self._send_json(
            200, _chat_completion(request.model or "", text, prompt_tokens, completion_tokens)
        )

    def _answer_embeddings(self, request: RecordedRequest) -> None:
        fake = self.server.fake
        dim = request.body.get("dimensions") or fake.embedding_dim
        as_base64 = request.body.get("encoding_format") == "base64"
        data = []
        for index, text in enumerate(request.inputs):
            vector: list[float] | str = fake._embedding(text, dim)
            if as_base64:
                vector = base64.b64encode(struct.pack(f"<{dim}f", *vector)).decode("ascii")
            data.append({"object": "embedding", "index": index, "embedding": vector})
        tokens = sum(count_words(text) for text in request.inputs)
        usage = {"prompt_tokens": tokens, "total_tokens": tokens}
        self._send_json(
            200, {"object": "list", "data": data, "model": request.model, "usage": usage}
        )

    def _read_json(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw or b"null")
        except ValueError:
            return None

    def _client_gone(self) -> bool:
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            peeked: bytes = self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return True
        return peeked == b""

    def _send_fault(self, fault: _Fault) -> None:
        if fault.kind == "garbage":
            self._send(200, b"<html>this is not JSON {", fault.content_type)
            return
        if fault.kind == "truncated":
            body = json.dumps(_error_body("a body cut off halfway", "fake_fault")).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        headers = {}
        if fault.retry_after is not None:
            headers["retry-after-ms"] = f"{fault.retry_after * 1000:g}"
            headers["retry-after"] = f"{fault.retry_after:g}"
        body = _error_body(f"injected HTTP {fault.status}", "fake_fault")
        self._send_json(fault.status, body, headers)

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json", headers)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _inputs(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list):
        return [item if isinstance(item, str) else json.dumps(item) for item in raw]
    return []


def _chat_completion(
    model: str, text: str, prompt_tokens: int, completion_tokens: int
) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake-{time.monotonic_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fake",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "finish_reason": "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
