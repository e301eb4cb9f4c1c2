"""The agents' own logic: the critic's parsing, state rendering, prompt rendering."""

from __future__ import annotations

import pytest

from tests.tiny_env import TinyEnv
from voyager.agents.action import action_messages, primitive_names
from voyager.agents.brain import Feedback, SkillText
from voyager.agents.critic import parse_verdict
from voyager.agents.state import ALL_FIELDS, render_state
from voyager.prompts import render


def observation() -> dict:  # type: ignore[type-arg]
    obs, _ = TinyEnv().reset(options={"inventory": {"oak_log": 3, "stick": 2}})
    return obs


def test_critic_json_is_found_inside_prose() -> None:
    verdict, problem = parse_verdict(
        'Sure! {"note": 1} then {"reasoning": "has it", "success": true, "critique": ""} ok'
    )
    assert verdict is not None and verdict.success is True and not problem


def test_critic_accepts_string_booleans() -> None:
    verdict, _ = parse_verdict('{"success": "false", "critique": "mine 2 more"}')
    assert verdict is not None and verdict.success is False
    assert verdict.critique == "mine 2 more"


@pytest.mark.parametrize("text", ["", "no json here", "{broken", '{"success": "maybe"}', "[true]"])
def test_critic_without_a_usable_verdict_says_so(text: str) -> None:
    verdict, problem = parse_verdict(text)
    assert verdict is None and "success" in problem


def test_state_lists_every_field_in_order() -> None:
    text = render_state(observation())
    lines = text.splitlines()
    assert len(lines) == len(ALL_FIELDS)
    assert "Inventory (2/36): oak_log: 3, stick: 2" in text


def test_state_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="unknown state fields"):
        render_state(observation(), ["weather"])


def test_prompt_placeholders_must_all_be_filled() -> None:
    with pytest.raises(KeyError):
        render("action_user", task="x")


def test_action_prompt_carries_feedback_and_skills() -> None:
    feedback = Feedback(code="async function a(bot) {}", errors=["boom"], chat=["hi"], critique="c")
    skills = [
        SkillText(
            "mineWood", "async function mineWood(bot) { await mineBlock(bot, 'oak_log', 1); }"
        )
    ]
    system, user = action_messages("Mine 1 wood log", "ctx", observation(), feedback, skills)
    assert "async function mineWood" in system["content"]
    for text in ("Task: Mine 1 wood log", "boom", "hi", "Critique of the last attempt: c"):
        assert text in user["content"]
    assert "$" not in user["content"].replace("$primitives", "")


def test_primitive_names_come_from_the_skills_folder() -> None:
    names = primitive_names()
    assert names == frozenset() or "mineBlock" in names
