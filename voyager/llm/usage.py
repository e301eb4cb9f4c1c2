"""Token usage and dollar cost per LLM role, and the run's cost ceiling.

``calls``, ``prompt_tokens``, ``completion_tokens`` and ``cost`` count answers
that came from an endpoint; answers served from the response cache are
counted apart (``cached_calls``, ``cached_prompt_tokens``,
``cached_completion_tokens``) and cost nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from voyager.config import Price
from voyager.errors import VoyagerError
from voyager.llm.reply import Reply

log = logging.getLogger(__name__)

TOKENS_PER_PRICE_UNIT = 1_000_000  # Settings.prices are USD per million tokens


class CostLimitReached(VoyagerError):
    """The run has spent its ``max_cost``; no further LLM call is started."""

    def __init__(self, spent: float, limit: float) -> None:
        super().__init__(
            f"LLM spending reached the ceiling: ${spent:.4f} spent of the ${limit:.4f} limit "
            f"(max_cost). Raise max_cost to continue, e.g. with --max-cost."
        )
        self.spent = spent
        self.limit = limit


@dataclass
class RoleUsage:
    """Running totals for one role."""

    calls: int = 0
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    cached_completion_tokens: int = 0
    cost: float = 0.0


class UsageLedger:
    """Per-role totals of calls, tokens and cost; thread-safe; saved with a run for resume."""

    def __init__(self) -> None:
        self._roles: dict[str, RoleUsage] = {}
        self._lock = threading.Lock()

    def record(self, reply: Reply) -> None:
        """Count one chat answer."""
        self.add(
            reply.role,
            prompt_tokens=reply.prompt_tokens,
            completion_tokens=reply.completion_tokens,
            cost=reply.cost,
            cached=reply.cached,
        )

    def add(
        self,
        role: str,
        *,
        prompt_tokens: int,
        completion_tokens: int,
        cost: float,
        cached: bool = False,
    ) -> None:
        """Count one call that is not a chat ``Reply`` (an embeddings request)."""
        with self._lock:
            usage = self._roles.setdefault(role, RoleUsage())
            if cached:
                usage.cached_calls += 1
                usage.cached_prompt_tokens += prompt_tokens
                usage.cached_completion_tokens += completion_tokens
            else:
                usage.calls += 1
                usage.prompt_tokens += prompt_tokens
                usage.completion_tokens += completion_tokens
                usage.cost += cost

    def role(self, name: str) -> RoleUsage:
        """A copy of one role's totals (zeros for a role never used)."""
        with self._lock:
            return replace(self._roles.get(name, RoleUsage()))

    @property
    def roles(self) -> dict[str, RoleUsage]:
        with self._lock:
            return {name: replace(usage) for name, usage in self._roles.items()}

    @property
    def total_cost(self) -> float:
        with self._lock:
            return sum(usage.cost for usage in self._roles.values())

    def check_ceiling(self, max_cost: float | None) -> None:
        """Raise ``CostLimitReached`` when ``max_cost`` is set and already spent."""
        if max_cost is None:
            return
        spent = self.total_cost
        if spent >= max_cost:
            raise CostLimitReached(spent, max_cost)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe snapshot: ``{"roles": {role: totals}, "total_cost": float}``."""
        with self._lock:
            roles = {name: asdict(usage) for name, usage in sorted(self._roles.items())}
        return {"roles": roles, "total_cost": sum(r["cost"] for r in roles.values())}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> UsageLedger:
        """Rebuild a ledger from ``to_dict()`` output; ``ValueError`` says what is malformed."""
        roles = data.get("roles") if isinstance(data, Mapping) else None
        if not isinstance(roles, Mapping):
            raise ValueError("usage data has no 'roles' mapping; expected UsageLedger.to_dict()")
        ledger = cls()
        for name, totals in roles.items():
            ledger._roles[str(name)] = _role_usage(str(name), totals)
        return ledger


def _role_usage(name: str, totals: Any) -> RoleUsage:
    if not isinstance(totals, Mapping):
        raise ValueError(f"usage of role {name!r} is not a mapping: {totals!r}")
    usage = RoleUsage()
    for field in fields(RoleUsage):
        value = totals.get(field.name, 0)
        wanted = type(getattr(usage, field.name))  # int or float, from the defaults
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"usage of role {name!r}: {field.name} must be >= 0, got {value!r}")
        setattr(usage, field.name, wanted(value))
    return usage


class Pricing:
    """Dollar cost of tokens from ``Settings.prices``; unknown models cost 0, with one warning."""

    def __init__(self, prices: Mapping[str, Price]) -> None:
        self._prices = dict(prices)
        self._warned: set[str] = set()

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        price = self._prices.get(model)
        if price is None:
            if model not in self._warned:
                self._warned.add(model)
                log.warning(
                    "no price for model %r: its calls count as $0 and max_cost cannot limit them; "
                    'add [prices."%s"] input and output (USD per million tokens) to the settings',
                    model,
                    model,
                )
            return 0.0
        dollars = prompt_tokens * price.input + completion_tokens * price.output
        return dollars / TOKENS_PER_PRICE_UNIT
