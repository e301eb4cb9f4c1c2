"""Fighting mobs (they hit back, die and drop their loot), and hostile mobs at night."""

from __future__ import annotations

import math
from typing import Any

from voyager.env.mock.movement import Movement
from voyager.env.mock.state import STEP_EVENT, ActionError, Goal, entity_json
from voyager.env.mock.world import Entity


class Combat(Movement):
    def attack(self, entity_id: int) -> None:
        if entity_id not in self.world.entities:
            raise ActionError(f"No entity with id {entity_id}")
        self.target = entity_id
        self._cooldown = 0

    def stop_attack(self) -> bool:
        was = self.target is not None
        self.target = None
        return was

    def _fight(self, ticks: int) -> None:
        entity = self.world.entities.get(self.target) if self.target is not None else None
        if entity is None:
            return
        close = 2.5
        if self.distance_to(entity.x, entity.y, entity.z) > close:
            self.goal = Goal(entity.x, entity.y, entity.z, close, follow=entity.id)
            self._walk(ticks)
        if self.distance_to(entity.x, entity.y, entity.z) > close + 0.5:
            return
        self._cooldown -= ticks
        while self._cooldown <= 0 and entity.health > 0:
            entity.health -= self.rules.weapon_damage(self.held_item())
            self._exhaust(self.mock["exhaustion"]["per_attack"])
            self._cooldown += self.mock["attack_interval_ticks"]
        self._hit_back(entity, ticks)
        if entity.health <= 0:
            self._kill(entity)

    def _hit_back(self, entity: Entity, ticks: int) -> None:
        hostile = self.mock["hostile_night"]
        damage = hostile["damage_per_hit"].get(entity.name)
        if not damage:
            return
        self._hurt_cooldown -= ticks
        while self._hurt_cooldown <= 0:
            self.hurt(float(damage), f"was slain by {entity.name}")
            self._hurt_cooldown += hostile["hit_interval_ticks"]

    def _kill(self, entity: Entity) -> None:
        del self.world.entities[entity.id]
        self.target = None
        self.goal = None
        for name, count in self.rules.mob_loot(entity.name, self.world.rng, entity.attrs).items():
            item = self.world.spawn_item(name, count, entity.x, entity.y, entity.z)
            self.bot_events.append(["itemDrop", entity_json(item)])
        self.bot_events.append([STEP_EVENT, {"type": "kill", "mob": entity.name}])
        self.bot_events.append(["entityDead", entity_json(entity)])
        self.bot_events.append(["entityGone", entity_json(entity)])

    def _night(self, ticks: int) -> None:
        """Hostile mobs appear in the dark: on the surface at night, underground at any time."""
        hostile = self.mock["hostile_night"]
        before = (self.world.ticks - ticks) // hostile["every_ticks"]
        after = self.world.ticks // hostile["every_ticks"]
        dark = self.light() == 0
        self._despawn_far(hostile["despawn_beyond"])
        if not self.is_night():
            self._burn_hostiles()
            if not dark:
                return
        b = self.body
        near = [e for e in self.world.entities_near(b.x, b.y, b.z, 128) if e.kind == "hostile"]
        room = hostile["cap"] - len(near)
        for _ in range(max(0, after - before)):
            if room > 0 and self.rng.random() < hostile["chance"]:
                self._spawn_hostile(hostile, underground=dark)
                room -= 1

    def _spawn_hostile(self, hostile: dict[str, Any], underground: bool) -> None:
        kinds = hostile["kinds"]
        name = self.rng.choices(list(kinds), list(kinds.values()))[0]
        angle = self.rng.uniform(0, 2 * math.pi)
        distance = self.rng.uniform(*hostile["distance"])
        x = math.floor(self.body.x + math.cos(angle) * distance)
        z = math.floor(self.body.z + math.sin(angle) * distance)
        y = self.body.y if underground else float(self.world.ground(x, z))
        self.world.spawn(name, x + 0.5, y, z + 0.5)

    def _despawn_far(self, distance: float) -> None:
        b = self.body
        for entity in list(self.world.entities.values()):
            if entity.kind == "hostile" and entity.distance_to(b.x, b.y, b.z) > distance:
                del self.world.entities[entity.id]

    def _burn_hostiles(self) -> None:
        """Zombies and skeletons in daylight burn: those on the surface go."""
        for entity in list(self.world.entities.values()):
            if entity.name not in ("zombie", "skeleton") or entity.id == self.target:
                continue
            if entity.y >= self.world.terrain.height(math.floor(entity.x), math.floor(entity.z)):
                del self.world.entities[entity.id]
