"""OpenAIChatModel against the fake server: the real SDK, its retries and timeouts, over HTTP."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes import FakeOpenAIServer
from voyager.config import ROLES, Price, RoleSettings, Settings
from voyager.llm import CostLimitReached, LLMError, OpenAIChatModel, UsageLedger

ASK = [{"role": "user", "content": "what next"}]  # 2 prompt tokens for the fake server
PRICES = {"priced": Price(input=1_000_000.0, output=2_000_000.0)}  # $1 per input token


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


def make_settings(base_url: str, **overrides: Any) -> Settings:
    """Every role on the fake server, fast timeouts, one retry; ``overrides`` go to Settings."""
    role = {
        "model": "priced",
        "base_url": base_url,
        "api_key_env": "VOYAGER_TEST_NO_SUCH_KEY",
        "timeout": 0.5,
        "max_retries": 1,
    }
    role.update(overrides.pop("role", {}))
    roles = {name: RoleSettings(**role) for name in ROLES}
    return Settings(roles=roles, prices=PRICES, **overrides)


def make_model(base_url: str, tmp_path: Path, **overrides: Any) -> OpenAIChatModel:
    overrides.setdefault("cache", {"enabled": "off"})
    return OpenAIChatModel(make_settings(base_url, **overrides), cache_dir=tmp_path / "cache")


def test_each_role_gets_its_scripted_answer(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script("curriculum", ["Mine 1 wood log"])
    server.script("critic", ['{"success": true}'])
    with make_model(server.base_url, tmp_path) as model:
        critic = model.chat("critic", ASK)
        curriculum = model.chat("curriculum", ASK)
    assert (critic.text, curriculum.text) == ('{"success": true}', "Mine 1 wood log")


def test_requests_carry_the_role_header_model_and_messages(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.script(None, ["ok"])
    with make_model(server.base_url, tmp_path) as model:
        model.chat("qa", ASK)
    [request] = server.requests
    assert (request.role, request.model, request.messages) == ("qa", "priced", ASK)


def test_reply_reports_tokens_and_cost_from_the_price_table(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.script(None, ["three word answer"])
    with make_model(server.base_url, tmp_path) as model:
        reply = model.chat("action", ASK)
    assert (reply.prompt_tokens, reply.completion_tokens) == (2, 3)
    assert reply.cost == pytest.approx(2 * 1.0 + 3 * 2.0)
    assert (reply.cached, reply.model, reply.role) == (False, "priced", "action")


def test_usage_is_totalled_per_role(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script("action", ["a", "b c"])
    server.script("critic", ["d"])
    with make_model(server.base_url, tmp_path) as model:
        for role in ("action", "action", "critic"):
            model.chat(role, ASK)
        action, critic = model.usage.role("action"), model.usage.role("critic")
    assert (action.calls, action.prompt_tokens, action.completion_tokens) == (2, 4, 3)
    assert (critic.calls, critic.completion_tokens) == (1, 1)
    assert model.usage.total_cost == pytest.approx(action.cost + critic.cost)


def test_unknown_model_costs_nothing_and_warns_once(
    server: FakeOpenAIServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server.script(None, ["x", "y"])
    with make_model(server.base_url, tmp_path, role={"model": "local-llama"}) as model:
        caplog.set_level(logging.WARNING, logger="voyager.llm")
        costs = [model.chat("action", ASK).cost for _ in range(2)]
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("voyager.llm")]
    assert costs == [0.0, 0.0]
    assert len(warnings) == 1
    assert "local-llama" in warnings[0]


def test_rate_limit_burst_is_recovered_by_sdk_retries(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.script(None, ["finally"])
    server.fail(429, times=2)
    with make_model(server.base_url, tmp_path, role={"max_retries": 2}) as model:
        reply = model.chat("action", ASK)
    assert reply.text == "finally"
    assert len(server.requests) == 3


def test_server_error_burst_is_recovered_by_sdk_retries(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.script(None, ["up again"])
    server.fail(500)
    server.fail(503)
    with make_model(server.base_url, tmp_path, role={"max_retries": 2}) as model:
        assert model.chat("action", ASK).text == "up again"


def test_a_body_cut_off_halfway_is_retried_by_the_sdk(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.script(None, ["whole"])
    server.truncated()
    with make_model(server.base_url, tmp_path, role={"max_retries": 2}) as model:
        assert model.chat("action", ASK).text == "whole"
    assert [r.fault for r in server.requests] == ["truncated", None]


def test_burst_longer_than_max_retries_raises_llm_error(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.fail(503, times=3)
    with (
        make_model(server.base_url, tmp_path, role={"max_retries": 1}) as model,
        pytest.raises(LLMError, match=r"server error 503 on all 2 attempts.*max_retries"),
    ):
        model.chat("action", ASK)
    assert len(server.requests) == 2


def test_timeout_raises_llm_error_naming_the_setting(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.delay(30)
    with (
        make_model(server.base_url, tmp_path, role={"max_retries": 0}) as model,
        pytest.raises(LLMError, match=r"'action'.*no answer within 0.5s.*roles.action.timeout"),
    ):
        model.chat("action", ASK)


@pytest.mark.parametrize("content_type", ["application/json", "text/html"])
def test_garbage_body_raises_llm_error(
    server: FakeOpenAIServer, tmp_path: Path, content_type: str
) -> None:
    server.garbage(content_type=content_type)
    with (
        make_model(server.base_url, tmp_path) as model,
        pytest.raises(LLMError, match=r"roles.action.base_url points at an OpenAI-compatible"),
    ):
        model.chat("action", ASK)


def test_body_without_choices_raises_llm_error(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.no_choices()
    with (
        make_model(server.base_url, tmp_path) as model,
        pytest.raises(LLMError, match="no choices"),
    ):
        model.chat("action", ASK)


def test_empty_answer_is_an_empty_reply_still_counted(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    server.empty_content()
    with make_model(server.base_url, tmp_path) as model:
        reply = model.chat("action", ASK)
        assert reply.text == ""
        assert model.usage.role("action").calls == 1


def test_rejected_key_raises_llm_error_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOYAGER_TEST_KEY", "sk-wrong")
    with (
        FakeOpenAIServer(api_key="sk-right") as fake,
        make_model(fake.base_url, tmp_path, role={"api_key_env": "VOYAGER_TEST_KEY"}) as model,
        pytest.raises(LLMError, match=r"401.*\$VOYAGER_TEST_KEY"),
    ):
        model.chat("action", ASK)


def test_unknown_model_on_the_server_raises_llm_error(tmp_path: Path) -> None:
    with (
        FakeOpenAIServer(models=["served"]) as fake,
        make_model(fake.base_url, tmp_path) as model,
        pytest.raises(LLMError, match=r"404.*roles.action.model"),
    ):
        model.chat("action", ASK)


def test_refused_connection_raises_llm_error(tmp_path: Path) -> None:
    with FakeOpenAIServer() as fake:
        stopped_url = fake.base_url
    model = make_model(stopped_url, tmp_path, role={"max_retries": 0})
    with model, pytest.raises(LLMError, match=r"cannot connect.*roles.action.base_url"):
        model.chat("action", ASK)


def test_missing_key_for_openai_endpoint_raises_llm_error(tmp_path: Path) -> None:
    settings = make_settings("http://127.0.0.1:9/v1")
    settings.roles["action"].base_url = None
    with pytest.raises(LLMError, match=r"\$VOYAGER_TEST_NO_SUCH_KEY is not set"):
        OpenAIChatModel(settings, cache_dir=tmp_path).chat("action", ASK)


def test_unknown_role_is_a_value_error(server: FakeOpenAIServer, tmp_path: Path) -> None:
    with make_model(server.base_url, tmp_path) as model, pytest.raises(ValueError, match="role"):
        model.chat("poet", ASK)


def test_cost_ceiling_stops_before_the_next_call(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["costly answer", "never sent"])
    with make_model(server.base_url, tmp_path, max_cost=5.0) as model:
        model.chat("action", ASK)  # 2 * $1 + 2 * $2 = $6
        with pytest.raises(CostLimitReached, match=r"\$6.0000 spent of the \$5.0000 limit"):
            model.chat("action", ASK)
    assert len(server.requests) == 1


def test_cost_ceiling_counts_a_resumed_ledger(server: FakeOpenAIServer, tmp_path: Path) -> None:
    ledger = UsageLedger()
    ledger.add("action", prompt_tokens=1, completion_tokens=1, cost=10.0)
    settings = make_settings(server.base_url, max_cost=10.0)
    with (
        OpenAIChatModel(settings, cache_dir=tmp_path, ledger=ledger) as model,
        pytest.raises(CostLimitReached),
    ):
        model.chat("action", ASK)
    assert server.requests == []


def test_temperature_zero_answer_is_cached(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["deterministic"])
    with make_model(server.base_url, tmp_path, cache={"enabled": "auto"}) as model:
        first = model.chat("action", ASK)
        second = model.chat("action", ASK)
    assert len(server.requests) == 1
    assert (second.text, second.cached, second.cost) == ("deterministic", True, 0.0)
    usage = model.usage.role("action")
    assert (usage.calls, usage.cached_calls, usage.cost) == (1, 1, first.cost)
    assert usage.cached_completion_tokens == first.completion_tokens


def test_cache_survives_a_new_model_instance(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["stored"])
    with make_model(server.base_url, tmp_path, cache={"enabled": "auto"}) as model:
        model.chat("action", ASK)
    with make_model(server.base_url, tmp_path, cache={"enabled": "auto"}) as model:
        assert model.chat("action", ASK).cached
    assert len(server.requests) == 1


def test_auto_cache_skips_sampled_roles(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["one", "two"])
    overrides = {"cache": {"enabled": "auto"}, "role": {"temperature": 0.7}}
    with make_model(server.base_url, tmp_path, **overrides) as model:
        texts = [model.chat("action", ASK).text for _ in range(2)]
    assert texts == ["one", "two"]
    assert not (tmp_path / "cache").exists()


def test_cache_on_caches_sampled_roles(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["one", "two"])
    overrides = {"cache": {"enabled": "on"}, "role": {"temperature": 0.7}}
    with make_model(server.base_url, tmp_path, **overrides) as model:
        texts = [model.chat("action", ASK).text for _ in range(2)]
    assert texts == ["one", "one"]


def test_changed_messages_miss_the_cache(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["first", "second"])
    other = [{"role": "user", "content": "something else"}]
    with make_model(server.base_url, tmp_path, cache={"enabled": "auto"}) as model:
        texts = [model.chat("action", ASK).text, model.chat("action", other).text]
    assert texts == ["first", "second"]


def test_embed_returns_one_vector_per_text(server: FakeOpenAIServer, tmp_path: Path) -> None:
    with make_model(server.base_url, tmp_path) as model:
        vectors = model.embed(["mine wood", "craft table", "mine wood"])
    assert [len(v) for v in vectors] == [server.embedding_dim] * 3
    assert vectors[0] == vectors[2] != vectors[1]
    assert server.requests[0].role == "embedding"


def test_embed_records_usage_for_the_embedding_role(
    server: FakeOpenAIServer, tmp_path: Path
) -> None:
    with make_model(server.base_url, tmp_path) as model:
        model.embed(["mine wood", "craft"])
    usage = model.usage.role("embedding")
    assert (usage.calls, usage.prompt_tokens) == (1, 3)
    assert usage.cost == pytest.approx(3.0)


def test_ledger_of_a_run_round_trips_through_json(server: FakeOpenAIServer, tmp_path: Path) -> None:
    server.script(None, ["a b", "c"])
    with make_model(server.base_url, tmp_path) as model:
        model.chat("action", ASK)
        model.chat("critic", ASK)
        model.embed(["x"])
    restored = UsageLedger.from_dict(json.loads(json.dumps(model.usage.to_dict())))
    assert restored.roles == model.usage.roles
    assert restored.total_cost == pytest.approx(model.usage.total_cost)
