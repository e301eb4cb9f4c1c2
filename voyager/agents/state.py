"""Render an observation as the short text the LLM roles read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from voyager.env.contract import EQUIPMENT_SLOTS

ALL_FIELDS = (
    "biome",
    "time",
    "nearby_blocks",
    "other_blocks",
    "nearby_entities",
    "health",
    "hunger",
    "position",
    "equipment",
    "inventory",
    "chests",
)
MAX_NEARBY_BLOCKS = 30


def render_state(obs: Mapping[str, Any], fields: Iterable[str] = ALL_FIELDS) -> str:
    """One line per field, in a fixed order; unknown field names are an error."""
    wanted = set(fields)
    unknown = wanted - set(ALL_FIELDS)
    if unknown:
        raise ValueError(f"unknown state fields {sorted(unknown)}")
    return "\n".join(_LINES[name](obs) for name in ALL_FIELDS if name in wanted)


def _status(obs: Mapping[str, Any]) -> Mapping[str, Any]:
    status: Mapping[str, Any] = obs.get("status", {})
    return status


def _nearby_blocks(obs: Mapping[str, Any]) -> str:
    names = sorted(set(obs.get("voxels", [])))[:MAX_NEARBY_BLOCKS]
    return "Nearby blocks: " + (", ".join(names) or "none")


def _other_blocks(obs: Mapping[str, Any]) -> str:
    seen = set(obs.get("voxels", []))
    names = [n for n in obs.get("blockRecords", []) if n not in seen][:MAX_NEARBY_BLOCKS]
    return "Other blocks seen recently: " + (", ".join(names) or "none")


def _entities(obs: Mapping[str, Any]) -> str:
    entities: Mapping[str, float] = _status(obs).get("entities", {})
    parts = [
        f"{name} ({dist:.0f} m)" for name, dist in sorted(entities.items(), key=lambda e: e[1])
    ]
    return "Nearby entities: " + (", ".join(parts) or "none")


def _position(obs: Mapping[str, Any]) -> str:
    pos = _status(obs).get("position", {})
    return "Position: " + ", ".join(f"{axis}={pos.get(axis, 0):.1f}" for axis in "xyz")


def _equipment(obs: Mapping[str, Any]) -> str:
    slots = _status(obs).get("equipment", [None] * len(EQUIPMENT_SLOTS))
    worn = [f"{slot}: {name}" for slot, name in zip(EQUIPMENT_SLOTS, slots, strict=False) if name]
    return "Equipment: " + (", ".join(worn) or "nothing")


def _inventory(obs: Mapping[str, Any]) -> str:
    inventory: Mapping[str, int] = obs.get("inventory", {})
    used = _status(obs).get("inventoryUsed", len(inventory))
    items = ", ".join(f"{name}: {count}" for name, count in sorted(inventory.items()))
    return f"Inventory ({used}/36): " + (items or "empty")


def _chests(obs: Mapping[str, Any]) -> str:
    chests: Mapping[str, Any] = obs.get("nearbyChests", {})
    if not chests:
        return "Chests: none known"
    parts = []
    for where, content in chests.items():
        if isinstance(content, Mapping):
            inside = ", ".join(f"{k}: {v}" for k, v in content.items()) or "empty"
        else:
            inside = str(content)
        parts.append(f"{where}: {inside}")
    return "Chests: " + "; ".join(parts)


_LINES = {
    "biome": lambda obs: f"Biome: {_status(obs).get('biome', 'unknown')}",
    "time": lambda obs: f"Time: {_status(obs).get('timeOfDay', 'unknown')}",
    "nearby_blocks": _nearby_blocks,
    "other_blocks": _other_blocks,
    "nearby_entities": _entities,
    "health": lambda obs: f"Health: {_status(obs).get('health', 0):.0f}/20",
    "hunger": lambda obs: f"Hunger: {_status(obs).get('food', 0):.0f}/20",
    "position": _position,
    "equipment": _equipment,
    "inventory": _inventory,
    "chests": _chests,
}
