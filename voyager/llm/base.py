"""The LLM contract every model obeys: messages in, a ``Reply`` out, and the errors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from voyager.llm.usage import UsageLedger

Message = dict[str, str]
"""One chat message: ``{"role": "system" | "user" | "assistant", "content": str}``."""

MESSAGE_ROLES = ("system", "user", "assistant")


@dataclass(frozen=True)
class Reply:
    """One answer from an LLM role, with what it cost."""

    role: str
    model: str
    text: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    cached: bool
    seconds: float


class LLMError(Exception):
    """An LLM call that failed for good; the message says which role, where, and what to do."""


class CostLimitReached(Exception):
    """The run has spent its ``max_cost``; no further paid call is started."""

    def __init__(self, spent: float, limit: float) -> None:
        super().__init__(
            f"LLM spending reached ${spent:.4f}, at or past the max_cost limit of ${limit:.4f}: "
            "raise max_cost to spend more"
        )
        self.spent = spent
        self.limit = limit


class ChatModel(Protocol):
    """What the agents call: one chat per role, and embeddings."""

    name: str
    """``"openai"`` or ``"offline"``; shown to users."""
    usage: UsageLedger

    def chat(
        self, role: str, messages: list[Message], context: Mapping[str, Any] | None = None
    ) -> Reply:
        """Answer ``messages`` as ``role``; ``context`` is structured state for the offline model."""
        ...

    def embed(self, texts: list[str]) -> list[list[float]]:
        """One embedding vector per text (the ``embedding`` role)."""
        ...


def check_messages(messages: list[Message]) -> None:
    """Raise ``ValueError`` naming the first malformed message."""
    if not messages:
        raise ValueError("messages is empty: give at least one {'role': ..., 'content': ...}")
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise ValueError(f"messages[{index}] is a {type(message).__name__}, not a dict")
        if message.get("role") not in MESSAGE_ROLES:
            raise ValueError(
                f"messages[{index}] has role {message.get('role')!r}; use one of {MESSAGE_ROLES}"
            )
        if not isinstance(message.get("content"), str):
            raise ValueError(f"messages[{index}] has no string 'content'")
