"""The simulated bot's state in the mock world: its body, inventory, senses and survival.

``SimState`` holds what every mechanic of the mock shares (the world, the
bot's body and inventory, its pathfinder goal and fight target, the events
for the JavaScript side) and what they all use: the inventory, looking
around, stepping through the world, items on the ground, health and hunger.
The mechanics build on it, one module each: ``movement``, ``blocks``,
``workstations`` (crafting, furnaces, chests), ``combat``; ``sim`` puts them
together. Problems come back as ``ActionError`` with the message mineflayer
would give.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from voyager.env.mock.rules import Rules, mock_settings
from voyager.env.mock.terrain import Pos
from voyager.env.mock.world import Entity, World

# A bot event that carries one of the step contract's events (a kill, a death) to the
# JavaScript side, which keeps the step's events in order and within their limits.
STEP_EVENT = "stepEvent"
HOTBAR = 9
SLOTS = 36
ARMOR_DESTINATIONS = {"head": 5, "torso": 6, "legs": 7, "feet": 8, "off-hand": 45}
ARMOR_SUFFIX = {"head": "_helmet", "torso": "_chestplate", "legs": "_leggings", "feet": "_boots"}
DAY_END, NIGHT_END = 13000, 23000
ENTITY_RANGE = 64.0
EYE_HEIGHT = 1.62


class ActionError(Exception):
    """An action the game refuses; the message is what mineflayer would throw."""


@dataclass
class Goal:
    """Where the pathfinder is heading: a point (or an entity to follow) and how close is enough."""

    x: float
    y: float | None
    z: float | None
    reach: float
    follow: int | None = None


@dataclass
class Body:
    x: float
    y: float
    z: float
    health: float = 20.0
    food: int = 20
    saturation: float = 5.0
    exhaustion: float = 0.0
    slots: list[list[Any] | None] = field(default_factory=lambda: [None] * SLOTS)
    worn: dict[str, str] = field(default_factory=dict)  # armor destination -> item
    held: int = 0
    yaw: float = 0.0
    pitch: float = 0.0


class SimState:
    def __init__(self, world: World, body: Body, spawn: Pos) -> None:
        self.world = world
        self.rules: Rules = world.rules
        self.mock = world.rules.mock
        self.body = body
        self.spawn = spawn
        self.goal: Goal | None = None
        self.target: int | None = None
        self.bot_events: list[list[Any]] = []  # [name, payload] for the JavaScript bot
        self.rng = random.Random(f"{world.seed}:bot")
        self._cooldown = 0
        self._hurt_cooldown = 0
        self._regen = 0

    def count(self, name: str) -> int:
        return sum(s[1] for s in self.body.slots if s and s[0] == name)

    def items(self) -> list[dict[str, Any]]:
        """Stacks as mineflayer's Items: slot numbers of the player inventory window."""
        found = []
        for index, stack in enumerate(self.body.slots):
            if stack:
                slot = 36 + index if index < HOTBAR else index
                found.append({"slot": slot, "name": stack[0], "count": stack[1]})
        return sorted(found, key=lambda i: int(i["slot"]))

    def held_item(self) -> str | None:
        stack = self.body.slots[self.body.held]
        return str(stack[0]) if stack else None

    def give(self, name: str, count: int) -> int:
        """Add items (stacking, hotbar first); returns how many did not fit."""
        size = self.rules.stack_size(name)
        for stack in self.body.slots:
            if stack and stack[0] == name and stack[1] < size and count > 0:
                moved = min(count, size - stack[1])
                stack[1] += moved
                count -= moved
        for index in range(SLOTS):
            if count <= 0:
                break
            if self.body.slots[index] is None:
                moved = min(count, size)
                self.body.slots[index] = [name, moved]
                count -= moved
        return count

    def take(self, name: str, count: int) -> None:
        for index in reversed(range(SLOTS)):
            stack = self.body.slots[index]
            if stack and stack[0] == name and count > 0:
                moved = min(count, stack[1])
                stack[1] -= moved
                count -= moved
                if stack[1] == 0:
                    self.body.slots[index] = None

    def take_held(self, name: str) -> None:
        """Use up one ``name`` from the hand (from elsewhere when the hand holds none)."""
        stack = self.body.slots[self.body.held]
        if stack is None or stack[0] != name:
            self.take(name, 1)
            return
        stack[1] -= 1
        if stack[1] == 0:
            self.body.slots[self.body.held] = None

    def give_to_hand(self, name: str) -> None:
        """What an item in hand turns into (a filled bucket) stays in the hand when it is free."""
        if self.body.slots[self.body.held] is None:
            self.body.slots[self.body.held] = [name, 1]
        elif self.give(name, 1):
            b = self.body
            self.world.spawn_item(name, 1, b.x, b.y, b.z)

    def equip(self, name: str, destination: str) -> None:
        if self.count(name) == 0:
            raise ActionError(f"Invalid item object in equip: no {name} in the inventory")
        if destination == "hand":
            index = next(i for i, s in enumerate(self.body.slots) if s and s[0] == name)
            slots = self.body.slots
            slots[index], slots[self.body.held] = slots[self.body.held], slots[index]
            return
        if destination not in ARMOR_DESTINATIONS:
            raise ActionError(f"Invalid destination {destination!r} for equip")
        suffix = ARMOR_SUFFIX.get(destination)
        if (
            suffix
            and not name.endswith(suffix)
            and not (destination == "head" and name.endswith("_head"))
        ):
            raise ActionError(f"{name} cannot be worn on the {destination}")
        self.take(name, 1)
        old = self.body.worn.pop(destination, None)
        if old:
            self.give(old, 1)
        self.body.worn[destination] = name

    def unequip(self, destination: str) -> None:
        if destination == "hand":
            stack = self.body.slots[self.body.held]
            free = next((i for i in range(HOTBAR, SLOTS) if self.body.slots[i] is None), None)
            if stack and free is not None:
                self.body.slots[free], self.body.slots[self.body.held] = stack, None
            return
        old = self.body.worn.pop(destination, None)
        if old:
            self.give(old, 1)

    def toss(self, name: str, count: int) -> None:
        have = min(self.count(name), count)
        if have == 0:
            raise ActionError(f"No {name} in the inventory to toss")
        self.take(name, have)
        b = self.body
        self.world.spawn_item(name, have, b.x + 2, b.y, b.z)

    def feet(self) -> Pos:
        b = self.body
        return (math.floor(b.x), math.floor(b.y), math.floor(b.z))

    def distance_to(self, x: float, y: float, z: float) -> float:
        b = self.body
        return math.dist((b.x, b.y, b.z), (x, y, z))

    def time_of_day(self) -> int:
        return self.world.time_of_day

    def is_night(self) -> bool:
        return DAY_END <= self.world.time_of_day < NIGHT_END

    def biome(self) -> str:
        x, _, z = self.feet()
        return self.world.terrain.biome(x, z)

    def light(self) -> int:
        x, y, z = self.feet()
        if y < self.world.terrain.height(x, z):
            return 0
        return 4 if self.is_night() else 15

    def _move_to(self, x: float, y: float | None, z: float) -> None:
        """Step to (x, z); without a y the bot walks on the ground there, else it digs to y."""
        b = self.body
        ground = self.world.ground(math.floor(x), math.floor(z))
        if y is None or y >= ground:
            y = float(ground)
        b.x, b.y, b.z = x, max(float(self.mock["bedrock_below"] + 1), y), z
        self.world.ensure_chunks(b.x, b.z, 48)
        self._pick_up_nearby()

    def _carve(self, start: tuple[float, float, float], end: tuple[float, float, float]) -> None:
        """Dig the tunnel the bot made on its way down: air at its feet and head along the way."""
        steps = max(1, math.ceil(math.dist(start, end) * 2))
        for i in range(steps + 1):
            t = i / steps
            x, y, z = (math.floor(a + (b - a) * t) for a, b in zip(start, end, strict=True))
            for cell in ((x, y, z), (x, y + 1, z)):
                if cell not in self.world.changes and self.world.block_at(cell) not in (
                    "air",
                    "bedrock",
                ):
                    self.world.set_block(cell, "air")

    def pick_up(self, entity_id: int) -> None:
        entity = self.world.entities.get(entity_id)
        if entity is None or entity.kind != "object":
            return
        self._move_to(entity.x, None, entity.z)
        self._pick_up_nearby()

    def _pick_up_nearby(self) -> None:
        b = self.body
        reach = self.mock["pickup_range"]
        for entity in list(self.world.entities.values()):
            if entity.kind == "object" and math.dist((b.x, b.z), (entity.x, entity.z)) <= reach:
                left = self.give(entity.item, entity.count)
                if left:
                    entity.count = left
                    continue
                del self.world.entities[entity.id]
                self.bot_events.append(["entityGone", entity_json(entity)])

    def hurt(self, damage: float, how: str) -> None:
        b = self.body
        b.health = max(0.0, b.health - damage)
        self.bot_events.append(["health", None])
        if b.health <= 0:
            self._die(how)

    def _die(self, how: str) -> None:
        b = self.body
        death = f"The bot {how} at ({b.x:.1f}, {b.y:.1f}, {b.z:.1f})"
        self.bot_events.append([STEP_EVENT, {"type": "death", "message": death}])
        self.bot_events.append(["death", None])
        b.x, b.y, b.z = self.spawn[0] + 0.5, float(self.spawn[1]), self.spawn[2] + 0.5
        b.health, b.food, b.saturation = 20.0, 20, 5.0
        self.target, self.goal = None, None

    def _exhaust(self, amount: float) -> None:
        b = self.body
        b.exhaustion += amount
        per_point = self.mock["exhaustion"]["per_food_point"]
        while b.exhaustion >= per_point:
            b.exhaustion -= per_point
            if b.saturation > 0:
                b.saturation = max(0.0, b.saturation - 1)
            else:
                b.food = max(0, b.food - 1)

    def _metabolism(self, ticks: int) -> None:
        b = self.body
        self._regen += ticks
        interval = self.mock["regen_interval_ticks"]
        while self._regen >= interval:
            self._regen -= interval
            if b.food >= 18 and b.health < 20:
                b.health = min(20.0, b.health + 1)
                self._exhaust(self.mock["exhaustion"]["per_heal"])
            elif b.food == 0 and b.health > 1:
                self.hurt(1.0, "starved")

    def check_edible(self) -> str:
        name = self.held_item()
        if name is None or self.rules.food(name) is None:
            raise ActionError(f"Consuming cancelled: {name or 'an empty hand'} is not food")
        if self.body.food >= 20 and name not in ("golden_apple", "chorus_fruit"):
            raise ActionError("Food is full")
        return name

    def eat(self) -> None:
        name = self.check_edible()
        points, saturation = self.rules.food(name) or (0, 0.0)
        b = self.body
        b.food = min(20, b.food + points)
        b.saturation = min(float(b.food), b.saturation + saturation)
        self.take(name, 1)
        if name.endswith("_stew") or name.endswith("_soup"):
            self.give("bowl", 1)


def position_text(pos: Pos) -> str:
    """How mineflayer writes a block position in its messages."""
    return f"({pos[0]}, {pos[1]}, {pos[2]})"


def entity_json(entity: Entity) -> dict[str, Any]:
    """An entity as the JavaScript side builds its Entity objects from."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.kind,
        "position": [entity.x, entity.y, entity.z],
        "health": entity.health,
        "item": entity.item,
        "count": entity.count,
        "metadata": _metadata(entity),
    }


def _metadata(entity: Entity) -> dict[int, Any]:
    """The entity metadata mineflayer reads: a sheep's wool colour and whether it is shorn
    (index 17: the colour's dye number, plus 16 once sheared)."""
    colour = entity.attrs.get("colour")
    if colour is None:
        return {}
    order = mock_settings()["sheep"]["dye_order"]
    number = order.index(colour) if colour in order else 0
    return {17: number | (16 if entity.attrs.get("sheared") else 0)}
