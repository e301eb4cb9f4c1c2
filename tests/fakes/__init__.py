"""Test doubles that run for real at the edges: a fake OpenAI-compatible HTTP server."""

from tests.fakes.openai_server import FakeOpenAIServer, RecordedRequest

__all__ = ["FakeOpenAIServer", "RecordedRequest"]
