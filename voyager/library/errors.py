"""The skill library's errors; each message says what failed and what to do about it."""

from __future__ import annotations

from voyager.errors import VoyagerError


class LibraryError(VoyagerError, RuntimeError):
    """A skill library that cannot do what was asked, with what to do about it."""


class ReadOnlyLibraryError(LibraryError):
    """A write to a library opened with ``read_only=True``."""


class EmbedderMismatchError(LibraryError):
    """The library's ChromaDB index was built with another embedder."""
