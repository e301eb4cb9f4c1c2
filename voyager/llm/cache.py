"""The on-disk LLM response cache: one JSON file per request, written atomically."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from voyager.llm.base import Message

log = logging.getLogger(__name__)

CacheMode = Literal["auto", "on", "off"]


def caches_role(mode: CacheMode, temperature: float) -> bool:
    """Whether answers sampled at ``temperature`` are cached (``auto``: only at 0)."""
    if mode == "auto":
        return temperature == 0
    return mode == "on"


def request_key(
    endpoint: str,
    model: str,
    temperature: float,
    max_tokens: int | None,
    messages: Sequence[Message],
) -> str:
    """The sha256 hex digest that identifies one chat request."""
    request = [endpoint, model, float(temperature), max_tokens, list(messages)]
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    """What is kept of one answer: its text and the tokens it originally used."""

    model: str
    text: str
    prompt_tokens: int
    completion_tokens: int


class ResponseCache:
    """Answers stored under ``directory/<key[:2]>/<key>.json``.

    An unreadable entry is a miss (logged), never an error: the call is made
    again and the entry rewritten.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedAnswer | None:
        path = self.path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CachedAnswer(
                model=str(data["model"]),
                text=str(data["text"]),
                prompt_tokens=int(data["prompt_tokens"]),
                completion_tokens=int(data["completion_tokens"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("ignoring unreadable LLM cache entry %s (%s)", path, exc)
            return None

    def put(self, key: str, answer: CachedAnswer) -> None:
        write_atomically(self.path(key), json.dumps(asdict(answer), ensure_ascii=False))


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
