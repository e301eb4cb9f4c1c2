"""Walking towards the pathfinder goal, and going near a place to act there."""

from __future__ import annotations

import math

from voyager.env.mock.state import EYE_HEIGHT, Goal, SimState
from voyager.env.mock.terrain import Pos


class Movement(SimState):
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

    def go_near(self, pos: Pos, reach: float) -> None:
        """Teleport-free shortcut used by instant actions: walk next to ``pos`` now."""
        x, y, z = pos[0] + 0.5, pos[1], pos[2] + 0.5
        if self.distance_to(x, y - EYE_HEIGHT, z) <= reach + EYE_HEIGHT:
            return
        ground = self.world.ground(pos[0], pos[2])
        self._move_to(x, float(min(pos[1], ground)), z)
