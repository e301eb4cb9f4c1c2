"""The step contract and the bridge protocol: one definition, the same on both sides."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from voyager.env.contract import (
    TIMES_OF_DAY,
    ContractError,
    check_observation,
    shared_constants,
    time_of_day,
)
from voyager.env.protocol import SCHEMA_FILE, schema_text
from voyager.paths import bridge_dir

OBSERVATION: dict[str, Any] = {
    "status": {
        "health": 20.0,
        "food": 20,
        "saturation": 5.0,
        "oxygen": 20,
        "position": {"x": 0.5, "y": 64.0, "z": 0.5},
        "velocity": {"x": 0.0, "y": 0.0, "z": 0.0},
        "yaw": 0.0,
        "pitch": 0.0,
        "onGround": True,
        "equipment": [None, None, None, None, "stone_pickaxe", None],
        "biome": "plains",
        "entities": {"cow": 5.2},
        "timeOfDay": "day",
        "inventoryUsed": 1,
        "elapsedTime": 40,
        "light": 15,
        "dimension": "overworld",
    },
    "voxels": ["dirt", "grass_block"],
    "blockRecords": ["oak_log"],
    "nearestBlocks": {"dirt": {"x": 0, "y": 63, "z": 0}},
    "inventory": {"stone_pickaxe": 1},
    "nearbyChests": {"(1, 64, 2)": {"dirt": 3}, "(5, 64, 2)": "Unknown"},
    "events": [
        {"type": "chat", "message": "hi"},
        {"type": "save", "name": "said"},
        {"type": "kill", "mob": "cow"},
        {"type": "dropped", "message": "3 chat events were dropped"},
    ],
}


def test_the_committed_schema_is_made_from_the_python_types() -> None:
    committed = (bridge_dir() / "bot" / SCHEMA_FILE).read_text()
    assert committed == schema_text(), "run: python -m voyager.env.protocol"


def test_the_times_of_day_agree_in_both_languages() -> None:
    names = {name for _, name in shared_constants()["times_of_day"]}
    assert names == set(TIMES_OF_DAY)
    assert [time_of_day(t) for t in (0, 999, 1000, 6000, 12500, 13000, 18000, 23999, 24000)] == [
        "sunrise", "sunrise", "day", "noon", "sunset", "night", "midnight", "sunrise", "sunrise",
    ]  # fmt: skip


def test_a_whole_observation_keeps_the_contract() -> None:
    check_observation(OBSERVATION)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("inventory", "dirt"), 0, "inventory.dirt"),
        (("status", "equipment"), [None] * 5, "status.equipment"),
        (("status", "timeOfDay"), "teatime", "status.timeOfDay"),
        (("status", "position"), {"x": 1, "y": 2}, "status.position.z"),
        (("events",), [{"type": "chat", "name": "x"}], "events.0.chat.message"),
        (("events",), [{"type": "sneeze", "message": "x"}], "events.0"),
        (("nearbyChests", "(1, 64, 2)"), "Maybe", "nearbyChests"),
    ],
)
def test_a_broken_observation_names_the_field(
    path: tuple[str, ...], value: Any, message: str
) -> None:
    broken = copy.deepcopy(OBSERVATION)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ContractError, match=message.replace(".", r"\.")):
        check_observation(broken)
