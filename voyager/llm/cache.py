"""The on-disk LLM response cache: one JSON file per answer, keyed by everything that shapes it.

The key is a sha256 over the endpoint, model, temperature, max_tokens and the
messages, so a changed prompt or setting never returns a stale answer. Files
are written atomically (temporary file, fsync, rename); an unreadable entry
counts as a miss and is overwritten by the next answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from voyager.files import write_atomic

log = logging.getLogger(__name__)

CacheMode = Literal["auto", "on", "off"]


@dataclass(frozen=True)
class CachedAnswer:
    """What a cache entry keeps of one answer."""

    model: str
    text: str
    prompt_tokens: int
    completion_tokens: int


def cache_applies(mode: CacheMode, temperature: float) -> bool:
    """``auto`` caches only deterministic (temperature 0) roles; ``on`` and ``off`` are absolute."""
    if mode == "auto":
        return temperature == 0
    return mode == "on"


def cache_key(
    *,
    endpoint: str,
    model: str,
    temperature: float,
    max_tokens: int | None,
    messages: list[dict[str, str]],
) -> str:
    request = {
        "endpoint": endpoint,
        "model": model,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "messages": messages,
    }
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """Answers kept as ``directory/<key[:2]>/<key>.json``; folders are made on first write."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        path = self.path(key)
        try:
            return _answer_from(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning(
                "ignoring unreadable LLM cache entry %s (%s); it will be rewritten", path, exc
            )
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        write_atomic(self.path(key), json.dumps({"key": key, **asdict(answer)}, indent=1))


def _answer_from(data: Any) -> CachedAnswer:
    answer = CachedAnswer(
        model=data["model"],
        text=data["text"],
        prompt_tokens=data["prompt_tokens"],
        completion_tokens=data["completion_tokens"],
    )
    if not isinstance(answer.text, str) or not isinstance(answer.model, str):
        raise ValueError("text and model must be strings")
    if not isinstance(answer.prompt_tokens, int) or not isinstance(answer.completion_tokens, int):
        raise ValueError("token counts must be integers")
    return answer
