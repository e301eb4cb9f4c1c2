"""Task parsing: "Mine 3 iron ores" -> Task(verb="Mine", count=3, item="iron_ore").

A task names a verb, a count and a game item (or mob, or a group such as any
log). Items are normalised to game names; one that does not exist raises
``UnknownItemError`` with close suggestions so the curriculum can ask again.
A task without a known verb ("Explore the forest") is free-form: verb None,
and only the LLM critic can judge it. The verbs, each with the outcome that
proves its task done ("Shear 1 sheep": wool gained), and the word lists live
in ``curriculum/task-words.json``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from voyager.data import VerbInfo, task_words
from voyager.errors import VoyagerError
from voyager.gamedata import GameData, game_data

MAX_COUNT = 10_000


@dataclass(frozen=True)
class Task:
    """A task the verifier can check. ``names`` are the game names that ``item`` stands for.

    ``item`` is a game name ("iron_ore") or a group ("log" = any ``*_log``);
    ``names`` lists every game name it covers (iron_ore, deepslate_iron_ore).
    """

    text: str
    verb: str | None
    count: int
    item: str | None
    names: tuple[str, ...] = ()

    @property
    def free_form(self) -> bool:
        return self.verb is None

    @property
    def proof(self) -> str | None:
        """What proves the task done ("gained", "crafted", ...); None for a free-form task."""
        return verb_info(self.verb).proof if self.verb else None


def verb_info(verb: str) -> VerbInfo:
    """What a task's verb takes and what proves it done (``curriculum/task-words.json``)."""
    return task_words().verbs[verb]


class TaskError(VoyagerError, ValueError):
    """A task that names something impossible; the message tells the curriculum what to change."""


class UnknownItemError(TaskError):
    """A task whose item or mob does not exist in the game."""

    def __init__(self, task: str, phrase: str, suggestions: list[str], kind: str = "item") -> None:
        self.phrase = phrase
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f'"{phrase}" in the task "{task}" is not a Minecraft {kind}.{hint} '
            f"Propose a task about one existing {kind}."
        )


def parse_task(text: str, data: GameData | None = None) -> Task:
    """Read a task such as "Craft a crafting table"; raise TaskError when it cannot be done."""
    data = data or game_data()
    plain = re.sub(r"\([^)]*\)", " ", text)  # "(any kind)", "(for the pickaxe)"
    words = re.sub(r"[.!?;:,]+$", "", plain.strip()).lower().replace("-", " ").split()
    verb = _verb(words[0] if words else "")
    if verb is None:
        return Task(text, None, 1, None)
    standing_for = verb_info(verb).item
    if verb_info(verb).object == "none" and standing_for is not None:
        return Task(text, verb, 1, standing_for, _members(standing_for, data))
    count, rest = _count(words[1:])
    phrase = _object_phrase(rest)
    if not phrase or phrase[0] == "and":
        return Task(text, None, 1, None)
    try:
        item, names = _resolve(phrase, verb, data, text)
    except UnknownItemError:
        if _generic(phrase):
            return Task(text, None, 1, None)
        raise
    if count < 1 or count > MAX_COUNT:
        raise TaskError(f'The task "{text}" asks for {count}; use a count from 1 to {MAX_COUNT}.')
    _check_feasible(text, verb, item, names, data)
    return Task(text, verb, count, item, names)


def _verb(word: str) -> str | None:
    for verb in task_words().verbs:
        if word == verb.lower():
            return str(verb)
    return None


def _count(words: list[str]) -> tuple[int, list[str]]:
    """Leading quantity ("3", "three", "a stack of"); 1 when there is none."""
    numbers = {tuple(k.replace("-", " ").split()): n for k, n in task_words().numbers.items()}
    for phrase in sorted(numbers, key=len, reverse=True):
        if tuple(words[: len(phrase)]) == phrase:
            return int(numbers[phrase]), words[len(phrase) :]
    if words and words[0].isdigit():
        return int(words[0]), words[1:]
    return 1, words


def _object_phrase(words: list[str]) -> list[str]:
    fillers = set(task_words().filler)
    while words and words[0] in fillers:
        words = words[1:]
    return words


def _generic(phrase: list[str]) -> bool:
    """True for objects such as "useless items" that name no single item."""
    return any(
        phrase[i : i + len(g.split())] == g.split()
        for g in task_words().generic_objects
        for i in range(len(phrase))
    )


def _resolve(
    phrase: list[str], verb: str, data: GameData, text: str
) -> tuple[str, tuple[str, ...]]:
    """The game name (or group) a phrase stands for, trying the whole phrase first.

    "iron ore in a furnace" falls back to the words before the first connector.
    """
    connectors = set(task_words().connectors)
    cuts = [i for i, w in enumerate(phrase) if w in connectors and i > 0]
    for cut in [len(phrase), *reversed(cuts)]:
        found = _lookup(phrase[:cut], verb, data)
        if found is not None:
            return found, _members(found, data)
    spoken = " ".join(phrase[: min(cuts, default=len(phrase))])
    kind = "mob" if verb_info(verb).object == "mob" else "item"
    raise UnknownItemError(text, spoken, _suggestions(spoken, kind, data), kind)


def _lookup(words: list[str], verb: str, data: GameData) -> str | None:
    for form in _singular_forms(words):
        found = _exact(form, verb, data)
        if found is not None:
            return found
    for pattern in task_words().material_fallbacks.get(verb, []):
        name = pattern.format("_".join(words))
        if _known(name, verb, data):
            return str(name)
    return None


def _singular_forms(words: list[str]) -> list[list[str]]:
    """The phrase as written, then with its last word made singular ("ores", "torches")."""
    last = words[-1]
    forms = [words]
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if last.endswith(suffix) and len(last) > len(suffix) + 1:
            forms.append([*words[:-1], last[: -len(suffix)] + replacement])
    return forms


def _exact(words: list[str], verb: str, data: GameData) -> str | None:
    spoken = " ".join(words)
    name = task_words().synonyms.get(spoken, "_".join(words))
    is_group = name in task_words().groups and verb_info(verb).object != "mob"
    if is_group or _known(name, verb, data):
        return str(name)
    display = data.item_by_display_name(spoken)
    if display is not None and _known(display, verb, data):
        return display
    return None


def _known(name: str, verb: str, data: GameData) -> bool:
    info = verb_info(verb)
    if info.object == "mob":
        return data.is_mob(name)
    return data.is_item(name) or (info.counts == "yield" and verb == "Mine" and data.is_block(name))


def _members(item: str, data: GameData) -> tuple[str, ...]:
    """Every game name an item stands for: a group's members, an ore with its deepslate twin."""
    group = task_words().groups.get(item)
    if isinstance(group, list):
        return tuple(group)
    if group is not None:
        return tuple(name for name in data.item_names() if name.endswith(group))
    twin = f"deepslate_{item}"
    if item.endswith("_ore") and data.is_block(twin):
        return (item, twin)
    return (item,)


def _suggestions(spoken: str, kind: str, data: GameData) -> list[str]:
    pool = data.mob_names() if kind == "mob" else data.item_names()
    return difflib.get_close_matches(spoken.replace(" ", "_"), pool, n=5, cutoff=0.6)


def _check_feasible(
    text: str, verb: str, item: str, names: tuple[str, ...], data: GameData
) -> None:
    """Reject tasks that cannot succeed whatever the bot does, saying what would."""
    shown = item if len(names) == 1 else f"{item} (any of {', '.join(names)})"
    info = verb_info(verb)
    if info.counts == "use" and info.tool and not data.used_for(info.tool, names):
        targets = ", ".join(t for t in data.use_targets(info.tool) if data.is_mob(t))
        raise TaskError(
            f'The task "{text}" cannot be done: using {info.tool} on {shown} gives nothing. '
            f"It works on: {targets or 'no mob'}."
        )
    if info.proof == "crafted" and not any(data.source(n).crafts for n in names):
        raise TaskError(
            f'The task "{text}" cannot be done: {shown} has no crafting recipe. '
            f"{_how_to_get(item, data)}"
        )
    smeltable = any(data.smelting(n) or data.source(n).smelts for n in names)
    if info.proof == "smelted" and not smeltable:
        raise TaskError(
            f'The task "{text}" cannot be done: a furnace neither takes nor makes {shown}.'
        )
    if info.proof == "eaten" and not any(data.food_points(n) is not None for n in names):
        raise TaskError(f'The task "{text}" cannot be done: {shown} is not food.')


def _how_to_get(item: str, data: GameData) -> str:
    source = data.source(item)
    if source.smelts:
        return f"Smelt {source.smelts[0].input} to get {item}."
    if source.mines:
        return f"Mine {source.mines[0].block} to get {item}."
    if source.mobs:
        return f"Kill a {source.mobs[0]} to get {item}."
    if source.uses:
        return f"To get {item}, {data.how_to_use(item, source.uses[0])}."
    return f"Find another way to obtain {item}."
