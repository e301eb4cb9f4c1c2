"""The offline model: a deterministic stand-in for every LLM role, for runs with no endpoint.

- curriculum: walks the plan of ``curriculum/goals.json`` (tech tree, then item
  goals), skipping completed tasks; a failed task waits for its next place in
  the plan, and after the plan it gathers more (``curriculum.py``); a goal
  becomes the plan's tasks that get what the goal is made from, then the goal.
- action: writes a real program from the primitives for the task's verb, from
  game facts (recipes, drops, harvest tools, smelting); prerequisite tools are
  taken from the inventory or obtained by calling the learned skills
  retrieved for the task, by name (``programs.py``).
- qa: asks no questions, answers from game facts; describer: summarises the
  program; critic: judges only what the exact verifier could not
  (``answers.py``).

It is a ``Brain`` (``voyager.agents.brain``): it answers the agents' typed
requests from their facts. Every answer says it comes from the offline model;
``Reply.model`` is ``"offline"`` and costs nothing.
"""

from voyager.offline.brain import OfflineBrain

__all__ = ["OfflineBrain"]
