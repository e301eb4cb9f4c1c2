"""Voyager: an LLM that teaches itself Minecraft, rebuilt to be open, reliable and cheap."""

__version__ = "0.1.0"
