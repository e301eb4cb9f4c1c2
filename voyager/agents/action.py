"""The action agent: writes the program for a task, one round at a time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from voyager.agents.brain import Brain, Feedback, SkillText, WriteProgram
from voyager.agents.code import CodeError, Program, extract_program
from voyager.agents.state import render_state
from voyager.env.contract import Observation
from voyager.llm import Message, Reply
from voyager.paths import skills_dir
from voyager.prompts import render

MAX_CHAT_LINES = 30
MAX_ERROR_CHARS = 1500


@dataclass(frozen=True)
class Attempt:
    reply: Reply
    program: Program | None
    error: CodeError | None
    prompt_hash: str
    messages: list[Message] = field(default_factory=list)


@cache
def primitives_text() -> str:
    """The short, LLM-facing versions of the control primitives (``skills/context/``)."""
    folder = skills_dir() / "context"
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted(folder.glob("*")) if p.is_file()]
    return "\n\n".join(parts)


def action_messages(
    task: str,
    context: str,
    obs: Observation,
    feedback: Feedback,
    skills: Sequence[SkillText],
) -> list[Message]:
    """The action prompt: rules, primitives and retrieved skills; then task, feedback, state."""
    skill_code = "\n\n".join(s.code.strip() for s in skills) or "(none yet)"
    system = render("action_system", primitives=primitives_text(), skills=skill_code)
    user = render(
        "action_user",
        task=task,
        context=context or "none",
        critique=feedback.critique or "none",
        code=_fenced(feedback.code) if feedback.code else "none",
        errors=_clip("\n".join(feedback.errors), MAX_ERROR_CHARS) or "none",
        chat="\n".join(feedback.chat[-MAX_CHAT_LINES:]) or "none",
        state=render_state(obs),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


@cache
def primitive_names() -> frozenset[str]:
    """Names of the control primitives (``skills/*.js``), which a skill must not shadow."""
    return frozenset(p.stem for p in skills_dir().glob("*.js"))


class ActionAgent:
    """Renders the action prompt, asks the action role, and extracts the program."""

    def __init__(self, brain: Brain) -> None:
        self.brain = brain

    def write(
        self,
        task: str,
        context: str,
        obs: Observation,
        feedback: Feedback,
        skills: Sequence[SkillText],
    ) -> Attempt:
        """Ask for a program; an unusable answer comes back as ``error`` for the next round."""
        messages = action_messages(task, context, obs, feedback, skills)
        request = WriteProgram(
            messages=messages,
            task=task,
            context=context,
            observation=obs,
            feedback=feedback,
            skills=list(skills),
        )
        reply = self.brain.answer(request)
        prompt_hash = hashlib.sha256(json.dumps(messages).encode()).hexdigest()[:16]
        try:
            program = extract_program(reply.text)
        except CodeError as exc:
            return Attempt(reply, None, exc, prompt_hash, messages)
        if program.main in primitive_names():
            clash = CodeError(
                f"Your main function is called {program.main}, the name of a control primitive; "
                "give it a name of its own that says what it achieves."
            )
            return Attempt(reply, None, clash, prompt_hash, messages)
        return Attempt(reply, program, None, prompt_hash, messages)


def _fenced(code: str) -> str:
    return f"```javascript\n{code.strip()}\n```"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " [...]"
