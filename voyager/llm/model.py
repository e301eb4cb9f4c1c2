"""What every chat model offers the agents: messages, replies, the ChatModel protocol, errors.

``OpenAIChatModel`` implements it for any OpenAI-compatible endpoint; the
agents reach it through ``voyager.agents.brain.ChatBrain``.
"""

from __future__ import annotations

from typing import Protocol

from voyager.errors import VoyagerError
from voyager.llm.reply import Reply
from voyager.llm.usage import UsageLedger

Message = dict[str, str]
"""One chat message: ``{"role": "system" | "user" | "assistant", "content": str}``."""

MESSAGE_ROLES = ("system", "user", "assistant")


class LLMError(VoyagerError):
    """An LLM role could not answer; the message names the role, model, endpoint and the fix."""


class ChatModel(Protocol):
    """A source of answers for every Voyager LLM role."""

    name: str
    """``"openai"`` or ``"offline"``: shown to users in every output."""

    usage: UsageLedger

    def chat(self, role: str, messages: list[Message]) -> Reply:
        """Answer ``messages`` as ``role``. Raises ``LLMError`` or ``CostLimitReached``."""
        ...

    def embed(self, texts: list[str]) -> list[list[float]]:
        """One embedding vector per text (the ``embedding`` role)."""
        ...


def check_messages(messages: list[Message]) -> None:
    """Raise ``ValueError`` naming the first malformed message."""
    if not messages:
        raise ValueError("no messages to send: pass at least one {'role': ..., 'content': ...}")
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise ValueError(f"message {index} is a {type(message).__name__}, not a dict")
        if message.get("role") not in MESSAGE_ROLES:
            raise ValueError(
                f"message {index} has role {message.get('role')!r}; use one of {MESSAGE_ROLES}"
            )
        if not isinstance(message.get("content"), str):
            raise ValueError(f"message {index} has no string 'content'")
