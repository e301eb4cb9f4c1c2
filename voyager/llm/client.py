"""The LLM roles over any OpenAI-compatible endpoint, through the ``openai`` SDK.

Each role (``Settings.roles``) gets its own SDK client with that role's base
URL, key, timeout and retry budget; retries and backoff are the SDK's own.
Every paid call is priced, recorded in the ledger and refused once
``max_cost`` is spent; answers sampled at temperature 0 are cached on disk
(``Settings.cache``). Whatever goes wrong comes out as ``LLMError`` naming
the role, the model, the endpoint and the setting to look at.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, cast

import openai
from openai.types import CreateEmbeddingResponse
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from voyager.config import ROLES, RoleSettings, Settings
from voyager.llm.base import LLMError, Message, Reply, check_messages
from voyager.llm.cache import CachedAnswer, ResponseCache, caches_role, request_key
from voyager.llm.usage import PriceList, UsageLedger

log = logging.getLogger(__name__)

ROLE_HEADER = "X-Voyager-Role"
EMBEDDING_ROLE = "embedding"
EMBEDDING_BATCH_SIZE = 512  # inputs per embeddings request; OpenAI accepts up to 2048
LOCAL_SERVER_API_KEY = "not-needed"  # local servers ignore the key but the SDK wants one
_DETAIL_CHARS = 300

T = TypeVar("T")


class OpenAIChatModel:
    """``ChatModel`` over OpenAI-compatible HTTP endpoints, one client per role."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        cache_dir: Path | None = None,
        ledger: UsageLedger | None = None,
    ) -> None:
        self.settings = settings
        self.usage = ledger if ledger is not None else UsageLedger()
        self.cache = ResponseCache(cache_dir or settings.cache.dir.expanduser())
        self._prices = PriceList(settings.prices)
        self._clients: dict[str, openai.OpenAI] = {}

    def chat(
        self, role: str, messages: list[Message], context: Mapping[str, Any] | None = None
    ) -> Reply:
        """Ask ``role``'s model; ``context`` is for the offline model and ignored here."""
        config = self._role_settings(role)
        if role == EMBEDDING_ROLE:
            raise ValueError("the 'embedding' role has no chat; call embed(texts)")
        check_messages(messages)
        key = None
        if caches_role(self.settings.cache.enabled, config.temperature):
            key = request_key(
                config.endpoint, config.model, config.temperature, config.max_tokens, messages
            )
            hit = self._cached_reply(role, key)
            if hit is not None:
                return hit
        self.usage.check_ceiling(self.settings.max_cost)
        started = time.monotonic()
        completion = self._call(role, config, lambda client: _create_chat(client, role, config, messages))
        text, prompt_tokens, completion_tokens = _read_completion(completion, role, config)
        reply = Reply(
            role=role,
            model=config.model,
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost=self._prices.cost(config.model, prompt_tokens, completion_tokens),
            cached=False,
            seconds=time.monotonic() - started,
        )
        self.usage.record(reply)
        log.debug("%s: %d+%d tokens, $%.6f", role, prompt_tokens, completion_tokens, reply.cost)
        if key is not None:
            self._store(key, CachedAnswer(config.model, text, prompt_tokens, completion_tokens))
        return reply

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed ``texts`` with the ``embedding`` role, in batches, each one priced and recorded."""
        for index, text in enumerate(texts):
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"texts[{index}] is empty; the embeddings endpoint rejects it")
        config = self._role_settings(EMBEDDING_ROLE)
        vectors: list[list[float]] = []
        for start in range(0, len(texts), EMBEDDING_BATCH_SIZE):
            vectors.extend(self._embed_batch(config, texts[start : start + EMBEDDING_BATCH_SIZE]))
        return vectors

    def close(self) -> None:
        """Close the HTTP connections of every role's client."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def _embed_batch(self, config: RoleSettings, texts: list[str]) -> list[list[float]]:
        self.usage.check_ceiling(self.settings.max_cost)
        started = time.monotonic()
        response = self._call(
            EMBEDDING_ROLE,
            config,
            lambda client: client.embeddings.create(
                model=config.model,
                input=texts,
                encoding_format="float",
                extra_headers={ROLE_HEADER: EMBEDDING_ROLE},
            ),
        )
        vectors, prompt_tokens = _read_embeddings(response, len(texts), config)
        self.usage.record(
            Reply(
                role=EMBEDDING_ROLE,
                model=config.model,
                text="",
                prompt_tokens=prompt_tokens,
                completion_tokens=0,
                cost=self._prices.cost(config.model, prompt_tokens, 0),
                cached=False,
                seconds=time.monotonic() - started,
            )
        )
        return vectors

    def _role_settings(self, role: str) -> RoleSettings:
        if role not in ROLES:
            raise ValueError(f"unknown LLM role {role!r}; the roles are {list(ROLES)}")
        return self.settings.roles[role]

    def _cached_reply(self, role: str, key: str) -> Reply | None:
        started = time.monotonic()
        answer = self.cache.get(key)
        if answer is None:
            return None
        reply = Reply(
            role=role,
            model=answer.model,
            text=answer.text,
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            cost=0.0,
            cached=True,
            seconds=time.monotonic() - started,
        )
        self.usage.record(reply)
        return reply

    def _store(self, key: str, answer: CachedAnswer) -> None:
        try:
            self.cache.put(key, answer)
        except OSError as exc:  # the answer is still good; only its cache copy is lost
            log.warning("could not write the LLM cache in %s: %s", self.cache.directory, exc)

    def _client(self, role: str, config: RoleSettings) -> openai.OpenAI:
        client = self._clients.get(role)
        if client is None:
            client = openai.OpenAI(
                api_key=_api_key(role, config),
                base_url=config.endpoint,
                timeout=config.timeout,
                max_retries=config.max_retries,
            )
            self._clients[role] = client
        return client

    def _call(self, role: str, config: RoleSettings, request: Callable[[openai.OpenAI], T]) -> T:
        """Run one SDK request (with the SDK's retries); any failure becomes ``LLMError``."""
        client = self._client(role, config)
        try:
            return request(client)
        # ValueError covers a body that is not JSON (the SDK lets json's error through).
        except (openai.OpenAIError, ValueError) as exc:
            raise LLMError(_failure_message(role, config, exc)) from exc


def _api_key(role: str, config: RoleSettings) -> str:
    key = config.api_key()
    if key:
        return key
    if config.base_url is not None:
        return LOCAL_SERVER_API_KEY
    raise LLMError(
        f"LLM role {role!r} (model {config.model!r} at {config.endpoint}) needs an API key: "
        f"set ${config.api_key_env}, or set roles.{role}.base_url to a local server"
    )


def _create_chat(
    client: openai.OpenAI, role: str, config: RoleSettings, messages: list[Message]
) -> ChatCompletion:
    return client.chat.completions.create(
        model=config.model,
        messages=cast(list[ChatCompletionMessageParam], messages),
        temperature=config.temperature,
        max_tokens=config.max_tokens if config.max_tokens is not None else openai.omit,
        extra_headers={ROLE_HEADER: role},
    )


def _where(role: str, config: RoleSettings) -> str:
    return f"LLM role {role!r} (model {config.model!r} at {config.endpoint})"


def _unusable(role: str, config: RoleSettings, what: str) -> LLMError:
    return LLMError(
        f"{_where(role, config)} {what}: check that roles.{role}.base_url is an "
        "OpenAI-compatible /v1 endpoint serving that model"
    )


def _read_completion(completion: object, role: str, config: RoleSettings) -> tuple[str, int, int]:
    """The answer text and token counts, or ``LLMError`` when the body is unusable."""
    if not isinstance(completion, ChatCompletion):
        sample = str(completion)[:_DETAIL_CHARS]
        raise _unusable(role, config, f"answered with something that is not a completion: {sample!r}")
    choices = getattr(completion, "choices", None)
    if not choices:
        raise _unusable(role, config, "returned a completion with no choices")
    text = getattr(getattr(choices[0], "message", None), "content", None)
    if not isinstance(text, str) or not text.strip():
        raise _unusable(role, config, "returned an empty answer")
    usage = getattr(completion, "usage", None)
    return text, _token_count(usage, "prompt_tokens"), _token_count(usage, "completion_tokens")


def _read_embeddings(
    response: object, expected: int, config: RoleSettings
) -> tuple[list[list[float]], int]:
    if not isinstance(response, CreateEmbeddingResponse):
        sample = str(response)[:_DETAIL_CHARS]
        raise _unusable(EMBEDDING_ROLE, config, f"answered with something else: {sample!r}")
    items = sorted(getattr(response, "data", None) or [], key=lambda item: item.index)
    vectors = [getattr(item, "embedding", None) for item in items]
    if len(vectors) != expected or not all(isinstance(v, list) and v for v in vectors):
        raise _unusable(
            EMBEDDING_ROLE, config, f"returned {len(vectors)} usable vectors for {expected} texts"
        )
    usage = getattr(response, "usage", None)
    return [[float(x) for x in cast(list[float], v)] for v in vectors], _token_count(
        usage, "prompt_tokens"
    )


def _token_count(usage: object, name: str) -> int:
    """A token count from ``usage``; 0 when the server does not report it."""
    value = getattr(usage, name, None)
    return value if isinstance(value, int) and value >= 0 else 0


def _failure_message(role: str, config: RoleSettings, exc: Exception) -> str:
    where = _where(role, config)
    retries = f"after {config.max_retries} retries" if config.max_retries else "(no retries)"
    if isinstance(exc, openai.APITimeoutError):
        return (
            f"{where} gave no answer within {config.timeout:g}s {retries}: "
            f"check that the server is up, or raise roles.{role}.timeout"
        )
    if isinstance(exc, openai.APIConnectionError):
        return (
            f"{where} could not be reached {retries}: check roles.{role}.base_url "
            "and that the server is running"
        )
    if isinstance(exc, openai.APIStatusError):
        return f"{where} failed: {_status_advice(role, config, exc, retries)}"
    detail = f"{type(exc).__name__}: {exc}"[:_DETAIL_CHARS]
    return str(_unusable(role, config, f"sent a response that cannot be read ({detail})"))


def _status_advice(
    role: str, config: RoleSettings, exc: openai.APIStatusError, retries: str
) -> str:
    status = exc.status_code
    detail = _error_detail(exc)
    if status == 401:
        return (
            f"HTTP 401, the API key was rejected ({detail}): set ${config.api_key_env} "
            f"to a valid key for {config.endpoint}"
        )
    if status == 403:
        return f"HTTP 403, access denied ({detail}): check that ${config.api_key_env} may use it"
    if status == 404:
        return (
            f"HTTP 404, model or route not found ({detail}): "
            f"check roles.{role}.model and roles.{role}.base_url"
        )
    if status == 429:
        return (
            f"HTTP 429, still rate-limited {retries} ({detail}): wait and try again, "
            f"or raise roles.{role}.max_retries"
        )
    if status >= 500:
        return f"HTTP {status}, server error {retries} ({detail}): check the server's logs"
    return (
        f"HTTP {status}, the request was refused ({detail}): "
        f"check roles.{role}.model and roles.{role}.max_tokens"
    )


def _error_detail(exc: openai.APIStatusError) -> str:
    """The server's own error message, when its body has the usual ``{"error": {...}}`` shape."""
    body = exc.body
    if isinstance(body, Mapping):
        error = body.get("error", body)
        if isinstance(error, Mapping) and isinstance(error.get("message"), str):
            return str(error["message"])[:_DETAIL_CHARS]
    return exc.message[:_DETAIL_CHARS]
