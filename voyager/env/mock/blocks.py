"""Digging blocks (with the right tool, in its time, with its drops) and placing them."""

from __future__ import annotations

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import ActionError, position_text
from voyager.env.mock.terrain import Pos


class Blocks(Movement):
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
            raise ActionError(f"Block at {position_text(pos)} is {block}; there is nothing to dig")
        ticks = self.rules.dig_ticks(block, self.held_item())
        if ticks < 0:
            raise ActionError(f"{block} cannot be broken")
        return ticks

    def dig(self, pos: Pos) -> dict[str, int]:
        """Break the block at ``pos`` with the held item; its drops go into the inventory."""
        block = self.world.block_at(pos)
        self.dig_ticks(pos)
        self.go_near(pos, self.mock["reach"])
        drops = self._drops_of(pos, block)
        self.world.set_block(pos, "air")
        self._break_unsupported(pos)
        for name, count in drops.items():
            self.give(name, count)
        self._exhaust(self.mock["exhaustion"]["per_block_mined"])
        return drops

    def _drops_of(self, pos: Pos, block: str) -> dict[str, int]:
        """What breaking ``block`` at ``pos`` with the held item yields."""
        return self.rules.drops(block, self.held_item(), self.world.rng)

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
            raise ActionError(f"No block to place against at {position_text(reference)}")
        current = self.world.block_at(target)
        occupied = target in (self.feet(), (self.feet()[0], self.feet()[1] + 1, self.feet()[2]))
        if occupied or (current != "air" and current not in self.rules.needs_support):
            raise ActionError(f"No block has been placed : the block is still {current}")
        self.go_near(target, self.mock["reach"])
        self.take(name, 1)
        self.world.set_block(target, name)
        return name
