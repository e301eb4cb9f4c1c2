"""The usage ledger, prices and the cost ceiling, without any server."""

from __future__ import annotations

import json
import logging

import pytest

from voyager.config import Price
from voyager.llm import CostLimitReached, Pricing, Reply, UsageLedger


def reply(role: str = "action", *, cost: float = 1.5, cached: bool = False) -> Reply:
    return Reply(role, "gpt-4o", "text", 10, 5, cost, cached, 0.1)


def test_record_totals_calls_tokens_and_cost_per_role() -> None:
    ledger = UsageLedger()
    ledger.record(reply("action"))
    ledger.record(reply("action"))
    ledger.record(reply("critic", cost=0.5))
    action = ledger.role("action")
    assert (action.calls, action.prompt_tokens, action.completion_tokens) == (2, 20, 10)
    assert action.cost == pytest.approx(3.0)
    assert ledger.total_cost == pytest.approx(3.5)


def test_cached_replies_are_counted_apart_and_cost_nothing() -> None:
    ledger = UsageLedger()
    ledger.record(reply(cost=0.0, cached=True))
    usage = ledger.role("action")
    assert (usage.calls, usage.cached_calls, usage.prompt_tokens) == (0, 1, 0)
    assert (usage.cached_prompt_tokens, usage.cached_completion_tokens) == (10, 5)


def test_unused_role_has_zero_usage() -> None:
    assert UsageLedger().role("qa").calls == 0


def test_ceiling_is_silent_below_the_limit() -> None:
    ledger = UsageLedger()
    ledger.record(reply(cost=0.99))
    ledger.check_ceiling(1.0)
    ledger.check_ceiling(None)


def test_ceiling_raises_at_the_limit_with_spent_and_limit() -> None:
    ledger = UsageLedger()
    ledger.record(reply(cost=1.0))
    with pytest.raises(CostLimitReached, match=r"\$1.0000 spent of the \$1.0000 limit") as caught:
        ledger.check_ceiling(1.0)
    assert (caught.value.spent, caught.value.limit) == (1.0, 1.0)


def test_ledger_round_trips_through_json() -> None:
    ledger = UsageLedger()
    ledger.record(reply("action"))
    ledger.record(reply("describer", cached=True, cost=0.0))
    ledger.add("embedding", prompt_tokens=7, completion_tokens=0, cost=0.25)
    restored = UsageLedger.from_dict(json.loads(json.dumps(ledger.to_dict())))
    assert restored.roles == ledger.roles
    assert restored.to_dict() == ledger.to_dict()


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({}, "no 'roles'"),
        ({"roles": {"action": 3}}, "not a mapping"),
        ({"roles": {"action": {"calls": -1}}}, "calls must be >= 0"),
        ({"roles": {"action": {"cost": "free"}}}, "cost must be >= 0"),
    ],
)
def test_from_dict_names_what_is_malformed(data: dict[str, object], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        UsageLedger.from_dict(data)


def test_price_is_per_million_input_and_output_tokens() -> None:
    pricing = Pricing({"m": Price(input=2.0, output=8.0)})
    assert pricing.cost("m", 1_000_000, 500_000) == pytest.approx(6.0)


def test_unknown_model_costs_zero_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    pricing = Pricing({})
    costs = [pricing.cost("mystery", 100, 100) for _ in range(3)]
    assert costs == [0.0, 0.0, 0.0]
    assert len(caplog.records) == 1
    assert '[prices."mystery"]' in caplog.records[0].getMessage()
