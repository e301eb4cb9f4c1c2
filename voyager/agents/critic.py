"""The critic: an LLM verdict for the tasks the exact verifier cannot decide."""

from __future__ import annotations

from typing import Any

from voyager.agents.brain import Brain, JudgeTask
from voyager.agents.json_answer import first_json
from voyager.agents.state import render_state
from voyager.agents.verify import Verdict
from voyager.env.contract import Observation
from voyager.llm import Message
from voyager.prompts import render

MAX_CHAT_LINES = 20


class Critic:
    """Asks the critic role for ``{"reasoning", "success", "critique"}``, retrying bad answers."""

    def __init__(self, brain: Brain, max_attempts: int = 3) -> None:
        self.brain = brain
        self.max_attempts = max_attempts

    def judge(self, task: str, context: str, obs: Observation, chat: list[str]) -> Verdict:
        messages: list[Message] = [
            {"role": "system", "content": render("critic_system")},
            {"role": "user", "content": _situation(task, context, obs, chat)},
        ]
        problem = ""
        for _ in range(self.max_attempts):
            request = JudgeTask(messages=list(messages), task=task, observation=obs, chat=chat)
            reply = self.brain.answer(request)
            verdict, problem = parse_verdict(reply.text)
            if verdict is not None:
                return verdict
            messages += [
                {"role": "assistant", "content": reply.text},
                {"role": "user", "content": f"{problem} Answer with the JSON object only."},
            ]
        return Verdict(
            success=False,
            critique="",
            reason=f"the critic gave no usable verdict in {self.max_attempts} tries ({problem})",
        )


def parse_verdict(text: str) -> tuple[Verdict | None, str]:
    """The first JSON object in ``text`` that has a boolean ``success``; prose around it is fine."""
    verdict = first_json(text, "{", _as_verdict)
    if verdict is None:
        return None, "Your answer has no JSON object with a boolean 'success'."
    return verdict, ""


def _as_verdict(value: Any) -> Verdict | None:
    if not isinstance(value, dict):
        return None
    success = value.get("success")
    if isinstance(success, str) and success.lower() in ("true", "false"):
        success = success.lower() == "true"
    if not isinstance(success, bool):
        return None
    critique = value.get("critique") or ""
    reasoning = value.get("reasoning") or ""
    return Verdict(success=success, critique=str(critique), reason=f"critic: {reasoning}")


def _situation(task: str, context: str, obs: Observation, chat: list[str]) -> str:
    lines = [f"Task: {task}", f"Context: {context or 'none'}", render_state(obs)]
    lines.append("Chat log: " + (" | ".join(chat[-MAX_CHAT_LINES:]) or "none"))
    return "\n".join(lines)
