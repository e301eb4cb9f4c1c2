"""The data files of curriculum/: typed, read once, and a malformed one named with its field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from voyager import data
from voyager.paths import curriculum_dir

LOADERS: list[Callable[[], BaseModel]] = [
    data.game_file,
    data.smelting_file,
    data.task_words,
    data.tech_tree,
    data.warmup,
    data.offline_goals,
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty curriculum folder in place of the checkout's, with the caches emptied."""
    monkeypatch.setattr(data, "curriculum_dir", lambda: tmp_path)
    data.task_words.cache_clear()
    yield tmp_path
    data.task_words.cache_clear()


@pytest.mark.parametrize("load", LOADERS, ids=[f.__name__ for f in LOADERS])
def test_every_data_file_reads_into_its_model(load: Callable[[], BaseModel]) -> None:
    assert isinstance(load(), BaseModel)


@pytest.mark.parametrize("load", LOADERS, ids=[f.__name__ for f in LOADERS])
def test_every_data_file_is_read_once(load: Callable[[], BaseModel]) -> None:
    assert load() is load()


def test_game_file_reads_camel_case_keys_as_fields() -> None:
    game = data.game_file()
    assert game.items["cooked_beef"].display_name == "Steak"
    assert game.blocks["iron_ore"].harvest_tools == [
        "stone_pickaxe",
        "iron_pickaxe",
        "diamond_pickaxe",
        "netherite_pickaxe",
    ]
    assert {e.item for e in game.entity_loot["cow"]} == {"beef", "leather"}


def test_the_offline_helpers_are_javascript_text() -> None:
    assert "function" in data.offline_helpers()


def test_a_malformed_file_is_named_with_the_bad_field(folder: Path) -> None:
    (folder / data.TASK_WORDS_FILE).write_text('{"verbs": "Mine"}')
    with pytest.raises(data.DataFileError, match=r"task-words\.json(.|\n)*verbs"):
        data.task_words()


def test_an_unknown_key_in_our_own_file_is_refused(folder: Path) -> None:
    words = (curriculum_dir() / data.TASK_WORDS_FILE).read_text()
    (folder / data.TASK_WORDS_FILE).write_text(words.replace('"verbs"', '"verbz"'))
    with pytest.raises(data.DataFileError, match="verbz"):
        data.task_words()


def test_a_missing_file_says_to_reinstall(folder: Path) -> None:
    with pytest.raises(data.DataFileError, match="reinstall"):
        data.task_words()
