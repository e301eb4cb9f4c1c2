"""Farming: a hoe tills grass or dirt, seeds are planted on farmland, crops grow and are harvested.

A crop grows one stage on a random tick with vanilla's chance (a block gets a
random tick every ``random_tick_every`` ticks on average); bone meal adds 2 to
5 stages at once. Breaking a ripe crop drops its harvest (wheat and seeds), an
unripe one only what was planted.
"""

from __future__ import annotations

import random

from voyager.env.mock.blocks import Blocks
from voyager.env.mock.state import ActionError, position_text
from voyager.env.mock.terrain import Pos


class Farming(Blocks):
    def till(self, pos: Pos) -> None:
        """Turn grass or dirt with air above into farmland, with the hoe held."""
        farming = self.rules.data.farming
        block = self.world.block_at(pos)
        above = self.world.block_at((pos[0], pos[1] + 1, pos[2]))
        covered = above != "air" and above not in self.rules.needs_support
        if block not in farming.tilled or covered:
            raise ActionError(f"A hoe cannot till {block} at {position_text(pos)}")
        self.go_near(pos, self.mock["use_reach"])
        if above != "air":
            self.world.set_block((pos[0], pos[1] + 1, pos[2]), "air")
        self.world.set_block(pos, farming.farmland)
        self._exhaust(self.mock["exhaustion"]["per_block_mined"])

    def plant(self, seed: str, soil: Pos) -> str:
        """Plant the held ``seed`` on the farmland at ``soil``; returns the crop planted."""
        crop = self.rules.data.placed_block(seed) or ""
        if self.rules.data.crop(crop) is None:
            raise ActionError(f"{seed} is not a seed")
        target = (soil[0], soil[1] + 1, soil[2])
        if self.world.block_at(soil) != self.rules.data.farming.farmland:
            raise ActionError(f"{seed} can only be planted on farmland (till it with a hoe)")
        if self.world.block_at(target) != "air":
            raise ActionError(f"No room to plant at {position_text(target)}")
        self.go_near(target, self.mock["use_reach"])
        self.take_held(seed)
        self.world.set_block(target, crop)
        self.world.crops[target] = 0
        return crop

    def bone_meal(self, pos: Pos) -> None:
        """Make the crop at ``pos`` grow 2 to 5 stages, using up one bone meal."""
        ripe = self._ripe_age(pos)
        age = self.world.crops.get(pos)
        if ripe is None or age is None or age >= ripe:
            raise ActionError(f"Bone meal does nothing to {self.world.block_at(pos)} here")
        self.go_near(pos, self.mock["use_reach"])
        self.take_held(self.rules.data.farming.growth_item)
        low, high = self.mock["farming"]["bone_meal_stages"]
        self.world.crops[pos] = min(ripe, age + self.world.rng.randint(low, high))

    def crop_age(self, pos: Pos) -> int | None:
        return self.world.crops.get(pos)

    def _drops_of(self, pos: Pos, block: str) -> dict[str, int]:
        ripe = self._ripe_age(pos)
        if ripe is None:
            return super()._drops_of(pos, block)
        crop = self.rules.data.crop(block)
        if crop is None or self.world.crops.get(pos, ripe) < ripe:
            return {crop[0]: 1} if crop else {}
        got: dict[str, int] = {}
        for entry in self.mock["farming"]["ripe_drops"].get(block, []):
            if self.world.rng.random() < entry.get("chance", 1.0):
                got[entry["item"]] = got.get(entry["item"], 0) + self.world.rng.randint(
                    *entry.get("count", [1, 1])
                )
        return got

    def _ripe_age(self, pos: Pos) -> int | None:
        crop = self.rules.data.crop(self.world.block_at(pos))
        return crop[1] if crop else None

    def _grow(self, ticks: int) -> None:
        """Random ticks: each crop has ``ticks / random_tick_every`` chances to grow a stage."""
        farming = self.mock["farming"]
        rng: random.Random = self.world.rng
        for pos, age in list(self.world.crops.items()):
            ripe = self._ripe_age(pos)
            if ripe is None or age >= ripe:
                continue
            chances = ticks / farming["random_tick_every"]
            whole = int(chances) + (1 if rng.random() < chances - int(chances) else 0)
            grown = sum(1 for _ in range(whole) if rng.random() < farming["growth_chance"])
            self.world.crops[pos] = min(ripe, age + grown)
