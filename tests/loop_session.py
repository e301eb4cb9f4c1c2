"""A scripted real-LLM-style session for loop tests: the fake server's answers, per role.

The responder plays a model that mostly writes good programs, sometimes
writes broken answers (no code, syntax errors, the wrong parameter, prose
only), proposes a task for an item that does not exist, and wraps the
critic's JSON in prose. Run as a script it explores a run folder, so a test
can kill it with SIGKILL and resume: ``python tests/loop_session.py RUN URL N``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from voyager.agents.brain import ChatBrain
from voyager.config import Settings, load_settings
from voyager.embedders import make_embedder
from voyager.library import SkillLibrary
from voyager.llm import OpenAIChatModel
from voyager.loop import Learner
from voyager.rundir import RunFolder
from voyager.tasks import parse_task

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.tiny_env import TinyEnv  # noqa: E402

TASKS = [
    "Craft 1 copper sword",  # not a game item: the curriculum must re-ask
    "Mine 3 stone",
    "Craft 4 oak planks",
    "Craft 1 crafting table",
    "Build a nice house",  # free-form: only the critic can judge
    "Craft 2 stick",
    "Mine 2 iron ore",
    "Smelt 2 raw iron",
    "Mine 1 coal ore",
    "Craft 1 wooden pickaxe",
]
BROKEN_ANSWERS = [
    "I would mine the stone first, then craft.",  # no code at all
    "```javascript\nasync function mineStuff(bot) {\n  await mineBlock(bot, 'stone', 3;\n}\n```",
    "```javascript\nasync function mineStuff(agent) { await mineBlock(agent, 'stone', 1); }\n```",
    "",
    "```js\nasync function a(bot) { await mineBlock(bot, 'stone', 1); }\n"
    "async function b(bot) { await mineBlock(bot, 'dirt', 1); }\n```",
    "```javascript\n" + "// padding\n" * 6000 + "async function big(bot) {}\n```",
]


def settings_for(base_url: str, *, max_cost: float | None = None) -> Settings:
    roles = {
        role: {"model": "gpt-4o-mini", "base_url": base_url, "timeout": 5, "max_retries": 2}
        for role in ("action", "curriculum", "critic", "qa", "describer", "embedding")
    }
    return load_settings(
        overrides={
            "llm": "openai",
            "roles": roles,
            "max_cost": max_cost,
            "cache": {"enabled": "off"},
            "library": {"embedder": "hashing", "min_score": -1.0},
            "explore": {"seed": 7},
        },
        environ={},
    )


class ScriptedModel:
    """Answers by role, from what the prompt asks; a counter makes each task new."""

    def __init__(self) -> None:
        self.proposals = 0

    def __call__(self, body: dict[str, Any], role: str | None) -> str:
        prompt = body["messages"][-1]["content"]
        system = body["messages"][0]["content"]
        if role == "curriculum":
            return self.curriculum(prompt)
        if role == "qa":
            if "Question 1" in system:
                return "Question 1: What can stone make?\nConcept 1: stone"
            return "Stone makes cobblestone tools and furnaces."
        if role == "action":
            return self.action(prompt, system)
        if role == "critic":
            success = "nice house" not in prompt or "oak_planks" in prompt
            verdict = {"reasoning": "judged from the inventory", "success": success, "critique": ""}
            return f"Here is my verdict:\n{json.dumps(verdict)}\nThanks."
        if role == "describer":
            main = re.search(r"async function (\w+)", prompt)
            return f"{main.group(1) if main else 'skill'} gathers what the task needs."
        raise AssertionError(f"unexpected role {role}")

    def curriculum(self, prompt: str) -> str:
        if "cannot be done" in prompt or "already completed" in prompt:
            self.proposals += 1
        index = self.proposals
        self.proposals += 1
        base, cycle = TASKS[index % len(TASKS)], index // len(TASKS)
        if cycle:
            verb, count, *rest = base.split(" ")
            count = str(int(count) + 10 * cycle) if count.isdigit() else f"{count} {cycle}"
            base = " ".join([verb, count, *rest])
        return f"Reasoning: the next step.\nTask: {base}"

    def action(self, prompt: str, system: str) -> str:
        task = re.search(r"^Task: (.+)$", prompt, re.MULTILINE)
        assert task, prompt
        text = task.group(1)
        first_round = (
            "Execution errors:\nnone" in prompt and "Code of the last attempt:\nnone" in prompt
        )
        broken = sum(map(ord, text)) % 3 == 0
        if first_round and broken:
            return BROKEN_ANSWERS[sum(map(ord, text)) % len(BROKEN_ANSWERS)]
        return "Plan: do it.\nCode:\n```javascript\n" + program_for(text, system) + "\n```"


def program_for(task: str, system: str) -> str:
    words = task.split()
    verb, count = words[0].lower(), words[1]
    name = re.sub(r"\W", "", verb + "".join(w.capitalize() for w in words[1:]))
    if verb == "build":
        return f'async function {name}(bot) {{\n  await craftItem(bot, "oak_planks", 4);\n}}'
    item = parse_task(task).names[0]
    call = {"mine": "mineBlock", "craft": "craftItem", "smelt": "smeltItem"}[verb]
    helper = next(iter(re.findall(r"async function (mine\w+)\(bot\)", system)), None)
    lines = [f"  await {helper}(bot);"] if helper and verb == "craft" else []
    lines.append(f'  await {call}(bot, "{item}", {count});')
    lines.append(f'  bot.chat("{task} done");')
    return f"async function {name}(bot) {{\n" + "\n".join(lines) + "\n}"


def build_learner(run_dir: Path, base_url: str, *, max_cost: float | None = None) -> Learner:
    settings = settings_for(base_url, max_cost=max_cost)
    run = RunFolder.open(run_dir) if (run_dir / "config.toml").exists() else None
    run = run or RunFolder.create(run_dir, settings)
    brain = ChatBrain(OpenAIChatModel(settings))
    library = SkillLibrary(run.skills_dir, make_embedder("hashing", settings))
    return Learner(TinyEnv(), brain, library, run, settings, world="tiny")


if __name__ == "__main__":
    run_dir, url, iterations = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    build_learner(run_dir, url).explore(iterations)
