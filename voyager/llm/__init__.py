"""Voyager's LLM layer: role-based chat models, token usage and cost, the response cache."""

from voyager.llm.client import ROLE_HEADER, OpenAIChatModel
from voyager.llm.model import ChatModel, LLMError, Message
from voyager.llm.reply import Reply
from voyager.llm.usage import CostLimitReached, Pricing, RoleUsage, UsageLedger

__all__ = [
    "ROLE_HEADER",
    "ChatModel",
    "CostLimitReached",
    "LLMError",
    "Message",
    "OpenAIChatModel",
    "Pricing",
    "Reply",
    "RoleUsage",
    "UsageLedger",
]
