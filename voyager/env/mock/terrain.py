"""Seeded terrain of the mock world: surface height, biomes, layers, and per-chunk features.

The ground is a function of (x, y, z): a surface block, filler, stone,
deepslate, bedrock. Trees, ores, plants, ponds, lava pools and animal herds
are generated per 16x16 chunk, the first time the chunk is looked at, from a
random generator seeded by (world seed, chunk): the same seed always gives
the same world. Biomes, tree shapes and ore heights follow the built-in
world's terrain table.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from voyager.env.mock.rules import Rules

Pos = tuple[int, int, int]
CHUNK = 16
MASK64 = (1 << 64) - 1
BASE_KINDS = ("grass_block", "dirt", "stone", "deepslate", "bedrock", "sand", "sandstone")


@dataclass
class Chunk:
    """What a chunk holds on top of the plain layers: feature blocks and the mobs it spawned."""

    blocks: dict[Pos, str] = field(default_factory=dict)
    herds: list[tuple[str, float, float, float]] = field(default_factory=list)
    _by_name: dict[str, list[Pos]] | None = None

    def named(self, names: set[str]) -> list[tuple[Pos, str]]:
        """The feature blocks named in ``names`` (an index built on the first look)."""
        if self._by_name is None:
            self._by_name = {}
            for pos, name in self.blocks.items():
                self._by_name.setdefault(name, []).append(pos)
        return [(pos, name) for name in names for pos in self._by_name.get(name, ())]


class Terrain:
    def __init__(self, seed: int, rules: Rules) -> None:
        self.seed = seed
        self.rules = rules
        self.mock = rules.mock
        self.biomes = {b["name"]: b for b in rules.terrain["biomes"]}
        weights = self.mock["biome_weights"]
        self.biome_names = [n for n in weights if n in self.biomes]
        self.biome_weights = [weights[n] for n in self.biome_names]
        self._chunks: dict[tuple[int, int], Chunk] = {}
        self._heights: dict[tuple[int, int], int] = {}
        self._biome_cells: dict[tuple[int, int], str] = {}

    # -- columns ----------------------------------------------------------------------

    def height(self, x: int, z: int) -> int:
        """The y of the surface block of column (x, z)."""
        key = (x, z)
        cached = self._heights.get(key)
        if cached is None:
            surface = self.mock["surface"]
            noise = _value_noise(self.seed, x / surface["scale"], z / surface["scale"])
            cached = surface["base"] + round(noise * surface["amplitude"])
            self._heights[key] = cached
        return cached

    def biome(self, x: int, z: int) -> str:
        size = self.mock["biome_cell"]
        cell = (x // size, z // size)
        name = self._biome_cells.get(cell)
        if name is None:
            rng = random.Random(f"{self.seed}:biome:{cell[0]}:{cell[1]}")
            name = rng.choices(self.biome_names, self.biome_weights)[0]
            self._biome_cells[cell] = name
        return name

    def base_block(self, x: int, y: int, z: int) -> str:
        """The plain layer at (x, y, z), before features and changes."""
        top = self.height(x, z)
        if y > top:
            return "air"
        if y <= self.mock["world_bottom"]:
            return "bedrock"
        if y <= self.mock["bedrock_below"]:
            return "bedrock"
        biome = self.biomes[self.biome(x, z)]
        if y == top:
            return str(biome["surface"])
        if y >= top - self.mock["filler_depth"]:
            return str(biome["filler"])
        if y >= top - self.mock["filler_depth"] - 2 and "under_filler" in biome:
            return str(biome["under_filler"])
        return "stone" if y >= 0 else "deepslate"

    def layer_ranges(self, x: int, z: int) -> Iterator[tuple[str, int, int]]:
        """(block, lowest y, highest y) of the plain layers of a column, top down."""
        top = self.height(x, z)
        biome = self.biomes[self.biome(x, z)]
        depth = self.mock["filler_depth"]
        yield str(biome["surface"]), top, top
        yield str(biome["filler"]), top - depth, top - 1
        low = top - depth - 1
        if "under_filler" in biome:
            yield str(biome["under_filler"]), low - 2, low
            low -= 3
        bedrock = self.mock["bedrock_below"]
        yield "stone", max(0, bedrock + 1), low
        yield "deepslate", bedrock + 1, min(-1, low)
        yield "bedrock", self.mock["world_bottom"], bedrock

    # -- chunks -----------------------------------------------------------------------

    def chunk(self, cx: int, cz: int) -> Chunk:
        key = (cx, cz)
        found = self._chunks.get(key)
        if found is None:
            found = self._generate(cx, cz)
            self._chunks[key] = found
        return found

    def generated(self, cx: int, cz: int) -> bool:
        return (cx, cz) in self._chunks

    def _generate(self, cx: int, cz: int) -> Chunk:
        rng = random.Random(f"{self.seed}:chunk:{cx}:{cz}")
        chunk = Chunk()
        x0, z0 = cx * CHUNK, cz * CHUNK
        biome = self.biomes[self.biome(x0 + 8, z0 + 8)]
        self._ores(chunk, rng, x0, z0)
        fluids = random.Random(f"{self.seed}:fluids:{cx}:{cz}")  # the other features stay put
        self._pond(chunk, fluids, x0, z0)
        self._lava_pool(chunk, fluids, x0, z0)
        self._plants(chunk, rng, x0, z0, biome)
        self._trees(chunk, rng, x0, z0, biome)
        self._herds(chunk, rng, x0, z0, biome["name"])
        return chunk

    def _ores(self, chunk: Chunk, rng: random.Random, x0: int, z0: int) -> None:
        low_fraction, high_fraction = self.mock["vein_fraction"]
        for ore in self.rules.terrain["ores"]:
            attempts = _count(ore["attempts"], rng)
            for _ in range(attempts):
                x, z = x0 + rng.randrange(CHUNK), z0 + rng.randrange(CHUNK)
                y = _height_draw(ore, rng)
                size = max(1, round(ore["size"] * rng.uniform(low_fraction, high_fraction)))
                if self.base_block(x, y, z) not in ("stone", "deepslate"):
                    continue
                for pos in _vein(rng, (x, y, z), size):
                    self._place_ore(chunk, ore, pos)

    def _place_ore(self, chunk: Chunk, ore: dict[str, Any], pos: Pos) -> None:
        base = self.base_block(*pos)
        if base == "stone" and ore["block"]:
            chunk.blocks[pos] = ore["block"]
        elif base == "deepslate" and ore["deepslate"]:
            chunk.blocks[pos] = ore["deepslate"]

    def _plants(
        self, chunk: Chunk, rng: random.Random, x0: int, z0: int, biome: dict[str, Any]
    ) -> None:
        plants: list[str] = ["short_grass"] * int(biome.get("grass", 0))
        plants += ["fern"] * int(biome.get("ferns", 0))
        plants += ["dead_bush"] * int(biome.get("dead_bush", 0))
        plants += ["cactus"] * int(biome.get("cactus", 0))
        flowers = biome.get("flowers", {})
        for _ in range(int(biome.get("flower_count", 0))):
            plants.append(rng.choices(list(flowers), list(flowers.values()))[0])
        for name in plants:
            x, z = x0 + rng.randrange(CHUNK), z0 + rng.randrange(CHUNK)
            if (x, self.height(x, z), z) not in chunk.blocks:  # not on a pond
                chunk.blocks.setdefault((x, self.height(x, z) + 1, z), name)

    def _pond(self, chunk: Chunk, rng: random.Random, x0: int, z0: int) -> None:
        """A small pond sunk into the surface: water sources over a floor of sand."""
        pond = self.mock["ponds"]
        if rng.random() >= pond["chance_per_chunk"]:
            return
        radius, depth = rng.randint(*pond["radius"]), rng.randint(*pond["depth"])
        cx, cz = x0 + 4 + rng.randrange(CHUNK - 8), z0 + 4 + rng.randrange(CHUNK - 8)
        level = min(self.height(x, z) for x, z in _disc(cx, cz, radius))
        for x, z in _disc(cx, cz, radius):
            for y in range(level - depth + 1, self.height(x, z) + 1):
                chunk.blocks[(x, y, z)] = "water" if y <= level else "air"
            chunk.blocks[(x, level - depth, z)] = pond["floor"]

    def _lava_pool(self, chunk: Chunk, rng: random.Random, x0: int, z0: int) -> None:
        """A pool of lava sources deep down, where the built-in world's caves hold lava."""
        pool = self.mock["lava_pools"]
        if rng.random() >= pool["chance_per_chunk"]:
            return
        radius, y = rng.randint(*pool["radius"]), rng.randint(*pool["y"])
        cx, cz = x0 + 3 + rng.randrange(CHUNK - 6), z0 + 3 + rng.randrange(CHUNK - 6)
        for x, z in _disc(cx, cz, radius):
            chunk.blocks[(x, y, z)] = "lava"
            chunk.blocks[(x, y + 1, z)] = "air"

    def _trees(
        self, chunk: Chunk, rng: random.Random, x0: int, z0: int, biome: dict[str, Any]
    ) -> None:
        kinds = biome.get("trees", {})
        if not kinds:
            return
        for _ in range(_count(biome.get("tree_count", 0), rng)):
            kind = self.rules.terrain["trees"][rng.choices(list(kinds), list(kinds.values()))[0]]
            x, z = x0 + 2 + rng.randrange(CHUNK - 4), z0 + 2 + rng.randrange(CHUNK - 4)
            ground = self.height(x, z)
            trunk = rng.randint(*kind["trunk"])
            for dx, dy, dz in _crown(trunk):
                chunk.blocks.setdefault((x + dx, ground + dy, z + dz), kind["leaves"])
            for dy in range(1, trunk + 1):
                chunk.blocks[(x, ground + dy, z)] = kind["log"]

    def _herds(self, chunk: Chunk, rng: random.Random, x0: int, z0: int, biome: str) -> None:
        spawns = self.rules.chunk_spawns
        if biome not in spawns["biomes"] or rng.random() >= spawns["chance_per_chunk"]:
            return
        kinds = spawns["kinds"]
        kind = rng.choices(list(kinds), list(kinds.values()))[0]
        for _ in range(rng.randint(*spawns["group"])):
            x, z = x0 + rng.randrange(CHUNK), z0 + rng.randrange(CHUNK)
            chunk.herds.append((kind, x + 0.5, float(self.height(x, z) + 1), z + 0.5))


def _count(expected: float, rng: random.Random) -> int:
    """A whole count whose average is ``expected`` (fractions become chances)."""
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def _height_draw(ore: dict[str, Any], rng: random.Random) -> int:
    low, high = int(ore["min_y"]), int(ore["max_y"])
    if ore["shape"] == "triangle":
        return round(rng.triangular(low, high))
    return rng.randint(low, high)


def _vein(rng: random.Random, start: Pos, size: int) -> list[Pos]:
    """``size`` blocks, each touching an earlier one."""
    blocks = [start]
    while len(blocks) < size:
        x, y, z = rng.choice(blocks)
        step = rng.choice(((1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)))
        nxt = (x + step[0], y + step[1], z + step[2])
        if nxt not in blocks:
            blocks.append(nxt)
    return blocks


def _disc(cx: int, cz: int, radius: int) -> list[tuple[int, int]]:
    return [
        (cx + dx, cz + dz)
        for dx in range(-radius, radius + 1)
        for dz in range(-radius, radius + 1)
        if dx * dx + dz * dz <= radius * radius
    ]


def _crown(trunk: int) -> list[Pos]:
    """Leaf offsets around the top of a trunk of height ``trunk``."""
    leaves = [
        (dx, trunk - 1 + dy, dz)
        for dy in (0, 1)
        for dx in (-2, -1, 0, 1, 2)
        for dz in (-2, -1, 0, 1, 2)
        if abs(dx) + abs(dz) < 4 and (dx, dz) != (0, 0)
    ]
    leaves += [(dx, trunk + 1, dz) for dx in (-1, 0, 1) for dz in (-1, 0, 1)]
    return leaves


def _value_noise(seed: int, x: float, z: float) -> float:
    """Smooth noise in -1..1 from a hashed lattice (bilinear, smoothstep)."""
    ix, iz = math.floor(x), math.floor(z)
    fx, fz = x - ix, z - iz
    sx, sz = fx * fx * (3 - 2 * fx), fz * fz * (3 - 2 * fz)

    def corner(cx: int, cz: int) -> float:
        return _hash_unit(seed, cx, cz) * 2 - 1

    top = corner(ix, iz) + (corner(ix + 1, iz) - corner(ix, iz)) * sx
    bottom = corner(ix, iz + 1) + (corner(ix + 1, iz + 1) - corner(ix, iz + 1)) * sx
    return top + (bottom - top) * sz


def _hash_unit(seed: int, x: int, z: int) -> float:
    """A well-mixed number in [0, 1) from three integers (splitmix64 finaliser)."""
    h = (seed * 0x9E3779B97F4A7C15 + x * 0xBF58476D1CE4E5B9 + z * 0x94D049BB133111EB) & MASK64
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & MASK64
    return ((h ^ (h >> 31)) >> 11) / float(1 << 53)
