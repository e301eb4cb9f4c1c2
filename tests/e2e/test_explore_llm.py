"""``voyager explore`` through the real OpenAI SDK, in the built-in world, against recorded answers.

The fake OpenAI-compatible server (tests/fakes/openai_server.py) replays a
recorded session (data/session.jsonl): curriculum proposals (one names an item
that does not exist), QA answers, programs in the style a real model writes
(one with a wrong block name, fixed in the next round), a critic verdict for
the one free-form task, and skill descriptions. Every role is configured to
the fake server through ``VOYAGER_ROLES__<ROLE>__*`` variables; the programs
run for real in the built-in world.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import runs
from tests.fakes.openai_server import FakeOpenAIServer, RecordedRequest, count_words
from voyager.config import Settings

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

SESSION = Path(__file__).parent / "data" / "session.jsonl"
ITERATIONS = 8
SEED = 0
RUN_TIMEOUT_S = 600.0
MODELS = {
    "action": "gpt-4o",
    "curriculum": "gpt-4o",
    "critic": "gpt-4o",
    "qa": "gpt-4o-mini",
    "describer": "gpt-4o-mini",
    "embedding": "text-embedding-3-small",
}
TASKS = [
    "Mine 1 wood log",
    "Craft 1 crafting table",
    "Craft 4 sticks",
    "Craft 1 wooden pickaxe",
    "Mine 3 cobblestone",
    "Mine 3 cobblestone",
    "Craft 1 stone pickaxe",
    "Look around for animals",
]
SKILLS = {
    "mineWoodLog",
    "craftCraftingTable",
    "craftSticks",
    "craftWoodenPickaxe",
    "mineCobblestone",
    "craftStonePickaxe",
    "lookAroundForAnimals",
}


@dataclass
class Session:
    run: Path
    requests: list[RecordedRequest]
    unanswered: dict[str, int]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the built-in world needs Node >= 20")
    folder = tmp_path_factory.mktemp("explore-llm") / "run"
    with FakeOpenAIServer() as server:
        server.replay(SESSION)
        env = {"VOYAGER_CACHE__ENABLED": "off"}
        for role, model in MODELS.items():
            env[f"VOYAGER_ROLES__{role.upper()}__BASE_URL"] = server.base_url
            env[f"VOYAGER_ROLES__{role.upper()}__MODEL"] = model
        process = runs.explore(
            *("--iterations", str(ITERATIONS), "--seed", str(SEED), "--run-dir", str(folder)),
            *("--llm", "openai", "--embedder", "openai"),
            log=folder.parent / "explore.log",
            env=env,
        )
        try:
            code = process.wait(timeout=RUN_TIMEOUT_S)
        finally:
            runs.stop(process)
        assert code == 0, f"the run failed (code {code}); see {folder.parent / 'explore.log'}"
        unanswered = {role: server.remaining(role) for role in MODELS}
        yield Session(folder, server.requests, unanswered)


def rounds(session: Session) -> list[dict[str, Any]]:
    return runs.rounds(session.run)


def test_the_run_follows_the_recorded_session_to_its_end(session: Session) -> None:
    assert [r["task"] for r in rounds(session)] == TASKS
    assert [r["iteration"] for r in rounds(session)] == list(range(1, ITERATIONS + 1))
    assert session.unanswered == dict.fromkeys(MODELS, 0)


def test_every_role_went_to_the_fake_server_with_its_model(session: Session) -> None:
    chat_roles = {r.role for r in session.requests if r.path.endswith("/chat/completions")}
    assert chat_roles == set(MODELS) - {"embedding"}
    for request in session.requests:
        if request.method == "POST":
            assert request.model == MODELS[request.role or "embedding"], request
    assert any(r.path.endswith("/embeddings") for r in session.requests)


def test_verified_rounds_succeed_and_the_wrong_block_name_is_fed_back(session: Session) -> None:
    verdicts = [r["success"] for r in rounds(session)]
    assert verdicts == [True, True, True, True, False, True, True, True]
    failed = rounds(session)[4]
    assert any("cobble_stone" in e.get("message", "") for e in failed["events"])
    retry_prompt = [r for r in session.requests if r.role == "action"][5].messages[-1]["content"]
    assert "cobble_stone" in retry_prompt


def test_the_curriculum_asked_again_for_an_item_that_does_not_exist(session: Session) -> None:
    tasks = [r for r in runs.trace(session.run) if r["event"] == "task"]
    rejected = [t for t in tasks if t["rejected"]]
    assert len(rejected) == 1 and "copper" in " ".join(rejected[0]["rejected"])


def test_only_the_free_form_task_went_to_the_critic(session: Session) -> None:
    critic = [r for r in session.requests if r.role == "critic"]
    assert len(critic) == 1 and "Look around for animals" in critic[0].messages[-1]["content"]
    assert rounds(session)[-1]["success"] is True


def test_milestones_come_from_the_game(session: Session) -> None:
    state = json.loads((session.run / "state.json").read_text())
    assert state["milestones"] == {"wooden_tools": 4, "stone_tools": 7}


def test_costs_per_role_follow_the_price_table(session: Session) -> None:
    prices = Settings().prices
    expected: dict[str, float] = {}
    for request in session.requests:
        if request.path.endswith("/embeddings"):
            tokens = sum(count_words(text) for text in request.inputs)
            price = prices[MODELS["embedding"]]
            expected["embedding"] = expected.get("embedding", 0.0) + tokens * price.input / 1e6
    usage = json.loads((session.run / "state.json").read_text())["usage"]["roles"]
    for role in MODELS:
        if role == "embedding":
            assert usage[role]["cost"] == pytest.approx(expected[role], rel=1e-6)
            continue
        totals = usage[role]
        price = prices[MODELS[role]]
        cost = totals["prompt_tokens"] * price.input + totals["completion_tokens"] * price.output
        assert totals["cost"] == pytest.approx(cost / 1e6, rel=1e-6), role
        calls = [r for r in session.requests if r.role == role]
        assert totals["calls"] == len(calls)
        assert totals["completion_tokens"] == sum(count_words(a) for a in _answers(role))
    spent = {role: 0.0 for role in MODELS}
    for record in runs.trace(session.run):
        for role, delta in (record.get("usage") or {}).items():
            spent[role] += delta.get("cost", 0.0)
    for role in set(MODELS) - {"embedding"}:  # the library's start-up embedding is in no event
        assert spent[role] == pytest.approx(usage[role]["cost"], rel=1e-6), role


def test_each_successful_round_stored_its_skill_with_the_recorded_description(
    session: Session,
) -> None:
    runs.check_skills_come_from_successful_rounds(session.run)
    versions = dict(runs.skill_versions(session.run))
    assert set(versions) == SKILLS
    descriptions = _answers("describer")
    assert sorted(v["description"] for v in versions.values()) == sorted(
        " ".join(d.split()) for d in descriptions
    )
    assert "mineCobblestone" in versions["craftStonePickaxe"]["calls"]


def _answers(role: str) -> list[str]:
    lines = SESSION.read_text().splitlines()
    return [r["text"] for r in map(json.loads, lines) if r["role"] == role]
