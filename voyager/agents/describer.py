"""The describer: one short description per new skill, the text retrieval searches."""

from __future__ import annotations

from voyager.agents.code import Program
from voyager.llm import ChatModel
from voyager.prompts import render

MAX_DESCRIPTION_CHARS = 400


class Describer:
    def __init__(self, llm: ChatModel) -> None:
        self.llm = llm

    def describe(self, program: Program, task: str) -> str:
        """The description stored with the skill; the task text stands in if the answer is empty."""
        messages = [
            {"role": "system", "content": render("describer_system")},
            {"role": "user", "content": f"```javascript\n{program.code.strip()}\n```"},
        ]
        reply = self.llm.chat(
            "describer", messages, context={"program": program.code, "task": task}
        )
        text = " ".join(reply.text.split()).strip("`\"' ")
        if not text:
            return f"{program.main}: {task}."
        return text[:MAX_DESCRIPTION_CHARS]
