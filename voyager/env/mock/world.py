"""The mock world's state: blocks (terrain plus changes), entities, chests, furnaces, time.

Queries answer what mineflayer's ``findBlocks``/``blockAt``/``entities``
would: the nearest blocks of some kinds within a radius, the block at a
position. The plain layers are never stored; only features (trees, ores,
plants) of the chunks looked at and the blocks changed by the bot are.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from voyager.env.mock.rules import Rules
from voyager.env.mock.terrain import BASE_KINDS, CHUNK, Chunk, Pos, Terrain


@dataclass
class Entity:
    """A mob or a dropped item stack."""

    id: int
    name: str
    kind: str  # "animal", "hostile", "mob" or "object" (a dropped item)
    x: float
    y: float
    z: float
    health: float = 0.0
    item: str = ""
    count: int = 0
    attrs: dict[str, Any] = field(default_factory=dict)  # a sheep's colour, a chicken's next egg

    def distance_to(self, x: float, y: float, z: float) -> float:
        return math.dist((self.x, self.y, self.z), (x, y, z))


@dataclass
class Furnace:
    """A furnace's three slots ([name, count] or None) and its fire."""

    input: list[str | int] | None = None
    fuel: list[str | int] | None = None
    output: list[str | int] | None = None
    burn_left: int = 0
    burn_total: int = 0
    progress: int = 0


@dataclass
class World:
    seed: int
    rules: Rules
    terrain: Terrain = field(init=False)
    changes: dict[Pos, str] = field(default_factory=dict)
    changes_by_chunk: dict[tuple[int, int], dict[Pos, str]] = field(default_factory=dict)
    chests: dict[Pos, dict[str, int]] = field(default_factory=dict)
    furnaces: dict[Pos, Furnace] = field(default_factory=dict)
    crops: dict[Pos, int] = field(default_factory=dict)  # a planted crop's age
    entities: dict[int, Entity] = field(default_factory=dict)
    ticks: int = 0
    time_of_day: int = 0
    next_id: int = 1
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.terrain = Terrain(self.seed, self.rules)
        self.rng = random.Random(f"{self.seed}:world")
        self.time_of_day = int(self.rules.mock["start_time_of_day"])

    # -- blocks -----------------------------------------------------------------------

    def block_at(self, pos: Pos) -> str:
        changed = self.changes.get(pos)
        if changed is not None:
            return changed
        feature = self.chunk_of(pos[0], pos[2]).blocks.get(pos)
        return feature if feature is not None else self.terrain.base_block(*pos)

    def set_block(self, pos: Pos, name: str) -> None:
        self.changes[pos] = name
        self.changes_by_chunk.setdefault((pos[0] // CHUNK, pos[2] // CHUNK), {})[pos] = name
        self.crops.pop(pos, None)
        if name != "chest":
            self.chests.pop(pos, None)
        if name != "furnace":
            self.furnaces.pop(pos, None)
        if name == "chest":
            self.chests.setdefault(pos, {})
        if name == "furnace":
            self.furnaces.setdefault(pos, Furnace())

    def ground(self, x: int, z: int) -> int:
        """The y a bot stands at on column (x, z): on the terrain or what was built on it.

        Trees and plants are walked around, not climbed: they do not count.
        """
        y = self.terrain.height(x, z) + 1
        while self.rules.is_solid(self.changes.get((x, y, z), "air")):
            y += 1
        while y > self.rules.mock["world_bottom"] + 1 and not self.rules.is_solid(
            self.changes.get((x, y - 1, z), self.terrain.base_block(x, y - 1, z))
        ):
            y -= 1
        return y

    def chunk_of(self, x: int, z: int) -> Chunk:
        return self.chunk(x // CHUNK, z // CHUNK)

    def chunk(self, cx: int, cz: int) -> Chunk:
        """The chunk's features; the first look also spawns its animals."""
        fresh = not self.terrain.generated(cx, cz)
        found = self.terrain.chunk(cx, cz)
        if fresh:
            for name, x, y, z in found.herds:
                self.spawn(name, x, y, z)
        return found

    def find_blocks(self, names: set[str], center: Pos, radius: float, count: int) -> list[Pos]:
        """The ``count`` nearest positions of blocks named in ``names`` within ``radius``."""
        found: dict[Pos, float] = {}
        for pos, name in self._stored_blocks(center, radius, names):
            if self.block_at(pos) == name:
                found[pos] = _dist2(pos, center)
        base = names & set(BASE_KINDS)
        if base:
            for pos in self._base_candidates(base, center, radius, count):
                if pos not in found and self.block_at(pos) in base:
                    found[pos] = _dist2(pos, center)
        return [p for p, _ in sorted(found.items(), key=lambda item: (item[1], item[0]))][:count]

    def nearest_by_kind(self, center: Pos, radius: float) -> dict[str, Pos]:
        """The nearest block of every kind within ``radius`` (air left out)."""
        best: dict[str, tuple[float, Pos]] = {}
        for pos, name in self._stored_blocks(center, radius):
            if self.block_at(pos) != name or name == "air":
                continue
            d2 = _dist2(pos, center)
            if name not in best or (d2, pos) < best[name]:
                best[name] = (d2, pos)
        for kind in self._base_kinds_near(center, radius):
            for pos in self._base_candidates({kind}, center, radius, 1):
                d2 = _dist2(pos, center)
                if kind not in best or (d2, pos) < best[kind]:
                    best[kind] = (d2, pos)
        return {name: pos for name, (_, pos) in sorted(best.items(), key=lambda i: i[1])}

    def _stored_blocks(
        self, center: Pos, radius: float, names: set[str] | None = None
    ) -> Iterable[tuple[Pos, str]]:
        """Feature blocks of the chunks in range, then changed blocks, within ``radius``
        (only those named in ``names`` when it is given)."""
        r2 = radius * radius
        cx0, cz0 = (center[0] - int(radius)) // CHUNK, (center[2] - int(radius)) // CHUNK
        cx1, cz1 = (center[0] + int(radius)) // CHUNK, (center[2] + int(radius)) // CHUNK
        for cx in range(cx0, cx1 + 1):
            for cz in range(cz0, cz1 + 1):
                chunk = self.chunk(cx, cz)
                stored = chunk.named(names) if names is not None else chunk.blocks.items()
                changed = self.changes_by_chunk.get((cx, cz), {}).items()
                for pos, name in (*stored, *changed):
                    if (names is None or name in names) and _dist2(pos, center) <= r2:
                        yield pos, name

    def _base_kinds_near(self, center: Pos, radius: float) -> set[str]:
        kinds: set[str] = set()
        step = 8
        span = int(radius)
        for dx in range(-span, span + 1, step):
            for dz in range(-span, span + 1, step):
                x, z = center[0] + dx, center[2] + dz
                for name, low, high in self.terrain.layer_ranges(x, z):
                    if low <= high and abs(_clamp(center[1], low, high) - center[1]) <= radius:
                        kinds.add(name)
        return kinds

    def _base_candidates(
        self, kinds: set[str], center: Pos, radius: float, count: int
    ) -> list[Pos]:
        """Plain-layer positions of ``kinds``, nearest first, skipping changed or feature blocks."""
        heap: list[tuple[float, Pos]] = []  # max-heap by negated distance
        cx, cy, cz = center
        for h2, dx, dz in _column_offsets(int(radius)):
            if len(heap) >= count and h2 > -heap[0][0]:
                break
            x, z = cx + dx, cz + dz
            reach = math.sqrt(max(0.0, radius * radius - h2))
            for name, low, high in self.terrain.layer_ranges(x, z):
                if name not in kinds:
                    continue
                for y in _ys_outward(
                    cy, max(low, math.ceil(cy - reach)), min(high, int(cy + reach))
                ):
                    d2 = h2 + (y - cy) ** 2
                    if len(heap) >= count and d2 >= -heap[0][0]:
                        break
                    pos = (x, y, z)
                    if self.block_at(pos) != name:
                        continue
                    heapq.heappush(heap, (-d2, pos))
                    if len(heap) > count:
                        heapq.heappop(heap)
        return [pos for _, pos in sorted(heap, key=lambda i: (-i[0], i[1]))]

    # -- entities ---------------------------------------------------------------------

    def spawn(self, name: str, x: float, y: float, z: float) -> Entity:
        mob = self.rules.mob(name)
        kind = self.rules.entities.get(name, {}).get("type", "mob")
        entity = Entity(self.next_id, name, kind, x, y, z, health=mob.health if mob else 1.0)
        self.entities[entity.id] = entity
        self.next_id += 1
        self._born(entity)
        return entity

    def _born(self, entity: Entity) -> None:
        """What an animal is born with: a sheep its wool colour, a chicken the time of its egg."""
        mock = self.rules.mock
        rng = random.Random(f"{self.seed}:born:{entity.id}")
        if entity.name == "sheep":
            colours = mock["sheep"]["colours"]
            entity.attrs["colour"] = rng.choices(list(colours), list(colours.values()))[0]
        elif entity.name == "chicken":
            entity.attrs["next_egg"] = self.ticks + rng.randint(*mock["chicken"]["egg_ticks"])

    def spawn_item(self, item: str, count: int, x: float, y: float, z: float) -> Entity:
        entity = Entity(self.next_id, "item", "object", x, y, z, item=item, count=count)
        self.entities[entity.id] = entity
        self.next_id += 1
        return entity

    def entities_near(self, x: float, y: float, z: float, radius: float) -> list[Entity]:
        near = [e for e in self.entities.values() if e.distance_to(x, y, z) <= radius]
        return sorted(near, key=lambda e: (e.distance_to(x, y, z), e.id))

    def ensure_chunks(self, x: float, z: float, radius: int) -> None:
        """Generate the chunks within ``radius`` so their mobs exist."""
        for cx in range((int(x) - radius) // CHUNK, (int(x) + radius) // CHUNK + 1):
            for cz in range((int(z) - radius) // CHUNK, (int(z) + radius) // CHUNK + 1):
                self.chunk(cx, cz)


def _dist2(a: Pos, b: Pos) -> float:
    return float((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _ys_outward(center: int, low: int, high: int) -> Iterable[int]:
    """The ys from ``low`` to ``high``, nearest to ``center`` first."""
    start = _clamp(center, low, high)
    if low > high:
        return
    yield start
    for step in range(1, high - low + 1):
        for y in (start - step, start + step):
            if low <= y <= high:
                yield y
        if start - step < low and start + step > high:
            return


@cache
def _column_offsets(radius: int) -> list[tuple[int, int, int]]:
    """(horizontal distance squared, dx, dz) of the columns within ``radius``, nearest first."""
    offsets = [
        (dx * dx + dz * dz, dx, dz)
        for dx in range(-radius, radius + 1)
        for dz in range(-radius, radius + 1)
        if dx * dx + dz * dz <= radius * radius
    ]
    return sorted(offsets)
