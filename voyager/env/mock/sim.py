"""The simulated bot in the mock world: its body and inventory, and every action it can take.

``Simulation`` is what the JavaScript ``bot`` of a program talks to (through
``voyager.env.mock.host``). Actions are instant and checked; the time they
take is waited for on the JavaScript side, and ``advance`` moves the world
on: walking towards the pathfinder goal, fights, furnaces, hunger, day and
night, mobs at night. Problems come back as ``ActionError`` with the message
mineflayer would give.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from voyager.env.mock.rules import Rules
from voyager.env.mock.terrain import Pos
from voyager.env.mock.world import Entity, Furnace, World

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


class Simulation:
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

    # -- inventory --------------------------------------------------------------------

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

    # -- looking around ---------------------------------------------------------------

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

    # -- movement ---------------------------------------------------------------------

    def set_goal(self, goal: Goal | None) -> int:
        """Start walking to ``goal``; returns the ticks it will take, -1 if it is out of reach."""
        self.goal = goal
        if goal is None:
            return 0
        mock = self.mock
        if goal.y is not None and not mock["world_bottom"] < goal.y < mock["world_top"]:
            self.goal = None
            return -1
        return self._eta(goal)

    def goal_reached(self) -> bool:
        return self.goal is None or self._arrived(self.goal)

    def _target(self, goal: Goal) -> tuple[float, float | None, float]:
        if goal.follow is not None:
            entity = self.world.entities.get(goal.follow)
            if entity is not None:
                return entity.x, entity.y, entity.z
        z = goal.z if goal.z is not None else self.body.z
        return goal.x, goal.y, z

    def _stand_point(self, goal: Goal) -> tuple[float, float | None, float]:
        """Where the bot ends up: on the ground near the target, or dug down to it."""
        x, y, z = self._target(goal)
        if y is None:
            return x, None, z
        ground = self.world.ground(math.floor(x), math.floor(z))
        # Below ground the bot digs down to stand on the block it wants, never through it.
        return x, (math.floor(y) + 1.0 if y < ground - 1 else None), z

    def _arrived(self, goal: Goal) -> bool:
        x, y, z = self._target(goal)
        b = self.body
        if y is None:
            return math.dist((b.x, b.z), (x, z)) <= goal.reach
        eye = (b.x, b.y + EYE_HEIGHT, b.z)
        if math.dist(eye, (x, y, z)) <= max(goal.reach, 0.5) + EYE_HEIGHT:
            return True
        sx, sy, sz = self._stand_point(goal)
        return math.dist((b.x, b.z), (sx, sz)) < 0.01 and (sy is None or abs(b.y - sy) < 0.01)

    def _eta(self, goal: Goal) -> int:
        if self._arrived(goal):
            return 0
        x, y, z = self._stand_point(goal)
        b = self.body
        flat = math.dist((b.x, b.z), (x, z))
        down = abs(b.y - y) if y is not None else 0.0
        walk: float = self.mock["walk_blocks_per_tick"]
        dig: float = self.mock["dig_down_blocks_per_tick"]
        return math.ceil(flat / walk + down / dig)

    def _walk(self, ticks: int) -> None:
        goal = self.goal
        if goal is None:
            return
        if self._arrived(goal):
            self.goal = None
            self.bot_events.append(["goal_reached", None])
            return
        x, y, z = self._stand_point(goal)
        b = self.body
        flat = math.dist((b.x, b.z), (x, z))
        down = abs(b.y - y) if y is not None else 0.0
        needed = (
            flat / self.mock["walk_blocks_per_tick"] + down / self.mock["dig_down_blocks_per_tick"]
        )
        fraction = min(1.0, ticks / needed) if needed else 1.0
        new_y = b.y + (y - b.y) * fraction if y is not None else None
        start = (b.x, b.y, b.z)
        self._move_to(b.x + (x - b.x) * fraction, new_y, b.z + (z - b.z) * fraction)
        if new_y is not None:
            self._carve(start, (b.x, b.y, b.z))
        self._exhaust(self.mock["exhaustion"]["per_block_walked"] * flat * fraction)

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

    def go_near(self, pos: Pos, reach: float) -> None:
        """Teleport-free shortcut used by instant actions: walk next to ``pos`` now."""
        x, y, z = pos[0] + 0.5, pos[1], pos[2] + 0.5
        if self.distance_to(x, y - EYE_HEIGHT, z) <= reach + EYE_HEIGHT:
            return
        ground = self.world.ground(pos[0], pos[2])
        self._move_to(x, float(min(pos[1], ground)), z)

    # -- blocks -----------------------------------------------------------------------

    def best_tool(self, block: str) -> str | None:
        """What the bot would hold to break ``block``: the fastest harvesting tool, or the hand."""
        names = {str(s[0]) for s in self.body.slots if s}
        harvesting = [n for n in names if self.rules.can_harvest(block, n)]
        if not harvesting:
            if self.rules.can_harvest(block, None):
                return None
            raise ActionError("Bot does not have a harvestable tool!")
        return min(harvesting, key=lambda n: (self.rules.dig_ticks(block, n), n))

    def dig_ticks(self, pos: Pos) -> int:
        block = self.world.block_at(pos)
        if block in ("air", "water", "lava"):
            raise ActionError(f"Block at {_vec(pos)} is {block}; there is nothing to dig")
        ticks = self.rules.dig_ticks(block, self.held_item())
        if ticks < 0:
            raise ActionError(f"{block} cannot be broken")
        return ticks

    def dig(self, pos: Pos) -> dict[str, int]:
        """Break the block at ``pos`` with the held item; its drops go into the inventory."""
        block = self.world.block_at(pos)
        self.dig_ticks(pos)
        self.go_near(pos, self.mock["reach"])
        drops = self.rules.drops(block, self.held_item(), self.world.rng)
        self.world.set_block(pos, "air")
        self._break_unsupported(pos)
        for name, count in drops.items():
            self.give(name, count)
        self._exhaust(self.mock["exhaustion"]["per_block_mined"])
        return drops

    def _break_unsupported(self, pos: Pos) -> None:
        above = (pos[0], pos[1] + 1, pos[2])
        name = self.world.block_at(above)
        if name in self.rules.needs_support:
            self.world.set_block(above, "air")

    def place(self, reference: Pos, face: Pos) -> str:
        name = self.held_item()
        target = (reference[0] + face[0], reference[1] + face[1], reference[2] + face[2])
        if name is None or not self.rules.is_block(name):
            raise ActionError(f"must be holding a block to place, holding {name or 'nothing'}")
        if not self.rules.is_solid(self.world.block_at(reference)):
            raise ActionError(f"No block to place against at {_vec(reference)}")
        current = self.world.block_at(target)
        occupied = target in (self.feet(), (self.feet()[0], self.feet()[1] + 1, self.feet()[2]))
        if occupied or (current != "air" and current not in self.rules.needs_support):
            raise ActionError(f"No block has been placed : the block is still {current}")
        self.go_near(target, self.mock["reach"])
        self.take(name, 1)
        self.world.set_block(target, name)
        return name

    # -- crafting, smelting, chests, eating -------------------------------------------

    def recipes(self, item: str, table: bool, affordable: bool) -> list[dict[str, Any]]:
        found = []
        for index, recipe in enumerate(self.rules.recipes(item)):
            if recipe.needs_table and not table:
                continue
            if affordable and any(self.count(n) < c for n, c in recipe.ingredients.items()):
                continue
            delta = [{"name": n, "count": -c} for n, c in recipe.ingredients.items()]
            delta.append({"name": item, "count": recipe.count})
            found.append(
                {
                    "index": index,
                    "result": {"name": item, "count": recipe.count},
                    "delta": delta,
                    "requiresTable": recipe.needs_table,
                }
            )
        return found

    def craft(self, item: str, index: int, times: int, table: bool) -> int:
        recipes = self.rules.recipes(item)
        if not 0 <= index < len(recipes):
            raise ActionError(f"no recipe number {index} for {item}")
        recipe = recipes[index]
        if recipe.needs_table and not table:
            raise ActionError("Recipe requires craftingTable, but one was not supplied")
        for made in range(times):
            missing = [n for n, c in recipe.ingredients.items() if self.count(n) < c]
            if missing:
                raise ActionError(f"missing ingredient {missing[0]} after {made} crafts")
            for name, need in recipe.ingredients.items():
                self.take(name, need)
            self.give(item, recipe.count)
        return times

    def furnace(self, pos: Pos) -> Furnace:
        found = self.world.furnaces.get(pos)
        if found is None:
            raise ActionError(f"No furnace at {_vec(pos)}")
        return found

    def put_in_furnace(self, pos: Pos, slot: str, name: str, count: int) -> None:
        furnace = self.furnace(pos)
        have = min(count, self.count(name))
        if have == 0:
            raise ActionError(f"Can't find {name} in the inventory")
        if slot == "fuel" and self.rules.fuel_ticks(name) is None:
            return  # the fuel slot refuses what does not burn, as in vanilla
        current = furnace.input if slot == "input" else furnace.fuel
        if current and current[0] != name:
            raise ActionError(f"the furnace's {slot} slot already holds {current[0]}")
        self.take(name, have)
        if current:
            current[1] = int(current[1]) + have
        elif slot == "input":
            furnace.input = [name, have]
        else:
            furnace.fuel = [name, have]

    def take_from_furnace(self, pos: Pos, slot: str) -> dict[str, Any] | None:
        furnace = self.furnace(pos)
        stack = getattr(furnace, slot)
        if not stack:
            return None
        self.give(str(stack[0]), int(stack[1]))
        setattr(furnace, slot, None)
        return {"name": stack[0], "count": stack[1]}

    def chest(self, pos: Pos) -> dict[str, int]:
        found = self.world.chests.get(pos)
        if found is None:
            raise ActionError(f"No chest at {_vec(pos)}")
        return found

    def deposit(self, pos: Pos, name: str, count: int) -> None:
        chest = self.chest(pos)
        if self.count(name) < count:
            raise ActionError(
                f"Can't find {name} in slots [9 - 45], (not enough: {self.count(name)})"
            )
        self.take(name, count)
        chest[name] = chest.get(name, 0) + count

    def withdraw(self, pos: Pos, name: str, count: int) -> None:
        chest = self.chest(pos)
        if chest.get(name, 0) < count:
            raise ActionError(
                f"Can't find {name} in slots [0 - 27], (not enough: {chest.get(name, 0)})"
            )
        chest[name] -= count
        if chest[name] == 0:
            del chest[name]
        left = self.give(name, count)
        if left:
            chest[name] = chest.get(name, 0) + left
            raise ActionError("Unable to withdraw, Bot inventory is full.")

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

    # -- fighting ---------------------------------------------------------------------

    def attack(self, entity_id: int) -> None:
        if entity_id not in self.world.entities:
            raise ActionError(f"No entity with id {entity_id}")
        self.target = entity_id
        self._cooldown = 0

    def stop_attack(self) -> bool:
        was = self.target is not None
        self.target = None
        return was

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
                self.bot_events.append(["entityGone", _entity_json(entity)])

    def _fight(self, ticks: int) -> None:
        entity = self.world.entities.get(self.target) if self.target is not None else None
        if entity is None:
            return
        close = 2.5
        if self.distance_to(entity.x, entity.y, entity.z) > close:
            self.goal = Goal(entity.x, entity.y, entity.z, close, follow=entity.id)
            self._walk(ticks)
        if self.distance_to(entity.x, entity.y, entity.z) > close + 0.5:
            return
        self._cooldown -= ticks
        while self._cooldown <= 0 and entity.health > 0:
            entity.health -= self.rules.weapon_damage(self.held_item())
            self._exhaust(self.mock["exhaustion"]["per_attack"])
            self._cooldown += self.mock["attack_interval_ticks"]
        self._hit_back(entity, ticks)
        if entity.health <= 0:
            self._kill(entity)

    def _hit_back(self, entity: Entity, ticks: int) -> None:
        hostile = self.mock["hostile_night"]
        damage = hostile["damage_per_hit"].get(entity.name)
        if not damage:
            return
        self._hurt_cooldown -= ticks
        while self._hurt_cooldown <= 0:
            self.hurt(float(damage), f"was slain by {entity.name}")
            self._hurt_cooldown += hostile["hit_interval_ticks"]

    def _kill(self, entity: Entity) -> None:
        del self.world.entities[entity.id]
        self.target = None
        self.goal = None
        for name, count in self.rules.mob_loot(entity.name, self.world.rng).items():
            item = self.world.spawn_item(name, count, entity.x, entity.y, entity.z)
            self.bot_events.append(["itemDrop", _entity_json(item)])
        self.bot_events.append([STEP_EVENT, {"type": "kill", "mob": entity.name}])
        self.bot_events.append(["entityDead", _entity_json(entity)])
        self.bot_events.append(["entityGone", _entity_json(entity)])

    # -- the body ---------------------------------------------------------------------

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

    # -- time -------------------------------------------------------------------------

    def advance(self, ticks: int) -> None:
        """Let ``ticks`` game ticks pass."""
        world = self.world
        world.ticks += ticks
        world.time_of_day = (world.time_of_day + ticks) % 24000
        if self.target is not None:
            self._fight(ticks)
        else:
            self._walk(ticks)
        for furnace in world.furnaces.values():
            self._burn(furnace, ticks)
        self._metabolism(ticks)
        self._night(ticks)

    def _burn(self, furnace: Furnace, ticks: int) -> None:
        for _ in range(ticks):
            result = self.rules.smelt_result(str(furnace.input[0])) if furnace.input else None
            fits = result is not None and (furnace.output is None or furnace.output[0] == result)
            if furnace.burn_left <= 0 and fits and furnace.fuel:
                burn = self.rules.fuel_ticks(str(furnace.fuel[0])) or 0
                furnace.burn_left = furnace.burn_total = burn
                furnace.fuel[1] = int(furnace.fuel[1]) - 1
                if int(furnace.fuel[1]) <= 0:
                    furnace.fuel = None
            if furnace.burn_left <= 0:
                furnace.progress = 0
                return
            furnace.burn_left -= 1
            if not fits or furnace.input is None or result is None:
                continue
            furnace.progress += 1
            if furnace.progress >= self.rules.smelt_ticks(str(furnace.input[0])):
                furnace.progress = 0
                furnace.input[1] = int(furnace.input[1]) - 1
                if int(furnace.input[1]) <= 0:
                    furnace.input = None
                if furnace.output:
                    furnace.output[1] = int(furnace.output[1]) + 1
                else:
                    furnace.output = [result, 1]

    def _night(self, ticks: int) -> None:
        hostile = self.mock["hostile_night"]
        before = (self.world.time_of_day - ticks) // hostile["every_ticks"]
        after = self.world.time_of_day // hostile["every_ticks"]
        if not self.is_night():
            self._burn_hostiles()
            return
        for _ in range(max(0, after - before)):
            if self.rng.random() < hostile["chance"] and self.light() > 0:
                self._spawn_hostile(hostile)

    def _spawn_hostile(self, hostile: dict[str, Any]) -> None:
        kinds = hostile["kinds"]
        name = self.rng.choices(list(kinds), list(kinds.values()))[0]
        angle = self.rng.uniform(0, 2 * math.pi)
        distance = self.rng.uniform(*hostile["distance"])
        x = math.floor(self.body.x + math.cos(angle) * distance)
        z = math.floor(self.body.z + math.sin(angle) * distance)
        self.world.spawn(name, x + 0.5, float(self.world.ground(x, z)), z + 0.5)

    def _burn_hostiles(self) -> None:
        for entity in list(self.world.entities.values()):
            if entity.name in ("zombie", "skeleton") and entity.id != self.target:
                del self.world.entities[entity.id]


def _vec(pos: Pos) -> str:
    return f"({pos[0]}, {pos[1]}, {pos[2]})"


def _entity_json(entity: Entity) -> dict[str, Any]:
    return entity_json(entity)


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
    }
