"""How the agents get their answers: a typed request per question, and the Brain that answers.

An agent asks with a request: the prompt a language model would read
(``messages``) and the facts the prompt was made from (the task, the
observation, ...). A ``Brain`` answers it. ``ChatBrain`` sends the messages to
a chat model (any OpenAI-compatible endpoint, ``voyager.llm``); the offline
model (``voyager.offline``) answers from the facts, with no network. Either
way the agent reads the reply the same way, so every answer passes the same
checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from voyager.env.contract import Observation
from voyager.llm import ChatModel, Message, Reply, UsageLedger


@dataclass
class Feedback:
    """What the last round of a task left for the next one to read."""

    code: str = ""
    errors: list[str] = field(default_factory=list)
    chat: list[str] = field(default_factory=list)
    critique: str = ""


@dataclass(frozen=True)
class SkillText:
    """A retrieved skill as the action prompt shows it."""

    name: str
    code: str


@dataclass(frozen=True, kw_only=True)
class Request:
    role: ClassVar[str]
    messages: list[Message]


@dataclass(frozen=True, kw_only=True)
class ProposeTask(Request):
    """The curriculum's question: the next task, after what has been done and failed."""

    role: ClassVar[str] = "curriculum"
    observation: Observation
    completed: list[str]
    failed: list[str]
    skill_tasks: list[str]  # the tasks the skill library already knows how to do
    others_completed: list[str] = field(default_factory=list)  # by learners in the same world


@dataclass(frozen=True, kw_only=True)
class AskQuestions(Request):
    """Questions worth asking about the bot's situation, for the curriculum's context."""

    role: ClassVar[str] = "qa"
    observation: Observation


@dataclass(frozen=True, kw_only=True)
class AnswerQuestion(Request):
    role: ClassVar[str] = "qa"
    question: str


@dataclass(frozen=True, kw_only=True)
class WriteProgram(Request):
    """The action's question: a program for the task, after the last round's feedback."""

    role: ClassVar[str] = "action"
    task: str
    context: str
    observation: Observation
    feedback: Feedback
    skills: list[SkillText]


@dataclass(frozen=True, kw_only=True)
class JudgeTask(Request):
    """The critic's question, for the tasks the exact verifier cannot decide."""

    role: ClassVar[str] = "critic"
    task: str
    observation: Observation
    chat: list[str]


@dataclass(frozen=True, kw_only=True)
class DescribeSkill(Request):
    role: ClassVar[str] = "describer"
    program: str
    task: str


@dataclass(frozen=True, kw_only=True)
class PlanGoal(Request):
    """A final goal as sub-goals, for ``voyager run``."""

    role: ClassVar[str] = "curriculum"
    goal: str
    observation: Observation


class Brain(Protocol):
    """What answers the agents' requests; ``name`` is shown to users ("openai", "offline")."""

    name: str
    usage: UsageLedger

    def answer(self, request: Request) -> Reply: ...

    def embed(self, texts: list[str]) -> list[list[float]]: ...


class ChatBrain:
    """Answers every request by sending its messages to a chat model."""

    def __init__(self, llm: ChatModel) -> None:
        self.llm = llm
        self.name = llm.name

    @property
    def usage(self) -> UsageLedger:
        return self.llm.usage

    @usage.setter
    def usage(self, ledger: UsageLedger) -> None:
        self.llm.usage = ledger

    def answer(self, request: Request) -> Reply:
        return self.llm.chat(request.role, request.messages)

    def embed(self, texts: list[str]) -> list[list[float]]:
        return self.llm.embed(texts)
