"""One answer of an LLM role and what it cost: what a chat model returns and the ledger counts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reply:
    """One answer of one LLM role, with what it cost.

    ``role`` is the Voyager role (``"action"``, ``"critic"``...), not the
    message role. ``cost`` is in USD and is 0 for cached answers; ``seconds``
    is the wall time the answer took (a cache lookup when ``cached``).
    """

    role: str
    model: str
    text: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    cached: bool
    seconds: float
