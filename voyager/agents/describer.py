"""The describer: one short description per new skill, the text retrieval searches."""

from __future__ import annotations

from voyager.agents.brain import Brain, DescribeSkill
from voyager.agents.code import Program
from voyager.prompts import render

MAX_DESCRIPTION_CHARS = 400


class Describer:
    def __init__(self, brain: Brain) -> None:
        self.brain = brain

    def describe(self, program: Program, task: str) -> str:
        """The description stored with the skill; the task text stands in if the answer is empty."""
        messages = [
            {"role": "system", "content": render("describer_system")},
            {"role": "user", "content": f"```javascript\n{program.code.strip()}\n```"},
        ]
        reply = self.brain.answer(DescribeSkill(messages=messages, program=program.code, task=task))
        text = " ".join(reply.text.split()).strip("`\"' ")
        if not text:
            return f"{program.main}: {task}."
        return text[:MAX_DESCRIPTION_CHARS]
