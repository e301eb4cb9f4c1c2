"""Crafting (in the grid or at a table), furnaces with fuel, and chests."""

from __future__ import annotations

from typing import Any

from voyager.env.mock.state import ActionError, SimState, position_text
from voyager.env.mock.terrain import Pos
from voyager.env.mock.world import Furnace


class Workstations(SimState):
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
            raise ActionError(f"No furnace at {position_text(pos)}")
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
            raise ActionError(f"No chest at {position_text(pos)}")
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
