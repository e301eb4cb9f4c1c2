"""The data files of ``curriculum/``, as typed models, each read and checked once per process.

The one place that reads game and curriculum data:

- ``gamedata-1.20.4.json``: items, blocks, recipes, foods, mobs and loot,
  exported from minecraft-data (:func:`game_file`; ``voyager.gamedata``
  answers questions about it);
- ``smelting.json``: our furnace and fuel table (:func:`smelting_file`);
- ``obtaining.json``: how items are got that minecraft-data does not say (a
  bucket filled at lava, wool sheared, fish caught, crops harvested) and the
  block each item places as (:func:`obtaining_file`);
- ``task-words.json``: the words tasks are read with, and what proves each
  verb done (:func:`task_words`);
- ``techtree.json``: the tech-tree milestones of the paper (:func:`tech_tree`);
- ``warmup.json``: when the curriculum starts seeing each state field (:func:`warmup`);
- ``goals.json`` and ``offline-helpers.js``: the offline model's plan and the
  helper functions its programs carry (:func:`offline_goals`, :func:`offline_helpers`).

A file that does not match its model stops the program with a ``DataFileError``
naming the file and the field.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from voyager.errors import VoyagerError
from voyager.paths import curriculum_dir

GAMEDATA_FILE = "gamedata-1.20.4.json"
SMELTING_FILE = "smelting.json"
OBTAINING_FILE = "obtaining.json"
TASK_WORDS_FILE = "task-words.json"
TECH_TREE_FILE = "techtree.json"
WARMUP_FILE = "warmup.json"
GOALS_FILE = "goals.json"
HELPERS_FILE = "offline-helpers.js"


class DataFileError(VoyagerError, ValueError):
    """A data file of the checkout or package that is missing or malformed."""


class _Record(BaseModel):
    """A read-only record of a data file; camelCase keys read as snake_case fields."""

    model_config = ConfigDict(frozen=True, alias_generator=to_camel, populate_by_name=True)


class _File(_Record):
    """A whole file of ours: snake_case keys, every one known, and an ``about`` or ``_doc`` note."""

    model_config = ConfigDict(extra="forbid", alias_generator=None)

    about: str = ""
    doc: str = Field("", alias="_doc")


# -- gamedata-1.20.4.json (minecraft-data) ---------------------------------------------


class ItemInfo(_Record):
    display_name: str
    stack_size: int


class BlockInfo(_Record):
    hardness: float | None
    diggable: bool
    material: str | None = None
    bounding_box: str
    harvest_tools: list[str] | None = None
    drops: list[str]


class RecipeInfo(_Record):
    """A shaped recipe has ``shape`` (rows of cells), a shapeless one ``ingredients``."""

    count: int
    shape: list[list[str | None]] | None = None
    ingredients: list[str | None] | None = None


class FoodInfo(_Record):
    food_points: float
    saturation: float


class EntityInfo(_Record):
    type: str
    category: str
    width: float | None = None
    height: float | None = None


class LootEntry(_Record):
    item: str
    chance: float = 1.0
    count: tuple[float | None, float | None] = (1.0, 1.0)
    silk_touch: bool = False
    no_silk_touch: bool = False
    player_kill: bool = False


class BiomeInfo(_Record):
    name: str
    category: str
    temperature: float


class GameFile(_Record):
    version: str
    source: str
    items: dict[str, ItemInfo]
    blocks: dict[str, BlockInfo]
    recipes: dict[str, list[RecipeInfo]]
    foods: dict[str, FoodInfo]
    entities: dict[str, EntityInfo]
    block_loot: dict[str, list[LootEntry]]
    entity_loot: dict[str, list[LootEntry]]
    biomes: dict[str, BiomeInfo]


# -- smelting.json ------------------------------------------------------------------------


class SmeltingRecipe(_Record):
    result: str
    xp: float
    ticks: int


class SmeltingFile(_File):
    version: str
    cook_ticks: int
    recipes: dict[str, SmeltingRecipe]
    fuels: dict[str, int]


# -- obtaining.json ----------------------------------------------------------------------


class UseInfo(_Record):
    """``item`` is got by using ``tool`` (None: a bare hand) ``on`` a ``target``."""

    item: str
    tool: str | None
    on: Literal["block", "mob", "fishing", "crop", "laid"]
    target: str


class CropInfo(_Record):
    seed: str
    ripe_age: int


class FarmingInfo(_Record):
    hoes: list[str]
    tilled: list[str]
    farmland: str
    growth_item: str
    growth_items_per_crop: int


class ObtainingFile(_File):
    common_mobs: list[str]
    uses: list[UseInfo]
    crops: dict[str, CropInfo]
    farming: FarmingInfo
    placed_as: dict[str, str]
    how: dict[str, str]


# -- curriculum files ---------------------------------------------------------------------


Proof = Literal[
    "gained", "crafted", "smelted", "killed", "equipped", "eaten", "placed", "deposited", "slept"
]


class VerbInfo(_File):
    """A verb of a task, and the outcome that proves the task done (``agents/verify.py``).

    ``counts`` (for "gained"): "yield" what mining the named block gives,
    "item" the named items, "use" what ``tool`` gets from the named mob.
    ``object``: what the verb takes; with "none" the task stands for ``item``.
    """

    proof: Proof
    counts: Literal["yield", "item", "use"] = "item"
    object: Literal["item", "mob", "none"] = "item"
    tool: str | None = None
    item: str | None = None


class TaskWords(_File):
    """How tasks are read: "Mine 3 iron ores" -> verb, count, item (voyager/tasks.py)."""

    verbs: dict[str, VerbInfo]
    numbers: dict[str, int]
    filler: list[str]
    groups: dict[str, str | list[str]] = Field(
        description="group name -> the suffix of its members' names, or the members"
    )
    synonyms: dict[str, str]
    material_fallbacks: dict[str, list[str]]
    connectors: list[str]
    generic_objects: list[str]


class TechTree(_File):
    milestones: dict[str, list[str]] = Field(
        description="tier -> the tools whose first appearance in the inventory reaches it"
    )


class Warmup(_File):
    """When each state field starts being shown to the curriculum (completed tasks needed)."""

    first_task: str
    warmup: dict[str, int]
    optional_show_probability: float
    core_inventory_until: int
    core_inventory_patterns: list[str]
    full_inventory_slots: int


class OfflineGoals(_File):
    """The offline model's curriculum: the plan it walks, in order."""

    plan: list[str]
    fallback_task: str
    made_not_gathered: list[str]
    bed: str = Field(description="the bed the offline model makes to sleep in")
    from_mobs: list[str] = Field(description="items got from mobs before any other way")
    night_wait_seconds: int = Field(description="how long a program waits for the night")
    keep: list[str] = Field(description="items kept when the inventory is emptied")
    free_slots: int = Field(description="empty slots a program makes before it starts")
    when: dict[str, list[str]] = Field(
        default_factory=dict, description="task -> the times of day at which it is proposed"
    )


# -- loading ------------------------------------------------------------------------------

_Model = TypeVar("_Model", bound=BaseModel)


def _load(model: type[_Model], name: str) -> _Model:
    path = curriculum_dir() / name
    try:
        return model.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}; reinstall Voyager") from None
    except ValidationError as exc:
        raise DataFileError(f"{path} does not have the expected shape:\n{exc}") from None


@cache
def game_file() -> GameFile:
    return _load(GameFile, GAMEDATA_FILE)


@cache
def smelting_file() -> SmeltingFile:
    return _load(SmeltingFile, SMELTING_FILE)


@cache
def obtaining_file() -> ObtainingFile:
    return _load(ObtainingFile, OBTAINING_FILE)


@cache
def task_words() -> TaskWords:
    return _load(TaskWords, TASK_WORDS_FILE)


@cache
def tech_tree() -> TechTree:
    return _load(TechTree, TECH_TREE_FILE)


@cache
def warmup() -> Warmup:
    return _load(Warmup, WARMUP_FILE)


@cache
def offline_goals() -> OfflineGoals:
    return _load(OfflineGoals, GOALS_FILE)


@cache
def offline_helpers() -> str:
    """The helper functions every offline program carries (JavaScript)."""
    path = curriculum_dir() / HELPERS_FILE
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}; reinstall Voyager") from None
