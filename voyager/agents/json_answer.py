"""Find the JSON a model meant inside an answer that may wrap it in prose."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def first_json(text: str, opener: str, accept: Callable[[Any], T | None]) -> T | None:
    """The first JSON value opening with ``opener`` (``{`` or ``[``) that ``accept`` takes.

    ``accept`` turns a decoded value into a result, or None to keep looking.
    """
    decoder = json.JSONDecoder()
    start = text.find(opener)
    while start != -1:
        try:
            value, _ = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            value = None
        result = accept(value) if value is not None else None
        if result is not None:
            return result
        start = text.find(opener, start + 1)
    return None
