"""The eval's LLM gateway, between the real openai SDK and the fake OpenAI server over HTTP:
it forwards each role, counts cost from usage with the price table, refuses past the shared
ceiling, and holds the concurrency limit per endpoint."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from voyager.config import Settings, load_settings
from voyager.eval.gateway import CEILING_MARKER, GATEWAY_KEY_ENV, Gateway
from voyager.llm import LLMError, OpenAIChatModel

PRICE = {"input": 1_000_000.0, "output": 0.0}  # a dollar per prompt word of the fake server


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        fake.responder = lambda _body, _role: "ok"
        fake.hold = 0.02
        yield fake


def eval_settings(server: FakeOpenAIServer, max_cost: float | None = None) -> Settings:
    roles = {r: {"model": "fake-model", "base_url": server.base_url} for r in ("action", "critic")}
    return load_settings(
        overrides={
            "llm": "openai",
            "roles": roles,
            "prices": {"fake-model": PRICE},
            "max_cost": max_cost,
            "cache": {"enabled": "off"},
        },
        environ={},
    )


def trial_model(
    gateway: Gateway, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> OpenAIChatModel:
    monkeypatch.setenv(GATEWAY_KEY_ENV, gateway.token)
    return OpenAIChatModel(gateway.trial_settings(settings))


def ask(model: OpenAIChatModel, words: str = "one two") -> str:
    return model.chat("action", [{"role": "user", "content": words}]).text


def test_a_trial_reaches_its_role_through_the_gateway(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = eval_settings(server)
    with Gateway(settings, spend_file=tmp_path / "spend.json") as gateway:
        model = trial_model(gateway, settings, monkeypatch)
        assert ask(model) == "ok"
        assert gateway.spent == 2.0  # two prompt words at a dollar each
    (request,) = server.requests
    assert request.role == "action" and request.model == "fake-model"
    assert request.headers["authorization"] != f"Bearer {gateway.token}"  # the key stays inside


def test_the_shared_ceiling_refuses_every_call_past_it(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = eval_settings(server, max_cost=3.0)
    with Gateway(settings, spend_file=tmp_path / "spend.json", max_cost=3.0) as gateway:
        model = trial_model(gateway, settings, monkeypatch)
        ask(model)
        ask(model)  # $4 now: over
        with pytest.raises(LLMError, match=CEILING_MARKER):
            ask(model)
    assert len(server.requests) == 2


def test_a_resumed_eval_goes_on_from_what_was_spent(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = eval_settings(server)
    with Gateway(settings, spend_file=tmp_path / "spend.json") as gateway:
        ask(trial_model(gateway, settings, monkeypatch), "a b c")
    with Gateway(settings, spend_file=tmp_path / "spend.json", max_cost=3.0) as again:
        assert again.spent == 3.0 and again.exhausted


def test_the_concurrency_limit_holds_at_the_server(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = eval_settings(server)
    with Gateway(settings, spend_file=tmp_path / "spend.json", limit=2) as gateway:
        models = [trial_model(gateway, settings, monkeypatch) for _ in range(6)]
        threads = [threading.Thread(target=ask, args=(m,)) for m in models for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(server.requests) == 18
    assert server.most_in_flight <= 2


def test_a_request_without_the_evals_key_is_refused(
    server: FakeOpenAIServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = eval_settings(server)
    with Gateway(settings, spend_file=tmp_path / "spend.json") as gateway:
        model = trial_model(gateway, settings, monkeypatch)
        monkeypatch.setenv(GATEWAY_KEY_ENV, "a guess")
        with pytest.raises(LLMError, match="401"):
            ask(model)
    assert server.requests == []
