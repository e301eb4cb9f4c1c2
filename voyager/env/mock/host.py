"""The calls the JavaScript ``bot`` of the mock makes into Python: JSON in, JSON out.

Every call is ``host(method, argsJson)`` and returns ``{"ok": value}`` or
``{"error": message}``; the JavaScript side throws the error as an Error.
No Python exception ever crosses into the engine (quickjs cannot carry one).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from voyager.env.mock.sim import ActionError, Goal, Simulation, entity_json
from voyager.env.mock.terrain import Pos

Handler = Callable[..., Any]


class Host:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.handlers: dict[str, Handler] = {
            name[len("do_") :]: getattr(self, name) for name in dir(self) if name.startswith("do_")
        }

    def call(self, method: str, args_json: str) -> str:
        handler = self.handlers.get(method)
        if handler is None:
            return json.dumps({"error": f"unknown host call {method}"})
        try:
            args = json.loads(args_json)
            return json.dumps({"ok": handler(*args)})
        except ActionError as exc:
            return json.dumps({"error": str(exc)})
        except Exception as exc:  # a bad argument from the program must not escape into quickjs
            return json.dumps({"error": f"bad arguments to {method}: {type(exc).__name__}: {exc}"})

    # -- state ------------------------------------------------------------------------

    def do_status(self) -> dict[str, Any]:
        sim, b = self.sim, self.sim.body
        return {
            "position": [b.x, b.y, b.z],
            "yaw": b.yaw,
            "pitch": b.pitch,
            "health": b.health,
            "food": b.food,
            "saturation": b.saturation,
            "held": sim.held_item(),
            "quickBarSlot": b.held,
            "timeOfDay": sim.time_of_day(),
            "age": sim.world.ticks,
            "isDay": not sim.is_night(),
            "worn": dict(b.worn),
            "sleeping": sim.asleep_for is not None,
        }

    def do_items(self) -> list[dict[str, Any]]:
        return self.sim.items()

    def do_blockAt(self, x: float, y: float, z: float) -> dict[str, Any] | None:
        pos = (math.floor(x), math.floor(y), math.floor(z))
        mock = self.sim.mock
        if not mock["world_bottom"] <= pos[1] <= mock["world_top"]:
            return None
        return self._block(pos)

    def _block(self, pos: Pos) -> dict[str, Any]:
        name = self.sim.world.block_at(pos)
        age = self.sim.crop_age(pos)
        return {
            "name": name,
            "position": list(pos),
            "biome": self.sim.world.terrain.biome(pos[0], pos[2]),
            "properties": {} if age is None else {"age": age},
        }

    def do_findBlocks(
        self, names: list[str], point: list[float], distance: float, count: int
    ) -> list[list[int]]:
        center = (math.floor(point[0]), math.floor(point[1]), math.floor(point[2]))
        radius = min(float(distance), 128.0)
        found = self.sim.world.find_blocks(
            set(names), center, radius, max(1, min(int(count), 4096))
        )
        return [list(p) for p in found]

    def do_kindsNear(self, point: list[float], distance: float) -> dict[str, list[int]]:
        center = (math.floor(point[0]), math.floor(point[1]), math.floor(point[2]))
        nearest = self.sim.world.nearest_by_kind(center, min(float(distance), 128.0))
        return {name: list(pos) for name, pos in nearest.items()}

    def do_entities(self) -> list[dict[str, Any]]:
        b = self.sim.body
        return [entity_json(e) for e in self.sim.world.entities_near(b.x, b.y, b.z, 64.0)]

    # -- actions ----------------------------------------------------------------------

    def do_setGoal(self, goal: dict[str, Any] | None) -> int:
        if goal is None:
            return self.sim.set_goal(None)
        y = goal.get("y")
        z = goal.get("z")
        return self.sim.set_goal(
            Goal(
                float(goal["x"]),
                None if y is None else float(y),
                None if z is None else float(z),
                float(goal.get("reach", 0.5)),
                goal.get("follow"),
            )
        )

    def do_goalReached(self) -> bool:
        return self.sim.goal_reached()

    def do_equip(self, name: str, destination: str) -> None:
        self.sim.equip(name, destination)

    def do_unequip(self, destination: str) -> None:
        self.sim.unequip(destination)

    def do_toss(self, name: str, count: int) -> None:
        self.sim.toss(name, int(count))

    def do_equipForBlock(self, x: int, y: int, z: int) -> str | None:
        block = self.sim.world.block_at((x, y, z))
        tool = self.sim.best_tool(block)
        if tool is not None:
            self.sim.equip(tool, "hand")
        return tool

    def do_digTicks(self, x: int, y: int, z: int) -> int:
        return self.sim.dig_ticks((x, y, z))

    def do_dig(self, x: int, y: int, z: int) -> dict[str, int]:
        return self.sim.dig((x, y, z))

    def do_place(self, reference: list[int], face: list[int]) -> str:
        ref = (int(reference[0]), int(reference[1]), int(reference[2]))
        return self.sim.place(ref, (int(face[0]), int(face[1]), int(face[2])))

    def do_recipes(self, item: str, table: bool, affordable: bool) -> list[dict[str, Any]]:
        return self.sim.recipes(item, bool(table), bool(affordable))

    def do_craft(self, item: str, index: int, times: int, table: bool) -> int:
        return self.sim.craft(item, int(index), int(times), bool(table))

    def do_checkEdible(self) -> str:
        return self.sim.check_edible()

    def do_eat(self) -> None:
        self.sim.eat()

    def do_furnace(self, x: int, y: int, z: int) -> dict[str, Any]:
        f = self.sim.furnace((x, y, z))
        return {
            "input": f.input,
            "fuel": f.fuel,
            "output": f.output,
            "burnLeft": f.burn_left,
            "burnTotal": f.burn_total,
            "progress": f.progress,
        }

    def do_putInFurnace(self, pos: list[int], slot: str, name: str, count: int) -> None:
        self.sim.put_in_furnace(_pos(pos), slot, name, int(count))

    def do_takeFromFurnace(self, pos: list[int], slot: str) -> dict[str, Any] | None:
        return self.sim.take_from_furnace(_pos(pos), slot)

    def do_chest(self, pos: list[int]) -> dict[str, int]:
        return dict(self.sim.chest(_pos(pos)))

    def do_deposit(self, pos: list[int], name: str, count: int) -> None:
        self.sim.deposit(_pos(pos), name, int(count))

    def do_withdraw(self, pos: list[int], name: str, count: int) -> None:
        self.sim.withdraw(_pos(pos), name, int(count))

    def do_attack(self, entity_id: int) -> None:
        self.sim.attack(int(entity_id))

    def do_stopAttack(self) -> bool:
        return self.sim.stop_attack()

    def do_pickUp(self, entity_id: int) -> None:
        self.sim.pick_up(int(entity_id))

    def do_lookAt(self, x: float, y: float, z: float) -> None:
        self.sim.look_at(float(x), float(y), float(z))

    def do_activateBlock(self, pos: list[int], face: list[int]) -> str:
        return self.sim.activate_block(_pos(pos), _pos(face))

    def do_activateItem(self) -> str:
        return self.sim.activate_item()

    def do_activateEntity(self, entity_id: int) -> str:
        return self.sim.activate_entity(int(entity_id))

    def do_castRod(self) -> int:
        return self.sim.cast()

    def do_reelIn(self) -> dict[str, int]:
        return self.sim.reel()

    def do_sleep(self, pos: list[int]) -> int:
        """Lie down in the bed at ``pos``; returns the ticks until the morning comes."""
        self.sim.sleep(_pos(pos))
        return int(self.sim.mock["beds"]["sleep_ticks"])

    def do_wake(self) -> None:
        self.sim.wake()

    def do_advance(self, ticks: int) -> list[list[Any]]:
        """Let time pass; returns the bot events it produced, for the JavaScript listeners."""
        self.sim.advance(int(ticks))
        events, self.sim.bot_events = self.sim.bot_events, []
        return events

    def do_takeBotEvents(self) -> list[list[Any]]:
        events, self.sim.bot_events = self.sim.bot_events, []
        return events


def _pos(values: list[Any]) -> Pos:
    return (math.floor(values[0]), math.floor(values[1]), math.floor(values[2]))
