"""Prints the size of the action prompt, in tokens, for a typical mid-run state.

The state: a bot some 20 iterations in (a dozen inventory kinds, a forest
with stone nearby, a cow in sight), its last round failed with an error and
a critique, and 5 retrieved skills of the kind an LLM writes (the example
programs of tests/data/example_skills). Tokens are counted offline with
bpe-openai's cl100k_base and o200k_base. Goal: at most 2,700 tokens; the
original Voyager's prompt for such a state is about 4,550.
"""

from __future__ import annotations

import sys
from pathlib import Path

import bpe_openai

from voyager.agents.action import Feedback, SkillText, action_messages

GOAL_TOKENS = 2700
ORIGINAL_TOKENS = 4550
EXAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "example_skills"
RETRIEVED = [
    "craftStonePickaxe",
    "mineCobblestone",
    "craftWoodenPickaxe",
    "placeCraftingTable",
    "mineCoal",
]


def mid_run_observation() -> dict[str, object]:
    inventory = {
        "oak_log": 3,
        "oak_planks": 7,
        "stick": 5,
        "crafting_table": 1,
        "wooden_pickaxe": 1,
        "stone_pickaxe": 1,
        "cobblestone": 14,
        "dirt": 9,
        "coal": 4,
        "oak_sapling": 2,
        "wheat_seeds": 3,
        "raw_iron": 1,
    }
    return {
        "status": {
            "health": 17.0,
            "food": 14.0,
            "saturation": 0.0,
            "oxygen": 20,
            "position": {"x": 112.5, "y": 63.0, "z": -40.3},
            "velocity": {"x": 0.0, "y": -0.08, "z": 0.0},
            "yaw": 1.2,
            "pitch": 0.0,
            "onGround": True,
            "equipment": [None, None, None, None, "stone_pickaxe", None],
            "biome": "forest",
            "entities": {"cow": 14.2, "zombie": 27.9, "chicken": 20.4},
            "timeOfDay": "sunset",
            "inventoryUsed": len(inventory),
            "elapsedTime": 24000,
            "light": 12,
            "dimension": "overworld",
        },
        "voxels": [
            "grass_block",
            "dirt",
            "stone",
            "oak_log",
            "oak_leaves",
            "birch_log",
            "birch_leaves",
            "short_grass",
            "dandelion",
            "coal_ore",
            "gravel",
            "water",
            "sand",
            "andesite",
        ],
        "blockRecords": ["iron_ore", "granite", "poppy", "sugar_cane"],
        "nearestBlocks": {"coal_ore": {"x": 117, "y": 60, "z": -42}},
        "inventory": inventory,
        "nearbyChests": {},
        "events": [],
    }


def last_round() -> Feedback:
    return Feedback(
        code=(
            "async function craftFurnace(bot) {\n"
            "  await mineBlock(bot, 'stone', 8);\n"
            "  await craftItem(bot, 'furnace', 1);\n"
            "}"
        ),
        errors=["Error: No crafting table nearby\n    at craftFurnace (line 3)"],
        chat=["Collected 8 cobblestone.", "No crafting table nearby"],
        critique="Place the crafting table near you before crafting the furnace.",
    )


def main() -> int:
    skills = [SkillText(n, (EXAMPLES / f"{n}.js").read_text()) for n in RETRIEVED]
    messages = action_messages(
        "Craft 1 furnace",
        "A furnace takes 8 cobblestone at a crafting table.",
        mid_run_observation(),
        last_round(),
        skills,
    )
    text = "\n".join(m["content"] for m in messages)
    print(f"action prompt: {len(text)} characters, 5 retrieved skills")
    for name in ("cl100k_base", "o200k_base"):
        tokens = len(bpe_openai.get_encoding(name).encode(text))
        print(
            f"  {name}: {tokens} tokens (goal <= {GOAL_TOKENS}: "
            f"{'met' if tokens <= GOAL_TOKENS else 'MISSED'}; "
            f"{tokens / ORIGINAL_TOKENS:.2f} of the original's ~{ORIGINAL_TOKENS})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
