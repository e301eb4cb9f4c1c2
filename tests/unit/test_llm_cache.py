"""The on-disk response cache: keys, atomic entries, unreadable entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from voyager.llm.cache import CachedAnswer, ResponseCache, cache_applies, cache_key

MESSAGES = [{"role": "user", "content": "Mine 1 wood log"}]
REQUEST = {
    "endpoint": "http://127.0.0.1:1/v1",
    "model": "m",
    "temperature": 0.0,
    "max_tokens": None,
    "messages": MESSAGES,
}
ANSWER = CachedAnswer(model="m", text="code", prompt_tokens=4, completion_tokens=1)


def key(**changes: object) -> str:
    return cache_key(**{**REQUEST, **changes})  # type: ignore[arg-type]


def test_key_is_stable_for_the_same_request() -> None:
    assert key() == key()


@pytest.mark.parametrize(
    "change",
    [
        {"endpoint": "http://other/v1"},
        {"model": "n"},
        {"temperature": 0.5},
        {"max_tokens": 100},
        {"messages": [{"role": "user", "content": "Mine 2 wood logs"}]},
    ],
)
def test_key_changes_with_every_part_of_the_request(change: dict[str, object]) -> None:
    assert key(**change) != key()


@pytest.mark.parametrize(
    ("mode", "temperature", "expected"),
    [("auto", 0.0, True), ("auto", 0.3, False), ("on", 0.3, True), ("off", 0.0, False)],
)
def test_cache_applies_by_mode_and_temperature(
    mode: str, temperature: float, expected: bool
) -> None:
    assert cache_applies(mode, temperature) is expected  # type: ignore[arg-type]


def test_stored_answer_is_read_back(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put(key(), ANSWER)
    assert cache.get(key()) == ANSWER


def test_missing_entry_is_a_miss(tmp_path: Path) -> None:
    assert ResponseCache(tmp_path / "never-made").get(key()) is None


def test_write_leaves_only_the_entry_file(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put(key(), ANSWER)
    cache.put(key(), ANSWER)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{key()}.json"]


def test_unreadable_entry_is_a_miss_and_is_overwritten(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    cache.path(key()).parent.mkdir(parents=True)
    cache.path(key()).write_text('{"text": ')
    assert cache.get(key()) is None
    cache.put(key(), ANSWER)
    assert cache.get(key()) == ANSWER
