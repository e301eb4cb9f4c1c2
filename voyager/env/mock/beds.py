"""Beds: sleeping at night with no monster near skips to the morning and sets the spawn point.

The bot is the only player, so once it has lain ``sleep_ticks`` the night is
over: the time of day jumps to the next morning (the world's age does not) and
the bot wakes, as vanilla does.
"""

from __future__ import annotations

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import ActionError, position_text
from voyager.env.mock.terrain import Pos


class Beds(Movement):
    asleep_for: int | None = None

    def sleep(self, pos: Pos) -> None:
        beds = self.mock["beds"]
        block = self.world.block_at(pos)
        if not block.endswith("_bed"):
            raise ActionError(f"wrong block: {block} at {position_text(pos)} is not a bed")
        start, end = beds["night"]
        if not start <= self.world.time_of_day <= end:
            raise ActionError("it's not night and it's not a thunderstorm")
        if self.distance_to(pos[0] + 0.5, pos[1], pos[2] + 0.5) > beds["reach"] + 1:
            self.go_near(pos, beds["reach"])
        b = self.body
        monsters = [
            e
            for e in self.world.entities_near(b.x, b.y, b.z, beds["monster_radius"])
            if e.kind == "hostile"
        ]
        if monsters:
            raise ActionError("You may not rest now; there are monsters nearby")
        self.spawn = (pos[0], pos[1] + 1, pos[2])
        self.asleep_for = 0
        self.bot_events.append(["sleep", None])

    def wake(self) -> None:
        if self.asleep_for is None:
            raise ActionError("already awake")
        self.asleep_for = None
        self.bot_events.append(["wake", None])

    def _rest(self, ticks: int) -> None:
        if self.asleep_for is None:
            return
        self.asleep_for += ticks
        if self.asleep_for >= self.mock["beds"]["sleep_ticks"]:
            self.world.time_of_day = 0
            self.wake()
