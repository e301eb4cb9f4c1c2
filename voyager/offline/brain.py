"""The offline model as a Brain: every request answered from its facts, with no network."""

from __future__ import annotations

import time

from voyager.agents.brain import (
    AnswerQuestion,
    AskQuestions,
    DescribeSkill,
    JudgeTask,
    PlanGoal,
    ProposeTask,
    Request,
    WriteProgram,
)
from voyager.embedders import HashingEmbedder
from voyager.llm import Reply, UsageLedger
from voyager.offline.answers import answer_question, describe, judge
from voyager.offline.curriculum import decompose, propose
from voyager.offline.programs import write_program
from voyager.offline.signature import NAME, SIGNATURE


class OfflineBrain:
    """Answers every request without a network; the same request always gets the same answer."""

    name = NAME

    def __init__(self) -> None:
        self.usage = UsageLedger()
        self._embedder = HashingEmbedder()

    def answer(self, request: Request) -> Reply:
        started = time.perf_counter()
        text = _text(request)
        prompt_tokens = sum(len(m.get("content", "")) for m in request.messages) // 4
        reply = Reply(
            request.role,
            NAME,
            text,
            prompt_tokens,
            len(text) // 4,
            0.0,
            False,
            time.perf_counter() - started,
        )
        self.usage.record(reply)
        return reply

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(texts)


def _text(request: Request) -> str:
    match request:
        case ProposeTask():
            return propose(request)
        case PlanGoal():
            return decompose(request.goal)
        case WriteProgram():
            return write_program(request.task, [skill.name for skill in request.skills])
        case JudgeTask():
            return judge(request)
        case DescribeSkill():
            return describe(request.program, request.task)
        case AskQuestions():
            return f"{SIGNATURE} No questions."
        case AnswerQuestion():
            return answer_question(request.question)
    return f"{SIGNATURE} I have no answer for {type(request).__name__}."
