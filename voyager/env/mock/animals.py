"""Farm animals: sheep are sheared and grow their wool back, cows are milked, chickens lay eggs.

Shorn wool and laid eggs drop next to the animal as item entities for the bot
to pick up, as in vanilla; a milk bucket goes straight into the hand.
"""

from __future__ import annotations

import math

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import ActionError, entity_json
from voyager.env.mock.world import Entity

SHEARS = "shears"
EMPTY_BUCKET = "bucket"


class Animals(Movement):
    def shear(self, entity: Entity) -> dict[str, int]:
        """Shear a sheep with the shears held: 1 to 3 wool of its colour drop beside it."""
        wool = self.rules.data.used_for(SHEARS, [entity.name])
        if not wool:
            raise ActionError(f"Shears do nothing to a {entity.name}")
        if entity.attrs.get("sheared"):
            raise ActionError(f"This {entity.name} is sheared; its wool grows back as it grazes")
        self.go_near_entity(entity)
        colour = entity.attrs.get("colour", "white")
        count = self.world.rng.randint(*self.mock["sheep"]["wool_when_sheared"])
        entity.attrs["sheared"] = True
        name = f"{colour}_wool"
        drop = self.world.spawn_item(name, count, entity.x + 0.5, entity.y, entity.z)
        self.bot_events.append(["itemDrop", entity_json(drop)])
        return {name: count}

    def milk(self, entity: Entity) -> str:
        """Fill the empty bucket held with milk from a cow (goat, mooshroom)."""
        milk = self.rules.data.used_for(EMPTY_BUCKET, [entity.name])
        if not milk:
            raise ActionError(f"A {entity.name} cannot be milked")
        self.go_near_entity(entity)
        self.take_held(EMPTY_BUCKET)
        self.give_to_hand(milk[0])
        return milk[0]

    def go_near_entity(self, entity: Entity) -> None:
        reach = self.mock["use_reach"]
        if self.distance_to(entity.x, entity.y, entity.z) > reach:
            angle = math.atan2(self.body.z - entity.z, self.body.x - entity.x)
            x, z = math.cos(angle) * (reach - 1), math.sin(angle) * (reach - 1)
            self._move_to(entity.x + x, None, entity.z + z)

    def _graze(self, ticks: int) -> None:
        """A sheared sheep eats grass now and then (1 in ``regrow_one_in`` a tick) and regrows."""
        chance = 1 - (1 - 1 / self.mock["sheep"]["regrow_one_in"]) ** ticks
        for entity in self.world.entities.values():
            if entity.attrs.get("sheared") and self.world.rng.random() < chance:
                entity.attrs["sheared"] = False

    def _lay_eggs(self) -> None:
        """Chickens near the bot lay an egg every 5 to 10 minutes; old eggs despawn."""
        hens = self.mock["chicken"]
        b, now = self.body, self.world.ticks
        for entity in self.world.entities_near(b.x, b.y, b.z, hens["laying_range"]):
            if entity.name == "chicken" and now >= entity.attrs.get("next_egg", math.inf):
                egg = self.world.spawn_item("egg", 1, entity.x, entity.y, entity.z)
                egg.attrs["despawn_at"] = now + hens["item_despawn_ticks"]
                entity.attrs["next_egg"] = now + self.world.rng.randint(*hens["egg_ticks"])
        for entity in list(self.world.entities.values()):
            if now >= entity.attrs.get("despawn_at", math.inf):
                del self.world.entities[entity.id]
