"""Token usage and dollar cost per LLM role, and the max-cost ceiling."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from voyager.config import Price
from voyager.llm.base import CostLimitReached, Reply

log = logging.getLogger(__name__)

TOKENS_PER_PRICE_UNIT = 1_000_000  # prices are USD per million tokens


@dataclass
class RoleUsage:
    """Totals for one role.

    ``calls`` reached the endpoint and were paid for (``prompt_tokens``,
    ``completion_tokens``, ``cost``); ``cached_calls`` were answered from the
    response cache for free, and their tokens are counted apart.
    """

    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    cached_completion_tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0

    def add(self, reply: Reply) -> None:
        self.seconds += reply.seconds
        if reply.cached:
            self.cached_calls += 1
            self.cached_prompt_tokens += reply.prompt_tokens
            self.cached_completion_tokens += reply.completion_tokens
            return
        self.calls += 1
        self.prompt_tokens += reply.prompt_tokens
        self.completion_tokens += reply.completion_tokens
        self.cost += reply.cost


class UsageLedger:
    """What every role has used and spent so far; saved with a run so a resume keeps counting."""

    def __init__(self, roles: Mapping[str, RoleUsage] | None = None) -> None:
        self.roles: dict[str, RoleUsage] = dict(roles or {})
        self._lock = threading.Lock()

    def record(self, reply: Reply) -> None:
        with self._lock:
            self.roles.setdefault(reply.role, RoleUsage()).add(reply)

    def role(self, name: str) -> RoleUsage:
        """The totals of one role (zeros when it has not been used)."""
        return self.roles.get(name, RoleUsage())

    @property
    def total_cost(self) -> float:
        return sum(usage.cost for usage in self.roles.values())

    @property
    def total_calls(self) -> int:
        return sum(usage.calls for usage in self.roles.values())

    def check_ceiling(self, max_cost: float | None) -> None:
        """Raise ``CostLimitReached`` when ``max_cost`` is set and already spent."""
        if max_cost is not None and self.total_cost >= max_cost:
            raise CostLimitReached(self.total_cost, max_cost)

    def to_dict(self) -> dict[str, Any]:
        with self._lock:
            roles = {name: asdict(usage) for name, usage in self.roles.items()}
        return {"roles": roles, "total_cost": self.total_cost}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UsageLedger:
        """Rebuild a ledger from ``to_dict()`` output; ``ValueError`` says what is wrong."""
        roles = data.get("roles") if isinstance(data, Mapping) else None
        if not isinstance(roles, Mapping):
            raise ValueError("usage ledger: expected an object with a 'roles' object")
        return cls({name: _role_usage(name, values) for name, values in roles.items()})


def _role_usage(name: str, values: Any) -> RoleUsage:
    if not isinstance(values, Mapping):
        raise ValueError(f"usage ledger: roles.{name} is not an object")
    known = {f.name for f in fields(RoleUsage)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"usage ledger: roles.{name} has unknown field(s) {unknown}")
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"usage ledger: roles.{name}.{key} must be a number >= 0, got {value!r}")
    counts = {k: int(v) for k, v in values.items() if k not in ("cost", "seconds")}
    amounts = {k: float(v) for k, v in values.items() if k in ("cost", "seconds")}
    return RoleUsage(**counts, **amounts)


class PriceList:
    """Dollar cost of a call from ``Settings.prices``; unknown models cost 0 (warned once)."""

    def __init__(self, prices: Mapping[str, Price]) -> None:
        self._prices = dict(prices)
        self._warned: set[str] = set()

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        price = self._prices.get(model)
        if price is None:
            if model not in self._warned:
                self._warned.add(model)
                log.warning(
                    "no price for model %r: its calls are counted as $0 "
                    "(add [prices."%s"] input and output in USD per million tokens to the settings)",
                    model,
                    model,
                )
            return 0.0
        paid = price.input * prompt_tokens + price.output * completion_tokens
        return paid / TOKENS_PER_PRICE_UNIT
