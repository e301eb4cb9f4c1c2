"""Water and lava sources with buckets: an empty bucket takes a source, a full one pours it.

Every fluid block of the mock is a source (ponds, lava pools): fluids do not
flow. A lava source that touches water hardens into obsidian, as vanilla's
does when water reaches it.
"""

from __future__ import annotations

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import ActionError, position_text
from voyager.env.mock.terrain import Pos

FLUIDS = ("water", "lava")
EMPTY_BUCKET = "bucket"
NEIGHBOURS = ((1, 0, 0), (-1, 0, 0), (0, 0, 1), (0, 0, -1), (0, 1, 0), (0, -1, 0))


class Fluids(Movement):
    def fill_bucket(self, pos: Pos) -> str:
        """Take the fluid source at ``pos`` into the empty bucket held; returns the full bucket."""
        fluid = self.world.block_at(pos)
        filled = self.rules.data.used_for(EMPTY_BUCKET, [fluid]) if fluid in FLUIDS else []
        if not filled:
            raise ActionError(f"There is no water or lava source at {position_text(pos)}")
        self.go_near(pos, self.mock["use_reach"])
        self.take_held(EMPTY_BUCKET)
        self.give_to_hand(filled[0])
        self.world.set_block(pos, "air")
        return filled[0]

    def pour(self, bucket: str, target: Pos) -> str:
        """Empty the full ``bucket`` held into ``target``; returns the fluid placed."""
        fluid = self.rules.data.placed_block(bucket)
        if fluid not in FLUIDS:
            raise ActionError(f"{bucket} holds no fluid to pour")
        current = self.world.block_at(target)
        if current != "air" and current not in FLUIDS and current not in self.rules.needs_support:
            raise ActionError(f"Cannot pour {fluid} into {current} at {position_text(target)}")
        self.go_near(target, self.mock["use_reach"])
        self.take_held(bucket)
        self.give_to_hand(EMPTY_BUCKET)
        self.world.set_block(target, fluid)
        self._harden(target)
        return fluid

    def _harden(self, pos: Pos) -> None:
        """Lava sources touching water at or next to ``pos`` become obsidian."""
        for dx, dy, dz in ((0, 0, 0), *NEIGHBOURS):
            here = (pos[0] + dx, pos[1] + dy, pos[2] + dz)
            if self.world.block_at(here) != "lava":
                continue
            if any(
                self.world.block_at((here[0] + a, here[1] + b, here[2] + c)) == "water"
                for a, b, c in NEIGHBOURS
            ):
                self.world.set_block(here, "obsidian")
