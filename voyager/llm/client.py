"""The chat model for OpenAI-compatible endpoints: one SDK client per role, usage, cost, cache.

Each role (action, curriculum, critic, qa, describer, embedding) has its own
model, base URL, key, timeout and retry budget from ``Settings.roles``.
Retries, backoff and timeouts are the ``openai`` SDK's own. Every request
carries ``X-Voyager-Role`` so servers and proxies can tell the roles apart.
Whatever goes wrong ends as an ``LLMError`` that says what to change.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import cast

import openai
from openai import OpenAI
from openai.types import CreateEmbeddingResponse
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam

from voyager.config import ROLES, RoleSettings, Settings
from voyager.llm.cache import CachedAnswer, ResponseCache, cache_applies, cache_key
from voyager.llm.model import LLMError, Message, check_messages
from voyager.llm.reply import Reply
from voyager.llm.usage import Pricing, UsageLedger

log = logging.getLogger(__name__)

ROLE_HEADER = "X-Voyager-Role"
LOCAL_SERVER_KEY = "no-key-needed"  # the SDK insists on a key; local servers ignore it
EMBEDDING_ROLE = "embedding"
EMBEDDING_BATCH = 256  # inputs per embeddings request (OpenAI accepts up to 2048)
SDK_FAILURES = (openai.OpenAIError, ValueError, TypeError, AttributeError)
DETAIL_CHARS = 200  # of a server's message or body quoted in an error


class OpenAIChatModel:
    """Answers every role from its configured OpenAI-compatible endpoint."""

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
        self._pricing = Pricing(settings.prices)
        self._cache = ResponseCache(cache_dir or settings.cache.dir.expanduser())
        self._clients: dict[str, OpenAI] = {}

    def chat(self, role: str, messages: list[Message]) -> Reply:
        """Answer ``messages`` as ``role``.

        Raises ``CostLimitReached`` before any call once ``max_cost`` is spent,
        ``LLMError`` when the endpoint cannot answer, ``ValueError`` for an
        unknown role or malformed messages.
        """
        config = self._role(role)
        check_messages(messages)
        self.usage.check_ceiling(self.settings.max_cost)
        key = self._cache_key(config, messages)
        reply = self._from_cache(role, key) if key else None
        if reply is None:
            reply = self._ask(role, config, messages)
            if key:
                self._store(key, reply)
        self.usage.record(reply)
        return reply

    def embed(self, texts: list[str]) -> list[list[float]]:
        """Embed ``texts`` with the embedding role, in batches; usage is recorded per batch."""
        config = self._role(EMBEDDING_ROLE)
        vectors: list[list[float]] = []
        for start in range(0, len(texts), EMBEDDING_BATCH):
            self.usage.check_ceiling(self.settings.max_cost)
            vectors.extend(self._embed_batch(config, texts[start : start + EMBEDDING_BATCH]))
        return vectors

    def close(self) -> None:
        """Close the HTTP connections of every client made so far."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def __enter__(self) -> OpenAIChatModel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _role(self, role: str) -> RoleSettings:
        if role not in self.settings.roles:
            raise ValueError(f"unknown LLM role {role!r}; the roles are {list(ROLES)}")
        return self.settings.roles[role]

    def _client(self, role: str, config: RoleSettings) -> OpenAI:
        if role not in self._clients:
            api_key = config.api_key()
            if api_key is None:
                if config.base_url is None:
                    raise LLMError(
                        f"{_where(role, config)}: ${config.api_key_env} is not set: export it, "
                        f"set roles.{role}.base_url to a local server, or use --llm offline"
                    )
                api_key = LOCAL_SERVER_KEY
            self._clients[role] = OpenAI(
                api_key=api_key,
                base_url=config.endpoint,
                timeout=config.timeout,
                max_retries=config.max_retries,
            )
        return self._clients[role]

    def _ask(self, role: str, config: RoleSettings, messages: list[Message]) -> Reply:
        client = self._client(role, config)
        started = time.perf_counter()
        try:
            completion = client.chat.completions.create(
                model=config.model,
                messages=cast(list[ChatCompletionMessageParam], messages),
                temperature=config.temperature,
                max_tokens=config.max_tokens if config.max_tokens is not None else openai.omit,
                extra_headers={ROLE_HEADER: role},
            )
            text, prompt_tokens, completion_tokens = _read_completion(completion)
        except SDK_FAILURES as exc:
            raise _explain(exc, role, config) from exc
        return Reply(
            role=role,
            model=config.model,
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost=self._pricing.cost(config.model, prompt_tokens, completion_tokens),
            cached=False,
            seconds=time.perf_counter() - started,
        )

    def _embed_batch(self, config: RoleSettings, texts: list[str]) -> list[list[float]]:
        client = self._client(EMBEDDING_ROLE, config)
        try:
            response = client.embeddings.create(
                model=config.model,
                input=texts,
                encoding_format="float",  # the SDK's default, base64, is missing from some servers
                extra_headers={ROLE_HEADER: EMBEDDING_ROLE},
            )
            vectors, prompt_tokens = _read_embeddings(response, len(texts))
        except SDK_FAILURES as exc:
            raise _explain(exc, EMBEDDING_ROLE, config) from exc
        cost = self._pricing.cost(config.model, prompt_tokens, 0)
        self.usage.add(EMBEDDING_ROLE, prompt_tokens=prompt_tokens, completion_tokens=0, cost=cost)
        return vectors

    def _cache_key(self, config: RoleSettings, messages: list[Message]) -> str | None:
        if not cache_applies(self.settings.cache.enabled, config.temperature):
            return None
        return cache_key(
            endpoint=config.endpoint,
            model=config.model,
            temperature=config.temperature,
            max_tokens=config.max_tokens,
            messages=messages,
        )

    def _from_cache(self, role: str, key: str) -> Reply | None:
        started = time.perf_counter()
        answer = self._cache.get(key)
        if answer is None:
            return None
        return Reply(
            role=role,
            model=answer.model,
            text=answer.text,
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            cost=0.0,
            cached=True,
            seconds=time.perf_counter() - started,
        )

    def _store(self, key: str, reply: Reply) -> None:
        answer = CachedAnswer(reply.model, reply.text, reply.prompt_tokens, reply.completion_tokens)
        try:
            self._cache.put(key, answer)
        except OSError as exc:
            # The answer is paid for and still good: losing its cache entry is not worth a crash.
            log.warning("could not write the LLM cache entry in %s: %s", self._cache.directory, exc)


def _read_completion(completion: object) -> tuple[str, int, int]:
    """The answer text and token counts, or ``ValueError`` when the body is unusable."""
    if not isinstance(completion, ChatCompletion):
        raise ValueError(f"the body is not a chat completion: {str(completion)[:DETAIL_CHARS]!r}")
    choices = getattr(completion, "choices", None)
    if not choices:
        raise ValueError("the completion has no choices")
    choice = choices[0]
    # An empty answer is still an answer (and paid for): the agents tell the model it was empty.
    text = getattr(getattr(choice, "message", None), "content", None) or ""
    prompt_tokens, completion_tokens = _usage_numbers(getattr(completion, "usage", None))
    return text, prompt_tokens, completion_tokens


def _read_embeddings(response: object, count: int) -> tuple[list[list[float]], int]:
    """The vectors in input order and the prompt tokens, or ``ValueError``."""
    if not isinstance(response, CreateEmbeddingResponse):
        raise ValueError(f"the body is not an embeddings list: {str(response)[:DETAIL_CHARS]!r}")
    data = sorted(getattr(response, "data", None) or [], key=lambda item: item.index)
    if len(data) != count:
        raise ValueError(f"asked for {count} embeddings, got {len(data)}")
    vectors = [[float(x) for x in item.embedding] for item in data]
    prompt_tokens, _ = _usage_numbers(getattr(response, "usage", None))
    return vectors, prompt_tokens


def _usage_numbers(usage: object) -> tuple[int, int]:
    """Prompt and completion tokens; a server that reports no usage counts as 0."""
    prompt = getattr(usage, "prompt_tokens", 0)
    completion = getattr(usage, "completion_tokens", 0)
    return (
        prompt if isinstance(prompt, int) else 0,
        completion if isinstance(completion, int) else 0,
    )


def _where(role: str, config: RoleSettings) -> str:
    return f"LLM role {role!r} (model {config.model!r} at {config.endpoint})"


def _explain(exc: Exception, role: str, config: RoleSettings) -> LLMError:
    """Turn an SDK or parsing failure into an error that says what to do."""
    return LLMError(f"{_where(role, config)}: {_advice(exc, role, config)}")


def _advice(exc: Exception, role: str, config: RoleSettings) -> str:
    attempts = config.max_retries + 1
    match exc:
        case openai.AuthenticationError() | openai.PermissionDeniedError():
            if config.base_url is None:
                return f"the API key was refused ({exc.status_code}): set ${config.api_key_env}"
            return (
                f"the API key was refused ({exc.status_code}): put the key the server at "
                f"roles.{role}.base_url expects in ${config.api_key_env}"
            )
        case openai.NotFoundError():
            return (
                f"not found (404: {_server_message(exc)}): check roles.{role}.model and "
                f"roles.{role}.base_url (an OpenAI-compatible URL usually ends in /v1)"
            )
        case openai.RateLimitError():
            return (
                f"rate limited (429) on all {attempts} attempts: wait, lower the request rate, "
                f"or raise roles.{role}.max_retries"
            )
        case openai.InternalServerError():
            return (
                f"server error {exc.status_code} on all {attempts} attempts: check the server, "
                f"or raise roles.{role}.max_retries"
            )
        case openai.APIStatusError() if exc.status_code == 402:  # a budget, e.g. voyager eval's
            return f"payment required (402): {_server_message(exc)}"
        case openai.APIStatusError():
            return (
                f"the request was refused ({exc.status_code}: {_server_message(exc)}): "
                f"shorten the prompt, or check roles.{role}.model and roles.{role}.max_tokens"
            )
        case openai.APITimeoutError():
            return (
                f"no answer within {config.timeout:g}s on all {attempts} attempts: raise "
                f"roles.{role}.timeout or check that the server is not overloaded"
            )
        case openai.APIConnectionError():
            return (
                f"cannot connect ({exc.__cause__ or exc}): is the server running? "
                f"check roles.{role}.base_url"
            )
        case json.JSONDecodeError():
            return (
                f"the body is not JSON ({exc.doc[:DETAIL_CHARS]!r}): check that "
                f"roles.{role}.base_url points at an OpenAI-compatible API"
            )
        case _:
            return (
                f"unusable response ({exc}): check that roles.{role}.base_url points at an "
                f"OpenAI-compatible API and roles.{role}.model names a model it serves"
            )


def _server_message(exc: openai.APIStatusError) -> str:
    """The ``error.message`` of an OpenAI-style error body, else the body itself."""
    body = exc.body
    message = body.get("message") if isinstance(body, dict) else None
    return str(message if message is not None else body)[:DETAIL_CHARS]
