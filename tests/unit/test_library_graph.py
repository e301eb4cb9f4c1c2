"""The skills' call graph: callees before callers, each once."""

from __future__ import annotations

import pytest

from voyager.library.graph import UnknownCallee, callees_first

CALLS = {
    "craftIronPickaxe": ["smeltIronIngots", "craftSticks"],
    "smeltIronIngots": ["mineCoal"],
    "mineCoal": ["craftSticks"],
    "craftSticks": [],
}


def test_callees_come_before_their_callers_each_once() -> None:
    assert callees_first(["craftIronPickaxe"], CALLS) == [
        "craftSticks",
        "mineCoal",
        "smeltIronIngots",
        "craftIronPickaxe",
    ]


def test_an_unknown_callee_is_named_with_its_caller() -> None:
    with pytest.raises(UnknownCallee) as info:
        callees_first(["a"], {"a": ["ghost"]})
    assert (info.value.name, info.value.caller) == ("ghost", "a")


def test_unknown_names_can_be_left_out() -> None:
    assert callees_first(["a", "b"], {"a": ["ghost"]}, skip_unknown=True) == ["a"]


def test_a_cycle_is_broken_where_it_closes() -> None:
    assert callees_first(["a"], {"a": ["b"], "b": ["a"]}) == ["b", "a"]
